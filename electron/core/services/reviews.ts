/**
 * Reviews: plan, band, provider midpoint and EHC plan annual review meetings. A held review's decisions act on the
 * records (a band moves, a plan closes, an extension is requested) and say what they changed; a "revise the plan"
 * decision is carried out by the plan revision that names the review. Ratings are kept as the plan's review too,
 * so plan history, T-scores and the Specific-without-progress flag read one source. Annual reviews keep their
 * statutory steps in ehcp_review, where the clocks read them.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  BAND_ORDER,
  bandInput,
  type LaDecision,
  type ParentUpdate,
  type ParentUpdateMethod,
  type ReviewAction,
  type ReviewDecision,
  type ReviewKind,
  type ReviewMeeting,
  type ReviewStatus,
} from '../../../shared/contract';
import { formatLongDate as formatDate, todayIso } from '../../../shared/dates';
import { reviewTScore, weightedMeanRating } from '../../../shared/gas';
import { t, type I18nKeyUnder } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import type { Band } from '../../../shared/therapy';
import { actorLabel, nowIso, type ServiceContext, type ServiceFn } from '../context';
import {
  BandPeriodEntity,
  EhcPlanEntity,
  EhcPlanVersionEntity,
  EhcpOutcomeEntity,
  EhcpReviewEntity,
  IppEntity,
  IppGoalEntity,
  IppReviewEntity,
  IppVersionEntity,
  ParentUpdateEntity,
  PlacementEntity,
  ReviewActionEntity,
  ReviewDecisionEntity,
  ReviewMeetingEntity,
  UserEntity,
} from '../db/entities';
import { dateOf } from '../db/raw';
import { setBand } from './bands';
import { displayName } from './pupil-name';
import { requirePupil } from './referrals';
import { inScope, schoolFilter } from '../scope';
import { storedRatings, withWeights } from './gas-ratings';

type SaveInput = Parameters<ServiceFn<'reviews.save'>>[1];
type Row = Record<string, unknown>;

const notFound = (thing: I18nKeyUnder<'things'>) => new AppFailure('not_found', t('errors.notFound', { thing: t(`things.${thing}`) }));
const invalid = (fields: Record<string, string>) =>
  new AppFailure('invalid_input', `${t('errors.invalidInput')} ${Object.values(fields)[0]}`, fields);

export const kindLabel = (kind: ReviewKind) => t(`reviewKinds.${kind}`);

/** The current version of a plan and its goals. */
async function currentPlan(em: EntityManager, ipp: IppEntity) {
  const version = await em.getRepository(IppVersionEntity).findOneOrFail({ where: { ippId: ipp.id, number: ipp.currentVersion } });
  const goals = await em.getRepository(IppGoalEntity).find({ where: { versionId: version.id }, order: { position: 'ASC' } });
  return { version, goals };
}

/** The section E outcomes of an EHC plan as it now stands, in the plan's order. */
async function currentOutcomes(em: EntityManager, plan: EhcPlanEntity): Promise<EhcpOutcomeEntity[]> {
  const version = await em.getRepository(EhcPlanVersionEntity).findOne({ where: { planId: plan.id, number: plan.currentVersion } });
  return version ? em.getRepository(EhcpOutcomeEntity).find({ where: { versionId: version.id }, order: { position: 'ASC' } }) : [];
}

export type StoredOutcome = NonNullable<ReviewMeeting['annual']>['outcomes'][number];

/** An annual review's stored outcome progress (null before migration 0018 or for other kinds: none recorded). */
function storedOutcomes(json: string | null): StoredOutcome[] {
  return json ? (JSON.parse(json) as StoredOutcome[]) : [];
}

/**
 * A review cannot be recorded as held before its date has come: its decisions act from that date (a band moves, a
 * plan closes) and the statutory clocks count from it. Checked against the core's clock, not the desk's.
 */
export function refuseHeldInFuture(ctx: Pick<ServiceContext, 'now'>, date: string, field: string): void {
  const today = todayIso(ctx.now);
  if (date > today) throw invalid({ [field]: t('reviewsUi.validation.heldInFuture', { today: formatDate(today) }) });
}

