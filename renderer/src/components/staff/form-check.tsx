/** A checkbox bound to react-hook-form, with its visible label and an optional hint beneath. */
import type { ReactNode } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';

export function FormCheck<T extends FieldValues>({
  control,
  name,
  label,
  helperText,
  onToggle,
}: {
  readonly control: Control<T>;
  readonly name: FieldPath<T>;
  readonly label: string;
  readonly helperText?: ReactNode;
  /** Called after the box changes (to clear or set fields that depend on it). */
  readonly onToggle?: (checked: boolean) => void;
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Box>
          <FormControlLabel
            sx={{ m: 0 }}
            control={
              <Checkbox
                name={field.name}
                slotProps={{ input: { ref: field.ref } as object }}
                checked={Boolean(field.value)}
                onBlur={field.onBlur}
                onChange={(e) => {
                  field.onChange(e.target.checked);
                  onToggle?.(e.target.checked);
                }}
              />
            }
            label={label}
          />
          {fieldState.error || helperText ? (
            <FormHelperText error={!!fieldState.error} sx={{ mt: 0, ml: 4 }}>
              {fieldState.error?.message ?? helperText}
            </FormHelperText>
          ) : null}
        </Box>
      )}
    />
  );
}
