/**
 * EHC needs assessment requests the school made for a pupil, with a dialog to add or edit one: the LA's decision
 * to assess (6 weeks), then its decision whether to issue a plan (16 weeks: the parent is told if not, SEND
 * Regulations 2014 reg. 10), then the final plan (20 weeks).
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
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
import NoteAddOutlined from '@mui/icons-material/NoteAddOutlined';
import { requestInput, type RequestRecord } from '../../../../shared/contract';
import type { Role } from '../../../../shared/domain';
import { formatLongDate } from '../../../../shared/dates';
import { t as translate } from '../../../../shared/i18n';
import { call, invoke } from '../../api/client';
import { FormDate, FormSelect, FormText } from '../form-fields';
import { Loading, QueryError } from '../status';
import { applyServerErrors } from '../../lib/server-errors';
import { DateOrNotYet, NotYet } from './reviews-card';
import { useOwners } from './use-owners';
import { useFormDraft } from '../../lib/use-form-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';
import { qk } from '../../lib/query-keys';
import { visuallyHidden } from '../../lib/visually-hidden';

type RequestIn = z.input<typeof requestInput>;
type RequestOut = z.output<typeof requestInput>;

const READERS: readonly Role[] = ['senco', 'therapy_lead', 'headteacher'];

function RequestDialog({
  initial,
  role,
  onClose,
}: {
  readonly initial: RequestIn;
  readonly role: Role;
  readonly onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const owners = useOwners(role);
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<RequestIn, unknown, RequestOut>({
    resolver: zodResolver(requestInput),
    defaultValues: initial,
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, reset, formState } = form;
  // Kept as a draft until saved (issue 17, item 3); closing with changes asks first.
  const title = initial.id ? t('ehcpUi.requests.editTitle') : t('ehcpUi.requests.addTitle');
  const draft = useFormDraft(form, { draftKey: `ehcp.request:${initial.id ?? `new-${initial.pupilId}`}`, pupilId: initial.pupilId });
  const guard = useCloseGuard({ draft, onClose: () => onClose(false), title });
  const onSubmit = handleSubmit(async (values) => {
    setSummary(null);
    const result = await invoke('ehcp.requests.save', values);
    if (result.ok) {
      void draft.saved();
      onClose(true);
      return;
    }
    setSummary(applyServerErrors(result.error, initial, setError, t('errors.invalidInput')));
  });
  const issueOptions = [
    { value: '', label: translate('issueDecision.none') },
    { value: 'issue', label: translate('issueDecision.options.issue') },
    { value: 'not_issue', label: translate('issueDecision.options.not_issue') },
  ];
  const decisionOptions = [
    { value: '', label: translate('ehcpUi.requests.awaiting') },
    { value: 'assess', label: translate('ehcpUi.requests.decisions.assess') },
    { value: 'refuse', label: translate('ehcpUi.requests.decisions.refuse') },
  ];
  return (
    <Dialog open onClose={guard.requestClose} fullWidth maxWidth="md" aria-labelledby="request-dialog-title">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <DialogTitle id="request-dialog-title">{title}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start', pt: 1 }}>
            <Box sx={{ gridColumn: '1 / -1', '&:empty': { display: 'none' } }}>
              <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset())} />
            </Box>
            {summary ? (
              <Alert severity="error" role="alert" sx={{ gridColumn: '1 / -1' }}>
                {summary}
              </Alert>
            ) : null}
            <FormText control={control} name="localAuthority" label={t('ehcpUi.fields.localAuthority')} required />
            <FormSelect
              control={control}
              name="ownerId"
              nullable
              label={t('ehcpUi.fields.owner')}
              options={owners.options(initial.ownerId)}
            />
            <FormDate control={control} name="requestDate" label={t('ehcpUi.requests.requestDate')} required />
            <Box />
            <FormSelect
              control={control}
              name="decision"
              nullable
              label={t('ehcpUi.requests.decision')}
              options={decisionOptions}
              helperText={t('clocks.keys.assessment_decision.description')}
            />
            <FormDate control={control} name="decisionDate" label={t('ehcpUi.requests.decisionDate')} />
            <FormSelect
              control={control}
              name="issueDecision"
              nullable
              label={t('issueDecision.label')}
              options={issueOptions}
              helperText={t('issueDecision.help')}
            />
            <FormDate control={control} name="issueDecisionDate" label={t('issueDecision.date')} />
            <FormDate
              control={control}
              name="finalPlanDate"
              label={t('ehcpUi.requests.finalPlanDate')}
              helperText={t('clocks.keys.assessment_final_plan.description')}
            />
            <FormDate
              control={control}
              name="withdrawnDate"
              label={t('ehcpUi.requests.withdrawnDate')}
              helperText={t('ehcpUi.requests.withdrawnHelp')}
            />
          </Box>
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={guard.requestClose}>{t('ehcpUi.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('ehcpUi.requests.save')}
          </Button>
        </DialogActions>
      </form>
      {guard.question}
    </Dialog>
  );
}

function decisionCell(r: RequestRecord) {
  if (r.withdrawnDate) return translate('ehcpUi.requests.withdrawn', { date: formatLongDate(r.withdrawnDate) });
  if (!r.decision || !r.decisionDate) return <NotYet />;
  const decided = translate('ehcpUi.requests.decisionOn', {
    decision: translate(`ehcpUi.requests.decisions.${r.decision}`),
    date: formatLongDate(r.decisionDate),
  });
  if (!r.issueDecision || !r.issueDecisionDate) return decided;
  return (
    <>
      {decided}
      <Box component="span" sx={{ display: 'block', color: 'text.secondary' }}>
        {translate('ehcpUi.requests.decisionOn', {
          decision: translate(`issueDecision.short.${r.issueDecision}`),
          date: formatLongDate(r.issueDecisionDate),
        })}
      </Box>
    </>
  );
}

export function RequestsCard({
  pupilId,
  role,
  defaultLa,
  defaultOwner,
}: {
  readonly pupilId: string;
  readonly role: Role;
  readonly defaultLa: string;
  readonly defaultOwner: string | null;
}) {
  const { t } = useTranslation();
  const canRead = READERS.includes(role);
  const canEdit = role === 'senco';
  const [editing, setEditing] = useState<{ key: number; initial: RequestIn } | null>(null);
  const [saved, setSaved] = useState(false);
  const query = useQuery({
    queryKey: qk('ehcp.requests.list', pupilId),
    queryFn: () => call('ehcp.requests.list', { pupilId }),
    enabled: canRead,
  });
  const owners = useOwners(role);
  const open = (initial: RequestIn) => {
    setSaved(false);
    setEditing({ key: Date.now(), initial });
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="requests-heading" sx={{ p: 2.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: 1.5, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 240 }}>
          <Typography id="requests-heading" variant="h2" sx={{ fontSize: '1.15rem' }}>
            {t('ehcpUi.requests.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 760 }}>
            {t('ehcpUi.requests.intro')}
          </Typography>
        </Box>
        {canEdit ? (
          <Button
            variant="outlined"
            startIcon={<NoteAddOutlined />}
            onClick={() =>
              open({
                id: null,
                pupilId,
                localAuthority: defaultLa,
                ownerId: defaultOwner,
                requestDate: '',
                decisionDate: null,
                decision: null,
                issueDecision: null,
                issueDecisionDate: null,
                finalPlanDate: null,
                withdrawnDate: null,
              })
            }
          >
            {t('ehcpUi.requests.add')}
          </Button>
        ) : null}
      </Box>
      {saved ? (
        <Alert severity="success" sx={{ mb: 1.5 }} onClose={() => setSaved(false)}>
          {t('ehcpUi.requests.saved')}
        </Alert>
      ) : null}
      {!canRead ? (
        <Typography color="text.secondary">{t('ehcpUi.requests.noAccess')}</Typography>
      ) : query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Box sx={{ py: 1 }}>
          <Typography sx={{ fontWeight: 500 }}>{t('ehcpUi.requests.none')}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 760 }}>
            {t('ehcpUi.requests.noneBody')}
          </Typography>
        </Box>
      ) : (
        <TableContainer>
          <Table size="small" aria-labelledby="requests-heading">
            <TableHead>
              <TableRow>
                <TableCell>{t('ehcpUi.requests.requestDate')}</TableCell>
                <TableCell>{t('ehcpUi.fields.localAuthority')}</TableCell>
                <TableCell>{t('ehcpUi.requests.decision')}</TableCell>
                <TableCell>{t('ehcpUi.requests.finalPlanDate')}</TableCell>
                <TableCell>{t('ehcpUi.fields.owner')}</TableCell>
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
                  <TableCell sx={{ fontWeight: 500 }}>{formatLongDate(r.requestDate)}</TableCell>
                  <TableCell>{r.localAuthority}</TableCell>
                  <TableCell>{decisionCell(r)}</TableCell>
                  <TableCell>
                    {r.decision === 'assess' && r.issueDecision !== 'not_issue' ? <DateOrNotYet date={r.finalPlanDate} /> : '—'}
                  </TableCell>
                  <TableCell>{owners.nameOf(r.ownerId) ?? '—'}</TableCell>
                  {canEdit ? (
                    <TableCell align="right">
                      <Tooltip title={t('ehcpUi.requests.editLabel', { date: formatLongDate(r.requestDate) })}>
                        <IconButton
                          size="small"
                          aria-label={t('ehcpUi.requests.editLabel', { date: formatLongDate(r.requestDate) })}
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
        <RequestDialog
          key={editing.key}
          initial={editing.initial}
          role={role}
          onClose={(ok) => {
            setEditing(null);
            setSaved(ok);
          }}
        />
      ) : null}
    </Paper>
  );
}
