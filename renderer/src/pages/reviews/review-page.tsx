/**
 * Plans or records a review meeting: a plan review, band review, provider midpoint review or EHC plan annual
 * review, with who came, the pupil's and parents' or carers' views, the discussion, each goal's GAS rating with a
 * live T-score, the decisions (a band move names the band), the actions, and for an annual review the statutory
 * steps. The form's state is the contract's `meetingInput`, checked with that schema; the server's messages land
 * beside their fields and nothing typed is lost (a draft is kept in the store until saved: lib/use-draft.ts).
 *
 * Once a review is saved as held its decisions are carried out by the core and shown read-only with what they
 * changed; a decision to revise the plan that is still to be done offers "Revise the plan".
 *
 * The form's state lives in components/reviews/form/use-review-form.ts; each section of the form is its own
 * component beside it (the annual review's conclusions in components/reviews/annual-review-section.tsx).
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useParams, useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import ArrowBack from '@mui/icons-material/ArrowBack';
import type { ReviewStatus } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { canReadBands, canReadEhcp, canReadIpps, canReadPlacements } from '../../components/ipp/roles';
import { PageHeader } from '../../components/page-header';
import { Loading, QueryError } from '../../components/status';
import { ReviewPackButton } from '../../components/reviews/pack-button';
import { ReviewStatusChip, canReadReviews, canWriteReviews } from '../../components/reviews/review-parts';
import { annualReviewChoice } from '../../components/reviews/review-model';
import { AnnualReviewSection } from '../../components/reviews/annual-review-section';
import { ActionsSection } from '../../components/reviews/form/actions-section';
import { AttendeesSection } from '../../components/reviews/form/attendees-section';
import { DecisionsSection } from '../../components/reviews/form/decisions-section';
import { FormSummary } from '../../components/reviews/form/form-summary';
import { MeetingSection } from '../../components/reviews/form/meeting-section';
import { RatingsSection } from '../../components/reviews/form/ratings-section';
import { StatutorySection } from '../../components/reviews/form/statutory-section';
import { useReviewForm, type ReviewFormProps } from '../../components/reviews/form/use-review-form';
import { ViewsSection } from '../../components/reviews/form/views-section';
import { usePageTitle } from '../../lib/use-page-title';
import { DraftStatus } from '../../components/draft-guard';
import { SaveBar } from '../../components/save-bar';
import { qk } from '../../lib/query-keys';

const USER_READERS = ['senco', 'therapy_lead', 'headteacher'];
/** Mirrors the access of clocks.list (shared/contract/clocks.ts). */
const CLOCK_READERS = ['senco', 'therapy_lead', 'headteacher'];

function ReviewForm(props: ReviewFormProps) {
  const { pupil, view, initialStatus, ipps, placements, ehcPlans, band, bandHistory, users, canWrite } = props;
  const { t } = useTranslation();
  const form = useReviewForm(props);
  const { control, setValue, getValues, reset, formState, errors, all, draft, onSubmit, initial, kind, ehcPlan, held } = form;

  const title = view
    ? t('reviewsUi.form.editTitle', { kind: t(`reviewsUi.kinds.${view.kind}`), date: formatLongDate(view.date) })
    : initialStatus === 'planned'
      ? t('reviewsUi.form.planTitle')
      : t('reviewsUi.form.newTitle');

  return (
    <Box component="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={title} sx={{ '& fieldset[disabled]': { opacity: 1 } }}>
      <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset(initial))} />
      <FormSummary form={form} view={view} />

      <Box component="fieldset" disabled={!canWrite} sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
        <MeetingSection form={form} pupil={pupil} view={view} ipps={ipps} placements={placements} ehcPlans={ehcPlans} />
        <AttendeesSection form={form} pupil={pupil} />
        <ViewsSection form={form} />
        <RatingsSection form={form} />
        <DecisionsSection form={form} view={view} band={band} bandHistory={bandHistory} canWrite={canWrite} />
        <ActionsSection form={form} view={view} users={users} />

        {kind === 'annual' ? (
          <AnnualReviewSection
            control={control}
            values={all.annual}
            errors={errors.annual}
            setValue={setValue}
            getValues={getValues}
            outcomes={all.ehcPlanId && ehcPlan.data ? ehcPlan.data.content.outcomes : null}
            view={view}
            held={held}
            submitted={formState.isSubmitted}
          />
        ) : null}

        {kind === 'annual' ? <StatutorySection form={form} /> : null}
      </Box>

      {canWrite ? (
        <SaveBar
          saveLabel={t('reviewsUi.form.save')}
          cancelLabel={t('reviewsUi.form.cancel')}
          cancelTo={`/pupils/${pupil.id}?tab=reviews`}
          requiredNote={t('reviewsUi.form.requiredNote')}
          submitting={formState.isSubmitting}
          onCancel={() => void draft.discard()}
        />
      ) : null}
    </Box>
  );
}