/** Checks that what the review refers to belongs to the pupil, and that rated goals are the plan's. */
async function checkRefs(
  ctx: ServiceContext,
  input: SaveInput,
  existing: ReviewMeetingEntity | null,
): Promise<{ ipp: IppEntity | null; placement: PlacementEntity | null; goals: IppGoalEntity[]; outcomes: StoredOutcome[] }> {
  const fields: Record<string, string> = {};
  let ipp: IppEntity | null = null;
  let placement: PlacementEntity | null = null;
  let planGoals: IppGoalEntity[] = [];
  if (input.ippId) {
    ipp = await ctx.em.getRepository(IppEntity).findOne({ where: { id: input.ippId } });
    if (!ipp || ipp.pupilId !== input.pupilId) fields.ippId = t('validation.reviewNotPupils');
    else {
      const { version, goals } = await currentPlan(ctx.em, ipp);
      planGoals = goals;
      // A new review of the plan as it now stands; an older review (before a revision) can still be edited.
      if (!input.id && input.date < version.startDate)
        fields.date = t('validation.reviewDateBeforePlan', { date: formatDate(version.startDate) });
      const keys = new Set(goals.map((g) => g.goalKey));
      input.ratings.forEach((r, i) => {
        if (!keys.has(r.goalKey)) fields[`ratings.${i}.goalKey`] = t('validation.goalUnknown');
      });
    }
  }
  if (input.placementId) {
    placement = await ctx.em.getRepository(PlacementEntity).findOne({ where: { id: input.placementId } });
    if (!placement || placement.pupilId !== input.pupilId) fields.placementId = t('validation.reviewNotPupils');
  }
  let outcomes: StoredOutcome[] = [];
  if (input.ehcPlanId) {
    const plan = await ctx.em.getRepository(EhcPlanEntity).findOne({ where: { id: input.ehcPlanId } });
    if (!plan || plan.pupilId !== input.pupilId) fields.ehcPlanId = t('validation.reviewNotPupils');
    else if (input.annual?.outcomes.length) {
      // Progress is recorded against the plan's section E as it now stands; a review saved before the plan was
      // amended keeps the outcomes (and their words) it was saved with, so it can still be edited.
      const words = new Map((await currentOutcomes(ctx.em, plan)).map((o) => [o.id, o.description]));
      const kept = new Map(storedOutcomes(existing?.outcomesJson ?? null).map((o) => [o.outcomeKey, o.outcome]));
      outcomes = input.annual.outcomes.map((o, i) => {
        const outcome = words.get(o.outcomeKey) ?? kept.get(o.outcomeKey);
        if (outcome === undefined) fields[`annual.outcomes.${i}.outcomeKey`] = t('reviewsUi.validation.outcomeNotInPlan');
        return { outcomeKey: o.outcomeKey, outcome: outcome ?? '', progress: o.progress, note: o.note };
      });
    }
  }
  const owners = [...new Set(input.actions.map((a) => a.ownerUserId).filter((x): x is string => x !== null))];
  if (owners.length) {
    // The school's own staff (a trust's server: electron/core/scope.ts).
    const school = schoolFilter(ctx);
    const found = new Set(
      (await ctx.em.getRepository(UserEntity).createQueryBuilder('u').where('u.id IN (:...ids)', { ids: owners }).getMany())
        .filter((u) => !school || u.schoolId === school)
        .map((u) => u.id),
    );
    input.actions.forEach((a, i) => {
      if (a.ownerUserId && !found.has(a.ownerUserId))
        fields[`actions.${i}.ownerUserId`] = t('errors.notFound', { thing: t('things.user') });
    });
  }
  if (Object.keys(fields).length) throw invalid(fields);
  return { ipp, placement, goals: planGoals, outcomes };
}

