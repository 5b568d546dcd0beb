/**
 * Individual pupil plans (IPPs): goals with Goal Attainment Scaling ladders (-2..+2), interventions, expected
 * outcomes and dates. A revision writes a new version and keeps the old one viewable and printable (LAs ask for
 * past plans as evidence). Goal keys stay the same across versions, so ratings follow a goal through revisions.
 */
import { requireCatalogueProvision } from './provision-map';
import { pupilSchool } from '../school-settings';
import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import type { IppView } from '../../../shared/contract';
import { TARGETED_WEEKS, planLength, targetedDatesOk } from '../../../shared/therapy';
import { t } from '../../../shared/i18n';
import { planLengthText as lengthText } from '../../../shared/plan-length';
import { AppFailure } from '../../../shared/result';
import { actorLabel, nowIso, type ServiceContext, type ServiceFn } from '../context';
import {
  BandPeriodEntity,
  EhcpOutcomeEntity,
  IppEntity,
  IppGoalEntity,
  IppInterventionEntity,
  IppReviewEntity,
  IppVersionEntity,
  SessionPupilEntity,
} from '../db/entities';
import { displayName } from './pupil-name';
import { requirePupil } from './referrals';
import { carryOutRevision } from './reviews';
import { formatLongDate } from '../../../shared/dates';
import { CLINICAL_ROLES } from '../../../shared/access';
import { weightedMeanRating } from '../../../shared/gas';
import { storedRatings, withWeights } from './gas-ratings';

const notFound = () => new AppFailure('not_found', t('errors.notFound', { thing: t('things.ipp') }));

async function view(em: EntityManager, ipp: IppEntity, number?: number): Promise<IppView> {
  const versions = await em.getRepository(IppVersionEntity).find({ where: { ippId: ipp.id }, order: { number: 'ASC' } });
  const v = versions.find((x) => x.number === (number ?? ipp.currentVersion));
  if (!v) throw notFound();
  const [goals, interventions, reviews, pupil] = await Promise.all([
    em.getRepository(IppGoalEntity).find({ where: { versionId: v.id }, order: { position: 'ASC' } }),
    em.getRepository(IppInterventionEntity).find({ where: { versionId: v.id }, order: { position: 'ASC' } }),
    em.getRepository(IppReviewEntity).find({ where: { ippId: ipp.id }, order: { date: 'ASC' } }),
    requirePupil(em, ipp.pupilId),
  ]);
  const outcomeIds = goals.map((g) => g.ehcpOutcomeId).filter((x): x is string => x !== null);
  const outcomes = outcomeIds.length
    ? await em.getRepository(EhcpOutcomeEntity).createQueryBuilder('o').where('o.id IN (:...ids)', { ids: outcomeIds }).getMany()
    : [];
  return {
    id: ipp.id,
    pupilId: ipp.pupilId,
    pupilName: displayName(pupil),
    currentVersion: ipp.currentVersion,
    closedDate: ipp.closedDate,
    versions: versions.map((x) => ({
      number: x.number,
      createdAt: x.createdAt,
      createdBy: x.createdBy,
      reason: x.reason,
      reviewId: x.reviewId,
    })),
    version: v.number,
    title: v.title,
    startDate: v.startDate,
    reviewDate: v.reviewDate,
    endDate: v.endDate,
    weeks: planLength(v.startDate, v.endDate).weeks,
    lengthDays: planLength(v.startDate, v.endDate).days,
    expectedOutcomes: v.expectedOutcomes,
    goals: goals.map((g) => ({
      key: g.goalKey,
      description: g.description,
      ehcpOutcomeId: g.ehcpOutcomeId,
      ehcpOutcome: outcomes.find((o) => o.id === g.ehcpOutcomeId)?.description ?? null,
      levels: { m2: g.levelM2, m1: g.levelM1, expected: g.levelExpected, p1: g.levelP1, p2: g.levelP2 },
      weight: g.weight,
    })),
    interventions: interventions.map((i) => ({
      id: i.id,
      discipline: i.discipline,
      description: i.description,
      frequencyCount: i.frequencyCount,
      frequencyPeriod: i.frequencyPeriod as IppView['interventions'][number]['frequencyPeriod'],
      sessionMinutes: i.sessionMinutes,
      durationWeeks: i.durationWeeks,
      groupSize: i.groupSize,
      staffingRatio: i.staffingRatio as IppView['interventions'][number]['staffingRatio'],
      deliveredBy: i.deliveredBy,
      classroomStrategies: i.classroomStrategies,
      provisionId: i.provisionId ?? null,
    })),
    reviews: reviews.map((r) => ({ date: r.date, note: r.note, mean: Number(r.meanRating), ratings: storedRatings(r.ratingsJson) })),
  };
}

export const ippsListForPupil: ServiceFn<'ipps.listForPupil'> = async (ctx, input) => {
  ctx.touchPupil(input.pupilId);
  const rows = await ctx.em.getRepository(IppEntity).find({ where: { pupilId: input.pupilId }, order: { createdAt: 'DESC' } });
  return Promise.all(rows.map(async (r) => forRole(ctx, await view(ctx.em, r))));
};

