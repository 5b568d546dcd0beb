/**
 * The review form's state: the contract's `meetingInput` in react-hook-form, checked with the shared schema on what
 * would be sent, kept as a draft in the store until saved (lib/use-draft.ts), and saved through `reviews.save` with
 * the server's messages put beside their fields. Also what the sections work out from it (the kind, whether held,
 * the plan rated, the live T-score). The sections of the form take what this returns.
 */
import { useEffect, useMemo, useState } from 'react';
import { useFieldArray, useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type {
  BandPeriod,
  IppView,
  PlacementRecord,
  PlanSummary,
  PupilProfile,
  ReviewMeeting,
  ReviewStatus,
  UserSummary,
} from '../../../../../shared/contract';
import { todayIso } from '../../../../../shared/dates';
import { GAS_WEIGHT, reviewTScore } from '../../../../../shared/gas';
import type { Band } from '../../../../../shared/therapy';
import { call, invoke } from '../../../api/client';
import { hasPath, splitServerErrors } from '../../../lib/server-errors';
import { useDraft } from '../../../lib/use-draft';
import { qk } from '../../../lib/query-keys';
import {
  currentEhcPlans,
  newReviewValues,
  reviewFormSchemaOn,
  toInput,
  viewToFormValues,
  type ReviewFormIn,
  type ReviewFormOut,
} from '../review-model';
import { groupMessage } from './layout';

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

/** The form of one review meeting, new or saved (see the file's comment). */
export function useReviewForm({ pupil, view, initialStatus, ipps, ehcPlans, band, canWrite, annualChoice }: ReviewFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
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
  return {
    control,
    setValue,
    getValues,
    reset,
    formState,
    errors,
    all,
    attendees,
    ratings,
    decisions,
    actions,
    draft,
    summary,
    onSubmit,
    initial,
    chosen,
    kind,
    ehcPlan,
    status,
    held,
    locked,
    plan,
    chosenDecisions,
    currentBand,
    goalWeight,
    ratingValues,
    tScore,
  };
}

/** What the sections of the review form share: the form's state and what is worked out from it. */
export type ReviewFormState = ReturnType<typeof useReviewForm>;
