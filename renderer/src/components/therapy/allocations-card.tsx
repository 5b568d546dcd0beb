/**
 * The pupil profile's "Therapists" card: the therapists allocated to the pupil (their caseload allocation), with
 * discipline and dates. The SENCo and therapy lead allocate a therapist and end an allocation; a therapist sees only
 * the pupils allocated to them, and is booked for sessions only with them (electron/core/scope.ts). Field messages from the
 * core sit beside their field.
 */
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
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
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import type { Allocation, PupilProfile } from '../../../../shared/contract';
import { formatLongDate, formatUkDate, isIsoDate, todayIso } from '../../../../shared/dates';
import { t as translate } from '../../../../shared/i18n';
import { isoDate } from '../../../../shared/validation';
import { call, invoke } from '../../api/client';
import { useCan } from '../../auth/use-can';
import { FormDate, FormSelect, IsoDateInput } from '../form-fields';
import { applyServerErrors } from '../../lib/server-errors';
import { Loading, QueryError } from '../status';
import { useDisciplines } from './use-disciplines';
import { useFormDraft } from '../../lib/use-form-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';
import { qk } from '../../lib/query-keys';
import { visuallyHidden } from '../../lib/visually-hidden';

/** Who can be allocated: active accounts with the therapist or therapy lead role (the core refuses anyone else). */
export const ALLOCATABLE_ROLES = ['therapist', 'therapy_lead'] as const;

const allocateForm = z.object({
  userId: z.string().min(1, { error: () => translate('scopeUi.allocations.allocateDialog.therapistRequired') }),
  discipline: z.string().nullable(),
  startDate: isoDate,
});
type AllocateIn = z.input<typeof allocateForm>;
type AllocateOut = z.output<typeof allocateForm>;

function allocationsKey(pupilId: string) {
  return qk('caseload.allocations', pupilId);
}

function AllocateDialog({ pupil, onClose }: { readonly pupil: PupilProfile; readonly onClose: (saved: Allocation | null) => void }) {
  const { t } = useTranslation();
  const disciplines = useDisciplines();
  const users = useQuery({ queryKey: qk('users.list'), queryFn: () => call('users.list', {}) });
  const therapists = (users.data ?? [])
    .filter((u) => u.active && (ALLOCATABLE_ROLES as readonly string[]).includes(u.role))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<AllocateIn, unknown, AllocateOut>({
    resolver: zodResolver(allocateForm),
    defaultValues: { userId: '', discipline: null, startDate: todayIso() },
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, getValues, reset, formState } = form;
  // Kept as a draft until saved (issue 17, item 3); closing with changes asks first.
  const title = t('scopeUi.allocations.allocateDialog.title', { name: pupil.name });
  const draft = useFormDraft(form, { draftKey: `caseload.allocate:${pupil.id}`, pupilId: pupil.id });
  const guard = useCloseGuard({ draft, onClose: () => onClose(null), title });

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const result = await invoke('caseload.allocate', {
        pupilId: pupil.id,
        userId: values.userId,
        ...(values.discipline ? { discipline: values.discipline } : {}),
        startDate: values.startDate,
      });
      if (result.ok) {
        void draft.saved();
        onClose(result.value);
        return;
      }
      // A field message already says what is wrong beside the field; the summary points to it.
      setSummary(applyServerErrors(result.error, getValues(), setError, t('errors.invalidInput')));
    },
    () => setSummary(t('errors.invalidInput')),
  );

  const titleId = 'allocate-dialog-title';
  return (
    <Dialog open onClose={guard.requestClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={titleId}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2.5, pt: 1 }}>
            <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset())} />
            {summary ? (
              <Alert severity="error" role="alert">
                {summary}
              </Alert>
            ) : null}
            {users.error ? <QueryError error={users.error} onRetry={() => void users.refetch()} /> : null}
            {users.data && therapists.length === 0 ? (
              <Alert severity="info">{t('scopeUi.allocations.allocateDialog.noTherapists')}</Alert>
            ) : null}
            <FormSelect
              control={control}
              name="userId"
              required
              label={t('scopeUi.allocations.allocateDialog.therapist')}
              options={therapists.map((u) => ({ value: u.id, label: `${u.displayName} (${translate(`roles.${u.role}`)})` }))}
            />
            <FormSelect
              control={control}
              name="discipline"
              nullable
              label={t('scopeUi.allocations.allocateDialog.discipline')}
              helperText={t('scopeUi.allocations.allocateDialog.disciplineHelp')}
              options={[{ value: '', label: t('scopeUi.allocations.allocateDialog.noDiscipline') }, ...disciplines.options()]}
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            />
            <FormDate
              control={control}
              name="startDate"
              required
              label={t('scopeUi.allocations.allocateDialog.startDate')}
              helperText={t('scopeUi.allocations.allocateDialog.startHelp')}
            />
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={guard.requestClose}>{t('scopeUi.allocations.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('scopeUi.allocations.allocateDialog.save')}
          </Button>
        </DialogActions>
      </form>
      {guard.question}
    </Dialog>
  );
}

