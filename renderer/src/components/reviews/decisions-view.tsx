/**
 * The decisions of a held review, read-only, each with what it changed in the records: "Band moved to Universal
 * from 23 November 2026", "Plan revised: version 2". A decision to revise the plan that has not been carried out
 * yet offers "Revise the plan", which opens the plan editor tied to this review.
 */
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlineOutlined';
import EditNoteOutlined from '@mui/icons-material/EditNoteOutlined';
import HourglassEmptyOutlined from '@mui/icons-material/HourglassEmptyOutlined';
import type { BandPeriod, ReviewDecision, ReviewMeeting } from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import { decisionLabel, parseActedOn } from './review-model';

function actedDate(d: ReviewDecision, fallback: string): string {
  return d.actedAt ? d.actedAt.slice(0, 10) : fallback;
}

function Outcome({
  decision,
  review,
  bands,
  canRevise,
}: {
  readonly decision: ReviewDecision;
  readonly review: ReviewMeeting;
  readonly bands: readonly BandPeriod[] | undefined;
  readonly canRevise: boolean;
}) {
  const { t } = useTranslation();
  const acted = parseActedOn(decision.actedOn);
  const done = decision.actedAt !== null;
  const kind = decision.kind;
  if (kind === 'band_up' || kind === 'band_down') {
    const band = decision.band ? t(`bands.${decision.band}`) : t('reviewsUi.notSet');
    if (!done) return <>{t('reviewsUi.acted.bandPending', { band })}</>;
    // The band period this review started, for its exact start date; otherwise the meeting date.
    const period = bands?.find((p) => p.reviewId === review.id && p.band === decision.band);
    const date = formatLongDate(period?.startDate ?? review.date);
    return (
      <>
        {decision.needLevel
          ? t('reviewsUi.acted.bandNeed', { band, need: t(`needLevels.${decision.needLevel}`).toLowerCase(), date })
          : t('reviewsUi.acted.band', { band, date })}
      </>
    );
  }
  if (kind === 'revise_plan') {
    if (acted?.kind === 'ipp_version' && acted.id) {
      return (
        <>
          {t('reviewsUi.acted.revised', { n: acted.version ?? '' })}{' '}
          <Link component={RouterLink} to={`/pupils/${review.pupilId}/ipps/${acted.id}`}>
            {t('reviewsUi.acted.openPlan')}
          </Link>
        </>
      );
    }
    return (
      <Box component="span" sx={{ display: 'inline-flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <span>{t('reviewsUi.acted.revisedPending')}</span>
        {canRevise && review.ippId ? (
          <Button
            component={RouterLink}
            to={`/pupils/${review.pupilId}/ipps/${review.ippId}/revise?review=${encodeURIComponent(review.id)}`}
            variant="contained"
            size="small"
            startIcon={<EditNoteOutlined />}
          >
            {t('reviewsUi.acted.revise')}
          </Button>
        ) : null}
      </Box>
    );
  }
  if (kind === 'close' && done) {
    return acted?.kind === 'ipp_closed' || acted?.kind === 'placement' ? (
      <>{t('reviewsUi.acted.closedPlan', { date: formatLongDate(actedDate(decision, review.date)) })}</>
    ) : (
      <>{t('reviewsUi.acted.done', { date: formatLongDate(actedDate(decision, review.date)) })}</>
    );
  }
  if (kind === 'request_extension' && done)
    return <>{t('reviewsUi.acted.extension', { date: formatLongDate(actedDate(decision, review.date)) })}</>;
  if (kind === 'continue') return <>{t('reviewsUi.acted.continued')}</>;
  return done ? (
    <>{t('reviewsUi.acted.done', { date: formatLongDate(actedDate(decision, review.date)) })}</>
  ) : (
    <>{t('reviewsUi.acted.notActed')}</>
  );
}

export function DecisionsView({
  review,
  bands,
  canRevise,
}: {
  readonly review: ReviewMeeting;
  readonly bands: readonly BandPeriod[] | undefined;
  readonly canRevise: boolean;
}) {
  const { t } = useTranslation();
  if (review.decisions.length === 0) {
    return <Typography color="text.secondary">{t('reviewsUi.form.noDecisionsLocked')}</Typography>;
  }
  return (
    <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1.5 }} data-testid="review-decisions">
      {review.decisions.map((d) => {
        const pending = d.kind === 'revise_plan' ? !d.actedOn : d.kind !== 'continue' && d.actedAt === null;
        const Icon = pending ? HourglassEmptyOutlined : CheckCircleOutline;
        return (
          <Box
            component="li"
            key={d.kind}
            data-testid="review-decision"
            data-kind={d.kind}
            sx={{
              display: 'grid',
              gridTemplateColumns: '28px 1fr',
              columnGap: 1,
              border: 1,
              borderColor: 'divider',
              borderRadius: 1,
              p: 1.5,
            }}
          >
            <Icon aria-hidden sx={{ color: pending ? 'warning.dark' : 'success.main', mt: 0.25 }} />
            <Box>
              <Typography sx={{ fontWeight: 600 }}>
                {decisionLabel(d.kind, review.kind)}
                {d.plannedWeeks ? (
                  <Typography component="span" color="text.secondary">
                    {' · '}
                    {t('reviewsUi.acted.weeks', { count: d.plannedWeeks })}
                  </Typography>
                ) : null}
              </Typography>
              <Typography component="div" data-testid="decision-outcome">
                <Outcome decision={d} review={review} bands={bands} canRevise={canRevise} />
              </Typography>
              {d.note ? (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, whiteSpace: 'pre-wrap' }}>
                  {d.note}
                </Typography>
              ) : null}
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
