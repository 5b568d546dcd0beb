/**
 * Settings › Calendar: the closure days of each academic year (INSET days, bank holidays, other closures), added
 * and removed here and saved together, and the whole calendar (terms and closure days) imported from a CSV file:
 * checked first (nothing saved), shown, then imported.
 */
import { useId, useState, type ChangeEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import { CLOSURE_KINDS, type CalendarDay, type ClosureKind, type OutputOf } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { call, invoke } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { IsoDateInput } from '../../components/form-fields';
import { Loading, QueryError } from '../../components/status';
import { downloadCsv } from '../../components/register/download';
import { academicYearChoices, academicYearOf } from '../../lib/academic-year';
import { isWeekendInput, mapDayErrors, newDayRow, type DayRow } from './calendar-rows';
import { visuallyHidden } from '../../lib/visually-hidden';
import { qk } from '../../lib/query-keys';

type Message = { readonly kind: 'success' | 'error'; readonly text: string };

function DaysForm({
  year,
  days,
  canEdit,
  onSaved,
}: {
  readonly year: string;
  readonly days: readonly CalendarDay[];
  readonly canEdit: boolean;
  readonly onSaved: (message: Message) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<DayRow[]>(() => days.map((d) => newDayRow(d)));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);

  const change = (key: string, patch: Partial<DayRow>) => {
    setDirty(true);
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  };

  const save = async () => {
    setErrors({});
    setSaving(true);
    const result = await invoke('calendar.replaceDays', {
      academicYear: year,
      days: rows.map((r) => ({ date: r.date ?? '', kind: r.kind, name: r.name })),
    });
    setSaving(false);
    if (result.ok) {
      const n = result.value.length;
      // The form is keyed by the query's update time, so this shows the saved (sorted) days afresh.
      queryClient.setQueryData(qk('calendar.listDays', year), result.value);
      onSaved({
        kind: 'success',
        text: n ? t('clocksUi.settings.calendar.saved', { count: n, year }) : t('clocksUi.settings.calendar.savedNone', { year }),
      });
      return;
    }
    setErrors(mapDayErrors(result.error.fields ?? {}, rows));
    onSaved({ kind: 'error', text: result.error.message });
  };

  if (!canEdit) {
    return days.length === 0 ? (
      <Typography color="text.secondary">{t('clocksUi.settings.calendar.none', { year })}</Typography>
    ) : (
      <Table size="small" aria-label={t('clocksUi.settings.calendar.tableLabel', { year })} sx={{ '& th': { fontWeight: 600 } }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('clocksUi.settings.calendar.date')}</TableCell>
            <TableCell>{t('clocksUi.settings.calendar.kind')}</TableCell>
            <TableCell>{t('clocksUi.settings.calendar.name')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {days.map((d) => (
            <TableRow key={d.date}>
              <TableCell>{formatLongDate(d.date)}</TableCell>
              <TableCell>{t(`clocksUi.settings.calendar.kinds.${d.kind}`)}</TableCell>
              <TableCell>{d.name}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <>
      {rows.length === 0 ? (
        <Box sx={{ border: 1, borderStyle: 'dashed', borderColor: 'divider', borderRadius: 1, p: 2, mb: 2 }}>
          <Typography sx={{ fontWeight: 500 }}>{t('clocksUi.settings.calendar.none', { year })}</Typography>
          <Typography variant="body2" color="text.secondary">
            {t('clocksUi.settings.calendar.noneHint')}
          </Typography>
        </Box>
      ) : (
        <Table
          size="small"
          aria-label={t('clocksUi.settings.calendar.tableLabel', { year })}
          sx={{ mb: 1, '& th': { fontWeight: 600 }, '& td': { verticalAlign: 'top', borderBottom: 0, px: 0.75, py: 1 } }}
        >
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 220 }}>{t('clocksUi.settings.calendar.date')}</TableCell>
              <TableCell sx={{ width: 190 }}>{t('clocksUi.settings.calendar.kind')}</TableCell>
              <TableCell>{t('clocksUi.settings.calendar.name')}</TableCell>
              <TableCell sx={{ width: 56 }}>
                <Box component="span" sx={visuallyHidden}>
                  {t('clocksUi.settings.calendar.remove')}
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r, i) => (
              <TableRow key={r.key} data-testid="closure-day-row">
                <TableCell>
                  <IsoDateInput
                    name={`days.${i}.date`}
                    label={t('clocksUi.settings.calendar.dateLabel', { n: i + 1 })}
                    value={r.date}
                    error={errors[`${r.key}.date`] ?? (r.date === 'invalid' ? t('validation.date') : null)}
                    helperText={isWeekendInput(r.date) ? t('clocksUi.settings.calendar.weekend') : ''}
                    onChange={(iso) => change(r.key, { date: iso })}
                  />
                </TableCell>
                <TableCell>
                  <TextField
                    select
                    label={t('clocksUi.settings.calendar.kindLabel', { n: i + 1 })}
                    value={r.kind}
                    error={!!errors[`${r.key}.kind`]}
                    helperText={errors[`${r.key}.kind`]}
                    onChange={(e) => change(r.key, { kind: e.target.value as ClosureKind })}
                  >
                    {CLOSURE_KINDS.map((k) => (
                      <MenuItem key={k} value={k}>
                        {t(`clocksUi.settings.calendar.kinds.${k}`)}
                      </MenuItem>
                    ))}
                  </TextField>
                </TableCell>
                <TableCell>
                  <TextField
                    label={t('clocksUi.settings.calendar.nameLabel', { n: i + 1 })}
                    placeholder={t('clocksUi.settings.calendar.namePlaceholder')}
                    value={r.name}
                    error={!!errors[`${r.key}.name`]}
                    helperText={errors[`${r.key}.name`]}
                    onChange={(e) => change(r.key, { name: e.target.value })}
                    slotProps={{ htmlInput: { maxLength: 100 } }}
                  />
                </TableCell>
                <TableCell>
                  <Tooltip title={t('clocksUi.settings.calendar.removeLabel', { n: i + 1 })}>
                    <IconButton
                      aria-label={t('clocksUi.settings.calendar.removeLabel', { n: i + 1 })}
                      onClick={() => {
                        setDirty(true);
                        setRows((rs) => rs.filter((x) => x.key !== r.key));
                      }}
                      sx={{ mt: 1 }}
                    >
                      <DeleteOutlined />
                    </IconButton>
                  </Tooltip>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button
          variant="outlined"
          startIcon={<AddOutlined />}
          onClick={() => {
            setDirty(true);
            setRows((rs) => [...rs, newDayRow()]);
          }}
          disabled={rows.length >= 100}
        >
          {t('clocksUi.settings.calendar.add')}
        </Button>
        <Button variant="contained" onClick={() => void save()} disabled={saving || !dirty}>
          {t('clocksUi.settings.calendar.save', { year })}
        </Button>
        {dirty ? (
          <Typography variant="body2" color="text.secondary" role="status">
            {t('clocksUi.settings.calendar.unsaved')}
          </Typography>
        ) : null}
      </Box>
    </>
  );
}

type ImportResult = OutputOf<'calendar.import'>;

function CalendarImport() {
  const { t } = useTranslation();
  const headingId = useId();
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'checking' | 'importing' | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const reset = () => {
    setFile(null);
    setPreview(null);
  };

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    // Clear the input so choosing the same file again (after fixing it) is noticed.
    e.target.value = '';
    if (!chosen) return;
    setMessage(null);
    reset();
    if (chosen.size > 200_000) {
      setMessage({ kind: 'error', text: t('clocksUi.settings.import.tooBig') });
      return;
    }
    let csv: string;
    try {
      csv = await chosen.text();
    } catch {
      setMessage({ kind: 'error', text: t('clocksUi.settings.import.unreadable') });
      return;
    }
    if (csv.length > 50_000) {
      setMessage({ kind: 'error', text: t('clocksUi.settings.import.tooBig') });
      return;
    }
    setFile({ name: chosen.name, csv });
    setBusy('checking');
    const result = await invoke('calendar.import', { csv, dryRun: true });
    setBusy(null);
    if (!result.ok) {
      setMessage({ kind: 'error', text: result.error.message });
      return;
    }
    setPreview(result.value);
  };

  const runImport = async () => {
    if (!file) return;
    setBusy('importing');
    const result = await invoke('calendar.import', { csv: file.csv });
    setBusy(null);
    if (!result.ok) {
      setMessage({ kind: 'error', text: result.error.message });
      return;
    }
    if (result.value.rejected.length) {
      setPreview(result.value);
      return;
    }
    setMessage({
      kind: 'success',
      text: t('clocksUi.settings.import.done', {
        terms: result.value.terms,
        days: result.value.days,
        years: result.value.years.join(', '),
      }),
    });
    reset();
  };

  const example = t('clocksUi.settings.import.example');
  const canImport = preview !== null && preview.rejected.length === 0 && preview.years.length > 0;

  return (
    <Paper variant="outlined" component="section" aria-labelledby={headingId} sx={{ p: 3 }}>
      <Typography id={headingId} variant="h2" gutterBottom>
        {t('clocksUi.settings.import.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('clocksUi.settings.import.intro')}
      </Typography>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, mb: 2 }}>
        <Box>
          <Typography variant="h3" component="h3" gutterBottom>
            {t('clocksUi.settings.import.formatHeading')}
          </Typography>
          <Typography variant="body2">{t('clocksUi.settings.import.formatBody')}</Typography>
        </Box>
        <Box>
          <Typography variant="body2" sx={{ fontWeight: 500, mb: 0.5 }} id={`${headingId}-example`}>
            {t('clocksUi.settings.import.exampleLabel')}
          </Typography>
          <Box
            component="pre"
            aria-labelledby={`${headingId}-example`}
            tabIndex={0}
            sx={{
              m: 0,
              p: 1.5,
              bgcolor: '#f7f9fb',
              border: 1,
              borderColor: 'divider',
              borderRadius: 1,
              fontSize: '0.8rem',
              overflowX: 'auto',
              fontFamily: '"Roboto Mono", ui-monospace, Menlo, Consolas, monospace',
            }}
          >
            {example}
          </Box>
          <Button
            size="small"
            startIcon={<FileDownloadOutlined />}
            sx={{ mt: 0.5 }}
            onClick={() => downloadCsv(t('clocksUi.settings.import.exampleFile'), example)}
          >
            {t('clocksUi.settings.import.downloadExample')}
          </Button>
        </Box>
      </Box>
      {message ? (
        <Alert severity={message.kind} role={message.kind === 'error' ? 'alert' : 'status'} sx={{ mb: 2 }} onClose={() => setMessage(null)}>
          {message.text}
        </Alert>
      ) : null}
      <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button component="label" variant="outlined" startIcon={<UploadFileOutlined />} disabled={busy !== null}>
          {t('clocksUi.settings.import.choose')}
          <input type="file" accept=".csv,text/csv" hidden onChange={(e) => void choose(e)} data-testid="calendar-file" />
        </Button>
        {file ? <Typography variant="body2">{t('clocksUi.settings.import.chosen', { name: file.name })}</Typography> : null}
        {busy === 'checking' ? (
          <Typography variant="body2" color="text.secondary" role="status">
            {t('clocksUi.settings.import.checking')}
          </Typography>
        ) : null}
      </Box>
      {preview ? (
        <Box sx={{ mt: 2 }} data-testid="calendar-preview">
          {preview.rejected.length ? (
            <Alert severity="error" role="alert">
              <AlertTitle>{t('clocksUi.settings.import.rejectedHeading', { count: preview.rejected.length })}</AlertTitle>
              <Table
                size="small"
                aria-label={t('clocksUi.settings.import.rejectedLabel')}
                sx={{ mt: 1, '& th': { fontWeight: 600 }, '& td, & th': { borderColor: 'rgba(0,0,0,0.12)' } }}
              >
                <TableHead>
                  <TableRow>
                    <TableCell sx={{ width: 64 }}>{t('clocksUi.settings.import.line')}</TableCell>
                    <TableCell>{t('clocksUi.settings.import.reason')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {preview.rejected.map((r) => (
                    <TableRow key={`${r.line}-${r.reason}`}>
                      <TableCell>{r.line}</TableCell>
                      <TableCell>{r.reason}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Alert>
          ) : preview.years.length === 0 ? (
            <Alert severity="info">{t('clocksUi.settings.import.noneFound')}</Alert>
          ) : (
            <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
              <Typography variant="h3" component="h3" sx={{ mb: 1 }}>
                {t('clocksUi.settings.import.previewHeading')}
              </Typography>
              <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 0.5 }}>
                {(
                  [
                    [t('clocksUi.settings.import.years'), preview.years.join(', ')],
                    [t('clocksUi.settings.import.terms'), String(preview.terms)],
                    [t('clocksUi.settings.import.days'), String(preview.days)],
                  ] as const
                ).map(([label, value]) => (
                  <Box key={label} sx={{ display: 'contents' }}>
                    <Typography component="dt" color="text.secondary">
                      {label}
                    </Typography>
                    <Typography component="dd" sx={{ m: 0, fontWeight: 500 }}>
                      {value}
                    </Typography>
                  </Box>
                ))}
              </Box>
              <Alert severity="warning" sx={{ mt: 1.5 }}>
                {t('clocksUi.settings.import.replaceWarning', { years: preview.years.join(', ') })}
              </Alert>
            </Box>
          )}
          <Box sx={{ display: 'flex', gap: 1.5, mt: 2 }}>
            {canImport ? (
              <Button variant="contained" onClick={() => void runImport()} disabled={busy !== null}>
                {busy === 'importing' ? t('clocksUi.settings.import.importing') : t('clocksUi.settings.import.import')}
              </Button>
            ) : null}
            <Button onClick={reset} disabled={busy !== null}>
              {t('clocksUi.settings.import.cancel')}
            </Button>
          </Box>
        </Box>
      ) : null}
    </Paper>
  );
}

export function CalendarSettings() {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const canEdit = info.user.role === 'senco' || info.user.role === 'office';
  const today = todayIso();
  const [year, setYear] = useState(academicYearOf(today));
  const [message, setMessage] = useState<Message | null>(null);
  const query = useQuery({ queryKey: qk('calendar.listDays', year), queryFn: () => call('calendar.listDays', { academicYear: year }) });
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography variant="h2" gutterBottom>
          {t('clocksUi.settings.calendar.title')}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {t('clocksUi.settings.calendar.intro')}
        </Typography>
        <TextField
          select
          label={t('clocksUi.settings.calendar.year')}
          value={year}
          onChange={(e) => {
            setMessage(null);
            setYear(e.target.value);
          }}
          sx={{ maxWidth: 240, mb: 3 }}
          size="small"
        >
          {academicYearChoices(today).map((y) => (
            <MenuItem key={y} value={y}>
              {y}
            </MenuItem>
          ))}
        </TextField>
        {message ? (
          <Alert
            severity={message.kind}
            sx={{ mb: 2 }}
            role={message.kind === 'error' ? 'alert' : 'status'}
            onClose={() => setMessage(null)}
          >
            {message.text}
          </Alert>
        ) : null}
        {!canEdit ? (
          <Alert severity="info" sx={{ mb: 2 }}>
            {t('clocksUi.settings.calendar.readOnly')}
          </Alert>
        ) : null}
        {query.isPending ? (
          <Loading />
        ) : query.error ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <DaysForm key={`${year}:${query.dataUpdatedAt}`} year={year} days={query.data} canEdit={canEdit} onSaved={setMessage} />
        )}
      </Paper>
      {canEdit ? <CalendarImport /> : null}
    </Box>
  );
}