function EndDialog({
  allocation,
  pupil,
  onClose,
}: {
  readonly allocation: Allocation;
  readonly pupil: PupilProfile;
  readonly onClose: (saved: Allocation | null) => void;
}) {
  const { t } = useTranslation();
  const [endDate, setEndDate] = useState<string | null>(todayIso());
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const names = { therapist: allocation.practitionerName, pupil: pupil.name };

  const submit = async () => {
    setSummary(null);
    if (!endDate || !isIsoDate(endDate)) {
      setError(t('validation.date'));
      setSummary(t('errors.invalidInput'));
      return;
    }
    setBusy(true);
    const result = await invoke('caseload.endAllocation', { id: allocation.id, endDate });
    setBusy(false);
    if (result.ok) {
      onClose(result.value);
      return;
    }
    const fieldMessage = result.error.fields?.endDate ?? null;
    setError(fieldMessage);
    const other = Object.entries(result.error.fields ?? {})
      .filter(([k]) => k !== 'endDate')
      .map(([, m]) => m);
    setSummary([fieldMessage ? t('errors.invalidInput') : result.error.message, ...other].join(' '));
  };

  const titleId = 'end-allocation-title';
  return (
    <Dialog open onClose={() => onClose(null)} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <form
        noValidate
        aria-labelledby={titleId}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogTitle id={titleId}>{t('scopeUi.allocations.endDialog.title', names)}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2.5 }}>
            <DialogContentText>{t('scopeUi.allocations.endDialog.body', names)}</DialogContentText>
            {summary ? (
              <Alert severity="error" role="alert">
                {summary}
              </Alert>
            ) : null}
            <IsoDateInput
              name="endDate"
              label={t('scopeUi.allocations.endDialog.endDate')}
              required
              value={endDate}
              onChange={(iso) => {
                setEndDate(iso);
                setError(null);
              }}
              error={error}
              helperText={t('scopeUi.allocations.endDialog.endHelp')}
            />
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={() => onClose(null)}>{t('scopeUi.allocations.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {t('scopeUi.allocations.endDialog.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** "Current", "Ends 31/07/2027" or "Ended 03/11/2026": words, not only colour. */
function toCell(a: Allocation, today: string): { readonly text: string; readonly current: boolean } {
  if (a.endDate === null) return { text: translate('scopeUi.allocations.current'), current: true };
  if (a.endDate >= today) return { text: translate('scopeUi.allocations.ends', { date: formatLongDate(a.endDate) }), current: true };
  return { text: translate('scopeUi.allocations.ended', { date: formatLongDate(a.endDate) }), current: false };
}

export function AllocationsCard({ pupil }: { readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const headingId = useId();
  const canRead = useCan('caseload.allocations');
  const canAllocate = useCan('caseload.allocate');
  const canEnd = useCan('caseload.endAllocation');
  const disciplines = useDisciplines();
  const [allocating, setAllocating] = useState<number | null>(null);
  const [ending, setEnding] = useState<Allocation | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({
    queryKey: allocationsKey(pupil.id),
    queryFn: () => call('caseload.allocations', { pupilId: pupil.id }),
    enabled: canRead,
  });
  if (!canRead) return null;
  const today = todayIso();

  return (
    <Paper variant="outlined" component="section" aria-labelledby={headingId} sx={{ p: 2.5 }} data-testid="allocations-card">
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: 1.5, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 220 }}>
          <Typography id={headingId} variant="h2" sx={{ fontSize: '1.15rem' }}>
            {t('scopeUi.allocations.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('scopeUi.allocations.intro')}
          </Typography>
        </Box>
        {canAllocate ? (
          <Button
            variant="outlined"
            startIcon={<PersonAddAlt1Outlined />}
            onClick={() => {
              setNotice(null);
              setAllocating(Date.now());
            }}
          >
            {t('scopeUi.allocations.allocate')}
          </Button>
        ) : null}
      </Box>
      {notice ? (
        <Alert severity="success" sx={{ mb: 1.5 }} role="status" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      ) : null}
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Box sx={{ py: 1 }}>
          <Typography sx={{ fontWeight: 500 }}>{t('scopeUi.allocations.empty', { name: pupil.name })}</Typography>
          <Typography variant="body2" color="text.secondary">
            {canAllocate ? t('scopeUi.allocations.emptyAllocator', { name: pupil.name }) : t('scopeUi.allocations.emptyReader')}
          </Typography>
        </Box>
      ) : (
        <TableContainer>
          <Table size="small" aria-label={t('scopeUi.allocations.tableLabel', { name: pupil.name })}>
            <TableHead>
              <TableRow>
                <TableCell>{t('scopeUi.allocations.therapist')}</TableCell>
                <TableCell>{t('scopeUi.allocations.discipline')}</TableCell>
                <TableCell>{t('scopeUi.allocations.from')}</TableCell>
                <TableCell>{t('scopeUi.allocations.to')}</TableCell>
                {canEnd ? (
                  <TableCell>
                    <Box component="span" sx={visuallyHidden}>
                      {t('scopeUi.allocations.actions')}
                    </Box>
                  </TableCell>
                ) : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {query.data.map((a) => {
                const to = toCell(a, today);
                return (
                  <TableRow key={a.id} sx={to.current ? undefined : { '& td': { color: 'text.secondary' } }}>
                    <TableCell sx={{ fontWeight: to.current ? 500 : undefined }}>{a.practitionerName}</TableCell>
                    <TableCell>{a.discipline ? disciplines.label(a.discipline) : t('scopeUi.allocations.anyDiscipline')}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatUkDate(a.startDate)}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{to.text}</TableCell>
                    {canEnd ? (
                      <TableCell align="right">
                        {a.endDate === null ? (
                          <Button
                            size="small"
                            onClick={() => {
                              setNotice(null);
                              setEnding(a);
                            }}
                          >
                            {t('scopeUi.allocations.end')}
                            <Box component="span" sx={visuallyHidden}>
                              {' '}
                              {t('scopeUi.allocations.endFor', { therapist: a.practitionerName })}
                            </Box>
                          </Button>
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {allocating !== null ? (
        <AllocateDialog
          key={allocating}
          pupil={pupil}
          onClose={(saved) => {
            setAllocating(null);
            if (saved) setNotice(t('scopeUi.allocations.allocatedNotice', { therapist: saved.practitionerName, pupil: pupil.name }));
          }}
        />
      ) : null}
      {ending ? (
        <EndDialog
          key={ending.id}
          allocation={ending}
          pupil={pupil}
          onClose={(saved) => {
            setEnding(null);
            if (saved?.endDate)
              setNotice(
                t('scopeUi.allocations.endedNotice', {
                  therapist: saved.practitionerName,
                  pupil: pupil.name,
                  date: formatLongDate(saved.endDate),
                }),
              );
          }}
        />
      ) : null}
    </Paper>
  );
}
