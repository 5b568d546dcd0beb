/**
 * "Nothing is typed twice" (issue 18, item 1): an optional choice of the school's catalogue provision for a form that
 * describes provision (an EHC plan's Section F line, a pupil plan's intervention, a booking). Choosing one hands the
 * form the provision, which fills what the catalogue knows and keeps its id; "Not from the catalogue" clears the link
 * and leaves what was typed alone. Offered only to roles that may read the catalogue.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { ProvisionRecord } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { sessionsText } from './provision-words';
import { qk } from '../../lib/query-keys';

export function ProvisionPicker({
  value,
  onChange,
  name = 'provisionId',
  error,
}: {
  readonly value: string | null | undefined;
  readonly onChange: (provision: ProvisionRecord | null) => void;
  readonly name?: string;
  readonly error?: string | null;
}) {
  const { t } = useTranslation();
  const canRead = useCan('provisions.list');
  const list = useQuery({
    queryKey: qk('provisions.list', { includeEnded: false }),
    queryFn: () => call('provisions.list', { includeEnded: false }),
    enabled: canRead,
  });
  if (!canRead) return null;
  const rows = list.data ?? [];
  // A link to a provision that has since ended stays shown (and chosen) rather than vanishing.
  const current = value && !rows.some((p) => p.id === value) ? [{ id: value, label: t('catalogueUi.picker.label') }] : [];
  return (
    <TextField
      select
      name={name}
      label={t('catalogueUi.picker.label')}
      value={value ?? ''}
      onChange={(e) => onChange(rows.find((p) => p.id === e.target.value) ?? null)}
      error={!!error}
      helperText={error ?? (list.error ? list.error.message : t('catalogueUi.picker.help'))}
    >
      <MenuItem value="">{t('catalogueUi.picker.none')}</MenuItem>
      {current.map((c) => (
        <MenuItem key={c.id} value={c.id} disabled>
          {c.label}
        </MenuItem>
      ))}
      {rows.map((p) => (
        <MenuItem key={p.id} value={p.id}>
          {`${p.name} (${sessionsText(p)})`}
        </MenuItem>
      ))}
    </TextField>
  );
}
