/**
 * Plans or records a review meeting: a plan review, band review, provider midpoint review or EHC plan annual
 * review, with who came, the pupil's and parents' or carers' views, the discussion, each goal's GAS rating with a
 * live T-score, the decisions (a band move names the band), the actions, and for an annual review the statutory
 * steps. The form's state is the contract's `meetingInput`, checked with that schema; the server's messages land
 * beside their fields and nothing typed is lost (a draft is kept in the store until saved: lib/use-draft.ts).
 *
 * Once a review is saved as held its decisions are carried out by the core and shown read-only with what they
 * changed; a decision to revise the plan that is still to be done offers "Revise the plan".
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import ArrowBack from '@mui/icons-material/ArrowBack';
import DeleteOutline from '@mui/icons-material/DeleteOutlineOutlined';
import GroupAddOutlined from '@mui/icons-material/GroupAddOutlined';
import {
  ATTENDEE_ROLES,
  LA_DECISIONS,
  REVIEW_KINDS,
  REVIEW_STATUSES,
  type BandPeriod,
  type IppView,
  type PlacementRecord,
  type PlanSummary,
  type PupilProfile,
  type ReviewMeeting,
  type ReviewStatus,
  type UserSummary,
} from '../../../../shared/contract';
import { formatLongDate, formatUkDate, todayIso } from '../../../../shared/dates';
import { GAS_WEIGHT, formatTScore, reviewTScore } from '../../../../shared/gas';
import { tScorePlainWords, tScoreWeightsWords } from '../../../../shared/gas-words';
import { NEED_LEVELS, type Band } from '../../../../shared/therapy';
import { call, invoke } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { FormDate, FormSelect, FormText } from '../../components/form-fields';
import { FormNumber } from '../../components/ipp/number-field';
import { canReadBands, canReadEhcp, canReadIpps, canReadPlacements } from '../../components/ipp/roles';
import { MidpointPlacementFacts } from '../../components/ipp/placements';
import { PageHeader } from '../../components/page-header';
import { Loading, QueryError } from '../../components/status';
import { DecisionsView } from '../../components/reviews/decisions-view';
import { GoalRating } from '../../components/reviews/goal-rating';
import { ReviewPackButton } from '../../components/reviews/pack-button';
import { ReviewStatusChip, Section, canReadReviews, canWriteReviews } from '../../components/reviews/review-parts';
import {
  annualReviewChoice,
  bandChoices,
  currentEhcPlans,
  decisionKindsShown,
  decisionLabel,
  newDecision,
  newReviewValues,
  reviewFormSchemaOn,
  toInput,
  usualAttendees,
  viewToFormValues,
  type ReviewFormIn,
  type ReviewFormOut,
} from '../../components/reviews/review-model';
import { AnnualReviewSection } from '../../components/reviews/annual-review-section';
import { hasPath, splitServerErrors } from '../../lib/server-errors';
import { usePageTitle } from '../../lib/use-page-title';
import { DraftStatus } from '../../components/draft-guard';
import { useDraft } from '../../lib/use-draft';
import { qk } from '../../lib/query-keys';

const grid2 = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' } as const;
const grid3 = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' }, alignItems: 'start' } as const;
const rowBox = { border: 1, borderColor: 'divider', borderRadius: 1, p: 2, m: 0, minWidth: 0 } as const;
const USER_READERS = ['senco', 'therapy_lead', 'headteacher'];
/** Mirrors the access of clocks.list (shared/contract/clocks.ts). */
const CLOCK_READERS = ['senco', 'therapy_lead', 'headteacher'];

/**
 * The contract's schema, on what would be sent (only the record the kind is about; statutory steps and conclusions
 * for annual reviews), with today's date: a meeting is recorded as held only once it has happened.
 */
function resolverOn(today: string, alreadyHeld: boolean): Resolver<ReviewFormIn, unknown, ReviewFormOut> {
  const schemaResolver = zodResolver(reviewFormSchemaOn(today, alreadyHeld)) as Resolver<ReviewFormIn, unknown, ReviewFormOut>;
  return (values, context, options) => schemaResolver(toInput(values), context, options);
}

/** The review's draft: the meeting's, or a new one's for the pupil (issue 17, item 3). */
function draftKey(pupilId: string, view: ReviewMeeting | null) {
  return view ? `reviews.meeting:${view.id}` : `reviews.meeting:new-${pupilId}`;
}

/** A message on a list or group as a whole (not on one of its fields). */
function groupMessage(error: unknown): string | null {
  if (!error || typeof error !== 'object') return null;
  const e = error as { message?: unknown; root?: { message?: unknown } };
  if (typeof e.message === 'string' && e.message) return e.message;
  if (e.root && typeof e.root.message === 'string' && e.root.message) return e.root.message;
  return null;
}

