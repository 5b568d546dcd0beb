/** Annual reviews of one plan: each meeting and its statutory steps, with a dialog to add or edit one. */
import { useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import EditOutlined from '@mui/icons-material/EditOutlined';
import EventAvailableOutlined from '@mui/icons-material/EventAvailableOutlined';
import { reviewInput, type ReviewRecord } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { t as translate } from '../../../../shared/i18n';
import { call, invoke } from '../../api/client';
import { FormDate, FormSelect } from '../form-fields';
import { Loading, QueryError } from '../status';
import { applyServerErrors } from '../../lib/server-errors';
import { FormCheckbox } from './fields';
import { useFormDraft } from '../../lib/use-form-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';
import { qk } from '../../lib/query-keys';
import { visuallyHidden } from '../../lib/visually-hidden';

type ReviewIn = z.input<typeof reviewInput>;
type ReviewOut = z.output<typeof reviewInput>;

/** The contract's schema, and a meeting is recorded as held only once it has happened (the core refuses it too: services/records.ts). */
function reviewSchemaOn(today: string, keep: { readonly held: boolean; readonly meetingDate: string } | null) {
  return reviewInput.superRefine((v, ctx) => {
    const unchanged = keep?.held && keep.meetingDate === v.meetingDate;
    if (v.held && !unchanged && v.meetingDate > today) {
      ctx.addIssue({
        code: 'custom',
        path: ['meetingDate'],
        message: translate('reviewsUi.validation.heldInFuture', { today: formatLongDate(today) }),
      });
    }
  });
}

const DECISIONS = ['maintain', 'amend', 'cease'] as const;

function blank(planId: string): ReviewIn {
  return {
    id: null,
    planId,
    meetingDate: '',
    held: false,
    invitationsSentDate: null,
    adviceCirculatedDate: null,
    reportSentDate: null,
    laDecisionDate: null,
    laDecision: null,
    amendedFinalDate: null,
  };
}

export function NotYet() {
  const { t } = useTranslation();
  return (
    <Typography component="span" variant="body2" color="text.secondary">
      {t('ehcpUi.notYet')}
    </Typography>
  );
}

export function DateOrNotYet({ date }: { readonly date: string | null }): ReactNode {
  return date ? formatLongDate(date) : <NotYet />;
}

function ReviewDialog({
  open,
  initial,
  pupilId,
  onClose,
}: {
  readonly open: boolean;
  readonly initial: ReviewIn;
  readonly pupilId: string;
  readonly onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<ReviewIn, unknown, ReviewOut>({
    resolver: zodResolver(reviewSchemaOn(todayIso(), initial.id ? { held: !!initial.held, meetingDate: initial.meetingDate ?? '' } : null)),
    defaultValues: initial,
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, reset, formState } = form;
  // The annual review's steps are kept as a draft until saved (issue 17, item 3); closing with changes asks first.
  const title = initial.id ? t('ehcpUi.reviews.editTitle') : t('ehcpUi.reviews.addTitle');
  const draft = useFormDraft(form, { draftKey: `ehcp.review:${initial.id ?? `new-${initial.planId}`}`, pupilId, enabled: open });
  const guard = useCloseGuard({ draft, onClose: () => onClose(false), title });
  const decision = useWatch({ control, name: 'laDecision' });
  const onSubmit = handleSubmit(async (values) => {
    setSummary(null);
    const result = await invoke('ehcp.reviews.save', values);
    if (result.ok) {
      void draft.saved();
      onClose(true);
      return;
    }
    setSummary(applyServerErrors(result.error, initial, setError, t('errors.invalidInput')));
  });
  const decisionOptions = [
    { value: '', label: translate('ehcpUi.fields.noDecision') },
    ...DECISIONS.map((d) => ({ value: d, label: translate(`ehcpUi.reviews.decisions.${d}`) })),
  ];
  return (
    <Dialog open={open} onClose={guard.requestClose} fullWidth maxWidth="md" aria-labelledby="review-dialog-title">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <DialogTitle id="review-dialog-title">{title}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2.5, pt: 1 }}>
            <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset())} />
            {summary ? (
              <Alert severity="error" role="alert">
                {summary}
              </Alert>
            ) : null}
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}>
              <FormDate control={control} name="meetingDate" label={t('ehcpUi.reviews.meetingDate')} required />
              <Box sx={{ pt: 1 }}>
                <FormCheckbox control={control} name="held" label={t('ehcpUi.reviews.heldLabel')} />
              </Box>
            </Box>
            <Typography variant="h3" component="h3">
              {t('ehcpUi.reviews.stepsBefore')}
            </Typography>
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}>
              <FormDate
                control={control}
                name="invitationsSentDate"
                label={t('clocks.keys.review_invitations.label')}
                helperText={t('clocks.keys.review_invitations.description')}
              />
              <FormDate
                control={control}
                name="adviceCirculatedDate"
                label={t('clocks.keys.review_advice.label')}
                helperText={t('clocks.keys.review_advice.description')}
              />
            </Box>
            <Typography variant="h3" component="h3">
              {t('ehcpUi.reviews.stepsAfter')}
            </Typography>
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' }}>
              <FormDate
                control={control}
                name="reportSentDate"
                label={t('clocks.keys.review_report.label')}
                helperText={t('clocks.keys.review_report.description')}
              />
              <Box />
              <FormSelect
                control={control}
                name="laDecision"
                nullable
                label={t('ehcpUi.reviews.laDecision')}
                options={decisionOptions}
                helperText={t('clocks.keys.review_la_decision.description')}
              />
              <FormDate control={control} name="laDecisionDate" label={t('ehcpUi.requests.decisionDate')} />
              {decision === 'amend' ? (
                <FormDate
                  control={control}
                  name="amendedFinalDate"
                  label={t('clocks.keys.review_amended_final.label')}
                  helperText={t('clocks.keys.review_amended_final.description')}
                />
              ) : null}
            </Box>
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={guard.requestClose}>{t('ehcpUi.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('ehcpUi.reviews.save')}
          </Button>
        </DialogActions>
      </form>
      {guard.question}
    </Dialog>
  );
}

