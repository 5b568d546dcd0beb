/**
 * The dashboard's "Actions from reviews": every open action agreed at a review, soonest due first, with the pupil
 * (a link to their reviews), what, who and when. Overdue says so in words with an icon, not by colour alone.
 * "Mine only" narrows it to the signed-in user's; "Done" records today as the day it was done.
 */
import { useId, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import CheckOutlined from '@mui/icons-material/CheckOutlined';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import TaskAltOutlined from '@mui/icons-material/TaskAltOutlined';
import type { ReviewAction } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { call, invoke } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { Loading, QueryError } from '../status';
import { sortActions } from './review-model';
import { daysBetween } from '../../../../shared/date-only';
import { qk } from '../../lib/query-keys';

/** Who may mark an action done (reviews.completeAction). */
const COMPLETERS = ['senco', 'therapy_lead', 'therapist', 'teacher'];

function Due({ action }: { readonly action: ReviewAction }) {
  const { t } = useTranslation();
  const today = todayIso();
  const late = action.overdue ? Math.max(1, daysBetween(action.dueDate, today)) : 0;
  return (
    <Box>
      <Typography component="span" variant="body2" sx={{ display: 'block', whiteSpace: 'nowrap' }}>
        {formatLongDate(action.dueDate)}
      </Typography>
      {action.overdue ? (
        <Typography
          component="span"
          variant="body2"
          data-testid="action-overdue"
          sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, color: 'error.main', fontWeight: 600 }}
        >
          <ErrorOutline fontSize="inherit" aria-hidden />
          {t('reviewsUi.actions.overdueDays', { count: late })}
        </Typography>
      ) : action.dueDate === today ? (
        <Typography component="span" variant="body2" color="text.secondary">
          {t('reviewsUi.actions.dueToday')}
        </Typography>
      ) : null}
    </Box>
  );
}

export function ReviewActionsCard() {
  const { t } = useTranslation();
  const heading = useId();
  const info = useSessionInfo();
  const [mine, setMine] = useState(false);
  const [marked, setMarked] = useState<string | null>(null);
  const input = mine ? { ownerUserId: info.user.id } : {};
  const query = useQuery({ queryKey: qk('reviews.actions', input), queryFn: () => call('reviews.actions', input) });
  const canComplete = COMPLETERS.includes(info.user.role);
  const complete = useMutation({
    mutationFn: async (action: ReviewAction) => {
      const result = await invoke('reviews.completeAction', { id: action.id, doneDate: todayIso() });
      if (!result.ok) throw new Error(result.error.message);
      return action;
    },
    onSuccess: (action) => {
      setMarked(action.description);
    },
  });
  const rows = sortActions((query.data ?? []).filter((a) => !a.doneDate));

  return (
    <Paper variant="outlined" component="section" aria-labelledby={heading} sx={{ p: 2.5, mb: 3 }} data-testid="review-actions-card">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 0.5 }}>
        <Typography id={heading} variant="h2" sx={{ flex: 1, display: 'flex', alignItems: 'center', gap: 1 }}>
          <TaskAltOutlined color="primary" aria-hidden />
          {t('reviewsUi.actions.title')}
        </Typography>
        <FormControlLabel
          control={<Switch checked={mine} onChange={(e) => setMine(e.target.checked)} />}
          label={t('reviewsUi.actions.mineOnly')}
        />
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('reviewsUi.actions.intro')}
      </Typography>
      {marked ? (
        <Alert severity="success" role="status" sx={{ mb: 2 }} onClose={() => setMarked(null)}>
          {t('reviewsUi.actions.marked', { what: marked })}
        </Alert>
      ) : null}
      {complete.error ? (
        <Alert severity="error" sx={{ mb: 2 }} onClose={() => complete.reset()}>
          {complete.error.message}
        </Alert>
      ) : null}
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <Typography color="text.secondary" sx={{ py: 2 }}>
          {mine ? t('reviewsUi.actions.noneMine') : t('reviewsUi.actions.none')}
        </Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-label={t('reviewsUi.actions.tableLabel')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('reviewsUi.actions.columns.pupil')}</TableCell>
                <TableCell>{t('reviewsUi.actions.columns.what')}</TableCell>
                <TableCell>{t('reviewsUi.actions.columns.owner')}</TableCell>
                <TableCell>{t('reviewsUi.actions.columns.due')}</TableCell>
                {canComplete ? <TableCell align="right">{t('reviewsUi.actions.columns.done')}</TableCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((a) => (
                <TableRow
                  key={a.id}
                  data-testid="review-action-row"
                  sx={a.overdue ? { '& td:first-of-type': { boxShadow: (th) => `inset 3px 0 0 ${th.palette.error.main}` } } : undefined}
                >
                  <TableCell sx={{ verticalAlign: 'top' }}>
                    <Link component={RouterLink} to={`/pupils/${a.pupilId}?tab=reviews`} sx={{ fontWeight: 500 }}>
                      {a.pupilName}
                    </Link>
                    <Typography variant="body2" color="text.secondary">
                      <Link component={RouterLink} to={`/pupils/${a.pupilId}/reviews/${a.reviewId}`} color="inherit">
                        {t('reviewsUi.actions.fromReview', {
                          kind: t(`reviewsUi.kinds.${a.reviewKind}`),
                          date: formatLongDate(a.reviewDate),
                        })}
                      </Link>
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ verticalAlign: 'top', maxWidth: 420 }}>{a.description}</TableCell>
                  <TableCell sx={{ verticalAlign: 'top' }}>{a.ownerName}</TableCell>
                  <TableCell sx={{ verticalAlign: 'top' }}>
                    <Due action={a} />
                  </TableCell>
                  {canComplete ? (
                    <TableCell align="right" sx={{ verticalAlign: 'top' }}>
                      <Button
                        size="small"
                        variant="outlined"
                        startIcon={<CheckOutlined />}
                        disabled={complete.isPending}
                        onClick={() => complete.mutate(a)}
                        aria-label={t('reviewsUi.actions.markDoneAria', { what: a.description, pupil: a.pupilName })}
                      >
                        {t('reviewsUi.actions.markDone')}
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}