/** Teachers see the goals, ratings and classroom strategies, not the therapists' review notes. */
function forRole(ctx: ServiceContext, v: IppView): IppView {
  if (ctx.actor.kind !== 'user' || CLINICAL_ROLES.includes(ctx.actor.role)) return v;
  return { ...v, reviews: v.reviews.map((r) => ({ ...r, note: null, ratings: r.ratings.map((x) => ({ ...x, note: null })) })) };
}

export const ippsGet: ServiceFn<'ipps.get'> = async (ctx, input) => {
  const ipp = await ctx.em.getRepository(IppEntity).findOne({ where: { id: input.id } });
  if (!ipp) throw notFound();
  ctx.touchPupil(ipp.pupilId);
  return forRole(ctx, await view(ctx.em, ipp, input.version));
};

type SaveInput = Parameters<ServiceFn<'ipps.save'>>[1];

async function checkPlan(ctx: ServiceContext, input: SaveInput): Promise<void> {
  const fields: Record<string, string> = {};
  // Seed policy 6: a pupil on Targeted has a bespoke plan of 12 to 36 weeks, counted exactly in days (84 to 252).
  const band = await ctx.em.getRepository(BandPeriodEntity).findOne({ where: { pupilId: input.pupilId, endDate: IsNull() } });
  if (band?.band === 'targeted' && !targetedDatesOk(input.startDate, input.endDate)) {
    fields.endDate = t('validation.targetedPlanWeeks', { ...TARGETED_WEEKS, length: lengthText(input.startDate, input.endDate) });
  }
  const outcomeIds = [...new Set(input.goals.map((g) => g.ehcpOutcomeId).filter((x): x is string => x !== null))];
  if (outcomeIds.length) {
    const pg = ctx.driver === 'postgres';
    const marks = outcomeIds.map((_, i) => (pg ? `$${i + 2}` : `?${i + 2}`)).join(', ');
    const owned: { id: string }[] = await ctx.em.query(
      'SELECT o.id FROM ehcp_outcome o JOIN ehc_plan_version v ON v.id = o.version_id JOIN ehc_plan e ON e.id = v.plan_id ' +
        `WHERE e.pupil_id = ${pg ? '$1' : '?1'} AND o.id IN (${marks})`,
      [input.pupilId, ...outcomeIds],
    );
    const ok = new Set(owned.map((o) => o.id));
    input.goals.forEach((g, i) => {
      if (g.ehcpOutcomeId && !ok.has(g.ehcpOutcomeId)) fields[`goals.${i}.ehcpOutcomeId`] = t('validation.ehcpOutcomeOther');
    });
  }
  const keys = new Set<string>();
  input.goals.forEach((g, i) => {
    if (keys.has(g.key)) fields[`goals.${i}.key`] = t('validation.duplicateKey');
    keys.add(g.key);
  });
  if (Object.keys(fields).length) throw new AppFailure('invalid_input', t('errors.invalidInput') + ' ' + Object.values(fields)[0], fields);
}

async function writeVersion(ctx: ServiceContext, ippId: string, number: number, input: SaveInput): Promise<number> {
  const versionId = randomUUID();
  await ctx.em.getRepository(IppVersionEntity).insert({
    id: versionId,
    ippId,
    number,
    title: input.title,
    startDate: input.startDate,
    reviewDate: input.reviewDate,
    endDate: input.endDate,
    expectedOutcomes: input.expectedOutcomes,
    reason: input.revisionReason,
    createdBy: actorLabel(ctx.actor),
    createdAt: nowIso(ctx),
    reviewId: input.reviewId,
  });
  if (input.goals.length) {
    await ctx.em.getRepository(IppGoalEntity).insert(
      input.goals.map((g, position) => ({
        id: randomUUID(),
        versionId,
        goalKey: g.key,
        position,
        description: g.description,
        ehcpOutcomeId: g.ehcpOutcomeId,
        levelM2: g.levels.m2,
        levelM1: g.levels.m1,
        levelExpected: g.levels.expected,
        levelP1: g.levels.p1,
        levelP2: g.levels.p2,
        weight: g.weight,
      })),
    );
  }
  if (!input.interventions.length) return 0;
  // An intervention that names a catalogue provision names one of the pupil's school's (the provision map, migration 0020).
  const school = await pupilSchool(ctx.em, input.pupilId);
  for (const [i, x] of input.interventions.entries())
    await requireCatalogueProvision(ctx.em, x.provisionId, school ?? '', `interventions.${i}.provisionId`);
  const rows = input.interventions.map(({ continues, ...i }, position) => ({
    row: { id: randomUUID(), versionId, position, ...i },
    continues,
  }));
  await ctx.em.getRepository(IppInterventionEntity).insert(rows.map((r) => r.row));
  // An intervention that continues into the revised plan keeps its sessions: scheduled and recorded sessions move
  // to the new version's row, so the provision report counts them against the plan as it now stands.
  let relinked = 0;
  for (const { row, continues } of rows) {
    if (!continues) continue;
    const moved = await ctx.em.getRepository(SessionPupilEntity).update({ ippInterventionId: continues }, { ippInterventionId: row.id });
    relinked += moved.affected ?? 0;
  }
  return relinked;
}

