/**
 * Form controls bound to react-hook-form. Optional text is held as null when empty (the contract's shape), dates
 * as ISO yyyy-mm-dd strings while the picker shows dd/mm/yyyy. Every control has a visible label, and its message
 * (from the shared zod schema or from the server) sits beside it.
 */
import { useState, type ReactNode, type Ref } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import MenuItem from '@mui/material/MenuItem';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { format, isValid, parse } from 'date-fns';
import { isIsoDate } from '../../../shared/dates';
import { t } from '../../../shared/i18n';

type Common<T extends FieldValues> = {
  readonly control: Control<T>;
  readonly name: FieldPath<T>;
  readonly label: string;
  readonly helperText?: ReactNode;
  readonly required?: boolean;
};

export function FormText<T extends FieldValues>({
  control,
  name,
  label,
  helperText,
  required,
  nullable = false,
  liveError,
  ...rest
}: Common<T> & {
  readonly nullable?: boolean;
  /** A message computed as you type (the UPN check letter), shown until the schema's own message replaces it. */
  readonly liveError?: string | null;
} & Omit<TextFieldProps, 'name' | 'label' | 'helperText' | 'required' | 'value' | 'onChange' | 'error'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const message = fieldState.error?.message ?? liveError ?? null;
        return (
          <TextField
            {...rest}
            inputRef={field.ref}
            name={field.name}
            label={label}
            required={required}
            value={(field.value as string | null | undefined) ?? ''}
            onChange={(e) => field.onChange(nullable && e.target.value === '' ? null : e.target.value)}
            onBlur={field.onBlur}
            error={message !== null}
            helperText={message ?? helperText}
          />
        );
      }}
    />
  );
}

export function FormSelect<T extends FieldValues>({
  control,
  name,
  label,
  helperText,
  required,
  options,
  nullable = false,
  ...rest
}: Common<T> & {
  readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly nullable?: boolean;
} & Omit<TextFieldProps, 'name' | 'label' | 'helperText' | 'required' | 'value' | 'onChange' | 'error' | 'select'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          {...rest}
          select
          inputRef={field.ref}
          name={field.name}
          label={label}
          required={required}
          value={(field.value as string | null | undefined) ?? ''}
          onChange={(e) => field.onChange(nullable && e.target.value === '' ? null : e.target.value)}
          onBlur={field.onBlur}
          error={!!fieldState.error}
          helperText={fieldState.error?.message ?? helperText}
        >
          {options.map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );
}

/** Turns an ISO date into a local Date at midnight (calendar dates carry no time zone), or null. */
export function isoToDate(iso: string | null | undefined): Date | null {
  if (!iso || !isIsoDate(iso)) return null;
  return parse(iso, 'yyyy-MM-dd', new Date(2000, 0, 1));
}

/**
 * What the form holds for what the picker shows: an ISO date; null when empty; for a half-typed or impossible
 * date the literal 'invalid', which the schema refuses with "Enter a real date as dd/mm/yyyy".
 */
export function dateToIso(date: Date | null): string | null {
  if (date === null) return null;
  return isValid(date) ? format(date, 'yyyy-MM-dd') : 'invalid';
}

export function IsoDateInput({
  value,
  onChange,
  onBlur,
  label,
  name,
  required,
  error,
  helperText,
  disableFuture,
  inputRef,
}: {
  readonly value: string | null | undefined;
  readonly onChange: (iso: string | null) => void;
  readonly onBlur?: () => void;
  readonly label: string;
  readonly name: string;
  readonly required?: boolean;
  readonly error?: string | null;
  readonly helperText?: ReactNode;
  readonly disableFuture?: boolean;
  readonly inputRef?: Ref<HTMLInputElement>;
}) {
  // The picker keeps its own Date (possibly half-typed); it only follows the form when the form changes the value.
  const [local, setLocal] = useState<Date | null>(() => isoToDate(value));
  const [seen, setSeen] = useState(value ?? null);
  if ((value ?? null) !== seen) {
    setSeen(value ?? null);
    if ((value ?? null) !== dateToIso(local)) setLocal(isoToDate(value));
  }
  return (
    <DatePicker
      label={label}
      value={local}
      format="dd/MM/yyyy"
      disableFuture={disableFuture}
      inputRef={inputRef}
      onChange={(d) => {
        setLocal(d);
        const iso = dateToIso(d);
        setSeen(iso);
        onChange(iso);
      }}
      slotProps={{
        textField: {
          name,
          required,
          error: !!error,
          helperText: error ?? helperText ?? t('form.dateHint'),
          onBlur,
          fullWidth: true,
        },
        openPickerButton: { 'aria-label': t('form.chooseDate', { label }) },
      }}
    />
  );
}

export function FormDate<T extends FieldValues>({
  control,
  name,
  label,
  helperText,
  required,
  disableFuture,
}: Common<T> & { readonly disableFuture?: boolean }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <IsoDateInput
          value={field.value as string | null | undefined}
          onChange={(iso) => field.onChange(iso === null && required ? '' : iso)}
          onBlur={field.onBlur}
          inputRef={field.ref}
          label={label}
          name={field.name}
          required={required}
          error={fieldState.error?.message ?? null}
          helperText={helperText}
          disableFuture={disableFuture}
        />
      )}
    />
  );
}