export default function ReviewPage() {
  const { t } = useTranslation();
  const { pupilId = '', reviewId } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const initialStatus: ReviewStatus = params.get('status') === 'planned' ? 'planned' : 'held';
  usePageTitle(
    reviewId ? t('reviewsUi.tab.title') : initialStatus === 'planned' ? t('reviewsUi.form.planTitle') : t('reviewsUi.form.newTitle'),
  );
  const role = useSessionInfo().user.role;
  // "Saved" comes with the navigation that follows a save; it is shown until dismissed or the next navigation.
  const saved = (location.state as { saved?: string } | null)?.saved ?? null;
  const [dismissed, setDismissed] = useState<string | null>(null);
  const pupil = useQuery({ queryKey: qk('pupils.get', pupilId), queryFn: () => call('pupils.get', { id: pupilId }) });
  const review = useQuery({
    queryKey: qk('reviews.get', reviewId ?? ''),
    queryFn: () => call('reviews.get', { id: reviewId as string }),
    enabled: !!reviewId && canReadReviews(role),
  });
  const ipps = useQuery({
    queryKey: qk('ipps.listForPupil', pupilId),
    queryFn: () => call('ipps.listForPupil', { pupilId }),
    enabled: canReadIpps(role),
  });
  const placements = useQuery({
    queryKey: qk('placements.listForPupil', pupilId),
    queryFn: () => call('placements.listForPupil', { pupilId }),
    enabled: canReadPlacements(role),
  });
  const ehcps = useQuery({
    queryKey: qk('ehcp.listForPupil', pupilId),
    queryFn: () => call('ehcp.listForPupil', { pupilId }),
    enabled: canReadEhcp(role),
  });
  const bands = useQuery({
    queryKey: qk('bands.history', pupilId),
    queryFn: () => call('bands.history', { pupilId }),
    enabled: canReadBands(role),
  });
  const users = useQuery({
    queryKey: qk('users.list'),
    queryFn: () => call('users.list', {}),
    enabled: USER_READERS.includes(role),
    staleTime: 60_000,
  });
  // The annual review clock of this pupil's plans, to choose the annual review when it is due (clock readers only).
  const clocks = useQuery({
    queryKey: qk('clocks.list', 'annual', pupilId),
    queryFn: () => call('clocks.list', { pupilId, keys: ['annual_review'] }),
    enabled: !reviewId && CLOCK_READERS.includes(role),
  });

  const back = (
    <Link component={RouterLink} to={`/pupils/${pupilId}?tab=reviews`} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      <ArrowBack fontSize="small" aria-hidden />
      {pupil.data ? t('reviewsUi.form.back', { name: pupil.data.name }) : t('profile.back')}
    </Link>
  );
  const waiting = (q: { isPending: boolean; fetchStatus: string }) => q.isPending && q.fetchStatus !== 'idle';
  if ([pupil, review, ipps, placements, ehcps, users, clocks].some(waiting)) return <Loading />;
  const error = pupil.error ?? review.error ?? ipps.error ?? ehcps.error ?? users.error ?? null;
  const view = reviewId ? (review.data ?? null) : null;
  const title = view
    ? t('reviewsUi.form.editTitle', { kind: t(`reviewsUi.kinds.${view.kind}`), date: formatLongDate(view.date) })
    : initialStatus === 'planned'
      ? t('reviewsUi.form.planTitle')
      : t('reviewsUi.form.newTitle');
  if (error || !pupil.data || (reviewId && !view) || !canReadReviews(role)) {
    return (
      <>
        <PageHeader eyebrow={back} title={title} />
        {canReadReviews(role) ? <QueryError error={error} /> : <Alert severity="info">{t('reviewsUi.tab.noAccess')}</Alert>}
      </>
    );
  }
  return (
    <Box sx={{ maxWidth: 1100 }}>
      <PageHeader
        eyebrow={back}
        title={title}
        subtitle={
          <Box component="span" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <span>
              {view
                ? t('reviewsUi.form.editIntro', { name: pupil.data.name, by: view.recordedBy })
                : t('reviewsUi.form.newIntro', { name: pupil.data.name })}
            </span>
            {view ? <ReviewStatusChip status={view.status} /> : null}
          </Box>
        }
        actions={view ? <ReviewPackButton reviewId={view.id} /> : undefined}
      />
      {saved && dismissed !== location.key ? (
        <Alert severity="success" role="status" sx={{ mb: 2 }} onClose={() => setDismissed(location.key)} data-testid="review-saved">
          {saved === 'held' && view?.decisions.length ? t('reviewsUi.form.savedHeld') : t('reviewsUi.form.saved')}
        </Alert>
      ) : null}
      <ReviewForm
        key={view ? `${view.id}-${view.updatedAt}` : `new-${initialStatus}`}
        pupil={pupil.data}
        view={view}
        initialStatus={initialStatus}
        ipps={ipps.data ?? []}
        placements={canReadPlacements(role) ? (placements.data ?? []) : null}
        ehcPlans={ehcps.data ?? []}
        band={canReadBands(role) ? (bands.isPending ? undefined : (bands.data?.current ?? null)) : null}
        bandHistory={bands.data?.history}
        users={USER_READERS.includes(role) ? (users.data ?? []) : null}
        canWrite={canWriteReviews(role)}
        annualChoice={view ? null : annualReviewChoice(ehcps.data ?? [], clocks.data?.items ?? null, todayIso())}
      />
    </Box>
  );
}
