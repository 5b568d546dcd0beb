/** Choose a pupil by typing part of a name or UPN (searches the register as you type). */
import { useState, type Ref } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { PupilRow } from '../../../../shared/contract';
import { yearGroupLabel } from '../../../../shared/i18n';
import { call } from '../../api/client';
import { useDebounced } from '../../lib/use-debounced';
import { qk } from '../../lib/query-keys';

export interface PickedPupil {
  readonly id: string;
  readonly name: string;
  readonly detail: string;
}

export function toPicked(p: PupilRow): PickedPupil {
  return { id: p.id, name: p.name, detail: `${yearGroupLabel(p.yearGroup)} · UPN ${p.upn}` };
}

/** Pupils on roll matching what is typed (the register's search, debounced), with the chosen one kept in the list. */
export function usePupilSearch(value: PickedPupil | null) {
  const [input, setInput] = useState('');
  const search = useDebounced(input.trim(), 200);
  const query = useQuery({
    queryKey: qk('pupils.list', { search, pageSize: 20, picker: true }),
    queryFn: () => call('pupils.list', { search: search || undefined, pageSize: 20, sort: 'name', direction: 'asc' }),
  });
  const found = (query.data?.rows ?? []).filter((r) => !r.former).map(toPicked);
  const options = value && !found.some((o) => o.id === value.id) ? [value, ...found] : found;
  return { input, setInput, search, options, loading: query.isFetching };
}

/**
 * The pupil picker: the therapy forms' required "Pupil" by default; the other forms pass their own label, help and
 * texts (a complaint's optional pupil, the safeguarding dialog's pupil with its advice when nobody is found).
 */
export function PupilPicker({
  value,
  onChange,
  onBlur,
  error,
  inputRef,
  id,
  label,
  help,
  required = true,
  noMatch,
  none,
}: {
  readonly value: PickedPupil | null;
  readonly onChange: (p: PickedPupil | null) => void;
  readonly onBlur?: () => void;
  readonly error?: string | null;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly id?: string;
  readonly label?: string;
  /** Helper text; with a pupil chosen, their year group and UPN come first. */
  readonly help?: string;
  readonly required?: boolean;
  /** What to say when nobody matches what was typed, and when there is nobody to list. */
  readonly noMatch?: (search: string) => string;
  readonly none?: string;
}) {
  const { t } = useTranslation();
  const { input, setInput, search, options, loading } = usePupilSearch(value);
  const helpText = help ?? t('therapyUi.pupilPicker.help');
  return (
    <Autocomplete
      {...(id ? { id } : {})}
      value={value}
      onChange={(_, v) => onChange(v)}
      inputValue={input}
      onInputChange={(_, v) => setInput(v)}
      options={options}
      getOptionLabel={(o) => o.name}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(x) => x}
      loading={loading}
      loadingText={t('app.loading')}
      noOptionsText={
        search
          ? noMatch
            ? noMatch(search)
            : t('therapyUi.pupilPicker.noMatch', { search })
          : (none ?? t('therapyUi.pupilPicker.noPupils'))
      }
      onBlur={onBlur}
      renderOption={({ key, ...props }, o) => (
        <Box component="li" key={key} {...props}>
          <Box>
            <Typography>{o.name}</Typography>
            {o.detail ? (
              <Typography variant="body2" color="text.secondary">
                {o.detail}
              </Typography>
            ) : null}
          </Box>
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          inputRef={inputRef}
          name="pupilId"
          label={label ?? t('therapyUi.pupilPicker.label')}
          required={required}
          error={!!error}
          helperText={error ?? (value ? (help ? `${value.detail}. ${helpText}` : value.detail) : helpText)}
        />
      )}
    />
  );
}
