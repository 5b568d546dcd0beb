/** Filter by pupil: type part of a name or UPN (searches the register as you type); empty means everyone. */
import { useTranslation } from 'react-i18next';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { usePupilSearch, type PickedPupil } from '../therapy/pupil-picker';

export function PupilFilter({
  value,
  onChange,
}: {
  readonly value: PickedPupil | null;
  readonly onChange: (p: PickedPupil | null) => void;
}) {
  const { t } = useTranslation();
  const { input, setInput, options, loading } = usePupilSearch(value);
  return (
    <Autocomplete
      size="small"
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
      noOptionsText={t('sessionsUi.calendar.noPupilMatch')}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('sessionsUi.calendar.pupilFilter')}
          placeholder={t('sessionsUi.calendar.allPupils')}
          slotProps={{ ...params.slotProps, inputLabel: { ...params.slotProps.inputLabel, shrink: true } }}
        />
      )}
    />
  );
}
