/**
 * Bands (seed policy 6): every pupil on the therapy caseload is in one band at a time, with history and reasons;
 * the school's distribution next to the policy's expected 90 / 5 / 5; and the Specific-without-progress flag.
 */
import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { addDays } from '../../../shared/date-only';
import type { BandDistribution, BandPeriod, CaseloadRow } from '../../../shared/contract';
import {
  BANDS,
  EXPECTED_BAND_SHARE,
  NEED_LEVELS,
  specificNextStep,
  specificWithoutProgress,
  type Band,
  type NeedLevel,
} from '../../../shared/therapy';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { todayIso } from '../../../shared/dates';
import { actorLabel, nowIso, type ServiceContext, type ServiceFn } from '../context';
import { BandPeriodEntity } from '../db/entities';
import { dateOf, dateOrNull, numOf } from '../db/raw';
import { displayName } from './pupil-name';
import { requirePupil } from './referrals';
import { inScope } from '../scope';

function periodView(p: BandPeriodEntity): BandPeriod {
  return {
    band: p.band as Band,
    needLevel: p.needLevel as NeedLevel | null,
    startDate: p.startDate,
    endDate: p.endDate,
    plannedWeeks: p.plannedWeeks,
    reason: p.reason,
    by: p.createdBy,
    reviewId: p.reviewId,
  };
}

/** Mean GAS rating of each plan review since `since`, oldest first (raw SQL: also used by the caseload). */
export async function reviewMeansSince(
  em: EntityManager,
  pupilIds: readonly string[],
  since: ReadonlyMap<string, string>,
): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (!pupilIds.length) return out;
  const rows: { pupil_id: string; date: unknown; mean_rating: unknown }[] = await em.query(
    'SELECT pupil_id, date, mean_rating FROM ipp_review ORDER BY date',
  );
  const wanted = new Set(pupilIds);
  for (const r of rows) {
    if (!wanted.has(r.pupil_id)) continue;
    const from = since.get(r.pupil_id);
    if (from && dateOf(r.date) < from) continue;
    out.set(r.pupil_id, [...(out.get(r.pupil_id) ?? []), numOf(r.mean_rating)]);
  }
  return out;
}

/**
 * Of these pupils, those with an EHC plan: SEN status E (the census code for an EHC plan) now, or a final EHC plan
 * on record. The Specific-without-progress flag points them to an EHC plan review, the others to a needs assessment.
 */
export async function ehcPlanHolders(em: EntityManager, pupilIds: readonly string[]): Promise<Set<string>> {
  if (!pupilIds.length) return new Set();
  const rows: { pupil_id: string }[] = await em.query(
    "SELECT pupil_id FROM sen_status_period WHERE end_date IS NULL AND status = 'E' UNION SELECT pupil_id FROM ehc_plan WHERE status = 'final'",
  );
  const wanted = new Set(pupilIds);
  return new Set(rows.map((r) => r.pupil_id).filter((id) => wanted.has(id)));
}

async function bandState(em: EntityManager, pupilId: string) {
  const rows = await em.getRepository(BandPeriodEntity).find({ where: { pupilId }, order: { startDate: 'ASC', createdAt: 'ASC' } });
  const current = rows.find((r) => r.endDate === null) ?? null;
  const means = current ? ((await reviewMeansSince(em, [pupilId], new Map([[pupilId, current.startDate]]))).get(pupilId) ?? []) : [];
  const flagged = specificWithoutProgress((current?.band as Band | undefined) ?? null, means);
  return {
    current: current ? periodView(current) : null,
    history: rows.map(periodView),
    flagged,
    nextStep: flagged ? specificNextStep((await ehcPlanHolders(em, [pupilId])).has(pupilId)) : null,
  };
}

export const bandsHistory: ServiceFn<'bands.history'> = async (ctx, input) => {
  await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  return bandState(ctx.em, input.pupilId);
};