/** On a revision, each "continues" names an intervention of the current version, and at most one row continues it. */
async function checkContinues(ctx: ServiceContext, ippId: string, currentVersion: number, input: SaveInput): Promise<void> {
  const wanted = input.interventions.map((i) => i.continues);
  if (!wanted.some(Boolean)) return;
  const version = await ctx.em.getRepository(IppVersionEntity).findOneOrFail({ where: { ippId, number: currentVersion } });
  const current = new Set((await ctx.em.getRepository(IppInterventionEntity).find({ where: { versionId: version.id } })).map((i) => i.id));
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  wanted.forEach((c, i) => {
    if (!c) return;
    if (!current.has(c)) fields[`interventions.${i}.continues`] = t('validation.continuesUnknown');
    else if (seen.has(c)) fields[`interventions.${i}.continues`] = t('validation.continuesTwice');
    seen.add(c);
  });
  if (Object.keys(fields).length) throw new AppFailure('invalid_input', t('errors.invalidInput') + ' ' + Object.values(fields)[0], fields);
}

export const ippsSave: ServiceFn<'ipps.save'> = async (ctx, input) => {
  await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  await checkPlan(ctx, input);
  const repo = ctx.em.getRepository(IppEntity);
  const at = nowIso(ctx);
  if (input.id === null) {
    if (input.reviewId) throw new AppFailure('invalid_input', t('validation.noPlanToRevise'), { reviewId: t('validation.noPlanToRevise') });
    const ipp = Object.assign(new IppEntity(), {
      id: randomUUID(),
      pupilId: input.pupilId,
      currentVersion: 1,
      createdAt: at,
      updatedAt: at,
      closedDate: null,
    });
    await repo.insert(ipp);
    await writeVersion(ctx, ipp.id, 1, input);
    ctx.auditDetail({ ippId: ipp.id, version: 1 });
    return view(ctx.em, ipp);
  }
  const ipp = await repo.findOne({ where: { id: input.id } });
  if (!ipp || ipp.pupilId !== input.pupilId) throw notFound();
  if (input.baseVersion !== ipp.currentVersion) {
    throw new AppFailure('conflict', t('validation.staleVersion', { current: ipp.currentVersion, base: input.baseVersion }));
  }
  if (ipp.closedDate) throw new AppFailure('conflict', t('validation.planClosed', { date: formatLongDate(ipp.closedDate) }));
  await checkContinues(ctx, ipp.id, ipp.currentVersion, input);
  const number = ipp.currentVersion + 1;
  if (input.reviewId) await carryOutRevision(ctx, input.reviewId, ipp, number);
  const sessionsCarried = await writeVersion(ctx, ipp.id, number, input);
  await repo.update(ipp.id, { currentVersion: number, updatedAt: at });
  ctx.auditDetail({ ippId: ipp.id, version: number, sessionsCarried });
  return view(ctx.em, { ...ipp, currentVersion: number });
};

/** Records a plan review with a GAS rating for each goal; the weighted mean feeds the Specific-without-progress flag. */
export const ippsReview: ServiceFn<'ipps.review'> = async (ctx, input) => {
  const ipp = await ctx.em.getRepository(IppEntity).findOne({ where: { id: input.ippId } });
  if (!ipp) throw notFound();
  ctx.touchPupil(ipp.pupilId);
  const current = await ctx.em.getRepository(IppVersionEntity).findOneOrFail({ where: { ippId: ipp.id, number: ipp.currentVersion } });
  const goals = await ctx.em.getRepository(IppGoalEntity).find({ where: { versionId: current.id } });
  const keys = new Set(goals.map((g) => g.goalKey));
  const fields: Record<string, string> = {};
  input.ratings.forEach((r, i) => {
    if (!keys.has(r.goalKey)) fields[`ratings.${i}.goalKey`] = t('validation.goalUnknown');
  });
  if (input.date < current.startDate) fields.date = t('validation.dateBefore', { date: current.startDate });
  if (Object.keys(fields).length) throw new AppFailure('invalid_input', t('errors.invalidInput'), fields);
  const ratings = withWeights(input.ratings, goals);
  await ctx.em.getRepository(IppReviewEntity).insert({
    id: randomUUID(),
    ippId: ipp.id,
    pupilId: ipp.pupilId,
    date: input.date,
    note: input.note,
    ratingsJson: JSON.stringify(ratings),
    meanRating: weightedMeanRating(ratings) ?? 0,
    createdBy: actorLabel(ctx.actor),
    createdAt: nowIso(ctx),
  });
  ctx.auditDetail({ ippId: ipp.id, ratings: input.ratings.length });
  return view(ctx.em, ipp);
};
