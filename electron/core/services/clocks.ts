/**
 * The clocks, read for the dashboard and a pupil's profile: a handful of raw, indexed selects shaped for the
 * engine (electron/core/clocks), then pure computation. Due dates are always computed, never stored or typed.
 */
import type { EntityManager } from 'typeorm';
import type { ClockCounts, ClockItemView, ClockRuleView } from '../../../shared/contract';
import type { ClockState, PhaseTransferKind } from '../../../shared/clock-types';
import { goldenThread } from '../../../shared/ehcp';
import { todayIso } from '../../../shared/dates';
import { AppFailure } from '../../../shared/result';
import { t } from '../../../shared/i18n';
import type { YearGroup, SenStatus } from '../../../shared/domain';
import { nowIso, type ServiceContext, type ServiceFn } from '../context';
import { ClockSettingEntity } from '../db/entities';
import { boolOf, dateOf, dateOrNull, numOf } from '../db/raw';
import {
  ALLOWED_UNITS,
  DEFAULT_RULES,
  FIXED_CLOCK_KEYS,
  NEEDS_IDENTIFIED_LOOKBACK_DAYS,
  addDays,
  computeClocks,
  mergeRules,
  validateRule,
  type ClockInputs,
  type ClockRule,
  type SavedClockRule,
  type SchoolClockInputs,
} from '../clocks';
import { displayName } from './pupil-name';
import { loadCalendar } from './calendar';
import { inScope, owningSchool, schoolFilter } from '../scope';

type Row = Record<string, unknown>;

const savedRule = (r: ClockSettingEntity): SavedClockRule => ({
  key: r.key,
  enabled: r.enabled,
  amount: r.amount,
  unit: r.unit as ClockRule['unit'],
  ...(r.under5Months !== null ? { under5Months: r.under5Months } : {}),
});

/** One school's own clock rules (migration 0017: each school of a trust sets its own). */
async function savedRules(em: EntityManager, schoolId: string): Promise<SavedClockRule[]> {
  return (await em.getRepository(ClockSettingEntity).find({ where: { schoolId } })).map(savedRule);
}

function ruleViews(rules: readonly ClockRule[], saved: readonly SavedClockRule[]): ClockRuleView[] {
  return rules.map((r) => ({
    key: r.key,
    enabled: r.enabled,
    amount: r.amount,
    unit: r.unit,
    under5Months: r.under5Months ?? null,
    custom: saved.some((s) => s.key === r.key),
    allowedUnits: ALLOWED_UNITS[r.key],
    hasPeriod: !FIXED_CLOCK_KEYS.includes(r.key),
  }));
}

/** The caller's own school's rules. */
export const clocksRules: ServiceFn<'clocks.rules'> = async (ctx) => {
  const saved = await savedRules(ctx.em, await owningSchool(ctx));
  return ruleViews(mergeRules(saved), saved);
};

export const clocksSaveRule: ServiceFn<'clocks.saveRule'> = async (ctx, input) => {
  const def = DEFAULT_RULES.find((r) => r.key === input.key)!;
  const fixed = FIXED_CLOCK_KEYS.includes(input.key);
  // Fixed-date clocks can only be switched on or off; their period is set by the Regulations.
  const rule: ClockRule = fixed
    ? { ...def, enabled: input.enabled }
    : {
        key: input.key,
        enabled: input.enabled,
        amount: input.amount,
        unit: input.unit,
        ...(input.key === 'annual_review' ? { under5Months: input.under5Months ?? def.under5Months ?? 6 } : {}),
      };
  const errors = validateRule(rule);
  if (Object.keys(errors).length) throw new AppFailure('invalid_input', t('errors.invalidInput'), errors);
  // The caller's own school's rule: another school of the trust keeps its own.
  const schoolId = await owningSchool(ctx);
  const repo = ctx.em.getRepository(ClockSettingEntity);
  await repo.delete({ schoolId, key: input.key });
  await repo.insert({
    schoolId,
    key: rule.key,
    enabled: rule.enabled,
    amount: rule.amount,
    unit: rule.unit,
    under5Months: rule.under5Months ?? null,
    updatedAt: nowIso(ctx),
  });
  ctx.auditDetail({ key: rule.key, enabled: rule.enabled, amount: rule.amount, unit: rule.unit });
  const saved = await savedRules(ctx.em, schoolId);
  return ruleViews(mergeRules(saved), saved);
};