/** Moves a pupil to a band from a date, closing the open period the day before (one band at a time). */
export async function setBand(ctx: ServiceContext, input: Parameters<ServiceFn<'bands.set'>>[1], reviewId?: string): Promise<void> {
  const repo = ctx.em.getRepository(BandPeriodEntity);
  const open = await repo.findOne({ where: { pupilId: input.pupilId, endDate: IsNull() } });
  if (open) {
    if (input.startDate < open.startDate) {
      throw new AppFailure('invalid_input', t('errors.invalidInput'), { startDate: t('validation.dateBefore', { date: open.startDate }) });
    }
    if (input.startDate === open.startDate) await repo.delete({ id: open.id });
    else await repo.update(open.id, { endDate: addDays(input.startDate, -1) });
  }
  await repo.insert({
    id: randomUUID(),
    pupilId: input.pupilId,
    band: input.band,
    needLevel: input.band === 'universal' ? input.needLevel : input.needLevel,
    startDate: input.startDate,
    endDate: null,
    plannedWeeks: input.band === 'targeted' ? input.plannedWeeks : input.plannedWeeks,
    reason: input.reason,
    createdBy: actorLabel(ctx.actor),
    createdAt: nowIso(ctx),
    reviewId: reviewId ?? null,
  });
}

export const bandsSet: ServiceFn<'bands.set'> = async (ctx, input) => {
  await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  await setBand(ctx, input);
  ctx.auditDetail({ band: input.band, needLevel: input.needLevel, from: input.startDate });
  return bandState(ctx.em, input.pupilId);
};

const pct = (n: number, total: number) => (total ? Math.round((1000 * n) / total) / 10 : 0);

export const bandsDistribution: ServiceFn<'bands.distribution'> = async (ctx) => {
  const today = todayIso(ctx.now);
  const pg = ctx.driver === 'postgres';
  const allRows: {
    pupil_id: string;
    band: string;
    need_level: string | null;
    start_date: unknown;
    legal_first_name: string;
    legal_last_name: string;
    preferred_first_name: string | null;
    preferred_last_name: string | null;
  }[] = await ctx.em.query(
    'SELECT b.pupil_id, b.band, b.need_level, b.start_date, p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name ' +
      `FROM band_period b JOIN pupil p ON p.id = b.pupil_id WHERE b.end_date IS NULL AND (p.date_left IS NULL OR p.date_left > ${pg ? '$1' : '?1'})`,
    [today],
  );
  // A therapist's distribution is of their own caseload (electron/core/scope.ts): counts and flagged pupils alike.
  const rows = allRows.filter((r) => inScope(ctx.scope, r.pupil_id));
  const total = rows.length;
  const specific = rows.filter((r) => r.band === 'specific');
  const means = await reviewMeansSince(
    ctx.em,
    specific.map((r) => r.pupil_id),
    new Map(specific.map((r) => [r.pupil_id, dateOf(r.start_date)])),
  );
  const universal = rows.filter((r) => r.band === 'universal');
  const flaggedRows = specific.filter((r) => specificWithoutProgress('specific', means.get(r.pupil_id) ?? []));
  const holders = await ehcPlanHolders(
    ctx.em,
    flaggedRows.map((r) => r.pupil_id),
  );
  const distribution: BandDistribution = {
    total,
    bands: BANDS.map((band) => {
      const count = rows.filter((r) => r.band === band).length;
      return { band, count, percent: pct(count, total), expectedPercent: EXPECTED_BAND_SHARE[band] };
    }),
    universalByNeed: [...NEED_LEVELS, null].map((needLevel) => {
      const count = universal.filter((r) => r.need_level === needLevel).length;
      return { needLevel, count, percent: pct(count, universal.length) };
    }),
    flagged: flaggedRows.map((r) => ({
      pupilId: r.pupil_id,
      name: displayName({
        legalFirstName: r.legal_first_name,
        legalLastName: r.legal_last_name,
        preferredFirstName: r.preferred_first_name,
        preferredLastName: r.preferred_last_name,
      }),
      since: dateOf(r.start_date),
      reviewMeans: means.get(r.pupil_id) ?? [],
      hasEhcPlan: holders.has(r.pupil_id),
      nextStep: specificNextStep(holders.has(r.pupil_id)),
    })),
  };
  ctx.auditDetail({ pupils: total, flagged: distribution.flagged.length });
  return distribution;
};

/**
 * The therapy caseload: pupils with an open band, with their disciplines (open referrals and current plan
 * interventions), current plan and last assessment. Read-only and shaped for the screen.
 */
