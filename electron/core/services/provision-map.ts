/**
 * The school's costed provision map (issue 18, items 1 and 2): its catalogue of provision, the pupils placed on each,
 * the hourly rate of each delivering staff role and the notional SEN threshold, and the map that puts them together.
 *
 * Need-to-know, in the core: costs, rates and the threshold are the SENCo's and headteacher's (shared/provision.ts
 * COST_ROLES). The rates and threshold operations are theirs alone in the contract; the map works costs out only for
 * them, so for anyone else no cost, rate or threshold is in the answer at all (the fields are absent, not blank). A
 * therapist or teacher sees only the placements of pupils in their scope (electron/core/scope.ts), and counts only them.
 *
 * Cost (the issue's rule, shared/provision.ts placementCostPence): for each placement, the provision's staff hours a
 * week (sessions × minutes ÷ 60) at the delivering role's hourly rate, shared by the group (÷ group size), for the
 * school weeks of the placement inside the school year: its school days (the school's own terms, less INSET days and
 * bank holidays: electron/core/clocks/calendar.ts) ÷ 5. A pupil's cost for the year is the sum of their placements';
 * a provision's is the sum of its placements'; the map's total is the sum of either. The part of a pupil's cost above
 * the school's notional SEN threshold (£6,000 unless the school set its own) is what an LA top-up request asks for.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type {
  Effectiveness,
  MapGroup,
  MapPlacement,
  MapProvision,
  MapPupil,
  ProvisionMap,
  ProvisionPlacementView,
  ProvisionRecord,
  RateView,
  ThresholdView,
} from '../../../shared/contract';
import { NEED_CODES, yearGroupOrder, type NeedCode, type YearGroup } from '../../../shared/domain';
import type { NeedArea } from '../../../shared/ehcp';
import { todayIso } from '../../../shared/dates';
import { t, yearGroupLabel } from '../../../shared/i18n';
import {
  aboveThreshold,
  COST_ROLES,
  DEFAULT_THRESHOLD_PENCE,
  DELIVERY_ROLES,
  hoursPerWeek,
  placementCostPence,
  type DeliveryRole,
  type MapGrouping,
  type Wave,
} from '../../../shared/provision';
import { AppFailure } from '../../../shared/result';
import { actorLabel, nowIso, type ServiceContext, type ServiceFn } from '../context';
import { ProvisionEntity, ProvisionPlacementEntity, ProvisionRateEntity, ProvisionSettingEntity } from '../db/entities';
import { dateOf, dateOrNull, numOf, placeholder } from '../db/raw';
import { addDays, dayOfWeek, isSchoolDay } from '../clocks';
import { toDayNumber } from '../clocks/calendar';
import { inScope, owningSchool, ownRecord } from '../scope';
import { pupilSchool } from '../school-settings';
import { academicYearOf, yearBounds } from './calendar';
import { displayName } from './pupil-name';
import { loadCalendar } from './calendar';

type Row = Record<string, unknown>;

/** What the national school year counts when a school has not entered its term dates (DfE: 190 days of teaching). */
const ESTIMATED_SCHOOL_DAYS = 190;