/**
 * One school's calendar and clock rules (saved settings over the defaults): what a deadline needs besides its record.
 * A pupil's deadlines are counted with their own school's (electron/core/school-settings.ts pupilSchoolId).
 */
export async function loadCalendarAndRules(
  em: EntityManager,
  schoolId: string,
): Promise<{ calendar: ClockInputs['calendar']; rules: ClockRule[] }> {
  const [{ terms, closures }, saved] = await Promise.all([loadCalendar(em, schoolId), savedRules(em, schoolId)]);
  return {
    calendar: { terms: terms.map((r) => ({ startDate: r.startDate, endDate: r.endDate })), closures },
    rules: mergeRules(saved),
  };
}

export interface LoadedClocks {
  readonly inputs: ClockInputs;
  readonly owners: ReadonlyMap<string, string>;
}

/**
 * Every input the engine needs, in twelve small selects. Exported for the benchmark's raw-SQL comparison. Each
 * school's terms, closures and rules are loaded (`inputs.schools`), so each pupil's clocks count THEIR school's.
 */
export async function loadClockInputs(em: EntityManager, today: string, pupilId?: string): Promise<LoadedClocks> {
  const pg = em.connection.options.type === 'postgres';
  const $ = (i: number) => (pg ? `$${i}` : `?${i}`);
  const lookback = addDays(today, -NEEDS_IDENTIFIED_LOOKBACK_DAYS);
  const pupilFilter = pupilId ? ` AND p.id = ${$(3)}` : '';
  const [terms, closures, school, pupils, plans, versions, reviews, requests, users, saved, referrals, transfers] = await Promise.all([
    em.query('SELECT school_id, start_date, end_date FROM term ORDER BY start_date') as Promise<Row[]>,
    em.query('SELECT school_id, date, kind, name FROM calendar_day ORDER BY date') as Promise<Row[]>,
    em.query('SELECT id, local_authority FROM school ORDER BY created_at, id') as Promise<Row[]>,
    em.query(
      'SELECT p.id, p.school_id, p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name, p.year_group, p.class_name, ' +
        'p.date_of_birth, p.date_joined, p.needs_identified_on, s.status FROM pupil p ' +
        'LEFT JOIN sen_status_period s ON s.pupil_id = p.id AND s.end_date IS NULL ' +
        `WHERE (p.date_left IS NULL OR p.date_left > ${$(1)}) AND (p.date_joined >= ${$(2)} ` +
        'OR EXISTS (SELECT 1 FROM ehc_plan e WHERE e.pupil_id = p.id) OR EXISTS (SELECT 1 FROM ehc_assessment_request r WHERE r.pupil_id = p.id) ' +
        "OR EXISTS (SELECT 1 FROM referral f WHERE f.pupil_id = p.id AND f.state <> 'declined'))" +
        pupilFilter,
      pupilId ? [today, lookback, pupilId] : [today, lookback],
    ) as Promise<Row[]>,
    em.query(
      'SELECT e.id, e.pupil_id, e.local_authority, e.owner_user_id, e.status, e.issued_date, e.ceased_date, ' +
        '(SELECT COUNT(*) FROM ehcp_outcome o JOIN ehc_plan_version v ON v.id = o.version_id ' +
        'WHERE v.plan_id = e.id AND v.number = e.current_version AND o.pfa_area IS NOT NULL) AS pfa FROM ehc_plan e' +
        (pupilId ? ` WHERE e.pupil_id = ${$(1)}` : ''),
      pupilId ? [pupilId] : [],
    ) as Promise<Row[]>,
    em.query(
      `SELECT plan_id, id, effective_date FROM ehc_plan_version WHERE names_next_phase = ${pg ? 'true' : '1'} ORDER BY effective_date`,
    ) as Promise<Row[]>,
    em.query('SELECT * FROM ehcp_review') as Promise<Row[]>,
    em.query('SELECT * FROM ehc_assessment_request' + (pupilId ? ` WHERE pupil_id = ${$(1)}` : ''), pupilId ? [pupilId] : []) as Promise<
      Row[]
    >,
    em.query('SELECT id, display_name FROM app_user') as Promise<Row[]>,
    em.getRepository(ClockSettingEntity).find(),
    em.query(
      "SELECT r.id, r.pupil_id, r.received_date, r.state, (SELECT MIN(e.event_date) FROM referral_event e WHERE e.referral_id = r.id AND e.to_state = 'assessed') AS assessed " +
        "FROM referral r WHERE r.state <> 'declined'" +
        (pupilId ? ` AND r.pupil_id = ${$(1)}` : ''),
      pupilId ? [pupilId] : [],
    ) as Promise<Row[]>,
    em.query(
      'SELECT pupil_id, kind, transfer_date, next_setting FROM pupil_transfer' + (pupilId ? ` WHERE pupil_id = ${$(1)}` : ''),
      pupilId ? [pupilId] : [],
    ) as Promise<Row[]>,
  ]);
  const named = new Map<string, { date: string; id: string }>();
  for (const v of versions) named.set(String(v.plan_id), { date: dateOf(v.effective_date), id: String(v.id) });
  const schools: SchoolClockInputs[] = school.map((s) => ({
    schoolId: String(s.id),
    calendar: {
      terms: terms.filter((r) => r.school_id === s.id).map((r) => ({ startDate: dateOf(r.start_date), endDate: dateOf(r.end_date) })),
      closures: closures
        .filter((r) => r.school_id === s.id)
        .map((r) => ({ date: dateOf(r.date), kind: r.kind as 'inset', name: String(r.name) })),
    },
    rules: mergeRules(saved.filter((r) => r.schoolId === s.id).map(savedRule)),
    schoolLocalAuthority: String(s.local_authority ?? ''),
  }));
  const first = schools[0];
  const inputs: ClockInputs = {
    today,
    calendar: first?.calendar ?? { terms: [], closures: [] },
    rules: first?.rules ?? mergeRules([]),
    schoolLocalAuthority: first?.schoolLocalAuthority ?? '',
    schools,
    pupils: pupils.map((r) => ({
      id: String(r.id),
      schoolId: String(r.school_id),
      name: displayName({
        legalFirstName: String(r.legal_first_name),
        legalLastName: String(r.legal_last_name),
        preferredFirstName: (r.preferred_first_name as string | null) ?? null,
        preferredLastName: (r.preferred_last_name as string | null) ?? null,
      }),
      yearGroup: r.year_group as YearGroup,
      className: (r.class_name as string | null) ?? null,
      dateOfBirth: dateOf(r.date_of_birth),
      dateJoined: dateOf(r.date_joined),
      senStatus: ((r.status as string | null) ?? 'N') as SenStatus,
      needsIdentifiedOn: dateOrNull(r.needs_identified_on),
    })),
    assessmentRequests: requests.map((r) => ({
      id: String(r.id),
      pupilId: String(r.pupil_id),
      localAuthority: String(r.local_authority),
      ownerId: (r.owner_user_id as string | null) ?? null,
      requestDate: dateOf(r.request_date),
      decisionDate: dateOrNull(r.decision_date),
      decision: (r.decision as 'assess' | 'refuse' | null) ?? null,
      issueDecision: (r.issue_decision as 'issue' | 'not_issue' | null) ?? null,
      issueDecisionDate: dateOrNull(r.issue_decision_date),
      finalPlanDate: dateOrNull(r.final_plan_date),
      withdrawnDate: dateOrNull(r.withdrawn_date),
    })),
    plans: plans.map((r) => ({
      id: String(r.id),
      pupilId: String(r.pupil_id),
      localAuthority: String(r.local_authority),
      ownerId: (r.owner_user_id as string | null) ?? null,
      status: r.status as 'final',
      issuedDate: dateOrNull(r.issued_date),
      ceasedDate: dateOrNull(r.ceased_date),
      pfaOutcomes: numOf(r.pfa),
      phaseTransferNamedDate: named.get(String(r.id))?.date ?? null,
      phaseTransferVersionId: named.get(String(r.id))?.id ?? null,
    })),
    referrals: referrals.map((r) => ({
      id: String(r.id),
      pupilId: String(r.pupil_id),
      receivedDate: dateOf(r.received_date),
      state: r.state as 'received',
      assessedDate: dateOrNull(r.assessed),
    })),
    transfers: transfers.map((r) => ({
      pupilId: String(r.pupil_id),
      kind: r.kind as PhaseTransferKind,
      transferDate: dateOf(r.transfer_date),
      nextSetting: (r.next_setting as string | null) ?? null,
    })),
    reviews: reviews.map((r) => ({
      id: String(r.id),
      planId: String(r.plan_id),
      meetingDate: dateOf(r.meeting_date),
      held: boolOf(r.held),
      invitationsSentDate: dateOrNull(r.invitations_sent_date),
      adviceCirculatedDate: dateOrNull(r.advice_circulated_date),
      reportSentDate: dateOrNull(r.report_sent_date),
      laDecisionDate: dateOrNull(r.la_decision_date),
      laDecision: (r.la_decision as 'amend' | null) ?? null,
      amendedFinalDate: dateOrNull(r.amended_final_date),
    })),
  };
  return { inputs, owners: new Map(users.map((u) => [String(u.id), String(u.display_name)])) };
}

