/**
 * The pupil profile's "Reviews" tab: every review of the pupil's plans, band, placement and EHC plan, newest
 * first, with its status, the GAS T-score where goals were rated, the decisions taken and the actions still open;
 * "Plan a review" and "Record a review"; and each review's pack as a PDF.
 */
import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import EventNoteOutlined from '@mui/icons-material/EventNoteOutlined';
import type { PupilProfile } from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import { formatTScore } from '../../../../shared/gas';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { ReviewPackButton } from '../../components/reviews/pack-button';
import { TScoreHelp } from '../../components/tscore-help';
import { ReviewStatusChip, canReadReviews, canWriteReviews } from '../../components/reviews/review-parts';
import { decisionLabel, openActionCount, sortReviews } from '../../components/reviews/review-model';
import { qk } from '../../lib/query-keys';

export function ReviewsTab({ pupil }: { readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const heading = useId();
  const role = useSessionInfo().user.role;
  const canRead = canReadReviews(role);
  const canWrite = canWriteReviews(role);
  const query = useQuery({
    queryKey: qk('reviews.listForPupil', pupil.id),
    queryFn: () => call('reviews.listForPupil', { pupilId: pupil.id }),
    enabled: canRead,
  });

  if (!canRead) {
    return (
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography color="text.secondary">{t('reviewsUi.tab.noAccess')}</Typography>
      </Paper>
    );
  }
  const buttons = canWrite ? (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
      <Button
        component={RouterLink}
        to={`/pupils/${pupil.id}/reviews/new?status=planned`}
        variant="outlined"
        startIcon={<EventNoteOutlined />}
      >
        {t('reviewsUi.tab.plan')}
      </Button>
      <Button component={RouterLink} to={`/pupils/${pupil.id}/reviews/new?status=held`} variant="contained" startIcon={<AddOutlined />}>
        {t('reviewsUi.tab.record')}
      </Button>
    </Box>
  ) : null;

  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const reviews = sortReviews(query.data);

  return (
    <Paper variant="outlined" component="section" aria-labelledby={heading} sx={{ p: 2.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Box sx={{ flex: 1, minWidth: 260 }}>
          <Typography id={heading} variant="h2" sx={{ fontSize: '1.15rem' }}>
            {t('reviewsUi.tab.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('reviewsUi.tab.intro')}
          </Typography>
        </Box>
        {reviews.length ? buttons : null}
      </Box>
      {reviews.length === 0 ? (
        <EmptyState
          icon={<EventNoteOutlined />}
          title={t('reviewsUi.tab.none')}
          body={canWrite ? t('reviewsUi.tab.noneBody') : t('reviewsUi.tab.noneRead')}
          action={buttons}
        />
      ) : (
        <TableContainer>
          <Table size="small" aria-label={t('reviewsUi.tab.tableLabel', { name: pupil.name })} data-testid="reviews-list">
            <TableHead>
              <TableRow>
                <TableCell>{t('reviewsUi.tab.columns.dateStatus')}</TableCell>
                <TableCell>{t('reviewsUi.tab.columns.kind')}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {t('reviewsUi.tab.columns.tScore')}
                  <TScoreHelp />
                </TableCell>
                <TableCell>{t('reviewsUi.tab.columns.decisions')}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('reviewsUi.tab.columns.actions')}</TableCell>
                <TableCell align="right">{t('reviewsUi.tab.columns.pack')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {reviews.map((r) => {
                const kind = t(`reviewsUi.kinds.${r.kind}`);
                const date = formatLongDate(r.date);
                const open = openActionCount(r);
                return (
                  <TableRow key={r.id} data-testid="review-row">
                    <TableCell sx={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                      <Link
                        component={RouterLink}
                        to={`/pupils/${pupil.id}/reviews/${r.id}`}
                        aria-label={t('reviewsUi.tab.openAria', { kind, date })}
                        sx={{ fontWeight: 500 }}
                      >
                        {date}
                      </Link>
                      <Box sx={{ mt: 0.5 }}>
                        <ReviewStatusChip status={r.status} />
                      </Box>
                    </TableCell>
                    <TableCell sx={{ verticalAlign: 'top', minWidth: 190 }}>
                      {kind}
                      {r.ippTitle ? (
                        <Typography variant="body2" color="text.secondary">
                          {t('reviewsUi.tab.forPlan', { title: r.ippTitle })}
                        </Typography>
                      ) : null}
                      {r.annual?.recommendation ? (
                        <Typography variant="body2" color="text.secondary" data-testid="review-recommendation">
                          {t('reviewsUi.annual.recommended', {
                            recommendation: t(`reviewsUi.annual.recommendations.${r.annual.recommendation}`),
                          })}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell sx={{ verticalAlign: 'top', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                      {r.tScore === null ? (
                        <Typography component="span" variant="body2" color="text.secondary">
                          {t('reviewsUi.tab.notRated')}
                        </Typography>
                      ) : (
                        formatTScore(r.tScore)
                      )}
                    </TableCell>
                    <TableCell sx={{ verticalAlign: 'top' }}>
                      {r.decisions.length ? (
                        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                          {r.decisions.map((d) => (
                            <Chip key={d.kind} size="small" variant="outlined" label={decisionLabel(d.kind, r.kind)} />
                          ))}
                        </Box>
                      ) : (
                        <Typography component="span" variant="body2" color="text.secondary">
                          {t('reviewsUi.tab.noDecisions')}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                      {open ? (
                        t('reviewsUi.tab.openActions', { count: open })
                      ) : (
                        <Typography component="span" variant="body2" color="text.secondary">
                          {t('reviewsUi.tab.noOpenActions')}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell align="right" sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                      <ReviewPackButton
                        reviewId={r.id}
                        size="small"
                        variant="text"
                        label={t('reviewsUi.pack.buttonAria', { kind, date })}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}