/** A band move decided at a review, checked as bands.set checks it (need level, Targeted's length) and for direction. */
async function checkBandMoves(ctx: ServiceContext, input: SaveInput): Promise<void> {
  const moves = input.decisions.map((d, i) => ({ d, i })).filter(({ d }) => d.kind === 'band_up' || d.kind === 'band_down');
  if (!moves.length) return;
  const current = (await ctx.em.query(`SELECT band FROM band_period WHERE pupil_id = ${ph(ctx, 1)} AND end_date IS NULL`, [
    input.pupilId,
  ])) as { band: string }[];
  const fields: Record<string, string> = {};
  for (const { d, i } of moves) {
    const now = current[0]?.band as Band | undefined;
    if (!now) {
      fields[`decisions.${i}.band`] = t('validation.bandNone');
      continue;
    }
    const label = t(`bands.${now}`);
    if (d.kind === 'band_up' && BAND_ORDER[d.band!] <= BAND_ORDER[now])
      fields[`decisions.${i}.band`] = t('validation.bandNotUp', { current: label });
    if (d.kind === 'band_down' && BAND_ORDER[d.band!] >= BAND_ORDER[now])
      fields[`decisions.${i}.band`] = t('validation.bandNotDown', { current: label });
    const parsed = bandInput.safeParse({
      pupilId: input.pupilId,
      band: d.band,
      needLevel: d.needLevel,
      startDate: input.date,
      plannedWeeks: d.plannedWeeks,
      reason: 'review',
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fields[`decisions.${i}.${String(issue.path[0] ?? 'band')}`] = issue.message;
    }
  }
  if (Object.keys(fields).length) throw invalid(fields);
}

/** Carries out a held review's decisions, once each; returns what each changed. */
async function actOn(
  ctx: ServiceContext,
  review: ReviewMeetingEntity,
  decisions: ReviewDecisionEntity[],
  refs: { ipp: IppEntity | null; placement: PlacementEntity | null },
): Promise<void> {
  const at = nowIso(ctx);
  const reason = (d: ReviewDecisionEntity) =>
    t('reviewReasons.decided', { kind: kindLabel(review.kind as ReviewKind), date: formatDate(review.date) }) +
    (d.note ? ` ${d.note}` : '');
  for (const d of decisions) {
    if (d.actedAt) continue;
    let actedOn: string | null = null;
    switch (d.kind) {
      case 'band_up':
      case 'band_down': {
        await setBand(
          ctx,
          {
            pupilId: review.pupilId,
            band: d.band as Band,
            needLevel: d.needLevel as never,
            startDate: review.date,
            plannedWeeks: d.plannedWeeks,
            reason: reason(d),
          },
          review.id,
        );
        const period = await ctx.em
          .getRepository(BandPeriodEntity)
          .findOneOrFail({ where: { pupilId: review.pupilId, reviewId: review.id } });
        actedOn = `band_period:${period.id}`;
        break;
      }
      case 'request_extension':
        if (refs.placement) {
          if (refs.placement.extensionStatus === 'none') {
            await ctx.em
              .getRepository(PlacementEntity)
              .update(refs.placement.id, { extensionStatus: 'requested', extensionRequestedDate: review.date, updatedAt: at });
          }
          actedOn = `placement:${refs.placement.id}`;
        }
        break;
      case 'close':
        if (review.kind === 'midpoint' && refs.placement) {
          await ctx.em.getRepository(PlacementEntity).update(refs.placement.id, { closedDate: review.date, updatedAt: at });
          actedOn = `placement:${refs.placement.id}`;
        } else if (refs.ipp) {
          await ctx.em.getRepository(IppEntity).update(refs.ipp.id, { closedDate: review.date, updatedAt: at });
          actedOn = `ipp_closed:${refs.ipp.id}`;
        }
        break;
      case 'revise_plan':
        // Carried out by the revision that names this review (ipps.save with reviewId).
        continue;
      default:
        break;
    }
    await ctx.em.getRepository(ReviewDecisionEntity).update(d.id, { actedAt: at, actedOn });
  }
}

/** The plan review written from a held meeting's ratings, kept in step when the meeting is edited. */
async function syncPlanReview(
  ctx: ServiceContext,
  review: ReviewMeetingEntity,
  input: SaveInput,
  ratings: ReturnType<typeof withWeights>,
): Promise<string | null> {
  const repo = ctx.em.getRepository(IppReviewEntity);
  if (review.status !== 'held' || !input.ippId || !input.ratings.length) {
    if (review.ippReviewId) await repo.delete({ id: review.ippReviewId });
    return null;
  }
  // Each rating keeps its goal's weight (ipps.ts withWeights), so progress charts score this review as it was scored here.
  const fields = {
    ippId: input.ippId,
    pupilId: input.pupilId,
    date: input.date,
    note: input.discussion ? input.discussion.slice(0, 2000) : t('reviewReasons.meeting', { kind: kindLabel(input.kind) }),
    ratingsJson: JSON.stringify(ratings),
    meanRating: weightedMeanRating(ratings) ?? 0,
  };
  if (review.ippReviewId && (await repo.findOne({ where: { id: review.ippReviewId } }))) {
    await repo.update(review.ippReviewId, fields);
    return review.ippReviewId;
  }
  const id = randomUUID();
  await repo.insert({ id, ...fields, createdBy: actorLabel(ctx.actor), createdAt: nowIso(ctx) });
  return id;
}

/** The annual review's statutory steps, in the ehcp_review row the clocks read. */
async function syncStatutory(ctx: ServiceContext, review: ReviewMeetingEntity, input: SaveInput): Promise<string | null> {
  if (input.kind !== 'annual' || !input.ehcPlanId) return null;
  const repo = ctx.em.getRepository(EhcpReviewEntity);
  const s = input.statutory;
  const fields = {
    planId: input.ehcPlanId,
    meetingDate: input.date,
    held: input.status === 'held',
    invitationsSentDate: s?.invitationsSentDate ?? null,
    adviceCirculatedDate: s?.adviceCirculatedDate ?? null,
    reportSentDate: s?.reportSentDate ?? null,
    laDecisionDate: s?.laDecisionDate ?? null,
    laDecision: s?.laDecision ?? null,
    amendedFinalDate: s?.amendedFinalDate ?? null,
    updatedAt: nowIso(ctx),
  };
  if (review.ehcpReviewId && (await repo.findOne({ where: { id: review.ehcpReviewId } }))) {
    await repo.update(review.ehcpReviewId, fields);
    return review.ehcpReviewId;
  }
  const id = randomUUID();
  await repo.insert({ id, ...fields, createdAt: nowIso(ctx) });
  return id;
}

const sameDecisions = (a: readonly ReviewDecisionEntity[], b: SaveInput['decisions']) =>
  a.length === b.length &&
  a.every((d, i) => {
    const x = b[i]!;
    return (
      d.kind === x.kind &&
      d.band === x.band &&
      d.needLevel === x.needLevel &&
      d.plannedWeeks === x.plannedWeeks &&
      (d.note ?? null) === (x.note ?? null)
    );
  });

export const reviewsSave: ServiceFn<'reviews.save'> = async (ctx, input) => {
  await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  const repo = ctx.em.getRepository(ReviewMeetingEntity);
  const decisionRepo = ctx.em.getRepository(ReviewDecisionEntity);
  const at = nowIso(ctx);
  let existing: ReviewMeetingEntity | null = null;
  let oldDecisions: ReviewDecisionEntity[] = [];
  if (input.id) {
    existing = await repo.findOne({ where: { id: input.id } });
    if (!existing || existing.pupilId !== input.pupilId) throw notFound('meeting');
    if (existing.kind !== input.kind) throw invalid({ kind: t('validation.reviewKindFixed') });
    oldDecisions = await decisionRepo.find({ where: { reviewId: existing.id }, order: { position: 'ASC' } });
    if (
      existing.status === 'held' &&
      (!sameDecisions(oldDecisions, input.decisions) || input.status !== 'held' || input.date !== existing.date)
    ) {
      throw new AppFailure('conflict', t('validation.decisionsLocked'), { decisions: t('validation.decisionsLocked') });
    }
  }
  // Becoming held: not before the meeting has happened. (A review already held keeps its date, which cannot change.)
  if (input.status === 'held' && existing?.status !== 'held') refuseHeldInFuture(ctx, input.date, 'date');
  const refs = await checkRefs(ctx, input, existing);
  if (refs.ipp?.closedDate && !(existing?.status === 'held')) {
    throw invalid({ ippId: t('validation.planClosed', { date: formatDate(refs.ipp.closedDate) }) });
  }
  const acting = input.status === 'held' && !(existing?.status === 'held');
  if (acting) await checkBandMoves(ctx, input);

  const ratings = input.ratings.map((r) => ({ goalKey: r.goalKey, rating: r.rating, note: r.note }));
  // The T-score counts each goal by its weight in the plan as it now stands (the ratings are of its current goals).
  // A meeting edited later keeps the weights its ratings were saved with (1 if saved before weights existed), so a
  // revision of the plan's weights never changes a past review's score.
  const kept = existing ? storedRatings(existing.ratingsJson).map((r) => ({ goalKey: r.goalKey, weight: r.weight })) : [];
  const weighted = withWeights(ratings, [...refs.goals.filter((g) => !kept.some((k) => k.goalKey === g.goalKey)), ...kept]);
  const row: ReviewMeetingEntity = Object.assign(new ReviewMeetingEntity(), {
    id: existing?.id ?? randomUUID(),
    pupilId: input.pupilId,
    kind: input.kind,
    date: input.date,
    status: input.status,
    ippId: input.ippId,
    placementId: input.placementId,
    ehcPlanId: input.ehcPlanId,
    ehcpReviewId: existing?.ehcpReviewId ?? null,
    ippReviewId: existing?.ippReviewId ?? null,
    attendeesJson: JSON.stringify(input.attendees),
    pupilViews: input.pupilViews,
    parentViews: input.parentViews,
    discussion: input.discussion,
    ratingsJson: JSON.stringify(weighted),
    tScore: reviewTScore(weighted),
    outcomesJson: input.annual ? JSON.stringify(refs.outcomes) : null,
    amendmentsJson: input.annual ? JSON.stringify(input.annual.amendments) : null,
    laRecommendation: input.annual?.recommendation ?? null,
    recordedBy: actorLabel(ctx.actor),
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  });
  if (existing) await repo.update(row.id, { ...row });
  else await repo.insert(row);
  row.ippReviewId = await syncPlanReview(ctx, row, input, weighted);
  row.ehcpReviewId = await syncStatutory(ctx, row, input);
  await repo.update(row.id, { ippReviewId: row.ippReviewId, ehcpReviewId: row.ehcpReviewId });

  if (!(existing?.status === 'held')) {
    await decisionRepo.delete({ reviewId: row.id });
    const decisions = input.decisions.map((d, position) =>
      Object.assign(new ReviewDecisionEntity(), {
        id: randomUUID(),
        reviewId: row.id,
        position,
        kind: d.kind,
        band: d.band,
        needLevel: d.needLevel,
        plannedWeeks: d.plannedWeeks,
        note: d.note,
        actedAt: null,
        actedOn: null,
      }),
    );
    if (decisions.length) await decisionRepo.insert(decisions);
    if (acting) await actOn(ctx, row, decisions, refs);
  }
  await saveActions(ctx, row, input.actions);
  ctx.auditDetail({
    reviewId: row.id,
    kind: input.kind,
    status: input.status,
    ratings: ratings.length,
    decisions: input.decisions.map((d) => d.kind),
    actions: input.actions.length,
    ...(input.annual
      ? {
          outcomes: input.annual.outcomes.length,
          amendedSections: input.annual.amendments.map((a) => a.section),
          recommendation: input.annual.recommendation,
        }
      : {}),
  });
  return meetingView(ctx, row);
};

async function saveActions(ctx: ServiceContext, review: ReviewMeetingEntity, actions: SaveInput['actions']): Promise<void> {
  const repo = ctx.em.getRepository(ReviewActionEntity);
  const before = await repo.find({ where: { reviewId: review.id } });
  const known = new Set(before.map((a) => a.id));
  const fields: Record<string, string> = {};
  actions.forEach((a, i) => {
    if (a.id && !known.has(a.id)) fields[`actions.${i}.id`] = t('errors.notFound', { thing: t('things.action') });
  });
  if (Object.keys(fields).length) throw invalid(fields);
  const keep = new Set(actions.map((a) => a.id).filter(Boolean));
  for (const a of before) if (!keep.has(a.id)) await repo.delete({ id: a.id });
  for (const [position, a] of actions.entries()) {
    const values = {
      reviewId: review.id,
      pupilId: review.pupilId,
      position,
      description: a.description,
      ownerUserId: a.ownerUserId,
      ownerName: a.ownerUserId ? null : a.ownerName,
      dueDate: a.dueDate,
      doneDate: a.doneDate,
    };
    if (a.id) await repo.update(a.id, values);
    else await repo.insert({ id: randomUUID(), ...values });
  }
}

async function actionViews(ctx: ServiceContext, where: string, params: unknown[]): Promise<ReviewAction[]> {
  const rows: Row[] = await ctx.em.query(
    'SELECT a.id, a.review_id, a.pupil_id, a.description, a.owner_user_id, a.owner_name, a.due_date, a.done_date, r.kind, r.date AS review_date, ' +
      'u.display_name, p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name ' +
      'FROM review_action a JOIN review_meeting r ON r.id = a.review_id JOIN pupil p ON p.id = a.pupil_id LEFT JOIN app_user u ON u.id = a.owner_user_id ' +
      `WHERE ${where} ORDER BY a.due_date, a.position`,
    params,
  );
  const today = todayIso(ctx.now);
  return rows.map((r) => {
    const done = r.done_date === null ? null : dateOf(r.done_date);
    const due = dateOf(r.due_date);
    return {
      id: String(r.id),
      reviewId: String(r.review_id),
      pupilId: String(r.pupil_id),
      pupilName: displayName({
        legalFirstName: String(r.legal_first_name),
        legalLastName: String(r.legal_last_name),
        preferredFirstName: (r.preferred_first_name as string | null) ?? null,
        preferredLastName: (r.preferred_last_name as string | null) ?? null,
      }),
      reviewKind: r.kind as ReviewKind,
      reviewDate: dateOf(r.review_date),
      description: String(r.description),
      ownerUserId: (r.owner_user_id as string | null) ?? null,
      ownerName: String(r.display_name ?? r.owner_name ?? ''),
      dueDate: due,
      doneDate: done,
      overdue: done === null && due < today,
    };
  });
}

const ph = (ctx: ServiceContext, i: number) => (ctx.driver === 'postgres' ? `$${i}` : `?${i}`);

export async function meetingView(ctx: ServiceContext, r: ReviewMeetingEntity): Promise<ReviewMeeting> {
  const [decisions, actions, statutory, ipp] = await Promise.all([
    ctx.em.getRepository(ReviewDecisionEntity).find({ where: { reviewId: r.id }, order: { position: 'ASC' } }),
    actionViews(ctx, `a.review_id = ${ph(ctx, 1)}`, [r.id]),
    r.ehcpReviewId ? ctx.em.getRepository(EhcpReviewEntity).findOne({ where: { id: r.ehcpReviewId } }) : Promise.resolve(null),
    r.ippId ? ctx.em.getRepository(IppEntity).findOne({ where: { id: r.ippId } }) : Promise.resolve(null),
  ]);
  const title = ipp ? (await currentPlan(ctx.em, ipp)).version.title : null;
  return {
    id: r.id,
    pupilId: r.pupilId,
    kind: r.kind as ReviewKind,
    date: dateOf(r.date),
    status: r.status as ReviewStatus,
    ippId: r.ippId,
    ippTitle: title,
    placementId: r.placementId,
    ehcPlanId: r.ehcPlanId,
    attendees: JSON.parse(r.attendeesJson) as ReviewMeeting['attendees'],
    pupilViews: r.pupilViews,
    parentViews: r.parentViews,
    discussion: r.discussion,
    ratings: storedRatings(r.ratingsJson),
    tScore: r.tScore === null ? null : Number(r.tScore),
    decisions: decisions.map((d): ReviewDecision => ({
      kind: d.kind as ReviewDecision['kind'],
      band: d.band as Band | null,
      needLevel: d.needLevel as ReviewDecision['needLevel'],
      plannedWeeks: d.plannedWeeks,
      note: d.note,
      actedAt: d.actedAt,
      actedOn: d.actedOn,
    })),
    actions,
    statutory: statutory
      ? {
          invitationsSentDate: statutory.invitationsSentDate,
          adviceCirculatedDate: statutory.adviceCirculatedDate,
          reportSentDate: statutory.reportSentDate,
          laDecisionDate: statutory.laDecisionDate,
          laDecision: statutory.laDecision as 'maintain' | null,
          amendedFinalDate: statutory.amendedFinalDate,
        }
      : null,
    annual:
      r.kind === 'annual'
        ? {
            outcomes: storedOutcomes(r.outcomesJson),
            amendments: r.amendmentsJson ? (JSON.parse(r.amendmentsJson) as NonNullable<ReviewMeeting['annual']>['amendments']) : [],
            recommendation: (r.laRecommendation as LaDecision | null) ?? null,
          }
        : null,
    recordedBy: r.recordedBy,
    updatedAt: r.updatedAt,
  };
}

export async function reviewsOf(ctx: ServiceContext, pupilId: string): Promise<ReviewMeeting[]> {
  const rows = await ctx.em.getRepository(ReviewMeetingEntity).find({ where: { pupilId }, order: { date: 'DESC', createdAt: 'DESC' } });
  const out: ReviewMeeting[] = [];
  for (const r of rows) out.push(await meetingView(ctx, r));
  return out;
}

export const reviewsListForPupil: ServiceFn<'reviews.listForPupil'> = async (ctx, input) => {
  await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  return reviewsOf(ctx, input.pupilId);
};

export async function requireMeeting(ctx: ServiceContext, id: string): Promise<ReviewMeetingEntity> {
  const r = await ctx.em.getRepository(ReviewMeetingEntity).findOne({ where: { id } });
  if (!r) throw notFound('meeting');
  ctx.touchPupil(r.pupilId);
  return r;
}

export const reviewsGet: ServiceFn<'reviews.get'> = async (ctx, input) => meetingView(ctx, await requireMeeting(ctx, input.id));

/** Every pupil's reviews in a date range (the school's reviews page), newest first; at most 2,000. */
export const reviewsList: ServiceFn<'reviews.list'> = async (ctx, input) => {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', ph(ctx, params.length)));
  };
  if (input.from) add('r.date >= ?', input.from);
  if (input.to) add('r.date <= ?', input.to);
  if (input.status) add('r.status = ?', input.status);
  if (input.kind) add('r.kind = ?', input.kind);
  const allRows: Row[] = await ctx.em.query(
    'SELECT r.id, r.pupil_id, r.kind, r.date, r.status, r.t_score, p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name, p.year_group, ' +
      '(SELECT COUNT(*) FROM review_action a WHERE a.review_id = r.id AND a.done_date IS NULL) AS open_actions ' +
      `FROM review_meeting r JOIN pupil p ON p.id = r.pupil_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.date DESC, p.legal_last_name LIMIT 2000`,
    params,
  );
  // A therapist sees the reviews of their own caseload only (electron/core/scope.ts).
  const rows = allRows.filter((r) => inScope(ctx.scope, String(r.pupil_id)));
  ctx.auditDetail({ reviews: rows.length, pupils: new Set(rows.map((r) => String(r.pupil_id))).size });
  const ids = rows.map((r) => String(r.id));
  const decisions = ids.length
    ? await ctx.em
        .getRepository(ReviewDecisionEntity)
        .createQueryBuilder('d')
        .where('d.review_id IN (:...ids)', { ids })
        .orderBy('d.position')
        .getMany()
    : [];
  return rows.map((r) => ({
    id: String(r.id),
    pupilId: String(r.pupil_id),
    pupilName: displayName({
      legalFirstName: String(r.legal_first_name),
      legalLastName: String(r.legal_last_name),
      preferredFirstName: (r.preferred_first_name as string | null) ?? null,
      preferredLastName: (r.preferred_last_name as string | null) ?? null,
    }),
    yearGroup: String(r.year_group),
    kind: r.kind as ReviewKind,
    date: dateOf(r.date),
    status: r.status as ReviewStatus,
    tScore: r.t_score === null ? null : Number(r.t_score),
    decisions: decisions.filter((d) => d.reviewId === r.id).map((d) => d.kind as ReviewDecision['kind']),
    openActions: Number(r.open_actions),
  }));
};