/**
 * Golden-thread problems in the current version of every plan that is not ceased, by pupil: the dashboard's count,
 * and the register's "plans with golden-thread problems" filter (pupils.list `thread: 'problems'`), which read this
 * one function so the count and the list behind it cannot differ. Pupils with no problem are left out.
 */
export async function goldenThreadByPupil(
  em: EntityManager,
  pupilId?: string,
  schoolId?: string | null,
): Promise<{ readonly byPupil: Map<string, number>; readonly plans: number }> {
  const pg = em.connection.options.type === 'postgres';
  const args: unknown[] = [];
  const arg = (v: unknown) => (args.push(v), pg ? `$${args.length}` : `?${args.length}`);
  const filter =
    (pupilId ? ` AND e.pupil_id = ${arg(pupilId)}` : '') +
    // One school's plans on a trust's server (electron/core/scope.ts).
    (schoolId ? ` AND e.pupil_id IN (SELECT p.id FROM pupil p WHERE p.school_id = ${arg(schoolId)})` : '');
  const current =
    "SELECT v.id FROM ehc_plan_version v JOIN ehc_plan e ON e.id = v.plan_id AND v.number = e.current_version WHERE e.status <> 'ceased'" +
    filter;
  const [versions, needs, outcomes, links, provision, served] = await Promise.all([
    em.query(
      `SELECT v.id, e.pupil_id FROM ehc_plan_version v JOIN ehc_plan e ON e.id = v.plan_id AND v.number = e.current_version WHERE e.status <> 'ceased'${filter}`,
      args,
    ) as Promise<Row[]>,
    em.query(`SELECT id, version_id FROM ehcp_need WHERE version_id IN (${current})`, args) as Promise<Row[]>,
    em.query(`SELECT id, version_id FROM ehcp_outcome WHERE version_id IN (${current})`, args) as Promise<Row[]>,
    em.query(
      `SELECT l.outcome_id, l.need_id FROM ehcp_outcome_need l JOIN ehcp_outcome o ON o.id = l.outcome_id WHERE o.version_id IN (${current})`,
      args,
    ) as Promise<Row[]>,
    em.query(
      `SELECT id, version_id, frequency_count, frequency_period, session_minutes FROM ehcp_provision WHERE version_id IN (${current})`,
      args,
    ) as Promise<Row[]>,
    em.query(
      `SELECT l.provision_id, l.outcome_id FROM ehcp_provision_outcome l JOIN ehcp_provision p ON p.id = l.provision_id WHERE p.version_id IN (${current})`,
      args,
    ) as Promise<Row[]>,
  ]);
  const byVersion = new Map<
    string,
    {
      needs: { key: string }[];
      outcomes: { key: string; needKeys: string[] }[];
      provision: {
        key: string;
        outcomeKeys: string[];
        frequencyCount: number | null;
        frequencyPeriod: string | null;
        sessionMinutes: number | null;
      }[];
    }
  >();
  const doc = (v: unknown) => {
    const k = String(v);
    let d = byVersion.get(k);
    if (!d) byVersion.set(k, (d = { needs: [], outcomes: [], provision: [] }));
    return d;
  };
  const outcomeNeeds = new Map<string, string[]>();
  for (const l of links) outcomeNeeds.set(String(l.outcome_id), [...(outcomeNeeds.get(String(l.outcome_id)) ?? []), String(l.need_id)]);
  const provisionOutcomes = new Map<string, string[]>();
  for (const l of served)
    provisionOutcomes.set(String(l.provision_id), [...(provisionOutcomes.get(String(l.provision_id)) ?? []), String(l.outcome_id)]);
  for (const n of needs) doc(n.version_id).needs.push({ key: String(n.id) });
  for (const o of outcomes) doc(o.version_id).outcomes.push({ key: String(o.id), needKeys: outcomeNeeds.get(String(o.id)) ?? [] });
  for (const p of provision) {
    doc(p.version_id).provision.push({
      key: String(p.id),
      outcomeKeys: provisionOutcomes.get(String(p.id)) ?? [],
      frequencyCount: p.frequency_count === null ? null : numOf(p.frequency_count),
      frequencyPeriod: (p.frequency_period as string | null) ?? null,
      sessionMinutes: p.session_minutes === null ? null : numOf(p.session_minutes),
    });
  }
  const pupilOf = new Map(versions.map((v) => [String(v.id), String(v.pupil_id)]));
  const byPupil = new Map<string, number>();
  let plans = 0;
  for (const [version, d] of byVersion) {
    const g = goldenThread(d);
    const pupil = pupilOf.get(version);
    if (!g.problems || !pupil) continue;
    plans++;
    byPupil.set(pupil, (byPupil.get(pupil) ?? 0) + g.problems);
  }
  return { byPupil, plans };
}

