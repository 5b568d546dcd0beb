/**
 * One person's CPD (continuing professional development) log: the courses, dates, providers and hours, the hours
 * this school year, a form to add an entry (hours may have decimals: 1.5 or 1,5) and removal after a question that
 * names the entry, with Undo.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutlineOutlined from '@mui/icons-material/DeleteOutlineOutlined';
import { cpdInput, type CpdEntry, type StaffRecord } from '../../../../shared/contract';
import { formatLongDate, formatUkDate, todayIso } from '../../../../shared/dates';
import { t as translate } from '../../../../shared/i18n';
import { invoke } from '../../api/client';
import { ErrorSummary } from '../error-summary';
import { FormDate, FormText } from '../form-fields';
import { applyServerErrors } from '../../lib/server-errors';
import { academicYearOf } from '../../lib/academic-year';
import { formatHours, parseHours } from './staff-model';
import { useFormDraft } from '../../lib/use-form-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';

const hoursText = z.string().refine(
  (s) => {
    const n = parseHours(s);
    return n !== null && n >= 0.25 && n <= 200;
  },
  { error: () => translate('validation.cpdHours') },
);
const cpdForm = cpdInput.omit({ staffId: true, hours: true }).extend({ hours: hoursText });
type CpdIn = z.input<typeof cpdForm>;
type CpdOut = z.output<typeof cpdForm>;
const EMPTY: CpdIn = { course: '', date: '', provider: '', hours: '' };

export function CpdDialog({
  staff,
  canEdit,
  onClose,
}: {
  readonly staff: StaffRecord;
  readonly canEdit: boolean;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const [record, setRecord] = useState(staff);
  const [summary, setSummary] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<CpdEntry | null>(null);
  const [removed, setRemoved] = useState<CpdEntry | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<CpdIn, unknown, CpdOut>({ resolver: zodResolver(cpdForm), defaultValues: EMPTY, mode: 'onTouched' });
  const { control, handleSubmit, setError, reset, formState } = form;
  // The course being added is kept as a draft until it is added (issue 17, item 3); closing with it typed asks first.
  const title = t('staffUi.cpd.title', { name: record.name });
  const draft = useFormDraft(form, { draftKey: `staff.cpd:${staff.id}`, pupilId: null, enabled: canEdit });
  const guard = useCloseGuard({ draft, onClose, title });

  const add = async (entry: { course: string; date: string; provider: string; hours: number }) =>
    invoke('staff.cpd.add', { staffId: record.id, ...entry });

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      setNotice(null);
      const result = await add({ ...values, hours: parseHours(values.hours) ?? 0 });
      if (result.ok) {
        void draft.saved();
        setRecord(result.value);
        reset(EMPTY);
        setRemoved(null);
        setNotice({
          kind: 'success',
          text: t('staffUi.cpd.added', { course: values.course, hours: formatHours(parseHours(values.hours) ?? 0) }),
        });
        return;
      }
      setSummary(applyServerErrors(result.error, EMPTY, setError, t('errors.invalidInput')));
    },
    () => setSummary(t('errors.invalidInput')),
  );

  const remove = async (entry: CpdEntry) => {
    setBusy(true);
    setNotice(null);
    const result = await invoke('staff.cpd.remove', { id: entry.id });
    setBusy(false);
    setConfirming(null);
    if (result.ok) {
      setRecord(result.value);
      setRemoved(entry);
    } else {
      setNotice({ kind: 'error', text: result.error.message });
    }
  };

  const undo = async (entry: CpdEntry) => {
    setBusy(true);
    const result = await add({ course: entry.course, date: entry.date, provider: entry.provider, hours: entry.hours });
    setBusy(false);
    setRemoved(null);
    if (result.ok) {
      setRecord(result.value);
      setNotice({ kind: 'success', text: t('staffUi.cpd.restored', { course: entry.course }) });
    } else {
      setNotice({ kind: 'error', text: result.error.message });
    }
  };

  const total = record.cpd.reduce((n, c) => n + c.hours, 0);

  return (
    <Dialog open onClose={guard.requestClose} fullWidth maxWidth="md" aria-labelledby="cpd-dialog-title">
      <DialogTitle id="cpd-dialog-title">{title}</DialogTitle>
      <DialogContent>
        <Box sx={{ display: 'grid', gap: 2 }}>
          <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset(EMPTY))} />
          <Typography data-testid="cpd-hours" role="status">
            {t('staffUi.cpd.hoursThisYear', { hours: formatHours(record.cpdHoursThisYear), year: academicYearOf(todayIso()) })}
            {record.cpd.length ? ` ${t('staffUi.cpd.hoursAllTime', { hours: formatHours(total), count: record.cpd.length })}` : ''}
          </Typography>
          {removed ? (
            <Alert
              severity="info"
              role="status"
              onClose={() => setRemoved(null)}
              action={
                <Button color="inherit" size="small" disabled={busy} onClick={() => void undo(removed)}>
                  {t('staffUi.cpd.undo')}
                </Button>
              }
            >
              {t('staffUi.cpd.removed', { course: removed.course })}
            </Alert>
          ) : null}
          {notice ? (
            <Alert severity={notice.kind} role={notice.kind === 'error' ? 'alert' : 'status'} onClose={() => setNotice(null)}>
              {notice.text}
            </Alert>
          ) : null}
          {record.cpd.length === 0 ? (
            <Typography color="text.secondary">{canEdit ? t('staffUi.cpd.empty') : t('staffUi.cpd.emptyReadOnly')}</Typography>
          ) : (
            <Table size="small" aria-label={t('staffUi.cpd.tableLabel', { name: record.name })} sx={{ '& th': { fontWeight: 600 } }}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('staffUi.cpd.course')}</TableCell>
                  <TableCell>{t('staffUi.cpd.date')}</TableCell>
                  <TableCell>{t('staffUi.cpd.provider')}</TableCell>
                  <TableCell align="right">{t('staffUi.cpd.hours')}</TableCell>
                  {canEdit ? <TableCell align="right">{t('staffUi.cpd.actions')}</TableCell> : null}
                </TableRow>
              </TableHead>
              <TableBody>
                {record.cpd.map((c) => (
                  <TableRow key={c.id} data-testid="cpd-row">
                    <TableCell>{c.course}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatUkDate(c.date)}</TableCell>
                    <TableCell>{c.provider}</TableCell>
                    <TableCell align="right">{formatHours(c.hours)}</TableCell>
                    {canEdit ? (
                      <TableCell align="right">
                        <Button
                          size="small"
                          color="error"
                          startIcon={<DeleteOutlineOutlined />}
                          onClick={() => setConfirming(c)}
                          aria-label={t('staffUi.cpd.removeAria', { course: c.course, date: formatLongDate(c.date) })}
                        >
                          {t('staffUi.cpd.remove')}
                        </Button>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}

          {canEdit ? (
            <Box
              component="form"
              noValidate
              onSubmit={(e) => void onSubmit(e)}
              aria-labelledby="cpd-add-title"
              sx={{ display: 'grid', gap: 2, mt: 1 }}
            >
              <Typography id="cpd-add-title" variant="h3">
                {t('staffUi.cpd.addTitle')}
              </Typography>
              <ErrorSummary message={summary} />
              <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '2fr 1.2fr' }, alignItems: 'start' }}>
                <FormText control={control} name="course" label={t('staffUi.cpd.course')} required autoComplete="off" />
                <FormDate control={control} name="date" label={t('staffUi.cpd.date')} required disableFuture />
                <FormText
                  control={control}
                  name="provider"
                  label={t('staffUi.cpd.provider')}
                  helperText={t('staffUi.cpd.providerHelp')}
                  required
                  autoComplete="off"
                />
                <FormText
                  control={control}
                  name="hours"
                  label={t('staffUi.cpd.hours')}
                  helperText={t('staffUi.cpd.hoursHelp')}
                  required
                  autoComplete="off"
                  slotProps={{ htmlInput: { inputMode: 'decimal' } }}
                />
              </Box>
              <Box>
                <Button type="submit" variant="contained" startIcon={<AddOutlined />} disabled={formState.isSubmitting}>
                  {t('staffUi.cpd.add')}
                </Button>
              </Box>
            </Box>
          ) : null}
        </Box>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={guard.requestClose}>{t('staffUi.close')}</Button>
      </DialogActions>
      {guard.question}

      {confirming ? (
        <Dialog open onClose={() => setConfirming(null)} aria-labelledby="cpd-remove-title" aria-describedby="cpd-remove-text">
          <DialogTitle id="cpd-remove-title">{t('staffUi.cpd.confirmTitle')}</DialogTitle>
          <DialogContent>
            <DialogContentText id="cpd-remove-text">
              {t('staffUi.cpd.confirmText', { course: confirming.course, date: formatLongDate(confirming.date), name: record.name })}
            </DialogContentText>
          </DialogContent>
          <DialogActions sx={{ px: 3, pb: 2 }}>
            <Button onClick={() => setConfirming(null)} autoFocus>
              {t('staffUi.cpd.keep')}
            </Button>
            <Button color="error" variant="contained" disabled={busy} onClick={() => void remove(confirming)}>
              {t('staffUi.cpd.confirmRemove')}
            </Button>
          </DialogActions>
        </Dialog>
      ) : null}
    </Dialog>
  );
}
