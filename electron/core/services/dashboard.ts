/**
 * dashboard.worklist (issue 17, item 1): the signed-in user's "Do next", grouped by pupil and most urgent first, and
 * the rest folded into counts that each match the list they open. Computed here, with the caller's record scope and
 * school, so the school server and a connected desk give the same answer.
 *
 * What is "mine":
 *   deadlines  the clocks of plans and assessment requests the user owns; a deadline no one owns (a joiner's needs,
 *              a referral's first assessment) is the SENCo's, and a referral's first assessment also the therapy
 *              lead's. Only the roles that read the clocks (clocks.list) get deadlines at all.
 *   actions    open review actions the user owns (the roles that read review actions).
 *   sessions   past sessions this school year where the user is a practitioner and a pupil's attendance is not
 *              recorded yet.
 * "Do next" holds the user's items that are overdue or due within the next 7 days. The SENCo, therapy lead and
 * headteacher may ask for everyone's instead (`everyone: true`).
 *
 * The counts are everything the user may see (not only their own): the deadlines by state (as clocks.list gives
 * them: the dashboard's count cards open that list filtered by state), the open review actions (reviews.actions),
 * the sessions to record (returned here in full), and the pupils whose current EHC plan has golden-thread problems
 * (goldenThreadByPupil, which the register's filter reads too).
 */
import type { SessionToRecord, WorkGroup, WorkItem, Worklist } from '../../../shared/contract';
import type { ClockKey } from '../../../shared/clock-types';
import type { ReviewKind } from '../../../shared/contract';
import type { Role, YearGroup } from '../../../shared/domain';
import { todayIso } from '../../../shared/dates';
import type { ServiceContext, ServiceFn } from '../context';
import { academicYear, addDays, computeClocks } from '../clocks';
import { dateOf } from '../db/raw';
import { inScope, schoolFilter, SchoolPupils } from '../scope';
import { goldenThreadByPupil, loadClockInputs } from './clocks';
import { displayName } from './pupils';

type Row = Record<string, unknown>;

/** The roles that read the clocks (contract: clocks.list) and review actions (reviews.actions). */
const CLOCK_READERS: ReadonlySet<Role> = new Set(['senco', 'therapy_lead', 'headteacher']);
const ACTION_READERS: ReadonlySet<Role> = new Set(['senco', 'therapy_lead', 'therapist', 'headteacher']);
/** Who may look at everyone's worklist rather than their own. */
const OVERSEERS: ReadonlySet<Role> = new Set(['senco', 'therapy_lead', 'headteacher']);
/** Deadlines that belong to no one: whose they are. The SENCo runs the office; the therapy lead, referrals. */
const UNOWNED_CLOCKS: Partial<Record<Role, 'all' | readonly ClockKey[]>> = { senco: 'all', therapy_lead: ['initial_assessment'] };

const pad2 = (n: number) => String(n).padStart(2, '0');
/** Items carried per pupil in Do next; beyond these the pupil's count of more is enough for the dashboard. */
export const ITEMS_PER_PUPIL = 10;

/**
 * Past sessions this school year with a pupil whose attendance is still pending (today's once they have ended):
 * everyone's the user may see, or only theirs as a practitioner.
 */