/** Golden-thread problems across the current version of every plan that is not ceased. */
async function goldenThreadTotals(
  em: EntityManager,
  pupilId?: string,
  schoolId?: string | null,
): Promise<{ problems: number; plans: number }> {
  const { byPupil, plans } = await goldenThreadByPupil(em, pupilId, schoolId);
  let problems = 0;
  for (const n of byPupil.values()) problems += n;
  return { problems, plans };
}

const zero = (): { -readonly [K in keyof ClockCounts]: number } => ({ overdue: 0, due_this_week: 0, upcoming: 0, done: 0 });

export async function listClocks(
  ctx: Pick<ServiceContext, 'em' | 'now'> & Partial<Pick<ServiceContext, 'scope' | 'tenancy'>>,
  input: Parameters<ServiceFn<'clocks.list'>>[1],
) {
  const today = todayIso(ctx.now);
  const { inputs, owners } = await loadClockInputs(ctx.em, today, input.pupilId);
  // Only the pupils the reader may reach (on a trust's server, their own school's: electron/core/scope.ts).
  const all = computeClocks(inputs).filter((i) => inScope(ctx.scope ?? null, i.pupilId));
  const matches = all.filter(
    (i) =>
      (!input.localAuthority || i.localAuthority === input.localAuthority) &&
      (!input.yearGroup || i.yearGroup === input.yearGroup) &&
      (!input.ownerId || i.ownerId === input.ownerId) &&
      (!input.pupilId || i.pupilId === input.pupilId) &&
      (!input.keys || input.keys.includes(i.key)),
  );
  const counts = zero();
  const byLa = new Map<string, ReturnType<typeof zero>>();
  for (const i of matches) {
    counts[i.state]++;
    const c = byLa.get(i.localAuthority) ?? zero();
    c[i.state]++;
    byLa.set(i.localAuthority, c);
  }
  const states: readonly ClockState[] = input.states ?? ['overdue', 'due_this_week', 'upcoming', 'done'];
  const items: ClockItemView[] = matches
    .filter((i) => states.includes(i.state))
    .map((i) => ({ ...i, ownerName: i.ownerId ? (owners.get(i.ownerId) ?? null) : null }));
  const gt = await goldenThreadTotals(ctx.em, input.pupilId, schoolFilter(ctx));
  const ownerIds = [...new Set(all.map((i) => i.ownerId).filter((o): o is string => o !== null))];
  return {
    today,
    items,
    counts,
    byLocalAuthority: [...byLa.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([localAuthority, c]) => ({ localAuthority, ...c })),
    localAuthorities: [...new Set(all.map((i) => i.localAuthority))].sort(),
    owners: ownerIds.map((id) => ({ id, name: owners.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name)),
    goldenThreadProblems: gt.problems,
    plansWithProblems: gt.plans,
    calendarGaps: matches.some((i) => i.calendarGap),
  };
}

export const clocksList: ServiceFn<'clocks.list'> = async (ctx, input) => {
  if (input.pupilId) ctx.touchPupil(input.pupilId);
  const list = await listClocks(ctx, input);
  ctx.auditDetail({ items: list.items.length, pupils: new Set(list.items.map((i) => i.pupilId)).size });
  return list;
};
