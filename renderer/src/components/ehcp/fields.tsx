/**
 * Controls the plan editor needs beyond components/form-fields: a whole-number field held as number | null, a
 * multi-select of linked rows shown as short chips, and a checkbox with its message beside it.
 */
import { useState, type ReactNode } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';

/** Text typed into a count field as the form's value: '' is null, a whole number is itself, anything else NaN (refused). */
export function parseCount(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  return /^\d+$/.test(s) ? Number(s) : Number.NaN;
}

function CountInput({
  value,
  onChange,
  onBlur,
  inputRef,
  name,
  label,
  error,
  helperText,
  disabled,
}: {
  readonly value: number | null | undefined;
  readonly onChange: (v: number | null) => void;
  readonly onBlur: () => void;
  readonly inputRef: (el: HTMLInputElement | null) => void;
  readonly name: string;
  readonly label: string;
  readonly error?: string | undefined;
  readonly helperText?: ReactNode;
  readonly disabled?: boolean | undefined;
}) {
  // Keeps what was typed (even "3x") so nothing is lost; the form holds the number or NaN.
  const [text, setText] = useState(() => (value === null || value === undefined || Number.isNaN(value) ? '' : String(value)));
  const [seen, setSeen] = useState(value);
  if (value !== seen && !(Number.isNaN(value) && Number.isNaN(seen))) {
    setSeen(value);
    if (parseCount(text) !== value) setText(value === null || value === undefined || Number.isNaN(value) ? '' : String(value));
  }
  return (
    <TextField
      inputRef={inputRef}
      name={name}
      label={label}
      value={text}
      disabled={disabled}
      onChange={(e) => {
        setText(e.target.value);
        const v = parseCount(e.target.value);
        setSeen(v);
        onChange(v);
      }}
      onBlur={onBlur}
      error={!!error}
      helperText={error ?? helperText}
      autoComplete="off"
      slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5 } }}
    />
  );
}

export function FormCount<T extends FieldValues>({
  control,
  name,
  label,
  helperText,
  disabled,
  onValueChange,
}: {
  readonly control: Control<T>;
  readonly name: FieldPath<T>;
  readonly label: string;
  readonly helperText?: ReactNode;
  readonly disabled?: boolean;
  readonly onValueChange?: () => void;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <CountInput
          value={field.value as number | null | undefined}
          onChange={(v) => {
            field.onChange(v);
            onValueChange?.();
          }}
          onBlur={field.onBlur}
          inputRef={field.ref}
          name={field.name}
          label={label}
          error={fieldState.error?.message}
          helperText={helperText}
          disabled={disabled}
        />
      )}
    />
  );
}

export interface LinkOption {
  readonly value: string;
  /** Short, for the chip: "Need 2". */
  readonly short: string;
  /** Long, for the menu: "Need 2: Cognition and learning – Reading comprehension…". */
  readonly label: string;
}

export function FormMultiSelect<T extends FieldValues>({
  control,
  name,
  label,
  options,
  emptyText,
  helperText,
}: {
  readonly control: Control<T>;
  readonly name: FieldPath<T>;
  readonly label: string;
  readonly options: readonly LinkOption[];
  /** Shown (and the field disabled) when there is nothing to link to yet. */
  readonly emptyText: string;
  readonly helperText?: ReactNode;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const value = ((field.value as string[] | undefined) ?? []).filter((k) => options.some((o) => o.value === k));
        const error =
          fieldState.error?.message ??
          (Array.isArray(fieldState.error) ? (fieldState.error as { message?: string }[]).find((e) => e?.message)?.message : undefined);
        return (
          <TextField
            select
            inputRef={field.ref}
            name={field.name}
            label={label}
            value={value}
            disabled={options.length === 0}
            onChange={(e) => {
              const v = e.target.value as unknown;
              field.onChange(typeof v === 'string' ? v.split(',') : (v as string[]));
            }}
            onBlur={field.onBlur}
            error={!!error}
            helperText={error ?? (options.length === 0 ? emptyText : helperText)}
            slotProps={{
              select: {
                multiple: true,
                renderValue: (selected) => (
                  <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
                    {(selected as string[]).map((k) => (
                      <Chip key={k} size="small" label={options.find((o) => o.value === k)?.short ?? k} />
                    ))}
                  </Box>
                ),
                MenuProps: { slotProps: { paper: { sx: { maxWidth: 560 } } } },
              },
            }}
          >
            {options.map((o) => (
              <MenuItem key={o.value} value={o.value} sx={{ whiteSpace: 'normal' }}>
                <Checkbox checked={value.includes(o.value)} size="small" sx={{ mr: 1, p: 0.5 }} tabIndex={-1} disableRipple />
                <ListItemText primary={o.label} />
              </MenuItem>
            ))}
          </TextField>
        );
      }}
    />
  );
}

export function FormCheckbox<T extends FieldValues>({
  control,
  name,
  label,
  helperText,
  message,
  onValueChange,
}: {
  readonly control: Control<T>;
  readonly name: FieldPath<T>;
  readonly label: string;
  readonly helperText?: ReactNode;
  /** A message computed from other fields (shown instead of the schema's own, which may be stale). */
  readonly message?: string | null;
  readonly onValueChange?: (checked: boolean) => void;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const error = message !== undefined ? message : (fieldState.error?.message ?? null);
        const id = `${field.name}-message`;
        return (
          <FormControl error={!!error}>
            <FormControlLabel
              control={
                <Checkbox
                  checked={!!field.value}
                  onChange={(e) => {
                    field.onChange(e.target.checked);
                    onValueChange?.(e.target.checked);
                  }}
                  onBlur={field.onBlur}
                  slotProps={{ input: { ref: field.ref, 'aria-describedby': id, 'aria-invalid': !!error } as object }}
                />
              }
              label={label}
            />
            <FormHelperText
              id={id}
              sx={{ mt: 0, ml: 4 }}
              role={error ? 'alert' : undefined}
              data-testid={error ? 'field-error' : undefined}
            >
              {error ?? helperText}
            </FormHelperText>
          </FormControl>
        );
      }}
    />
  );
}