export const reviewsActions: ServiceFn<'reviews.actions'> = async (ctx, input) => {
  const params: unknown[] = [];
  let where = input.includeDone ? '1 = 1' : 'a.done_date IS NULL';
  if (input.ownerUserId) {
    params.push(input.ownerUserId);
    where += ` AND a.owner_user_id = ${ph(ctx, params.length)}`;
  }
  // Scoped roles: the actions of pupils in their scope only. An action they own about a pupil outside it (a pupil
  // who has left their caseload) names that pupil and says what is to be done for them, so it is not shown either:
  // the SENCo or therapy lead reassigns it.
  const actions = (await actionViews(ctx, where, params)).filter((a) => inScope(ctx.scope, a.pupilId));
  ctx.auditDetail({ actions: actions.length, pupils: new Set(actions.map((a) => a.pupilId)).size });
  return actions;
};

export const reviewsCompleteAction: ServiceFn<'reviews.completeAction'> = async (ctx, input) => {
  const repo = ctx.em.getRepository(ReviewActionEntity);
  const a = await repo.findOne({ where: { id: input.id } });
  if (!a) throw notFound('action');
  ctx.touchPupil(a.pupilId);
  await repo.update(a.id, { doneDate: input.doneDate });
  ctx.auditDetail({ actionId: a.id, done: input.doneDate !== null });
  const [view] = await actionViews(ctx, `a.id = ${ph(ctx, 1)}`, [a.id]);
  return view!;
};