export const caseloadList: ServiceFn<'caseload.list'> = async (ctx, input) => {
  const today = todayIso(ctx.now);
  const pg = ctx.driver === 'postgres';
  const $ = (i: number) => (pg ? `$${i}` : `?${i}`);
  const params: unknown[] = [today];
  let where = `b.end_date IS NULL AND (p.date_left IS NULL OR p.date_left > ${$(1)})`;
  if (input.band) {
    params.push(input.band);
    where += ` AND b.band = ${$(params.length)}`;
  }
  if (input.search) {
    params.push(`%${input.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const like = $(params.length);
    where += ` AND (LOWER(p.legal_first_name) LIKE ${like} ESCAPE '\\' OR LOWER(p.legal_last_name) LIKE ${like} ESCAPE '\\' OR LOWER(COALESCE(p.preferred_first_name, '')) LIKE ${like} ESCAPE '\\')`;
  }
  const [allRows, referrals, plans, assessed] = await Promise.all([
    ctx.em.query(
      'SELECT p.id, p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name, p.year_group, b.band, b.need_level, b.start_date ' +
        `FROM band_period b JOIN pupil p ON p.id = b.pupil_id WHERE ${where} ORDER BY p.legal_last_name, p.legal_first_name`,
      params,
    ) as Promise<Record<string, unknown>[]>,
    ctx.em.query("SELECT pupil_id, discipline FROM referral WHERE state NOT IN ('declined', 'closed')") as Promise<
      { pupil_id: string; discipline: string }[]
    >,
    ctx.em.query(
      'SELECT i.pupil_id, v.title, v.end_date, v.id AS version_id FROM ipp i JOIN ipp_version v ON v.ipp_id = i.id AND v.number = i.current_version ' +
        `WHERE v.end_date >= ${$(1)} ORDER BY v.end_date`,
      [today],
    ) as Promise<{ pupil_id: string; title: string; end_date: unknown; version_id: string }[]>,
    ctx.em.query('SELECT pupil_id, MAX(date) AS last FROM assessment GROUP BY pupil_id') as Promise<{ pupil_id: string; last: unknown }[]>,
  ]);
  const interventions: { version_id: string; discipline: string }[] = plans.length
    ? await ctx.em.query('SELECT version_id, discipline FROM ipp_intervention')
    : [];
  const planByPupil = new Map(plans.map((p) => [p.pupil_id, p]));
  const disciplines = new Map<string, Set<string>>();
  const add = (pupil: string, d: string) => disciplines.set(pupil, (disciplines.get(pupil) ?? new Set()).add(d));
  for (const r of referrals) add(r.pupil_id, r.discipline);
  const versionPupil = new Map(plans.map((p) => [p.version_id, p.pupil_id]));
  for (const i of interventions) {
    const pupil = versionPupil.get(i.version_id);
    if (pupil) add(pupil, i.discipline);
  }
  // A therapist sees their own caseload only (electron/core/scope.ts).
  const rows = allRows.filter((r) => inScope(ctx.scope, String(r.id)));
  const lastAssessed = new Map(assessed.map((a) => [a.pupil_id, dateOrNull(a.last)]));
  const specific = rows.filter((r) => r.band === 'specific');
  const means = await reviewMeansSince(
    ctx.em,
    specific.map((r) => String(r.id)),
    new Map(specific.map((r) => [String(r.id), dateOf(r.start_date)])),
  );
  const holders = await ehcPlanHolders(
    ctx.em,
    specific.map((r) => String(r.id)),
  );
  const out: CaseloadRow[] = rows
    .map((r) => {
      const id = String(r.id);
      const plan = planByPupil.get(id);
      return {
        pupilId: id,
        name: displayName({
          legalFirstName: String(r.legal_first_name),
          legalLastName: String(r.legal_last_name),
          preferredFirstName: (r.preferred_first_name as string | null) ?? null,
          preferredLastName: (r.preferred_last_name as string | null) ?? null,
        }),
        yearGroup: String(r.year_group),
        band: r.band as Band,
        needLevel: (r.need_level as NeedLevel | null) ?? null,
        bandSince: dateOf(r.start_date),
        disciplines: [...(disciplines.get(id) ?? [])].sort(),
        activePlan: plan?.title ?? null,
        planEnds: plan ? dateOf(plan.end_date) : null,
        lastAssessed: lastAssessed.get(id) ?? null,
        flagged: r.band === 'specific' && specificWithoutProgress('specific', means.get(id) ?? []),
        nextStep:
          r.band === 'specific' && specificWithoutProgress('specific', means.get(id) ?? []) ? specificNextStep(holders.has(id)) : null,
      };
    })
    .filter((r) => !input.discipline || r.disciplines.includes(input.discipline));
  ctx.auditDetail({ pupils: out.length });
  return out;
};
