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
    queryKey: ['pupils.list', { search, pageSize: 20, picker: true }],
    queryFn: () => call('pupils.list', { search: search || undefined, pageSize: 20, sort: 'name', direction: 'asc' }),
  });
  const found = (query.data?.rows ?? []).filter((r) => !r.former).map(toPicked);
  const options = value && !found.some((o) => o.id === value.id) ? [value, ...found] : found;
  return { input, setInput, search, options, loading: query.isFetching };
}

export function PupilPicker({
  value,
  onChange,
  onBlur,
  error,
  inputRef,
}: {
  readonly value: PickedPupil | null;
  readonly onChange: (p: PickedPupil | null) => void;
  readonly onBlur?: () => void;
  readonly error?: string | null;
  readonly inputRef?: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  const { input, setInput, search, options, loading } = usePupilSearch(value);
  return (
    <Autocomplete
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
      noOptionsText={search ? t('therapyUi.pupilPicker.noMatch', { search }) : t('therapyUi.pupilPicker.noPupils')}
      onBlur={onBlur}
      renderOption={({ key, ...props }, o) => (
        <Box component="li" key={key} {...props}>
          <Box>
            <Typography>{o.name}</Typography>
            <Typography variant="body2" color="text.secondary">
              {o.detail}
            </Typography>
          </Box>
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          inputRef={inputRef}
          name="pupilId"
          label={t('therapyUi.pupilPicker.label')}
          required
          error={!!error}
          helperText={error ?? (value ? value.detail : t('therapyUi.pupilPicker.help'))}
        />
      )}
    />
  );
}