/**
 * Called by ipps.save when a revision names a review: the review must be this pupil's, held, and have a "revise the
 * plan" decision not yet carried out; the decision then records the version that carried it out.
 */
export async function carryOutRevision(ctx: ServiceContext, reviewId: string, ipp: IppEntity, version: number): Promise<void> {
  const review = await ctx.em.getRepository(ReviewMeetingEntity).findOne({ where: { id: reviewId } });
  if (!review || review.pupilId !== ipp.pupilId) throw invalid({ reviewId: t('validation.reviewNotPupils') });
  const decision = await ctx.em.getRepository(ReviewDecisionEntity).findOne({ where: { reviewId, kind: 'revise_plan' } });
  if (!decision || review.status !== 'held' || decision.actedAt) throw invalid({ reviewId: t('validation.noPlanToRevise') });
  await ctx.em
    .getRepository(ReviewDecisionEntity)
    .update(decision.id, { actedAt: nowIso(ctx), actedOn: `ipp_version:${ipp.id}:${version}` });
}

function parentUpdateView(u: ParentUpdateEntity): ParentUpdate {
  return {
    id: u.id,
    pupilId: u.pupilId,
    date: dateOf(u.date),
    method: u.method as ParentUpdateMethod,
    summary: u.summary,
    sentBy: u.sentBy,
  };
}

export async function parentUpdatesOf(em: EntityManager, pupilId: string): Promise<ParentUpdate[]> {
  return (await em.getRepository(ParentUpdateEntity).find({ where: { pupilId }, order: { date: 'DESC', createdAt: 'DESC' } })).map(
    parentUpdateView,
  );
}

export const parentUpdatesList: ServiceFn<'parentUpdates.list'> = async (ctx, input) => {
  await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  return parentUpdatesOf(ctx.em, input.pupilId);
};

export const parentUpdatesSave: ServiceFn<'parentUpdates.save'> = async (ctx, input) => {
  await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  if (input.date > todayIso(ctx.now)) throw invalid({ date: t('validation.dateInFuture') });
  const row = Object.assign(new ParentUpdateEntity(), {
    id: randomUUID(),
    ...input,
    sentBy: actorLabel(ctx.actor),
    createdAt: nowIso(ctx),
  });
  await ctx.em.getRepository(ParentUpdateEntity).insert(row);
  ctx.auditDetail({ method: input.method });
  return parentUpdateView(row);
};