export async function sessionsToRecord(ctx: Pick<ServiceContext, 'em' | 'now' | 'scope' | 'tenancy'>, today: string, userId: string | null): Promise<SessionToRecord[]> {
  const pg = ctx.em.connection.options.type === 'postgres';
  const args: unknown[] = [];
  const arg = (v: unknown) => (args.push(v), pg ? `$${args.length}` : `?${args.length}`);
  const now = `${pad2(ctx.now.getHours())}:${pad2(ctx.now.getMinutes())}`;
  const school = schoolFilter(ctx);
  const rows = (await ctx.em.query(
    'SELECT s.id, s.date, s.start_time, s.title, s.discipline, sp.pupil_id, p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name' +
      // The practitioners, for everyone's list only (a practitioner's own list is theirs by the filter below).
      (userId ? ' ' : ', (SELECT ' + (pg ? "string_agg(x.user_id, ',')" : "group_concat(x.user_id, ',')") + ' FROM session_practitioner x WHERE x.session_id = s.id) AS prac ') +
      'FROM therapy_session s JOIN session_pupil sp ON sp.session_id = s.id JOIN pupil p ON p.id = sp.pupil_id ' +
      `WHERE s.date >= ${arg(academicYear(today).start)} AND (s.date < ${arg(today)} OR (s.date = ${arg(today)} AND s.end_time <= ${arg(now)})) ` +
      "AND sp.attendance = 'pending'" +
      (userId ? ` AND EXISTS (SELECT 1 FROM session_practitioner m WHERE m.session_id = s.id AND m.user_id = ${arg(userId)})` : '') +
      (school ? ` AND s.school_id = ${arg(school)}` : '') +
      ' ORDER BY s.date DESC, s.start_time DESC, s.id',
    args,
  )) as Row[];
  const byId = new Map<string, { view: SessionToRecord; pupils: { id: string; name: string }[] }>();
  for (const r of rows) {
    const pupilId = String(r.pupil_id);
    // A pupil outside the user's record scope is not named (electron/core/scope.ts).
    if (!inScope(ctx.scope, pupilId)) continue;
    const id = String(r.id);
    let s = byId.get(id);
    if (!s) {
      const pupils: { id: string; name: string }[] = [];
      s = {
        pupils,
        view: {
          id, date: dateOf(r.date), startTime: String(r.start_time), title: String(r.title), discipline: String(r.discipline), pupils,
          practitionerIds: userId ? [userId] : String(r.prac ?? '').split(',').filter(Boolean),
        },
      };
      byId.set(id, s);
    }
    s.pupils.push({ id: pupilId, name: nameOf(r) });
  }
  return [...byId.values()].map((s) => ({ ...s.view, pupils: [...s.pupils].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')) }));
}

/** How many sessions sessionsToRecord would list for everyone (one school's on a trust's server), without listing them. */
async function countSessionsToRecord(ctx: Pick<ServiceContext, 'em' | 'now' | 'tenancy'>, today: string): Promise<number> {
  const pg = ctx.em.connection.options.type === 'postgres';
  const args: unknown[] = [];
  const arg = (v: unknown) => (args.push(v), pg ? `$${args.length}` : `?${args.length}`);
  const now = `${pad2(ctx.now.getHours())}:${pad2(ctx.now.getMinutes())}`;
  const school = schoolFilter(ctx);
  const [row] = (await ctx.em.query(
    'SELECT COUNT(DISTINCT s.id) AS n FROM therapy_session s JOIN session_pupil sp ON sp.session_id = s.id ' +
      `WHERE s.date >= ${arg(academicYear(today).start)} AND (s.date < ${arg(today)} OR (s.date = ${arg(today)} AND s.end_time <= ${arg(now)})) ` +
      "AND sp.attendance = 'pending'" +
      (school ? ` AND s.school_id = ${arg(school)}` : ''),
    args,
  )) as Row[];
  return Number(row?.n ?? 0);
}

function nameOf(r: Row): string {
  return displayName({
    legalFirstName: String(r.legal_first_name),
    legalLastName: String(r.legal_last_name),
    preferredFirstName: (r.preferred_first_name as string | null) ?? null,
    preferredLastName: (r.preferred_last_name as string | null) ?? null,
  });
}

interface PupilFacts {
  readonly name: string;
  readonly yearGroup: YearGroup;
  readonly className: string | null;
}

export async function worklist(
  ctx: Pick<ServiceContext, 'em' | 'now' | 'actor' | 'scope'> & Partial<Pick<ServiceContext, 'tenancy'>>,
  input: { readonly everyone?: boolean | undefined; readonly withSessions?: boolean | undefined },
): Promise<Worklist> {
  const today = todayIso(ctx.now);
  const soon = addDays(today, 6);
  const role: Role | null = ctx.actor.kind === 'anonymous' ? null : ctx.actor.role;
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const canSeeEveryone = role !== null && OVERSEERS.has(role);
  const everyone = canSeeEveryone && input.everyone === true;
  const readsClocks = role !== null && CLOCK_READERS.has(role);
  const readsActions = role !== null && ACTION_READERS.has(role);
  const pg = ctx.em.connection.options.type === 'postgres';
  const school = schoolFilter(ctx);

  const [clocks, thread, actionRows, sessions] = await Promise.all([
    readsClocks ? loadClockInputs(ctx.em, today) : Promise.resolve(null),
    readsClocks ? goldenThreadByPupil(ctx.em, undefined, school) : Promise.resolve(null),
    readsActions
      ? (ctx.em.query(
          'SELECT a.id, a.review_id, a.pupil_id, a.description, a.owner_user_id, a.due_date, r.kind, r.date AS review_date, ' +
            'p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name, p.year_group, p.class_name ' +
            'FROM review_action a JOIN review_meeting r ON r.id = a.review_id JOIN pupil p ON p.id = a.pupil_id WHERE a.done_date IS NULL' +
            (school ? ` AND p.school_id = ${pg ? '$1' : '?1'}` : ''),
          school ? [school] : [],
        ) as Promise<Row[]>)
      : Promise.resolve(null),
    // The user's own as a practitioner (their Do next); everyone's only when asked for (everyone's Do next, or the
    // list the count opens), so the dashboard does not carry a whole school's sessions.
    userId ? sessionsToRecord(ctx, today, userId) : Promise.resolve([]),
  ]);
  const everyonesSessions = canSeeEveryone && (everyone || input.withSessions === true) ? await sessionsToRecord(ctx, today, null) : null;
  // Everyone's count without the list, for an overseer whose scope is their whole school (or every pupil).
  const sessionCount = !canSeeEveryone
    ? sessions.length
    : everyonesSessions
      ? everyonesSessions.length
      : ctx.scope === null || ctx.scope instanceof SchoolPupils
        ? await countSessionsToRecord(ctx, today)
        : (await sessionsToRecord(ctx, today, null)).length;

  const pupils = new Map<string, PupilFacts>();
  const items = new Map<string, WorkItem[]>();
  const add = (pupilId: string, facts: PupilFacts, item: WorkItem) => {
    if (!pupils.has(pupilId)) pupils.set(pupilId, facts);
    const list = items.get(pupilId) ?? [];
    list.push(item);
    items.set(pupilId, list);
  };

  // Deadlines.
  let clockCounts: Worklist['counts']['clocks'] = null;
  if (clocks) {
    const counts = { overdue: 0, due_this_week: 0, upcoming: 0, done: 0 };
    const unowned = role ? UNOWNED_CLOCKS[role] : undefined;
    const mine = (key: ClockKey, ownerId: string | null) =>
      ownerId === null ? unowned === 'all' || (unowned?.includes(key) ?? false) : ownerId === userId;
    for (const c of computeClocks(clocks.inputs)) {
      if (!inScope(ctx.scope, c.pupilId)) continue;
      counts[c.state]++;
      if (c.state !== 'overdue' && c.state !== 'due_this_week') continue;
      if (!everyone && !mine(c.key, c.ownerId)) continue;
      add(c.pupilId, { name: c.pupilName, yearGroup: c.yearGroup, className: c.className }, {
        kind: 'clock', id: c.id, dueDate: c.dueDate, overdue: c.state === 'overdue',
        clock: { key: c.key, recordType: c.recordType, recordId: c.recordId, supersededBy: c.supersededBy }, action: null, session: null,
      });
    }
    clockCounts = counts;
  }

  // Review actions.
  let actionCounts: Worklist['counts']['actions'] = null;
  if (actionRows) {
    let open = 0;
    let overdue = 0;
    for (const r of actionRows) {
      const pupilId = String(r.pupil_id);
      if (!inScope(ctx.scope, pupilId)) continue;
      const due = dateOf(r.due_date);
      open++;
      if (due < today) overdue++;
      if (due > soon || (!everyone && r.owner_user_id !== userId)) continue;
      add(pupilId, { name: nameOf(r), yearGroup: r.year_group as YearGroup, className: (r.class_name as string | null) ?? null }, {
        kind: 'action', id: String(r.id), dueDate: due, overdue: due < today, clock: null, session: null,
        action: { description: String(r.description), reviewId: String(r.review_id), reviewKind: r.kind as ReviewKind, reviewDate: dateOf(r.review_date) },
      });
    }
    actionCounts = { open, overdue };
  }

  // Sessions to record: the names come with them; year group and class from the clocks' pupils or a small select.
  const sessionItems: { pupilId: string; name: string; item: WorkItem }[] = [];
  for (const s of everyone && everyonesSessions ? everyonesSessions : sessions) {
    for (const p of s.pupils) {
      sessionItems.push({
        pupilId: p.id, name: p.name,
        item: { kind: 'session', id: s.id, dueDate: s.date, overdue: s.date < today, clock: null, action: null, session: { title: s.title, startTime: s.startTime } },
      });
    }
  }
  const missing = [...new Set(sessionItems.map((s) => s.pupilId).filter((id) => !pupils.has(id)))];
  const facts = new Map<string, { yearGroup: YearGroup; className: string | null }>();
  for (let i = 0; i < missing.length; i += 500) {
    const chunk = missing.slice(i, i + 500);
    const rows = (await ctx.em.query(
      `SELECT id, year_group, class_name FROM pupil WHERE id IN (${chunk.map((_, j) => (pg ? `$${j + 1}` : `?${j + 1}`)).join(', ')})`,
      chunk,
    )) as Row[];
    for (const r of rows) facts.set(String(r.id), { yearGroup: r.year_group as YearGroup, className: (r.class_name as string | null) ?? null });
  }
  for (const s of sessionItems) {
    const f = facts.get(s.pupilId);
    add(s.pupilId, pupils.get(s.pupilId) ?? { name: s.name, yearGroup: f?.yearGroup ?? ('X' as YearGroup), className: f?.className ?? null }, s.item);
  }

  // Most urgent first: within a pupil by date (overdue dates are the earliest), across pupils by their first item.
  const kindOrder = { clock: 0, action: 1, session: 2 } as const;
  const groups: WorkGroup[] = [...items.entries()].map(([pupilId, list]) => {
    const f = pupils.get(pupilId)!;
    const sorted = [...list].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || kindOrder[a.kind] - kindOrder[b.kind] || a.id.localeCompare(b.id));
    // The most urgent few; the rest are counted (the pupil's own pages list them).
    return { pupilId, pupilName: f.name, yearGroup: f.yearGroup, className: f.className, items: sorted.slice(0, ITEMS_PER_PUPIL), more: Math.max(0, sorted.length - ITEMS_PER_PUPIL) };
  });
  const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });
  groups.sort((a, b) => a.items[0]!.dueDate.localeCompare(b.items[0]!.dueDate) || b.items.length + b.more - (a.items.length + a.more) || collator.compare(a.pupilName, b.pupilName) || a.pupilId.localeCompare(b.pupilId));

  let threadCounts: Worklist['counts']['goldenThread'] = null;
  if (thread) {
    let pupilsWith = 0;
    let problems = 0;
    for (const [pupilId, n] of thread.byPupil) {
      if (!inScope(ctx.scope, pupilId)) continue;
      pupilsWith++;
      problems += n;
    }
    threadCounts = { pupils: pupilsWith, problems };
  }

  return {
    today,
    everyone,
    canSeeEveryone,
    groups,
    counts: { clocks: clockCounts, goldenThread: threadCounts, actions: actionCounts, sessionsToRecord: sessionCount },
    sessionsToRecord: input.withSessions === true ? (everyonesSessions ?? sessions) : [],
  };
}

export const dashboardWorklist: ServiceFn<'dashboard.worklist'> = async (ctx, input) => {
  const list = await worklist(ctx, input);
  ctx.auditDetail({ everyone: list.everyone, pupils: list.groups.length, items: list.groups.reduce((n, g) => n + g.items.length, 0) });
  return list;
};
