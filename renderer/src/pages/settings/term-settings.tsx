import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Term } from '../../../../shared/contract';
import { todayIso } from '../../../../shared/dates';
import { TERM_NAMES, type TermName } from '../../../../shared/domain';
import { call, invoke } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { IsoDateInput } from '../../components/form-fields';
import { Loading, QueryError } from '../../components/status';
import { academicYearChoices, academicYearOf } from '../../lib/academic-year';
import { qk } from '../../lib/query-keys';

type Row = { startDate: string | null; endDate: string | null };
type Rows = Record<TermName, Row>;

function toRows(terms: readonly Term[]): Rows {
  const rows = Object.fromEntries(TERM_NAMES.map((n) => [n, { startDate: null, endDate: null }])) as Rows;
  for (const term of terms) rows[term.name] = { startDate: term.startDate, endDate: term.endDate };
  return rows;
}

function TermForm({ year, terms, canEdit }: { readonly year: string; readonly terms: readonly Term[]; readonly canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Rows>(() => toRows(terms));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setMessage(null);
    setErrors({});
    // Only terms with a date entered are sent; a half-filled term is reported beside its empty date.
    const sent = TERM_NAMES.filter((n) => rows[n].startDate || rows[n].endDate);
    setSaving(true);
    const result = await invoke('terms.replaceYear', {
      academicYear: year,
      terms: sent.map((name) => ({ name, startDate: rows[name].startDate ?? '', endDate: rows[name].endDate ?? '' })),
    });
    setSaving(false);
    if (result.ok) {
      queryClient.setQueryData(qk('terms.list', year), result.value);
      setMessage({ kind: 'success', text: t('settings.terms.saved', { year }) });
      return;
    }
    const next: Record<string, string> = {};
    for (const [path, m] of Object.entries(result.error.fields ?? {})) {
      const match = /^terms\.(\d+)\.(startDate|endDate)$/.exec(path);
      const name = match ? sent[Number(match[1])] : undefined;
      if (match && name) next[`${name}.${match[2]}`] = m;
    }
    setErrors(next);
    setMessage({ kind: 'error', text: result.error.message });
  };

  return (
    <>
      {message ? (
        <Alert severity={message.kind} sx={{ mb: 2 }} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </Alert>
      ) : null}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '140px 1fr 1fr' }, alignItems: 'start', mb: 2 }}>
        {TERM_NAMES.map((name) => (
          <Box key={name} sx={{ display: 'contents' }}>
            <Typography sx={{ pt: 2, fontWeight: 500 }}>{t(`terms.${name}`)}</Typography>
            {(['startDate', 'endDate'] as const).map((f) => (
              <IsoDateInput
                key={f}
                name={`${name}.${f}`}
                label={t(`settings.terms.${f}`, { term: t(`terms.${name}`) })}
                value={rows[name][f]}
                error={errors[`${name}.${f}`] ?? (rows[name][f] === 'invalid' ? t('validation.date') : null)}
                onChange={(iso) => setRows((r) => ({ ...r, [name]: { ...r[name], [f]: iso } }))}
              />
            ))}
          </Box>
        ))}
      </Box>
      {canEdit ? (
        <Button variant="contained" onClick={() => void save()} disabled={saving}>
          {t('settings.terms.save', { year })}
        </Button>
      ) : (
        <Alert severity="info">{t('settings.terms.readOnly')}</Alert>
      )}
    </>
  );
}

export function TermSettings() {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const today = todayIso();
  const [year, setYear] = useState(academicYearOf(today));
  const query = useQuery({ queryKey: qk('terms.list', year), queryFn: () => call('terms.list', { academicYear: year }) });
  return (
    <Paper variant="outlined" sx={{ p: 3 }}>
      <Typography variant="h2" gutterBottom>
        {t('settings.terms.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('settings.terms.intro')}
      </Typography>
      <TextField
        select
        label={t('settings.terms.year')}
        value={year}
        onChange={(e) => setYear(e.target.value)}
        sx={{ maxWidth: 240, mb: 3 }}
        size="small"
      >
        {academicYearChoices(today).map((y) => (
          <MenuItem key={y} value={y}>
            {y}
          </MenuItem>
        ))}
      </TextField>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <TermForm key={year} year={year} terms={query.data} canEdit={info.user.role === 'senco' || info.user.role === 'office'} />
      )}
    </Paper>
  );
}
