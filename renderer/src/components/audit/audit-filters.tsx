/** The audit view's filters: user, pupil (the sessions screens' pupil filter), date range and operation. */
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import FilterAltOffOutlined from '@mui/icons-material/FilterAltOffOutlined';
import type { UserSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { dateToIso, isoToDate } from '../form-fields';
import { PupilFilter } from '../sessions/pupil-filter';
import type { PickedPupil } from '../therapy/pupil-picker';
import { datesReversed, isFiltered, operationOptions, type AuditFilters, type OperationOption } from './audit-model';
import { qk } from '../../lib/query-keys';

/** A compact dd/mm/yyyy date for a filter: keeps its own half-typed value, reports an ISO date, null or 'invalid'. */
function DayFilter({
  label,
  name,
  value,
  onChange,
  error,
}: {
  readonly label: string;
  readonly name: string;
  readonly value: string | null;
  readonly onChange: (iso: string | null) => void;
  readonly error?: string | null;
}) {
  const { t } = useTranslation();
  const [local, setLocal] = useState<Date | null>(() => isoToDate(value));
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== dateToIso(local)) setLocal(isoToDate(value));
  }
  return (
    <DatePicker
      label={label}
      value={local}
      format="dd/MM/yyyy"
      onChange={(d) => {
        setLocal(d);
        const iso = dateToIso(d);
        setSeen(iso);
        onChange(iso);
      }}
      slotProps={{
        textField: { name, size: 'small', fullWidth: true, error: !!error, helperText: error ?? undefined },
        openPickerButton: { 'aria-label': t('form.chooseDate', { label }) },
      }}
    />
  );
}

export function AuditFilterBar({
  filters,
  pupil,
  onChange,
  onPupil,
  onClear,
}: {
  readonly filters: AuditFilters;
  readonly pupil: PickedPupil | null;
  readonly onChange: (patch: Partial<AuditFilters>) => void;
  readonly onPupil: (p: PickedPupil | null) => void;
  readonly onClear: () => void;
}) {
  const { t } = useTranslation();
  const users = useQuery({ queryKey: qk('users.list'), queryFn: () => call('users.list', {}), staleTime: 60_000 });
  const userOptions = useMemo(
    () => [...(users.data ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB')),
    [users.data],
  );
  const user = userOptions.find((u) => u.id === filters.userId) ?? null;
  const operations = useMemo(() => operationOptions(), []);
  const operation = operations.find((o) => o.op === filters.operation) ?? null;
  const reversed = datesReversed(filters);
  const shrink = (params: { slotProps: { inputLabel?: object } }) => ({
    ...params.slotProps,
    inputLabel: { ...params.slotProps.inputLabel, shrink: true },
  });

  return (
    <Box
      component="form"
      role="search"
      aria-label={t('auditUi.filters.label')}
      onSubmit={(e) => e.preventDefault()}
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', md: 'repeat(3, minmax(0, 1fr))', lg: '1.2fr 1.2fr 0.9fr 0.9fr 1.4fr auto' },
        gap: 2,
        alignItems: 'start',
        mb: 2,
      }}
    >
      <Autocomplete<UserSummary>
        size="small"
        value={user}
        onChange={(_, v) => onChange({ userId: v?.id ?? null })}
        options={userOptions}
        getOptionLabel={(u) => `${u.displayName} (${u.username})`}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        loading={users.isFetching}
        loadingText={t('app.loading')}
        noOptionsText={t('auditUi.filters.noUserMatch')}
        renderInput={(params) => (
          <TextField {...params} label={t('auditUi.filters.user')} placeholder={t('auditUi.filters.allUsers')} slotProps={shrink(params)} />
        )}
      />
      <PupilFilter value={pupil} onChange={onPupil} />
      <DayFilter label={t('auditUi.filters.from')} name="from" value={filters.from} onChange={(iso) => onChange({ from: iso })} />
      <DayFilter
        label={t('auditUi.filters.to')}
        name="to"
        value={filters.to}
        onChange={(iso) => onChange({ to: iso })}
        error={reversed ? t('auditUi.filters.toBeforeFrom') : null}
      />
      <Autocomplete<OperationOption>
        size="small"
        value={operation}
        onChange={(_, v) => onChange({ operation: v?.op ?? null })}
        options={operations}
        getOptionLabel={(o) => o.label}
        isOptionEqualToValue={(a, b) => a.op === b.op}
        noOptionsText={t('auditUi.filters.noOperationMatch')}
        renderInput={(params) => (
          <TextField
            {...params}
            label={t('auditUi.filters.operation')}
            placeholder={t('auditUi.filters.allOperations')}
            slotProps={shrink(params)}
          />
        )}
      />
      <Button
        variant="text"
        startIcon={<FilterAltOffOutlined />}
        onClick={onClear}
        disabled={!isFiltered(filters) && pupil === null}
        sx={{ mt: 0.5 }}
      >
        {t('auditUi.filters.clear')}
      </Button>
    </Box>
  );
}