function decisionText(r: ReviewRecord): ReactNode {
  if (!r.laDecision || !r.laDecisionDate) return <NotYet />;
  return translate('ehcpUi.reviews.decisionOn', {
    decision: translate(`ehcpUi.reviews.decisions.${r.laDecision}`),
    date: formatLongDate(r.laDecisionDate),
  });
}

export function ReviewsCard({
  planId,
  pupilId,
  canEdit,
}: {
  readonly planId: string;
  readonly pupilId: string;
  readonly canEdit: boolean;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<{ key: number; initial: ReviewIn } | null>(null);
  const [saved, setSaved] = useState(false);
  const query = useQuery({ queryKey: qk('ehcp.reviews.list', planId), queryFn: () => call('ehcp.reviews.list', { planId }) });
  const open = (initial: ReviewIn) => {
    setSaved(false);
    setEditing({ key: Date.now(), initial });
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="reviews-heading" sx={{ p: { xs: 2, md: 2.5 }, mb: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: 1.5, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 240 }}>
          <Typography id="reviews-heading" variant="h2" sx={{ fontSize: '1.2rem' }}>
            {t('ehcpUi.reviews.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('ehcpUi.reviews.intro')}
          </Typography>
        </Box>
        {canEdit ? (
          <Button variant="outlined" startIcon={<EventAvailableOutlined />} onClick={() => open(blank(planId))}>
            {t('ehcpUi.reviews.add')}
          </Button>
        ) : null}
      </Box>
      {saved ? (
        <Alert severity="success" sx={{ mb: 1.5 }} onClose={() => setSaved(false)}>
          {t('ehcpUi.reviews.saved')}
        </Alert>
      ) : null}
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Box sx={{ py: 1 }}>
          <Typography sx={{ fontWeight: 500 }}>{t('ehcpUi.reviews.none')}</Typography>
          <Typography variant="body2" color="text.secondary">
            {t('ehcpUi.reviews.noneBody')}
          </Typography>
        </Box>
      ) : (
        <TableContainer>
          <Table size="small" aria-labelledby="reviews-heading">
            <TableHead>
              <TableRow>
                <TableCell>{t('ehcpUi.reviews.meetingDate')}</TableCell>
                <TableCell>{t('clocks.keys.review_invitations.label')}</TableCell>
                <TableCell>{t('clocks.keys.review_advice.label')}</TableCell>
                <TableCell>{t('clocks.keys.review_report.label')}</TableCell>
                <TableCell>{t('ehcpUi.reviews.laDecision')}</TableCell>
                <TableCell>{t('clocks.keys.review_amended_final.label')}</TableCell>
                {canEdit ? (
                  <TableCell>
                    <Box component="span" sx={visuallyHidden}>
                      {t('ehcpUi.edit')}
                    </Box>
                  </TableCell>
                ) : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {query.data.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>
                    <Typography variant="body2" sx={{ fontWeight: 500 }}>
                      {formatLongDate(r.meetingDate)}
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                      {r.held ? t('ehcpUi.reviews.heldYes') : t('ehcpUi.reviews.heldNo')}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <DateOrNotYet date={r.invitationsSentDate} />
                  </TableCell>
                  <TableCell>
                    <DateOrNotYet date={r.adviceCirculatedDate} />
                  </TableCell>
                  <TableCell>
                    <DateOrNotYet date={r.reportSentDate} />
                  </TableCell>
                  <TableCell>{decisionText(r)}</TableCell>
                  <TableCell>
                    {r.laDecision === 'amend' ? (
                      <DateOrNotYet date={r.amendedFinalDate} />
                    ) : (
                      <Typography component="span" variant="body2" color="text.secondary">
                        —
                      </Typography>
                    )}
                  </TableCell>
                  {canEdit ? (
                    <TableCell align="right">
                      <Tooltip title={t('ehcpUi.reviews.editLabel', { date: formatLongDate(r.meetingDate) })}>
                        <IconButton
                          size="small"
                          aria-label={t('ehcpUi.reviews.editLabel', { date: formatLongDate(r.meetingDate) })}
                          onClick={() => open({ ...r })}
                        >
                          <EditOutlined fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {editing ? (
        <ReviewDialog
          key={editing.key}
          open
          initial={editing.initial}
          pupilId={pupilId}
          onClose={(ok) => {
            setEditing(null);
            setSaved(ok);
          }}
        />
      ) : null}
    </Paper>
  );
}
