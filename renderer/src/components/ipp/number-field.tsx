import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import TextField, { type TextFieldProps } from '@mui/material/TextField';

/** A whole-number field bound to react-hook-form, holding null when empty (the contract's shape). */
export function FormNumber<T extends FieldValues>({
  control,
  name,
  label,
  helperText,
  ...rest
}: {
  readonly control: Control<T>;
  readonly name: FieldPath<T>;
  readonly label: string;
  readonly helperText?: string;
} & Omit<TextFieldProps, 'name' | 'label' | 'helperText' | 'value' | 'onChange' | 'error'>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          {...rest}
          inputRef={field.ref}
          name={field.name}
          label={label}
          value={field.value === null || field.value === undefined ? '' : String(field.value as number)}
          onChange={(e) => {
            const raw = e.target.value.trim();
            field.onChange(raw === '' ? null : /^\d+$/.test(raw) ? Number(raw) : (raw as unknown as number));
          }}
          onBlur={field.onBlur}
          error={!!fieldState.error}
          helperText={fieldState.error?.message ?? helperText}
          slotProps={{ htmlInput: { inputMode: 'numeric', pattern: '[0-9]*', maxLength: 4 } }}
        />
      )}
    />
  );
}
