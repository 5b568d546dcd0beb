/** Filter by pupil: type part of a name or UPN (searches the register as you type); empty means everyone. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { call } from '../../api/client';
import { useDebounced } from '../../lib/use-debounced';
import { toPicked, type PickedPupil } from '../therapy/pupil-picker';

export function PupilFilter({ value, onChange }: { readonly value: PickedPupil | null; readonly onChange: (p: PickedPupil | null) => void }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const search = useDebounced(input.trim(), 200);
  const query = useQuery({
    queryKey: ['pupils.list', { search, pageSize: 20, picker: true }],
    queryFn: () => call('pupils.list', { search: search || undefined, pageSize: 20, sort: 'name', direction: 'asc' }),
  });
  const options = (query.data?.rows ?? []).filter((r) => !r.former).map(toPicked);
  return (
    <Autocomplete
      size="small"
      value={value}
      onChange={(_, v) => onChange(v)}
      inputValue={input}
      onInputChange={(_, v) => setInput(v)}
      options={value && !options.some((o) => o.id === value.id) ? [value, ...options] : options}
      getOptionLabel={(o) => o.name}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(x) => x}
      loading={query.isFetching}
      loadingText={t('app.loading')}
      noOptionsText={t('sessionsUi.calendar.noPupilMatch')}
      renderInput={(params) => <TextField {...params} label={t('sessionsUi.calendar.pupilFilter')} placeholder={t('sessionsUi.calendar.allPupils')} slotProps={{ ...params.slotProps, inputLabel: { ...params.slotProps.inputLabel, shrink: true } }} />}
    />
  );
}