/** Every message under an error subtree (for decisions shown read-only, whose fields are not on screen). */
function allMessages(error: unknown, out: string[] = []): string[] {
  if (!error || typeof error !== 'object') return out;
  const e = error as Record<string, unknown>;
  if (typeof e.message === 'string' && e.message && !out.includes(e.message)) out.push(e.message);
  for (const [k, v] of Object.entries(e)) if (k !== 'ref' && k !== 'message' && k !== 'type') allMessages(v, out);
  return out;
}

export interface ReviewFormProps {
  readonly pupil: PupilProfile;
  readonly view: ReviewMeeting | null;
  readonly initialStatus: ReviewStatus;
  readonly ipps: readonly IppView[];
  readonly placements: readonly PlacementRecord[] | null;
  readonly ehcPlans: readonly PlanSummary[];
  readonly band: BandPeriod | null | undefined;
  readonly bandHistory: readonly BandPeriod[] | undefined;
  readonly users: readonly UserSummary[] | null;
  readonly canWrite: boolean;
  /** For a new review: the EHC plan whose annual review is due, when it is the pupil's only current plan (review-model.ts). */
  readonly annualChoice: { readonly planId: string; readonly dueDate: string } | null;
}

function ReviewForm({
  pupil,
  view,
  initialStatus,
  ipps,
  placements,
  ehcPlans,
  band,
  bandHistory,
  users,
  canWrite,
  annualChoice,
}: ReviewFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useSessionInfo().user;
  const [summary, setSummary] = useState<{ readonly messages: readonly string[]; readonly stale: boolean } | null>(null);
  const fresh = newReviewValues(pupil.id, initialStatus, todayIso());
  // A new review of a pupil with one current EHC plan whose annual review is due: that annual review, chosen for the user.
  const chosen = !view && annualChoice ? annualChoice : null;
  const initial = view ? viewToFormValues(view) : chosen ? { ...fresh, kind: 'annual' as const, ehcPlanId: chosen.planId } : fresh;
  const resolver = useMemo(() => resolverOn(todayIso(), view?.status === 'held'), [view?.status]);
  const { control, handleSubmit, setError, setValue, getValues, reset, formState } = useForm<ReviewFormIn, unknown, ReviewFormOut>({
    resolver,
    defaultValues: initial,
    // Checked on save, then live as fields change. ("onTouched" would make useFieldArray check the whole list after
    // every added row, showing "This is required." on a person or action the user has not reached yet.)
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const attendees = useFieldArray({ control, name: 'attendees', keyName: 'fieldId' });
  const ratings = useFieldArray({ control, name: 'ratings', keyName: 'fieldId' });
  const decisions = useFieldArray({ control, name: 'decisions', keyName: 'fieldId' });
  const actions = useFieldArray({ control, name: 'actions', keyName: 'fieldId' });
  const all = useWatch({ control }) as ReviewFormIn;
  const errors = formState.errors;

  // Keep what is typed as a draft in the store until it is saved (UI handbook: never lose typing; issue 17, item 3).
  const draft = useDraft<ReviewFormIn>({
    draftKey: draftKey(pupil.id, view),
    pupilId: pupil.id,
    value: all,
    dirty: formState.isDirty,
    enabled: canWrite,
    restore: (v) => reset(v, { keepDefaultValues: true }),
  });

  const kind = all.kind ?? 'plan';
  // An annual review of the pupil's only current EHC plan: the plan is the only sensible choice, so it is made.
  const onlyPlan = currentEhcPlans(ehcPlans).length === 1 ? currentEhcPlans(ehcPlans)[0]!.id : null;
  useEffect(() => {
    if (kind === 'annual' && !all.ehcPlanId && onlyPlan) setValue('ehcPlanId', onlyPlan, { shouldDirty: true });
  }, [kind, all.ehcPlanId, onlyPlan, setValue]);
  const ehcPlan = useQuery({
    queryKey: qk('ehcp.get', all.ehcPlanId ?? ''),
    queryFn: () => call('ehcp.get', { planId: all.ehcPlanId as string }),
    enabled: kind === 'annual' && !!all.ehcPlanId,
  });
  const status = all.status ?? 'held';
  const held = status === 'held';
  const locked = view?.status === 'held';
  const plan = ipps.find((p) => p.id === all.ippId) ?? null;
  const chosenDecisions = (all.decisions ?? []).map((d) => d.kind);
  const currentBand: Band | null = band?.band ?? null;
  // The live T-score counts each rated goal by its weight in the plan, as the service will when it saves (shared/gas.ts).
  // A saved meeting keeps the weights its ratings were saved with (the service does the same when it is edited).
  const goalWeight = new Map([
    ...(plan?.goals ?? []).map((g) => [g.key, g.weight] as const),
    ...(view?.ratings ?? []).map((r) => [r.goalKey, r.weight] as const),
  ]);
  const rated = (all.ratings ?? []).flatMap((r) =>
    typeof r.rating === 'number' ? [{ rating: r.rating, weight: goalWeight.get(r.goalKey ?? '') ?? GAS_WEIGHT.default }] : [],
  );
  const ratingValues = rated.map((r) => r.rating);
  const tScore = reviewTScore(rated);

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const result = await invoke('reviews.save', values);
      if (result.ok) {
        void draft.saved();
        const saved = result.value;
        queryClient.setQueryData(qk('reviews.get', saved.id), saved);
        void navigate(`/pupils/${pupil.id}/reviews/${saved.id}`, { replace: true, state: { saved: saved.status } });
        return;
      }
      const current = getValues();
      const { fields, other } = splitServerErrors(result.error, (p) => hasPath(current, p));
      for (const [path, message] of fields) setError(path as 'date', { type: 'server', message });
      setSummary({ messages: [result.error.message, ...other], stale: result.error.code === 'conflict' });
      window.requestAnimationFrame(() => document.getElementById('review-form-summary')?.focus());
    },
    (errs: FieldErrors<ReviewFormIn>) => {
      const group = [
        groupMessage(errs.decisions),
        groupMessage(errs.ratings),
        groupMessage(errs.attendees),
        groupMessage(errs.actions),
        groupMessage(errs.statutory),
        groupMessage(errs.annual),
        groupMessage(errs.annual?.amendments),
        groupMessage(errs.annual?.recommendation),
        groupMessage(errs.date),
      ];
      setSummary({ messages: [t('errors.invalidInput'), ...group.filter((m): m is string => !!m)], stale: false });
      window.requestAnimationFrame(() => document.getElementById('review-form-summary')?.focus());
    },
  );

  // --- options -------------------------------------------------------------------------------------------------
  const kindOptions = REVIEW_KINDS.map((k) => ({ value: k, label: t(`reviewsUi.kinds.${k}`) }));
  const planOptions = [
    ...(kind === 'plan' ? [] : [{ value: '', label: t('reviewsUi.form.planNone') }]),
    ...ipps.map((p) => ({
      value: p.id,
      label: t('reviewsUi.form.planOption', { title: p.title, start: formatLongDate(p.startDate), end: formatLongDate(p.endDate) }),
    })),
    ...(view?.ippId && !ipps.some((p) => p.id === view.ippId) ? [{ value: view.ippId, label: view.ippTitle ?? view.ippId }] : []),
  ];
  const selectedPlacement = (placements ?? []).find((p) => p.id === all.placementId) ?? null;
  const placementOptions = (placements ?? []).map((p) => ({
    value: p.id,
    label: t('reviewsUi.form.placementOption', {
      la: p.commissioningLa,
      start: formatLongDate(p.startDate),
      midpoint: formatLongDate(p.midpointDate),
    }),
  }));
  const ehcOptions = ehcPlans.map((p) => ({
    value: p.id,
    label: p.issuedDate
      ? t('reviewsUi.form.ehcPlanOption', {
          la: p.localAuthority,
          status: t(`ehcpUi.status.${p.status}`),
          date: formatLongDate(p.issuedDate),
        })
      : t('reviewsUi.form.ehcPlanOptionDraft', { la: p.localAuthority, status: t(`ehcpUi.status.${p.status}`) }),
  }));
  const ownerOptions = (current: string | null | undefined) => {
    const staff = users
      ? users.filter((u) => u.active || u.id === current).map((u) => ({ value: u.id, label: `${u.displayName} (${t(`roles.${u.role}`)})` }))
      : [{ value: me.id, label: `${me.displayName} (${t(`roles.${me.role}`)})` }];
    const saved = view?.actions.find((a) => a.ownerUserId === current);
    const extra = current && !staff.some((o) => o.value === current) ? [{ value: current, label: saved?.ownerName ?? current }] : [];
    return [...staff, ...extra, { value: '', label: t('reviewsUi.form.ownerOutside') }];
  };
  const laOptions = [
    { value: '', label: t('reviewsUi.form.laDecisionNone') },
    ...LA_DECISIONS.map((d) => ({ value: d, label: t(`reviewsUi.laDecisions.${d}`) })),
  ];
  const needOptions = NEED_LEVELS.map((n) => ({ value: n, label: t(`needLevels.${n}`) }));
  const roleOptions = ATTENDEE_ROLES.map((r) => ({ value: r, label: t(`reviewsUi.roles.${r}`) }));

  const choosePlan = (ippId: string | null) => {
    setValue('ippId', ippId, { shouldDirty: true, shouldValidate: formState.isSubmitted });
    // Ratings belong to the goals of one plan: those of another plan are dropped.
    const goals = new Set((ipps.find((p) => p.id === ippId)?.goals ?? []).map((g) => g.key));
    const keep = (getValues('ratings') ?? []).filter((r) => goals.has(r.goalKey));
    if (keep.length !== (getValues('ratings') ?? []).length) setValue('ratings', keep, { shouldDirty: true });
  };

  const rate = (goalKey: string, score: number) => {
    const idx = (getValues('ratings') ?? []).findIndex((r) => r.goalKey === goalKey);
    if (idx >= 0) setValue(`ratings.${idx}.rating`, score, { shouldDirty: true, shouldValidate: formState.isSubmitted });
    else ratings.append({ goalKey, rating: score, note: null }, { shouldFocus: false });
  };

  const toggleDecision = (k: (typeof chosenDecisions)[number], on: boolean) => {
    const idx = (getValues('decisions') ?? []).findIndex((d) => d.kind === k);
    if (on && idx < 0) decisions.append(newDecision(k, currentBand), { shouldFocus: false });
    if (!on && idx >= 0) decisions.remove(idx);
  };

  const addUsual = () => {
    const people = usualAttendees(pupil.name, pupil.contacts, { name: me.displayName, role: me.role }, getValues('attendees') ?? []);
    if (people.length) attendees.append(people, { shouldFocus: false });
  };

  const linkedField: ReactNode =
    kind === 'midpoint' ? (
      placements === null ? (
        <Alert severity="info">{t('reviewsUi.form.placementNoAccess')}</Alert>
      ) : (
        <Box sx={{ display: 'grid', gap: 1.5 }}>
          <FormSelect
            control={control}
            name="placementId"
            nullable
            required
            label={t('reviewsUi.form.placement')}
            options={placementOptions}
            disabled={placementOptions.length === 0}
            helperText={placementOptions.length === 0 ? t('reviewsUi.form.noPlacements') : undefined}
          />
          {selectedPlacement ? <MidpointPlacementFacts placement={selectedPlacement} /> : null}
        </Box>
      )
    ) : (
      <Box sx={{ display: 'grid', gap: 2 }}>
        {kind === 'annual' ? (
          <FormSelect
            control={control}
            name="ehcPlanId"
            nullable
            required
            label={t('reviewsUi.form.ehcPlan')}
            options={ehcOptions}
            disabled={ehcOptions.length === 0}
            helperText={ehcOptions.length === 0 ? t('reviewsUi.form.noEhcPlans') : undefined}
          />
        ) : null}
        <Controller
          control={control}
          name="ippId"
          render={({ field, fieldState }) => (
            <TextField
              select
              inputRef={field.ref}
              name={field.name}
              label={kind === 'plan' ? t('reviewsUi.form.plan') : t('reviewsUi.form.planOptional')}
              required={kind === 'plan'}
              value={field.value ?? ''}
              onChange={(e) => choosePlan(e.target.value === '' ? null : e.target.value)}
              onBlur={field.onBlur}
              error={!!fieldState.error}
              disabled={ipps.length === 0 && !view?.ippId}
              helperText={fieldState.error?.message ?? (ipps.length === 0 ? t('reviewsUi.form.noPlans') : t('reviewsUi.form.planHelp'))}
              slotProps={{ select: { displayEmpty: kind !== 'plan' }, inputLabel: kind !== 'plan' ? { shrink: true } : undefined }}
            >
              {planOptions.map((o) => (
                <MenuItem key={o.value} value={o.value}>
                  {o.label}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
      </Box>
    );

  // --- sections -------------------------------------------------------------------------------------------------
  const ratingsSection =
    kind !== 'midpoint' && plan ? (
      <Section title={t('reviewsUi.form.sections.ratings')} intro={t('reviewsUi.form.ratingsIntro')} testId="ratings-section">
        {groupMessage(errors.ratings) ? (
          <Alert severity="error" sx={{ mb: 2 }}>
            {groupMessage(errors.ratings)}
          </Alert>
        ) : null}
        {!held && (all.ratings ?? []).length === 0 ? (
          <Typography color="text.secondary">{t('reviewsUi.form.ratingsPlanned')}</Typography>
        ) : plan.goals.length === 0 ? (
          <Typography color="text.secondary">{t('reviewsUi.form.ratingsNoGoals')}</Typography>
        ) : (
          <>
            <Box sx={{ display: 'grid', gap: 2 }}>
              {plan.goals.map((g, n) => {
                const idx = (all.ratings ?? []).findIndex((r) => r.goalKey === g.key);
                const r = idx >= 0 ? all.ratings?.[idx] : undefined;
                const err = idx >= 0 ? (errors.ratings?.[idx]?.rating?.message ?? errors.ratings?.[idx]?.goalKey?.message ?? null) : null;
                return (
                  <GoalRating
                    key={g.key}
                    goal={g}
                    n={n + 1}
                    value={typeof r?.rating === 'number' ? r.rating : null}
                    onRate={(s) => rate(g.key, s)}
                    onClear={() => idx >= 0 && ratings.remove(idx)}
                    error={err}
                    note={
                      idx >= 0 ? (
                        <FormText
                          key={`note-${g.key}`}
                          control={control}
                          name={`ratings.${idx}.note`}
                          nullable
                          size="small"
                          multiline
                          label={t('reviewsUi.form.ratingNote', { n: n + 1 })}
                        />
                      ) : (
                        <TextField
                          size="small"
                          disabled
                          label={t('reviewsUi.form.ratingNote', { n: n + 1 })}
                          helperText={t('reviewsUi.form.ratingNoteHelp')}
                          value=""
                        />
                      )
                    }
                  />
                );
              })}
            </Box>
            <Paper
              variant="outlined"
              sx={{ mt: 2, p: 2, display: 'flex', gap: 2, alignItems: 'baseline', flexWrap: 'wrap', bgcolor: 'rgba(29, 79, 145, 0.04)' }}
            >
              <Typography sx={{ fontWeight: 600 }}>{t('reviewsUi.form.tScore')}</Typography>
              <Typography aria-live="polite" data-testid="live-t-score" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                {tScore === null
                  ? t('reviewsUi.form.tScoreNone')
                  : t('reviewsUi.form.tScoreLive', { score: formatTScore(tScore), count: ratingValues.length })}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ flexBasis: '100%' }} data-testid="t-score-words">
                {tScorePlainWords()} {tScoreWeightsWords(plan.goals.map((g) => goalWeight.get(g.key) ?? g.weight))}
              </Typography>
            </Paper>
          </>
        )}
      </Section>
    ) : null;

  const bandLine =
    kind === 'plan' || kind === 'band' || kind === 'annual' ? (
      <Typography sx={{ mb: 2, fontWeight: 500 }} data-testid="current-band">
        {band === undefined
          ? t('reviewsUi.form.bandLoading')
          : band === null
            ? t('reviewsUi.form.noBand')
            : band.needLevel
              ? t('reviewsUi.form.currentBandNeed', {
                  band: t(`bands.${band.band}`),
                  need: t(`needLevels.${band.needLevel}`).toLowerCase(),
                  date: formatLongDate(band.startDate),
                })
              : t('reviewsUi.form.currentBand', { band: t(`bands.${band.band}`), date: formatLongDate(band.startDate) })}
      </Typography>
    ) : null;

  const decisionsSection = (
    <Section
      title={t('reviewsUi.form.sections.decisions')}
      intro={locked ? t('reviewsUi.form.decisionsLocked') : t('reviewsUi.form.decisionsIntro')}
      testId="decisions-section"
    >
      {bandLine}
      {groupMessage(errors.decisions) ? (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="decisions-error">
          {groupMessage(errors.decisions)}
        </Alert>
      ) : null}
      {locked && view ? (
        <>
          {allMessages(errors.decisions).length && !groupMessage(errors.decisions) ? (
            <Alert severity="error" sx={{ mb: 2 }}>
              {allMessages(errors.decisions).join(' ')}
            </Alert>
          ) : null}
          <DecisionsView review={view} bands={bandHistory} canRevise={canWrite} />
        </>
      ) : (
        <>
          {!held ? (
            <Alert severity="info" sx={{ mb: 2 }}>
              {t('reviewsUi.form.decisionsPlanned')}
            </Alert>
          ) : null}
          <Box sx={{ display: 'grid', gap: 1.5 }} role="group" aria-label={t('reviewsUi.form.sections.decisions')}>
            {decisionKindsShown(kind, chosenDecisions).map((k) => {
              const idx = (all.decisions ?? []).findIndex((d) => d.kind === k);
              const on = idx >= 0;
              const d = on ? all.decisions?.[idx] : undefined;
              const move = k === 'band_up' || k === 'band_down';
              const choices = bandChoices(k, currentBand);
              const unavailable = move && currentBand !== null && choices.length === 0;
              const kindError = on ? (errors.decisions?.[idx]?.kind?.message ?? null) : null;
              return (
                <Box
                  key={k}
                  sx={{ ...rowBox, p: 1.5, borderColor: on ? 'primary.light' : 'divider' }}
                  data-testid="decision-option"
                  data-kind={k}
                >
                  <FormControlLabel
                    sx={{ alignItems: 'flex-start', m: 0 }}
                    control={
                      <Checkbox
                        checked={on}
                        disabled={unavailable && !on}
                        onChange={(e) => toggleDecision(k, e.target.checked)}
                        sx={{ pt: 0.5 }}
                      />
                    }
                    label={
                      <Box sx={{ pt: 0.5 }}>
                        <Typography component="span" sx={{ fontWeight: 500, display: 'block' }}>
                          {decisionLabel(k, kind)}
                        </Typography>
                        <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
                          {unavailable
                            ? k === 'band_up'
                              ? t('reviewsUi.form.noBandAbove')
                              : t('reviewsUi.form.noBandBelow')
                            : t(`reviewsUi.decisionHelp.${k}`)}
                        </Typography>
                      </Box>
                    }
                  />
                  {kindError ? (
                    <FormHelperText error sx={{ ml: 4 }}>
                      {kindError}
                    </FormHelperText>
                  ) : null}
                  {on ? (
                    <Box sx={{ display: 'grid', gap: 2, mt: 1.5, ml: { xs: 0, md: 4 } }}>
                      {move ? (
                        <Box sx={grid3}>
                          <FormSelect
                            control={control}
                            name={`decisions.${idx}.band`}
                            nullable
                            required
                            label={t('reviewsUi.form.moveTo')}
                            options={(choices.length ? choices : d?.band ? [d.band] : []).map((b) => ({
                              value: b,
                              label: t(`bands.${b}`),
                            }))}
                          />
                          {d?.band === 'universal' ? (
                            <FormSelect
                              control={control}
                              name={`decisions.${idx}.needLevel`}
                              nullable
                              required
                              label={t('reviewsUi.form.needLevel')}
                              helperText={t('reviewsUi.form.needLevelHelp')}
                              options={needOptions}
                            />
                          ) : d?.band ? (
                            <FormNumber
                              control={control}
                              name={`decisions.${idx}.plannedWeeks`}
                              required={d.band === 'targeted'}
                              label={t('reviewsUi.form.plannedWeeks')}
                              helperText={d.band === 'targeted' ? t('reviewsUi.form.plannedWeeksHelp') : undefined}
                            />
                          ) : null}
                        </Box>
                      ) : null}
                      <FormText
                        control={control}
                        name={`decisions.${idx}.note`}
                        nullable
                        size="small"
                        multiline
                        label={t('reviewsUi.form.decisionNote')}
                      />
                    </Box>
                  ) : null}
                </Box>
              );
            })}
          </Box>
        </>
      )}
    </Section>
  );

  const title = view
    ? t('reviewsUi.form.editTitle', { kind: t(`reviewsUi.kinds.${view.kind}`), date: formatLongDate(view.date) })
    : initialStatus === 'planned'
      ? t('reviewsUi.form.planTitle')
      : t('reviewsUi.form.newTitle');

  return (
    <Box component="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={title} sx={{ '& fieldset[disabled]': { opacity: 1 } }}>
      <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset(initial))} />
      {summary ? (
        <Alert
          severity="error"
          role="alert"
          id="review-form-summary"
          tabIndex={-1}
          sx={{ mb: 2 }}
          data-testid="form-summary"
          action={
            summary.stale && view ? (
              <Button
                color="inherit"
                size="small"
                onClick={() => void draft.discard().then(() => queryClient.invalidateQueries({ queryKey: qk('reviews.get', view.id) }))}
              >
                {t('reviewsUi.form.stale')}
              </Button>
            ) : undefined
          }
        >
          {summary.messages.map((m) => (
            <Box key={m}>{m}</Box>
          ))}
        </Alert>
      ) : null}

      <Box component="fieldset" disabled={!canWrite} sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
        <Section title={t('reviewsUi.form.sections.meeting')} testId="meeting-section">
          <Box sx={grid3}>
            <FormSelect
              control={control}
              name="kind"
              required
              label={t('reviewsUi.form.kind')}
              options={kindOptions}
              disabled={!!view}
              helperText={view ? t('reviewsUi.form.kindFixed') : t(`reviewsUi.kindsHelp.${kind}`)}
            />
            {locked && view ? (
              // A held review's decisions were carried out from its date: the date stays as it was.
              <TextField
                disabled
                label={t('reviewsUi.form.date')}
                value={formatUkDate(view.date)}
                helperText={t('reviewsUi.form.dateFixed')}
              />
            ) : (
              <FormDate control={control} name="date" required label={t('reviewsUi.form.date')} />
            )}
            <Controller
              control={control}
              name="status"
              render={({ field, fieldState }) => (
                <FormControl component="fieldset" required error={!!fieldState.error}>
                  <FormLabel component="legend" sx={{ fontSize: '0.85rem' }}>
                    {t('reviewsUi.form.status')}
                  </FormLabel>
                  <RadioGroup
                    row
                    name={field.name}
                    value={field.value ?? ''}
                    onChange={(e) => field.onChange(e.target.value)}
                    onBlur={field.onBlur}
                  >
                    {REVIEW_STATUSES.map((s, i) => (
                      <FormControlLabel
                        key={s}
                        value={s}
                        disabled={locked && s === 'planned'}
                        control={<Radio slotProps={{ input: i === 0 ? { ref: field.ref } : {} }} />}
                        label={t(`reviewsUi.statuses.${s}`)}
                      />
                    ))}
                  </RadioGroup>
                  <FormHelperText>{fieldState.error?.message ?? t(`reviewsUi.statusHelp.${status}`)}</FormHelperText>
                </FormControl>
              )}
            />
          </Box>
          <Box sx={{ mt: 2 }}>{linkedField}</Box>
          {chosen && kind === 'annual' && all.ehcPlanId === chosen.planId ? (
            <Alert severity="info" sx={{ mt: 2 }} data-testid="annual-chosen">
              {t('reviewsUi.annual.chosenForYou', { name: pupil.name, date: formatLongDate(chosen.dueDate) })}
            </Alert>
          ) : null}
        </Section>

        <Section title={t('reviewsUi.form.sections.attendees')} intro={t('reviewsUi.form.attendeesIntro')} testId="attendees-section">
          {groupMessage(errors.attendees) ? (
            <Alert severity="error" sx={{ mb: 2 }}>
              {groupMessage(errors.attendees)}
            </Alert>
          ) : null}
          {attendees.fields.length === 0 ? (
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              {t('reviewsUi.form.noAttendees')}
            </Typography>
          ) : null}
          <Box sx={{ display: 'grid', gap: 1.5 }}>
            {attendees.fields.map((f, i) => (
              <Box key={f.fieldId} component="fieldset" sx={{ ...rowBox, p: 1.5 }} data-testid="attendee-row">
                <Box component="legend" sx={{ px: 0.5, fontWeight: 600, fontSize: '0.9rem' }}>
                  {t('reviewsUi.form.attendeeLegend', { n: i + 1 })}
                </Box>
                <Box
                  sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '200px 1fr 1fr auto auto' }, alignItems: 'start' }}
                >
                  <FormSelect
                    control={control}
                    name={`attendees.${i}.role`}
                    required
                    size="small"
                    label={t('reviewsUi.form.role')}
                    options={roleOptions}
                  />
                  <FormText
                    control={control}
                    name={`attendees.${i}.name`}
                    required
                    size="small"
                    label={t('reviewsUi.form.name')}
                    autoComplete="off"
                  />
                  <FormText
                    control={control}
                    name={`attendees.${i}.organisation`}
                    nullable
                    size="small"
                    label={t('reviewsUi.form.organisation')}
                    autoComplete="off"
                  />
                  <Controller
                    control={control}
                    name={`attendees.${i}.present`}
                    render={({ field }) => (
                      <FormControlLabel
                        sx={{ m: 0, mt: 0.25 }}
                        control={
                          <Checkbox
                            name={field.name}
                            checked={!!field.value}
                            onChange={(e) => field.onChange(e.target.checked)}
                            onBlur={field.onBlur}
                            slotProps={{ input: { ref: field.ref } as object }}
                          />
                        }
                        label={t('reviewsUi.form.present')}
                      />
                    )}
                  />
                  <Button
                    color="error"
                    size="small"
                    startIcon={<DeleteOutline />}
                    onClick={() => attendees.remove(i)}
                    sx={{ mt: 0.5 }}
                    aria-label={t('reviewsUi.form.removeAttendee', { n: i + 1 })}
                  >
                    {t('reviewsUi.form.removeAttendee', { n: i + 1 })}
                  </Button>
                </Box>
              </Box>
            ))}
          </Box>
          <Box sx={{ display: 'flex', gap: 1.5, mt: 2, flexWrap: 'wrap', alignItems: 'center' }}>
            <Button
              variant="outlined"
              startIcon={<AddOutlined />}
              disabled={attendees.fields.length >= 30}
              onClick={() =>
                attendees.append(
                  { role: 'teacher', name: '', organisation: null, present: true },
                  { shouldFocus: true, focusName: `attendees.${attendees.fields.length}.name` },
                )
              }
            >
              {t('reviewsUi.form.addAttendee')}
            </Button>
            <Button variant="text" startIcon={<GroupAddOutlined />} onClick={addUsual} disabled={attendees.fields.length >= 27}>
              {t('reviewsUi.form.addUsual')}
            </Button>
            <Typography variant="body2" color="text.secondary">
              {t('reviewsUi.form.addUsualHelp')}
            </Typography>
          </Box>
        </Section>

        <Section title={t('reviewsUi.form.sections.views')} testId="views-section">
          <Box sx={{ display: 'grid', gap: 2 }}>
            <Box sx={grid2}>
              <FormText
                control={control}
                name="pupilViews"
                nullable
                multiline
                minRows={3}
                label={t('reviewsUi.form.pupilViews')}
                helperText={t('reviewsUi.form.pupilViewsHelp')}
              />
              <FormText
                control={control}
                name="parentViews"
                nullable
                multiline
                minRows={3}
                label={t('reviewsUi.form.parentViews')}
                helperText={t('reviewsUi.form.parentViewsHelp')}
              />
            </Box>
            <FormText
              control={control}
              name="discussion"
              nullable
              multiline
              minRows={3}
              label={t('reviewsUi.form.discussion')}
              helperText={t('reviewsUi.form.discussionHelp')}
            />
          </Box>
        </Section>

        {ratingsSection}
        {decisionsSection}

        <Section title={t('reviewsUi.form.sections.actions')} intro={t('reviewsUi.form.actionsIntro')} testId="actions-section">
          {actions.fields.length === 0 ? (
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              {t('reviewsUi.form.noActions')}
            </Typography>
          ) : null}
          <Box sx={{ display: 'grid', gap: 1.5 }}>
            {actions.fields.map((f, i) => {
              const a = all.actions?.[i];
              return (
                <Box key={f.fieldId} component="fieldset" sx={{ ...rowBox, p: 1.5 }} data-testid="action-row">
                  <Box component="legend" sx={{ px: 0.5, fontWeight: 600, fontSize: '0.9rem' }}>
                    {t('reviewsUi.form.actionLegend', { n: i + 1 })}
                  </Box>
                  <Box sx={{ display: 'grid', gap: 1.5 }}>
                    <FormText
                      control={control}
                      name={`actions.${i}.description`}
                      required
                      size="small"
                      multiline
                      label={t('reviewsUi.form.description')}
                    />
                    <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '1.3fr 1fr 1fr' }, alignItems: 'start' }}>
                      <Box sx={{ display: 'grid', gap: 1.5 }}>
                        <FormSelect
                          control={control}
                          name={`actions.${i}.ownerUserId`}
                          nullable
                          required
                          size="small"
                          label={t('reviewsUi.form.owner')}
                          options={ownerOptions(a?.ownerUserId)}
                          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
                        />
                        {!a?.ownerUserId ? (
                          <FormText
                            control={control}
                            name={`actions.${i}.ownerName`}
                            nullable
                            required
                            size="small"
                            label={t('reviewsUi.form.ownerName')}
                            helperText={t('reviewsUi.form.ownerNameHelp')}
                            autoComplete="off"
                          />
                        ) : null}
                      </Box>
                      <FormDate control={control} name={`actions.${i}.dueDate`} required label={t('reviewsUi.form.dueDate')} />
                      <FormDate control={control} name={`actions.${i}.doneDate`} label={t('reviewsUi.form.doneDate')} />
                    </Box>
                    <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
                      <Button color="error" size="small" startIcon={<DeleteOutline />} onClick={() => actions.remove(i)}>
                        {t('reviewsUi.form.removeAction', { n: i + 1 })}
                      </Button>
                    </Box>
                  </Box>
                </Box>
              );
            })}
          </Box>
          <Button
            variant="outlined"
            startIcon={<AddOutlined />}
            sx={{ mt: 2 }}
            disabled={actions.fields.length >= 30}
            onClick={() =>
              actions.append(
                {
                  id: null,
                  description: '',
                  ownerUserId: users === null || users.some((u) => u.id === me.id) ? me.id : null,
                  ownerName: null,
                  dueDate: '',
                  doneDate: null,
                },
                { shouldFocus: true, focusName: `actions.${actions.fields.length}.description` },
              )
            }
          >
            {t('reviewsUi.form.addAction')}
          </Button>
        </Section>

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

        {kind === 'annual' ? (
          <Section title={t('reviewsUi.form.sections.statutory')} intro={t('reviewsUi.form.statutoryIntro')} testId="statutory-section">
            {groupMessage(errors.statutory) ? (
              <Alert severity="error" sx={{ mb: 2 }}>
                {groupMessage(errors.statutory)}
              </Alert>
            ) : null}
            <Box sx={{ display: 'grid', gap: 2 }}>
              <Box sx={grid3}>
                <FormDate
                  control={control}
                  name="statutory.invitationsSentDate"
                  label={t('reviewsUi.form.invitationsSent')}
                  helperText={t('reviewsUi.form.invitationsSentHelp')}
                />
                <FormDate
                  control={control}
                  name="statutory.adviceCirculatedDate"
                  label={t('reviewsUi.form.adviceCirculated')}
                  helperText={t('reviewsUi.form.adviceCirculatedHelp')}
                />
                <FormDate
                  control={control}
                  name="statutory.reportSentDate"
                  label={t('reviewsUi.form.reportSent')}
                  helperText={t('reviewsUi.form.reportSentHelp')}
                />
              </Box>
              <Box sx={grid3}>
                <FormSelect
                  control={control}
                  name="statutory.laDecision"
                  nullable
                  label={t('reviewsUi.form.laDecision')}
                  helperText={t('reviewsUi.form.laDecisionHelp')}
                  options={laOptions}
                  slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
                />
                <FormDate control={control} name="statutory.laDecisionDate" label={t('reviewsUi.form.laDecisionDate')} />
                {all.statutory?.laDecision === 'amend' || all.statutory?.amendedFinalDate ? (
                  <FormDate
                    control={control}
                    name="statutory.amendedFinalDate"
                    label={t('reviewsUi.form.amendedFinal')}
                    helperText={t('reviewsUi.form.amendedFinalHelp')}
                  />
                ) : null}
              </Box>
            </Box>
          </Section>
        ) : null}
      </Box>

      {canWrite ? (
        <Paper
          variant="outlined"
          sx={{
            p: 2,
            display: 'flex',
            gap: 1.5,
            alignItems: 'center',
            position: 'sticky',
            bottom: 0,
            zIndex: 2,
            boxShadow: '0 -2px 8px rgba(0,0,0,0.04)',
          }}
        >
          <Button type="submit" variant="contained" size="large" disabled={formState.isSubmitting}>
            {t('reviewsUi.form.save')}
          </Button>
          <Button component={RouterLink} to={`/pupils/${pupil.id}?tab=reviews`} size="large" onClick={() => void draft.discard()}>
            {t('reviewsUi.form.cancel')}
          </Button>
          <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
            {t('reviewsUi.form.requiredNote')}
          </Typography>
        </Paper>
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