/** Whether the actor may see costs: the SENCo and headteacher (and the CLI's own system actor, which is a SENCo's). */
export function seesCosts(ctx: Pick<ServiceContext, 'actor'>): boolean {
  return ctx.actor.kind !== 'anonymous' && (COST_ROLES as readonly string[]).includes(ctx.actor.role);
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const mean = (xs: readonly number[]) => (xs.length ? round2(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

// ---- The catalogue -------------------------------------------------------------------------------------------------

function record(p: ProvisionEntity, currentPupils: number): ProvisionRecord {
  return {
    id: p.id,
    name: p.name,
    area: p.area as NeedArea,
    wave: p.wave as Wave,
    groupSize: p.groupSize,
    sessionsPerWeek: p.sessionsPerWeek,
    minutesPerSession: p.minutesPerSession,
    hoursPerWeek: round2(hoursPerWeek(p)),
    staffRole: p.staffRole as DeliveryRole,
    startDate: dateOf(p.startDate),
    endDate: dateOrNull(p.endDate),
    measureName: p.measureName,
    description: p.description,
    currentPupils,
  };
}

/** A provision of the caller's school, or "not found" (another school's is refused as not found and audited: scope.ts). */
async function ownProvision(ctx: ServiceContext, id: string): Promise<ProvisionEntity> {
  const thing = t('provisionUi.things.provision');
  const row = ownRecord(ctx, await ctx.em.getRepository(ProvisionEntity).findOne({ where: { id } }), thing);
  if (!row) throw new AppFailure('not_found', t('errors.notFound', { thing }));
  return row;
}

/** Pupils on each provision today, counting only those the caller may see. */
async function currentPupils(ctx: ServiceContext, schoolId: string): Promise<Map<string, number>> {
  const ph = placeholder(ctx.em);
  const today = todayIso(ctx.now);
  const rows = (await ctx.em.query(
    `SELECT pl.provision_id, pl.pupil_id FROM provision_placement pl JOIN provision v ON v.id = pl.provision_id
     WHERE v.school_id = ${ph(1)} AND pl.start_date <= ${ph(2)} AND (pl.end_date IS NULL OR pl.end_date >= ${ph(2)})`,
    [schoolId, today],
  )) as Row[];
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const pupil = String(r.pupil_id);
    if (!inScope(ctx.scope, pupil)) continue;
    const key = String(r.provision_id);
    out.set(key, (out.get(key) ?? new Set()).add(pupil));
  }
  return new Map([...out].map(([k, v]) => [k, v.size]));
}

export const provisionsList: ServiceFn<'provisions.list'> = async (ctx, input) => {
  const schoolId = await owningSchool(ctx);
  const rows = await ctx.em.getRepository(ProvisionEntity).find({ where: { schoolId }, order: { name: 'ASC' } });
  const today = todayIso(ctx.now);
  const counts = await currentPupils(ctx, schoolId);
  return rows
    .filter((p) => input.includeEnded || p.endDate === null || dateOf(p.endDate) >= today)
    .map((p) => record(p, counts.get(p.id) ?? 0));
};

async function placementView(em: EntityManager, pl: ProvisionPlacementEntity): Promise<ProvisionPlacementView> {
  const [p] = (await em.query(
    `SELECT legal_first_name, legal_last_name, preferred_first_name, preferred_last_name, year_group, class_name FROM pupil WHERE id = ${placeholder(em)(1)}`,
    [pl.pupilId],
  )) as Row[];
  return viewOf(pl, p ?? {});
}

function viewOf(
  pl: Pick<
    ProvisionPlacementEntity,
    'id' | 'provisionId' | 'pupilId' | 'startDate' | 'endDate' | 'entryValue' | 'exitValue' | 'entryDate' | 'exitDate'
  >,
  p: Row,
): ProvisionPlacementView {
  return {
    id: pl.id,
    provisionId: pl.provisionId,
    pupilId: pl.pupilId,
    pupilName: nameOf(p),
    yearGroup: String(p.year_group ?? 'X') as YearGroup,
    className: (p.class_name as string | null) ?? null,
    startDate: dateOf(pl.startDate),
    endDate: dateOrNull(pl.endDate),
    entryValue: pl.entryValue === null ? null : Number(pl.entryValue),
    exitValue: pl.exitValue === null ? null : Number(pl.exitValue),
    entryDate: pl.entryValue === null ? null : dateOrNull(pl.entryDate),
    exitDate: pl.exitValue === null ? null : dateOrNull(pl.exitDate),
  };
}

function nameOf(p: Row): string {
  return displayName({
    legalFirstName: String(p.legal_first_name ?? ''),
    legalLastName: String(p.legal_last_name ?? ''),
    preferredFirstName: (p.preferred_first_name as string | null) ?? null,
    preferredLastName: (p.preferred_last_name as string | null) ?? null,
  });
}

export const provisionsGet: ServiceFn<'provisions.get'> = async (ctx, input) => {
  const p = await ownProvision(ctx, input.id);
  const ph = placeholder(ctx.em);
  const rows = (await ctx.em.query(
    `SELECT pl.id, pl.provision_id, pl.pupil_id, pl.start_date, pl.end_date, pl.entry_value, pl.exit_value, pl.entry_date, pl.exit_date,
            p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name, p.year_group, p.class_name
     FROM provision_placement pl JOIN pupil p ON p.id = pl.pupil_id WHERE pl.provision_id = ${ph(1)} ORDER BY pl.start_date DESC, p.legal_last_name, p.legal_first_name, pl.id`,
    [p.id],
  )) as Row[];
  const seen = rows.filter((r) => inScope(ctx.scope, String(r.pupil_id)));
  const placements = seen.map((r) =>
    viewOf(
      {
        id: String(r.id),
        provisionId: String(r.provision_id),
        pupilId: String(r.pupil_id),
        startDate: dateOf(r.start_date),
        endDate: dateOrNull(r.end_date),
        entryValue: r.entry_value === null ? null : Number(r.entry_value),
        exitValue: r.exit_value === null ? null : Number(r.exit_value),
        entryDate: dateOrNull(r.entry_date),
        exitDate: dateOrNull(r.exit_date),
      },
      r,
    ),
  );
  const pupils = new Set(placements.map((x) => x.pupilId));
  // What links to it, counted for the pupils the caller may see (a session with none of them is not counted).
  const linked = async (sql: string) =>
    ((await ctx.em.query(sql, [p.id])) as Row[]).filter((r) => r.pupil_id === null || inScope(ctx.scope, String(r.pupil_id))).length;
  const [ehcpProvision, ippInterventions, sessions] = await Promise.all([
    linked(
      `SELECT e.pupil_id FROM ehcp_provision f JOIN ehc_plan_version v ON v.id = f.version_id JOIN ehc_plan e ON e.id = v.plan_id AND e.current_version = v.number WHERE f.provision_id = ${ph(1)}`,
    ),
    linked(
      `SELECT i.pupil_id FROM ipp_intervention x JOIN ipp_version v ON v.id = x.version_id JOIN ipp i ON i.id = v.ipp_id AND i.current_version = v.number WHERE x.provision_id = ${ph(1)}`,
    ),
    linked(
      `SELECT MIN(sp.pupil_id) AS pupil_id FROM therapy_session s LEFT JOIN session_pupil sp ON sp.session_id = s.id WHERE s.provision_id = ${ph(1)} GROUP BY s.id`,
    ),
  ]);
  const today = todayIso(ctx.now);
  const current = new Set(
    placements.filter((x) => x.startDate <= today && (x.endDate === null || x.endDate >= today)).map((x) => x.pupilId),
  );
  ctx.auditDetail({ provisionId: p.id, pupils: pupils.size });
  return { ...record(p, current.size), placements, links: { ehcpProvision, ippInterventions, sessions } };
};

async function nameFree(ctx: ServiceContext, schoolId: string, name: string, except: string | null): Promise<void> {
  const rows = (await ctx.em.query(
    `SELECT id FROM provision WHERE school_id = ${placeholder(ctx.em)(1)} AND LOWER(name) = LOWER(${placeholder(ctx.em)(2)})`,
    [schoolId, name],
  )) as Row[];
  if (rows.some((r) => r.id !== except)) {
    const message = t('provisionUi.errors.nameTaken', { name });
    throw new AppFailure('conflict', message, { name: message });
  }
}

export const provisionsCreate: ServiceFn<'provisions.create'> = async (ctx, input) => {
  const schoolId = await owningSchool(ctx);
  await nameFree(ctx, schoolId, input.name, null);
  const at = nowIso(ctx);
  const row: ProvisionEntity = Object.assign(new ProvisionEntity(), { id: randomUUID(), schoolId, ...input, createdAt: at, updatedAt: at });
  await ctx.em.getRepository(ProvisionEntity).insert(row);
  ctx.auditDetail({ provisionId: row.id });
  return record(row, 0);
};

/** Places of pupils on the provision that would fall outside its dates: refused, naming how many (not who). */
async function placementsOutside(ctx: ServiceContext, id: string, startDate: string, endDate: string | null): Promise<number> {
  const ph = placeholder(ctx.em);
  const rows = (await ctx.em.query(
    `SELECT COUNT(*) AS n FROM provision_placement WHERE provision_id = ${ph(1)} AND (start_date < ${ph(2)}${endDate ? ` OR start_date > ${ph(3)}` : ''})`,
    endDate ? [id, startDate, endDate] : [id, startDate],
  )) as Row[];
  return numOf(rows[0]?.n);
}

export const provisionsUpdate: ServiceFn<'provisions.update'> = async (ctx, input) => {
  const p = await ownProvision(ctx, input.id);
  await nameFree(ctx, p.schoolId, input.name, p.id);
  const outside = await placementsOutside(ctx, p.id, input.startDate, input.endDate);
  if (outside > 0) {
    const message = t('provisionUi.errors.placementsOutside', { count: outside });
    throw new AppFailure('invalid_input', message, { startDate: message });
  }
  const { id, ...fields } = input;
  await ctx.em.getRepository(ProvisionEntity).update(id, { ...fields, updatedAt: nowIso(ctx) });
  ctx.auditDetail({
    provisionId: id,
    changed: Object.keys(fields).filter((k) => (fields as Record<string, unknown>)[k] !== (p as unknown as Record<string, unknown>)[k]),
  });
  return record({ ...p, ...fields }, (await currentPupils(ctx, p.schoolId)).get(id) ?? 0);
};

export const provisionsEnd: ServiceFn<'provisions.end'> = async (ctx, input) => {
  const p = await ownProvision(ctx, input.id);
  if (input.endDate < dateOf(p.startDate)) {
    const message = t('provisionUi.errors.endBeforeProvisionStart', { date: dateOf(p.startDate) });
    throw new AppFailure('invalid_input', message, { endDate: message });
  }
  const outside = await placementsOutside(ctx, p.id, dateOf(p.startDate), input.endDate);
  if (outside > 0) {
    const message = t('provisionUi.errors.placementsOutside', { count: outside });
    throw new AppFailure('invalid_input', message, { endDate: message });
  }
  const at = nowIso(ctx);
  const ph = placeholder(ctx.em);
  // Its places still open then (or running past it) end with it; each pupil whose place changes is named for the scope check.
  const ending = (await ctx.em.query(
    `SELECT id, pupil_id FROM provision_placement WHERE provision_id = ${ph(1)} AND (end_date IS NULL OR end_date > ${ph(2)})`,
    [p.id, input.endDate],
  )) as Row[];
  for (const r of ending) ctx.touchPupil(String(r.pupil_id));
  await ctx.em.query(
    `UPDATE provision_placement SET end_date = ${ph(1)}, updated_at = ${ph(2)} WHERE provision_id = ${ph(3)} AND (end_date IS NULL OR end_date > ${ph(1)})`,
    [input.endDate, at, p.id],
  );
  await ctx.em.getRepository(ProvisionEntity).update(p.id, { endDate: input.endDate, updatedAt: at });
  ctx.auditDetail({ provisionId: p.id, endDate: input.endDate, placementsEnded: ending.length });
  return record(
    { ...p, endDate: input.endDate },
    input.endDate >= todayIso(ctx.now) ? ((await currentPupils(ctx, p.schoolId)).get(p.id) ?? 0) : 0,
  );
};

/**
 * A link to the catalogue from an EHC plan's Section F line, a pupil plan's intervention or a booking: the provision
 * named must be one of the school's own (the pupil's school for a plan, the timetable's for a booking). Refused beside
 * the field otherwise, so a link can never name another school's provision.
 */
export async function requireCatalogueProvision(
  em: EntityManager,
  provisionId: string | null | undefined,
  schoolId: string,
  field: string,
): Promise<void> {
  if (!provisionId) return;
  const [row] = (await em.query(`SELECT school_id FROM provision WHERE id = ${placeholder(em)(1)}`, [provisionId])) as Row[];
  if (row?.school_id === schoolId) return;
  throw fieldFailure(field, t('provisionUi.errors.linkOtherSchool'));
}

// ---- Placements ----------------------------------------------------------------------------------------------------

/** A date, or today when it is later (a measure's default date: when the place starts or ends, unless that is to come). */
const byToday = (ctx: ServiceContext, date: string) => (date > todayIso(ctx.now) ? todayIso(ctx.now) : date);

/** The date a measure was taken: today or earlier (refused beside its field otherwise). */
function measureDate(ctx: ServiceContext, field: 'entryDate' | 'exitDate', date: string): string {
  if (date > todayIso(ctx.now)) throw fieldFailure(field, t('provisionUi.errors.measureInFuture'));
  return date;
}

function fieldFailure(field: string, message: string, code: 'invalid_input' | 'conflict' = 'invalid_input'): AppFailure {
  return new AppFailure(code, message, { [field]: message });
}

export const placementsAdd: ServiceFn<'provisions.placements.add'> = async (ctx, input) => {
  const p = await ownProvision(ctx, input.provisionId);
  ctx.touchPupil(input.pupilId);
  const school = await pupilSchool(ctx.em, input.pupilId);
  if (!school) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.pupil') }));
  if (school !== p.schoolId) throw fieldFailure('pupilId', t('provisionUi.errors.otherSchoolPupil'));
  const pStart = dateOf(p.startDate);
  const pEnd = dateOrNull(p.endDate);
  if (input.startDate < pStart) throw fieldFailure('startDate', t('provisionUi.errors.startBeforeProvision', { date: pStart }));
  if (pEnd && input.startDate > pEnd) throw fieldFailure('startDate', t('provisionUi.errors.startAfterProvision', { date: pEnd }));
  if (pEnd && input.endDate && input.endDate > pEnd)
    throw fieldFailure('endDate', t('provisionUi.errors.endAfterProvision', { date: pEnd }));
  if (input.entryValue !== null && !p.measureName) throw fieldFailure('entryValue', t('provisionUi.errors.noMeasure'));
  const entryDate = input.entryValue === null ? null : measureDate(ctx, 'entryDate', input.entryDate ?? byToday(ctx, input.startDate));
  const repo = ctx.em.getRepository(ProvisionPlacementEntity);
  const others = await repo.find({ where: { provisionId: p.id, pupilId: input.pupilId } });
  const end = input.endDate ?? '9999-12-31';
  const clash = others.find((o) => dateOf(o.startDate) <= end && (o.endDate === null || dateOf(o.endDate) >= input.startDate));
  if (clash) {
    const view = await placementView(ctx.em, clash);
    throw fieldFailure('startDate', t('provisionUi.errors.overlapping', { name: view.pupilName, from: view.startDate }), 'conflict');
  }
  const at = nowIso(ctx);
  const row: ProvisionPlacementEntity = Object.assign(new ProvisionPlacementEntity(), {
    id: randomUUID(),
    provisionId: p.id,
    pupilId: input.pupilId,
    startDate: input.startDate,
    endDate: input.endDate,
    entryValue: input.entryValue,
    exitValue: null,
    entryDate,
    exitDate: null,
    createdBy: actorLabel(ctx.actor),
    createdAt: at,
    updatedAt: at,
  });
  await repo.insert(row);
  ctx.auditDetail({ provisionId: p.id, placementId: row.id });
  return placementView(ctx.em, row);
};

/** A placement of the caller's school's provision, its pupil named for the scope check (a pupil outside it is refused). */
async function ownPlacement(ctx: ServiceContext, id: string): Promise<{ pl: ProvisionPlacementEntity; p: ProvisionEntity }> {
  const pl = await ctx.em.getRepository(ProvisionPlacementEntity).findOne({ where: { id } });
  if (!pl) throw new AppFailure('not_found', t('errors.notFound', { thing: t('provisionUi.things.placement') }));
  ctx.touchPupil(pl.pupilId);
  return { pl, p: await ownProvision(ctx, pl.provisionId) };
}

export const placementsEnd: ServiceFn<'provisions.placements.end'> = async (ctx, input) => {
  const { pl, p } = await ownPlacement(ctx, input.id);
  if (pl.endDate !== null && dateOf(pl.endDate) < input.endDate)
    throw fieldFailure('endDate', t('provisionUi.errors.placementEnded', { date: dateOf(pl.endDate) }));
  if (input.endDate < dateOf(pl.startDate))
    throw fieldFailure('endDate', t('provisionUi.errors.endBeforePlacement', { date: dateOf(pl.startDate) }));
  const exitValue = input.exitValue === undefined ? pl.exitValue : input.exitValue;
  if (exitValue !== null && !p.measureName) throw fieldFailure('exitValue', t('provisionUi.errors.noMeasure'));
  // A new exit value was taken when the place ends (or on the date given); one already recorded keeps its date.
  const exitDate =
    exitValue === null
      ? null
      : input.exitValue === undefined && !input.exitDate
        ? (pl.exitDate ?? byToday(ctx, input.endDate))
        : measureDate(ctx, 'exitDate', input.exitDate ?? byToday(ctx, input.endDate));
  if (exitValue !== null && pl.entryValue !== null && exitDate !== null && pl.entryDate !== null && exitDate < dateOf(pl.entryDate)) {
    throw fieldFailure('exitDate', t('provisionUi.errors.exitBeforeEntry'));
  }
  const changes = { endDate: input.endDate, exitValue, exitDate: exitDate === null ? null : dateOf(exitDate), updatedAt: nowIso(ctx) };
  await ctx.em.getRepository(ProvisionPlacementEntity).update(pl.id, changes);
  ctx.auditDetail({ provisionId: p.id, placementId: pl.id, endDate: input.endDate });
  return placementView(ctx.em, { ...pl, ...changes });
};

export const placementsMeasures: ServiceFn<'provisions.placements.measures'> = async (ctx, input) => {
  const { pl, p } = await ownPlacement(ctx, input.id);
  if (!p.measureName && (input.entryValue !== null || input.exitValue !== null))
    throw fieldFailure(input.entryValue !== null ? 'entryValue' : 'exitValue', t('provisionUi.errors.noMeasure'));
  const today = todayIso(ctx.now);
  const entryDate =
    input.entryValue === null
      ? null
      : measureDate(ctx, 'entryDate', input.entryDate ?? (pl.entryDate ? dateOf(pl.entryDate) : byToday(ctx, dateOf(pl.startDate))));
  const exitDate =
    input.exitValue === null
      ? null
      : measureDate(
          ctx,
          'exitDate',
          input.exitDate ?? (pl.exitDate ? dateOf(pl.exitDate) : pl.endDate ? byToday(ctx, dateOf(pl.endDate)) : today),
        );
  if (entryDate && exitDate && exitDate < entryDate) throw fieldFailure('exitDate', t('provisionUi.errors.exitBeforeEntry'));
  const changes = { entryValue: input.entryValue, exitValue: input.exitValue, entryDate, exitDate, updatedAt: nowIso(ctx) };
  await ctx.em.getRepository(ProvisionPlacementEntity).update(pl.id, changes);
  ctx.auditDetail({ provisionId: p.id, placementId: pl.id });
  return placementView(ctx.em, { ...pl, ...changes });
};

// ---- Rates and the threshold (SENCo and headteacher: the contract refuses anyone else) -------------------------------

async function ratesOf(em: EntityManager, schoolId: string): Promise<Map<string, number>> {
  const rows = await em.getRepository(ProvisionRateEntity).find({ where: { schoolId } });
  return new Map(rows.map((r) => [r.role, r.hourlyPence]));
}

async function thresholdOf(em: EntityManager, schoolId: string): Promise<ThresholdView> {
  const row = await em.getRepository(ProvisionSettingEntity).findOne({ where: { schoolId } });
  return row ? { thresholdPence: row.thresholdPence, isDefault: false } : { thresholdPence: DEFAULT_THRESHOLD_PENCE, isDefault: true };
}

const rateViews = (rates: ReadonlyMap<string, number>): RateView[] =>
  DELIVERY_ROLES.map((role) => ({ role, hourlyPence: rates.get(role) ?? null }));

export const ratesGet: ServiceFn<'provision.rates.get'> = async (ctx) => rateViews(await ratesOf(ctx.em, await owningSchool(ctx)));

export const ratesSet: ServiceFn<'provision.rates.set'> = async (ctx, input) => {
  const schoolId = await owningSchool(ctx);
  const repo = ctx.em.getRepository(ProvisionRateEntity);
  const at = nowIso(ctx);
  for (const r of input.rates) {
    if (r.hourlyPence === null) await repo.delete({ schoolId, role: r.role });
    else await repo.save(Object.assign(new ProvisionRateEntity(), { schoolId, role: r.role, hourlyPence: r.hourlyPence, updatedAt: at }));
  }
  // The roles changed, never the amounts (the trail is read more widely than the rates are).
  ctx.auditDetail({ roles: input.rates.map((r) => r.role) });
  return rateViews(await ratesOf(ctx.em, schoolId));
};

export const thresholdGet: ServiceFn<'provision.threshold.get'> = async (ctx) => thresholdOf(ctx.em, await owningSchool(ctx));

export const thresholdSet: ServiceFn<'provision.threshold.set'> = async (ctx, input) => {
  const schoolId = await owningSchool(ctx);
  const repo = ctx.em.getRepository(ProvisionSettingEntity);
  if (input.thresholdPence === null) await repo.delete({ schoolId });
  else
    await repo.save(
      Object.assign(new ProvisionSettingEntity(), { schoolId, thresholdPence: input.thresholdPence, updatedAt: nowIso(ctx) }),
    );
  ctx.auditDetail({ reset: input.thresholdPence === null });
  return thresholdOf(ctx.em, schoolId);
};

// ---- School days ---------------------------------------------------------------------------------------------------

/**
 * School days of one school year, by the school's own term dates less its closures, with a running count so the days of
 * any stretch inside the year are one subtraction. A year the school has no term dates for is estimated: its weekdays,
 * scaled so the year has 190 (`gap`).
 */
export interface SchoolYearDays {
  readonly from: string;
  readonly to: string;
  readonly gap: boolean;
  readonly total: number;
  /** School days from `from` up to and including `date` (dates inside the year). */
  upTo(date: string): number;
  /** School days from `a` to `b` inclusive, clipped to the year (0 when they do not meet it). */
  between(a: string, b: string): number;
}

export async function schoolYearDays(em: EntityManager, schoolId: string, academicYear: string): Promise<SchoolYearDays> {
  const { start: from, end: to } = yearBounds(academicYear);
  const cal = await loadCalendar(em, schoolId);
  const gap = !cal.named.some((x) => x.academicYear === academicYear);
  const first = toDayNumber(from);
  const length = toDayNumber(to) - first + 1;
  const running = new Float64Array(length + 1);
  let weekdays = 0;
  for (let i = 0, d = from; i < length; i++, d = addDays(d, 1)) {
    const dow = dayOfWeek(d);
    const counts = gap ? dow !== 0 && dow !== 6 : isSchoolDay(d, cal);
    if (counts) weekdays++;
    running[i + 1] = running[i]! + (counts ? 1 : 0);
  }
  const scale = gap && weekdays ? ESTIMATED_SCHOOL_DAYS / weekdays : 1;
  const index = (date: string) => Math.min(length, Math.max(0, toDayNumber(date) - first + 1));
  const upTo = (date: string) => running[index(date)]! * scale;
  return {
    from,
    to,
    gap,
    total: running[length]! * scale,
    upTo,
    between: (a, b) => {
      const s = a < from ? from : a;
      const e = b > to ? to : b;
      return s > e ? 0 : upTo(e) - running[index(addDays(s, -1))]! * scale;
    },
  };
}

// ---- The map -------------------------------------------------------------------------------------------------------

interface Placed {
  readonly id: string;
  readonly provision: MapProvisionBase;
  readonly pupilId: string;
  readonly from: string;
  readonly to: string;
  /** The whole placement (not cut to the year), over which its GAS ratings are read. */
  readonly start: string;
  readonly end: string | null;
  readonly entryValue: number | null;
  readonly exitValue: number | null;
}

type MapProvisionBase = Omit<MapProvision, 'pupils' | 'effectiveness' | 'cost'> & { readonly measureName: string | null };

/** The map's data, read in six selects (the bench times them as its raw-SQL floor: electron/bench/raw-sql.ts). */
export async function provisionMap(ctx: ServiceContext, input: Parameters<ServiceFn<'provision.map'>>[1]): Promise<ProvisionMap> {
  const em = ctx.em;
  const ph = placeholder(em);
  const schoolId = await owningSchool(ctx);
  const today = todayIso(ctx.now);
  const academicYear = input.academicYear ?? academicYearOf(today);
  const costs = seesCosts(ctx);
  const groupBy: MapGrouping = input.groupBy ?? 'provision';

  // Provisions (their own filters in SQL), and the placements meeting the year with their pupils (every filter in SQL).
  const year = yearBounds(academicYear);
  const provFilters: string[] = [];
  const provParams: unknown[] = [schoolId];
  const add = (list: string[], params: unknown[], sql: (p: string) => string, value: unknown) => {
    params.push(value);
    list.push(sql(ph(params.length)));
  };
  if (input.area) add(provFilters, provParams, (p) => `v.area = ${p}`, input.area);
  if (input.wave) add(provFilters, provParams, (p) => `v.wave = ${p}`, input.wave);
  if (input.provisionId) add(provFilters, provParams, (p) => `v.id = ${p}`, input.provisionId);
  const provWhere = provFilters.map((f) => ` AND ${f}`).join('');
  const plParams: unknown[] = [...provParams];
  const plFilters: string[] = [];
  add(plFilters, plParams, (p) => `pl.start_date <= ${p} AND v.start_date <= ${p}`, year.end);
  add(
    plFilters,
    plParams,
    (p) =>
      `(pl.end_date IS NULL OR pl.end_date >= ${p}) AND (v.end_date IS NULL OR v.end_date >= ${p}) AND (p.date_left IS NULL OR p.date_left > ${p})`,
    year.start,
  );
  if (input.yearGroup) add(plFilters, plParams, (p) => `p.year_group = ${p}`, input.yearGroup);
  if (input.className) add(plFilters, plParams, (p) => `LOWER(TRIM(p.class_name)) = LOWER(TRIM(${p}))`, input.className);
  if (input.pupilId) add(plFilters, plParams, (p) => `p.id = ${p}`, input.pupilId);
  if (input.need)
    add(plFilters, plParams, (p) => `EXISTS (SELECT 1 FROM pupil_need n WHERE n.pupil_id = p.id AND n.need_code = ${p})`, input.need);
  const plWhere = `v.school_id = ${ph(1)}${provWhere} AND ${plFilters.join(' AND ')}`;

  const [provRows, plRows, needRows, gasRows, days, rates, threshold] = await Promise.all([
    em.query(
      `SELECT v.id, v.name, v.area, v.wave, v.group_size, v.sessions_per_week, v.minutes_per_session, v.staff_role, v.start_date, v.end_date, v.measure_name
       FROM provision v WHERE v.school_id = ${ph(1)}${provWhere} AND v.start_date <= ${ph(provParams.length + 1)} AND (v.end_date IS NULL OR v.end_date >= ${ph(provParams.length + 2)})`,
      [...provParams, year.end, year.start],
    ) as Promise<Row[]>,
    em.query(
      `SELECT pl.id, pl.provision_id, pl.pupil_id, pl.start_date, pl.end_date, pl.entry_value, pl.exit_value, p.upn, p.legal_first_name, p.legal_last_name,
              p.preferred_first_name, p.preferred_last_name, p.year_group, p.class_name, p.date_left
       FROM provision_placement pl JOIN provision v ON v.id = pl.provision_id JOIN pupil p ON p.id = pl.pupil_id WHERE ${plWhere}`,
      plParams,
    ) as Promise<Row[]>,
    em.query(
      `SELECT n.pupil_id, n.need_code FROM pupil_need n WHERE n.pupil_id IN (SELECT pl.pupil_id FROM provision_placement pl JOIN provision v ON v.id = pl.provision_id JOIN pupil p ON p.id = pl.pupil_id WHERE ${plWhere}) ORDER BY n.pupil_id, n.rank`,
      plParams,
    ) as Promise<Row[]>,
    // GAS ratings over a placement: reviews of the pupil plans with an intervention linked to the provision.
    em.query(
      `SELECT DISTINCT x.provision_id, r.id, r.pupil_id, r.date, r.mean_rating FROM ipp_intervention x JOIN ipp_version iv ON iv.id = x.version_id
       JOIN ipp_review r ON r.ipp_id = iv.ipp_id JOIN provision v ON v.id = x.provision_id WHERE v.school_id = ${ph(1)}${provWhere}`,
      provParams,
    ) as Promise<Row[]>,
    schoolYearDays(em, schoolId, academicYear),
    costs ? ratesOf(em, schoolId) : Promise.resolve(new Map<string, number>()),
    costs ? thresholdOf(em, schoolId) : Promise.resolve(null),
  ]);
  const asOf = today < year.start ? year.start : today > year.end ? year.end : today;

  const provisions = new Map<string, MapProvisionBase>();
  for (const r of provRows) {
    const base = {
      id: String(r.id),
      name: String(r.name),
      area: String(r.area) as NeedArea,
      wave: String(r.wave) as Wave,
      groupSize: numOf(r.group_size),
      sessionsPerWeek: numOf(r.sessions_per_week),
      minutesPerSession: numOf(r.minutes_per_session),
      staffRole: String(r.staff_role) as DeliveryRole,
      startDate: dateOf(r.start_date),
      endDate: dateOrNull(r.end_date),
      measureName: (r.measure_name as string | null) ?? null,
    };
    provisions.set(base.id, { ...base, hoursPerWeek: round2(hoursPerWeek(base)) });
  }

  // Each placement's days inside the year, the provision's dates and the pupil's time on roll; the caller's scope only.
  const pupilsById = new Map<string, Row>();
  const placed: Placed[] = [];
  for (const r of plRows) {
    const pupilId = String(r.pupil_id);
    const provision = provisions.get(String(r.provision_id));
    if (!provision || !inScope(ctx.scope, pupilId)) continue;
    const left = dateOrNull(r.date_left);
    const ends = [year.end, dateOrNull(r.end_date), provision.endDate, left ? addDays(left, -1) : null]
      .filter((d): d is string => d !== null)
      .sort();
    const starts = [year.start, dateOf(r.start_date), provision.startDate].sort();
    const from = starts[starts.length - 1]!;
    const to = ends[0]!;
    if (from > to) continue;
    pupilsById.set(pupilId, r);
    placed.push({
      id: String(r.id),
      provision,
      pupilId,
      from,
      to,
      start: dateOf(r.start_date),
      end: dateOrNull(r.end_date),
      entryValue: r.entry_value === null ? null : Number(r.entry_value),
      exitValue: r.exit_value === null ? null : Number(r.exit_value),
    });
  }

  const needs = new Map<string, NeedCode[]>();
  for (const r of needRows) {
    const code = String(r.need_code) as NeedCode;
    if (!(NEED_CODES as readonly string[]).includes(code)) continue;
    needs.set(String(r.pupil_id), [...(needs.get(String(r.pupil_id)) ?? []), code]);
  }
  const gasBy = new Map<string, { date: string; mean: number }[]>();
  for (const r of gasRows) {
    const key = `${String(r.provision_id)}\u0000${String(r.pupil_id)}`;
    gasBy.set(key, [...(gasBy.get(key) ?? []), { date: dateOf(r.date), mean: Number(r.mean_rating) }]);
  }

  // Each placement: its hours, measure and GAS change, and (for the SENCo and headteacher) its cost.
  const mapPlacements: MapPlacement[] = placed.map((x) => {
    const reviews = (gasBy.get(`${x.provision.id}\u0000${x.pupilId}`) ?? [])
      .filter((g) => g.date >= x.start && g.date <= (x.end !== null && x.end < asOf ? x.end : asOf))
      .sort((a, b) => a.date.localeCompare(b.date));
    const gasChange = reviews.length >= 2 ? round2(reviews[reviews.length - 1]!.mean - reviews[0]!.mean) : null;
    const measureChange =
      x.provision.measureName && x.entryValue !== null && x.exitValue !== null ? round2(x.exitValue - x.entryValue) : null;
    const base: MapPlacement = {
      placementId: x.id,
      provisionId: x.provision.id,
      pupilId: x.pupilId,
      from: x.from,
      to: x.to,
      hoursPerWeek: x.provision.hoursPerWeek,
      entryValue: x.entryValue,
      exitValue: x.exitValue,
      measureChange,
      gasChange,
    };
    if (!costs) return base;
    const schoolDays = days.between(x.from, x.to);
    const rate = rates.get(x.provision.staffRole);
    const costPence = rate === undefined ? null : placementCostPence({ ...x.provision, hourlyPence: rate, schoolDays });
    return { ...base, cost: { schoolDays: round2(schoolDays), costPence } };
  });

  const byProvision = new Map<string, MapPlacement[]>();
  const byPupil = new Map<string, MapPlacement[]>();
  for (const m of mapPlacements) {
    byProvision.set(m.provisionId, [...(byProvision.get(m.provisionId) ?? []), m]);
    byPupil.set(m.pupilId, [...(byPupil.get(m.pupilId) ?? []), m]);
  }
  const known = (list: readonly MapPlacement[]) => list.reduce((n, m) => n + (m.cost?.costPence ?? 0), 0);
  const complete = (list: readonly MapPlacement[]) => list.every((m) => m.cost?.costPence !== null);

  // With a pupil, provision or filter of pupils asked for, only the provision they are on; otherwise the whole catalogue running that year.
  const pupilFiltered = Boolean(input.pupilId || input.yearGroup || input.className || input.need);
  const provisionRows: MapProvision[] = [...provisions.values()]
    .filter((p) => !pupilFiltered || byProvision.has(p.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map(({ measureName, ...p }) => {
      const list = byProvision.get(p.id) ?? [];
      const pupils = new Set(list.map((m) => m.pupilId)).size;
      const measured = list.filter((m) => m.measureChange !== null).map((m) => m.measureChange!);
      const gas = list.filter((m) => m.gasChange !== null).map((m) => m.gasChange!);
      const effectiveness: Effectiveness = {
        measure: measureName ? { name: measureName, placements: measured.length, meanChange: mean(measured) } : null,
        gas: { placements: gas.length, meanChange: mean(gas) },
      };
      const row: MapProvision = { ...p, pupils, effectiveness };
      if (!costs) return row;
      const yearPence = known(list);
      const hourlyPence = rates.get(p.staffRole) ?? null;
      return {
        ...row,
        cost: { hourlyPence, yearPence, perPupilPence: pupils ? Math.round(yearPence / pupils) : null, complete: complete(list) },
      };
    });

  const thresholdPence = threshold?.thresholdPence ?? DEFAULT_THRESHOLD_PENCE;
  const pupilRows: MapPupil[] = [...byPupil.entries()]
    .map(([pupilId, list]) => {
      const r = pupilsById.get(pupilId)!;
      const row: MapPupil = {
        pupilId,
        name: nameOf(r),
        upn: String(r.upn),
        yearGroup: String(r.year_group) as YearGroup,
        className: (r.class_name as string | null) ?? null,
        needs: needs.get(pupilId) ?? [],
        placements: [...list].sort((a, b) => a.from.localeCompare(b.from) || a.provisionId.localeCompare(b.provisionId)),
        hoursPerWeek: round2(list.filter((m) => m.from <= asOf && m.to >= asOf).reduce((n, m) => n + m.hoursPerWeek, 0)),
      };
      if (!costs) return row;
      const totalPence = known(list);
      return { ...row, cost: { totalPence, aboveThresholdPence: aboveThreshold(totalPence, thresholdPence), complete: complete(list) } };
    })
    .sort(
      (a, b) =>
        yearGroupOrder(a.yearGroup) - yearGroupOrder(b.yearGroup) ||
        a.name.localeCompare(b.name, 'en-GB') ||
        a.pupilId.localeCompare(b.pupilId),
    );

  const groups = groupPlacements(groupBy, mapPlacements, provisions, pupilRows, costs);
  const totalPence = known(mapPlacements);
  const missingRates = [
    ...new Set(mapPlacements.filter((m) => m.cost?.costPence === null).map((m) => provisions.get(m.provisionId)!.staffRole)),
  ].sort();
  if (input.pupilId) ctx.touchPupil(input.pupilId);
  ctx.auditDetail({ pupils: pupilRows.length, academicYear });
  return {
    academicYear,
    from: year.start,
    to: year.end,
    asOf,
    schoolDays: round2(days.total),
    calendarGap: days.gap,
    groupBy,
    costsShown: costs,
    provisions: provisionRows,
    pupils: pupilRows,
    groups,
    totals: {
      pupils: pupilRows.length,
      placements: mapPlacements.length,
      ...(costs
        ? {
            cost: {
              totalPence,
              thresholdPence,
              aboveThresholdPence: pupilRows.reduce((n, p) => n + (p.cost?.aboveThresholdPence ?? 0), 0),
              pupilsAboveThreshold: pupilRows.filter((p) => (p.cost?.aboveThresholdPence ?? 0) > 0).length,
            },
          }
        : {}),
    },
    ...(costs ? { missingRates } : {}),
  };
}

/** The placements grouped as asked: each group's pupils (once each), placements and (for the SENCo and headteacher) cost. */
function groupPlacements(
  groupBy: MapGrouping,
  placements: readonly MapPlacement[],
  provisions: ReadonlyMap<string, MapProvisionBase>,
  pupils: readonly MapPupil[],
  costs: boolean,
): MapGroup[] {
  const pupilOf = new Map(pupils.map((p) => [p.pupilId, p]));
  const keyOf = (m: MapPlacement): [string, string, number] => {
    const prov = provisions.get(m.provisionId)!;
    const pupil = pupilOf.get(m.pupilId)!;
    switch (groupBy) {
      case 'provision':
        return [prov.id, prov.name, 0];
      case 'year':
        return [pupil.yearGroup, yearGroupLabel(pupil.yearGroup), yearGroupOrder(pupil.yearGroup)];
      case 'class':
        return [pupil.className ?? '', pupil.className ?? t('provisionUi.noClass'), 0];
      case 'area':
        return [prov.area, t(`ehcpUi.areas.${prov.area}`), 0];
      case 'wave':
        return [prov.wave, t(`provisionUi.waves.${prov.wave}`), ['universal', 'targeted', 'specific'].indexOf(prov.wave)];
      case 'pupil':
        return [pupil.pupilId, pupil.name, yearGroupOrder(pupil.yearGroup)];
    }
  };
  const groups = new Map<
    string,
    { key: string; label: string; order: number; pupils: Set<string>; placements: number; costPence: number }
  >();
  for (const m of placements) {
    const [key, label, order] = keyOf(m);
    const g = groups.get(key) ?? { key, label, order, pupils: new Set<string>(), placements: 0, costPence: 0 };
    g.pupils.add(m.pupilId);
    g.placements++;
    g.costPence += m.cost?.costPence ?? 0;
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => a.order - b.order || a.label.localeCompare(b.label, 'en-GB', { numeric: true }))
    .map((g) => ({
      key: g.key,
      label: g.label,
      pupils: g.pupils.size,
      placements: g.placements,
      ...(costs ? { costPence: g.costPence } : {}),
    }));
}

export const provisionMapOp: ServiceFn<'provision.map'> = (ctx, input) => provisionMap(ctx, input);
