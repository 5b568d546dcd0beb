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
 *   sessions   past sessions of the last 8 weeks (TO_RECORD_DAYS, the calendar's "To record" tab) where the user is a
 *              practitioner and a pupil's attendance is not recorded yet: the earliest ten of each pupil loaded, the
 *              rest counted per pupil in SQL. Earlier ones this school year are counted (sessionsToRecordEarlier).
 * "Do next" holds the user's items that are overdue or due within the next 7 days. The SENCo, therapy lead and
 * headteacher may ask for everyone's instead (`everyone: true`).
 *
 * The counts are everything the user may see (not only their own): the deadlines by state (as clocks.list gives
 * them: the dashboard's count cards open that list filtered by state), the open review actions (reviews.actions),
 * the sessions to record in the window (listed here with `withSessions`) and earlier this school year, and the
 * pupils whose current EHC plan has golden-thread problems (goldenThreadByPupil, which the register's filter reads too).
 */
import { TO_RECORD_DAYS, type SessionToRecord, type WorkGroup, type WorkItem, type Worklist } from '../../../shared/contract';
import type { ClockKey } from '../../../shared/clock-types';
import type { ReviewKind } from '../../../shared/contract';
import type { Role, YearGroup } from '../../../shared/domain';
import { todayIso } from '../../../shared/dates';
import type { ServiceContext, ServiceFn } from '../context';
import { academicYear, addDays, computeClocks } from '../clocks';
import { dateOf } from '../db/raw';
import { inScope, schoolFilter, SchoolPupils } from '../scope';
import { goldenThreadByPupil, loadClockInputs } from './clocks';
import { displayName } from './pupil-name';

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
/** Ids per statement when looking rows up by id (well under SQLite's and PostgreSQL's placeholder limits). */
const ID_CHUNK = 500;

/** The first day of the sessions to record a worklist itemises: the last TO_RECORD_DAYS days, as the calendar's "To record" tab. */
export function toRecordFrom(today: string): string {
  return addDays(today, -(TO_RECORD_DAYS - 1));
}

/**
 * The SQL shared by the sessions-to-record reads: placeholders for this driver, and `places`, the FROM and WHERE of
 * "a pupil's place, still pending, in a past session (today's once it has ended) from `from` on": everyone's, or only
 * the user's sessions as a practitioner, and one school's on a trust's server. Read from the session's date and end
 * time copied onto session_pupil (migration 0022), so it walks the partial index of pending places by date
 * (ix_session_pupil_to_record), for the user's own checking session_practitioner's primary key per place, without
 * touching therapy_session: its cost follows the backlog still to record, not the sessions held. Its rows are places
 * (sp.session_id, sp.session_date, sp.pupil_id): a session with two pupils pending is two rows.
 */
function toRecordSql(ctx: Pick<ServiceContext, 'em' | 'now' | 'tenancy'>, today: string, from: string, userId: string | null) {
  const pg = ctx.em.connection.options.type === 'postgres';
  const args: unknown[] = [];
  const arg = (v: unknown) => (args.push(v), pg ? `$${args.length}` : `?${args.length}`);
  const now = `${pad2(ctx.now.getHours())}:${pad2(ctx.now.getMinutes())}`;
  const school = schoolFilter(ctx);
  const t = arg(today);
  // Up to today (a clean range on the index), and today's only once they have ended.
  const past = (d: string) => `${d} >= ${arg(from)} AND ${d} <= ${t} AND (sp.session_date < ${t} OR sp.session_end_time <= ${arg(now)})`;
  // The pending places drive (a school records within a day or two, so they are few), and the user's own are those
  // where they are a practitioner: a look-up on session_practitioner's primary key (session_id, user_id) per place.
  // Driving from the user's sessions instead would walk every session they held in the window, recorded or not.
  const places =
    `FROM session_pupil sp WHERE ${past('sp.session_date')} AND sp.attendance = 'pending'` +
    (userId ? ` AND EXISTS (SELECT 1 FROM session_practitioner m WHERE m.session_id = sp.session_id AND m.user_id = ${arg(userId)})` : '') +
    (school ? ` AND EXISTS (SELECT 1 FROM therapy_session s0 WHERE s0.id = sp.session_id AND s0.school_id = ${arg(school)})` : '');
  return { pg, args, arg, places };
}

/**
 * Past sessions from `from` on with a pupil whose attendance is still pending (today's once they have ended):
 * everyone's the user may see, or only theirs as a practitioner. Most recent first. The worklist page's list.
 */
export async function sessionsToRecord(
  ctx: Pick<ServiceContext, 'em' | 'now' | 'scope' | 'tenancy'>,
  today: string,
  userId: string | null,
  from: string = toRecordFrom(today),
): Promise<SessionToRecord[]> {
  const { pg, args, places } = toRecordSql(ctx, today, from, userId);
  const rows = (await ctx.em.query(
    'SELECT s.id, s.date, s.start_time, s.title, s.discipline, x.pupil_id, p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name' +
      // The practitioners, for everyone's list only (a practitioner's own list is theirs by the filter below).
      (userId
        ? ' '
        : ', (SELECT ' +
          (pg ? "string_agg(y.user_id, ',')" : "group_concat(y.user_id, ',')") +
          ' FROM session_practitioner y WHERE y.session_id = s.id) AS prac ') +
      `FROM (SELECT sp.session_id, sp.pupil_id ${places}) x JOIN therapy_session s ON s.id = x.session_id JOIN pupil p ON p.id = x.pupil_id` +
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
          id,
          date: dateOf(r.date),
          startTime: String(r.start_time),
          title: String(r.title),
          discipline: String(r.discipline),
          pupils,
          practitionerIds: userId
            ? [userId]
            : String(r.prac ?? '')
                .split(',')
                .filter(Boolean),
        },
      };
      byId.set(id, s);
    }
    s.pupils.push({ id: pupilId, name: nameOf(r) });
  }
  return [...byId.values()].map((s) => ({ ...s.view, pupils: [...s.pupils].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')) }));
}

/** A pupil's sessions to record for Do next: the earliest ITEMS_PER_PUPIL of the window, and how many in all. */
interface PupilSessions {
  readonly pupilId: string;
  readonly facts: PupilFacts;
  readonly items: WorkItem[];
  readonly total: number;
}

/**
 * Do next's sessions to record (the window from `from`, the user's own or everyone's), per pupil: the earliest
 * ITEMS_PER_PUPIL (by date, then session id) with their session's title and time, and how many in all. The pending
 * places are read as they lie in the index (toRecordSql: three narrow columns, no join to the session or the pupil),
 * kept and counted per pupil here, and only the sessions and pupils Do next shows are then looked up by id. Ranking
 * every place in SQL instead (ROW_NUMBER over a window per pupil) cost several times as much on a school with a
 * backlog of thousands. Pupils outside the user's record scope are left out.
 */
export async function doNextSessions(
  ctx: Pick<ServiceContext, 'em' | 'now' | 'scope' | 'tenancy'>,
  today: string,
  from: string,
  userId: string | null,
): Promise<PupilSessions[]> {
  const { args, places } = toRecordSql(ctx, today, from, userId);
  const rows = (await ctx.em.query(`SELECT sp.session_id, sp.session_date, sp.pupil_id ${places}`, args)) as Row[];
  const byPupil = new Map<string, { date: string; sessionId: string }[]>();
  for (const r of rows) {
    const pupilId = String(r.pupil_id);
    if (!inScope(ctx.scope, pupilId)) continue;
    const list = byPupil.get(pupilId);
    const place = { date: dateOf(r.session_date), sessionId: String(r.session_id) };
    if (list) list.push(place);
    else byPupil.set(pupilId, [place]);
  }
  if (byPupil.size === 0) return [];
  const earliest = new Map<string, { date: string; sessionId: string }[]>();
  const sessionIds = new Set<string>();
  for (const [pupilId, list] of byPupil) {
    const first =
      list.length <= ITEMS_PER_PUPIL
        ? list
        : list.sort((x, y) => x.date.localeCompare(y.date) || x.sessionId.localeCompare(y.sessionId)).slice(0, ITEMS_PER_PUPIL);
    earliest.set(pupilId, first);
    for (const f of first) sessionIds.add(f.sessionId);
  }
  const [sessions, pupils] = await Promise.all([
    byIds(ctx, 'SELECT id, title, start_time FROM therapy_session WHERE id IN', [...sessionIds]),
    byIds(
      ctx,
      'SELECT id, legal_first_name, legal_last_name, preferred_first_name, preferred_last_name, year_group, class_name FROM pupil WHERE id IN',
      [...byPupil.keys()],
    ),
  ]);
  const out: PupilSessions[] = [];
  for (const [pupilId, first] of earliest) {
    const p = pupils.get(pupilId);
    if (!p) continue;
    const items: WorkItem[] = [];
    for (const f of first) {
      const s = sessions.get(f.sessionId);
      if (!s) continue;
      items.push({
        kind: 'session',
        id: f.sessionId,
        dueDate: f.date,
        overdue: f.date < today,
        clock: null,
        action: null,
        session: { title: String(s.title), startTime: String(s.start_time) },
      });
    }
    out.push({
      pupilId,
      facts: { name: nameOf(p), yearGroup: p.year_group as YearGroup, className: (p.class_name as string | null) ?? null },
      items,
      total: byPupil.get(pupilId)!.length,
    });
  }
  return out;
}

/** Rows by id (`sql` ends "WHERE id IN"), in chunks a statement's placeholders allow; keyed by id. */
async function byIds(ctx: Pick<ServiceContext, 'em'>, sql: string, ids: readonly string[]): Promise<Map<string, Row>> {
  const pg = ctx.em.connection.options.type === 'postgres';
  const out = new Map<string, Row>();
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const chunk = ids.slice(i, i + ID_CHUNK);
    const marks = chunk.map((_, k) => (pg ? `$${k + 1}` : `?${k + 1}`)).join(', ');
    for (const r of (await ctx.em.query(`${sql} (${marks})`, chunk)) as Row[]) out.set(String(r.id), r);
  }
  return out;
}

/**
 * How many sessions are still to record (everyone's the user may see, or the user's own as a practitioner): in the
 * window from `from` (the list the count opens), and earlier this school year (counted, not listed). Counted in SQL
 * from the pending places (toRecordSql: one index, no join for everyone's) when the user's scope is their whole
 * school (or every pupil); otherwise from the places' pupils, in scope.
 */
export async function countSessionsToRecord(
  ctx: Pick<ServiceContext, 'em' | 'now' | 'scope' | 'tenancy'>,
  today: string,
  from: string,
  userId: string | null,
): Promise<{ recent: number; earlier: number }> {
  const yearStart = academicYear(today).start;
  const lower = yearStart < from ? yearStart : from;
  const { args, arg, places } = toRecordSql(ctx, today, lower, userId);
  if (ctx.scope === null || ctx.scope instanceof SchoolPupils) {
    const f = arg(from);
    // One row per session (DISTINCT over the index's leading columns), then split at the window's first day.
    const [row] = (await ctx.em.query(
      `SELECT SUM(CASE WHEN x.d >= ${f} THEN 1 ELSE 0 END) AS recent, SUM(CASE WHEN x.d < ${f} THEN 1 ELSE 0 END) AS earlier ` +
        `FROM (SELECT DISTINCT sp.session_date AS d, sp.session_id ${places}) x`,
      args,
    )) as Row[];
    return { recent: Number(row?.recent ?? 0), earlier: Number(row?.earlier ?? 0) };
  }
  const rows = (await ctx.em.query(`SELECT sp.session_id, sp.session_date, sp.pupil_id ${places}`, args)) as Row[];
  const recent = new Set<string>();
  const earlier = new Set<string>();
  for (const r of rows) {
    if (!inScope(ctx.scope, String(r.pupil_id))) continue;
    (dateOf(r.session_date) >= from ? recent : earlier).add(String(r.session_id));
  }
  return { recent: recent.size, earlier: earlier.size };
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

  const from = toRecordFrom(today);

  const [clocks, thread, actionRows, pupilSessions, sessionCounts] = await Promise.all([
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
    // Do next's sessions: the user's own as a practitioner, or everyone's when asked for; per pupil, counted in SQL.
    everyone || userId ? doNextSessions(ctx, today, from, everyone ? null : userId) : Promise.resolve([]),
    // The count: everyone's the user may see for an overseer, else their own; the window's and the earlier ones.
    canSeeEveryone || userId
      ? countSessionsToRecord(ctx, today, from, canSeeEveryone ? null : userId)
      : Promise.resolve({ recent: 0, earlier: 0 }),
  ]);
  // The list the count opens, only when asked for (the worklist page), so the dashboard does not carry it.
  const listed =
    input.withSessions === true && (canSeeEveryone || userId)
      ? await sessionsToRecord(ctx, today, canSeeEveryone ? null : userId, from)
      : [];

  const pupils = new Map<string, PupilFacts>();
  const items = new Map<string, WorkItem[]>();
  /** A pupil's items not loaded (sessions beyond the earliest ITEMS_PER_PUPIL): counted in their "more". */
  const unloaded = new Map<string, number>();
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
      add(
        c.pupilId,
        { name: c.pupilName, yearGroup: c.yearGroup, className: c.className },
        {
          kind: 'clock',
          id: c.id,
          dueDate: c.dueDate,
          overdue: c.state === 'overdue',
          clock: { key: c.key, recordType: c.recordType, recordId: c.recordId, supersededBy: c.supersededBy },
          action: null,
          session: null,
        },
      );
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
      add(
        pupilId,
        { name: nameOf(r), yearGroup: r.year_group as YearGroup, className: (r.class_name as string | null) ?? null },
        {
          kind: 'action',
          id: String(r.id),
          dueDate: due,
          overdue: due < today,
          clock: null,
          session: null,
          action: {
            description: String(r.description),
            reviewId: String(r.review_id),
            reviewKind: r.kind as ReviewKind,
            reviewDate: dateOf(r.review_date),
          },
        },
      );
    }
    actionCounts = { open, overdue };
  }

  // Sessions to record: the earliest few per pupil, with the pupil's name, year group and class; the rest counted.
  for (const p of pupilSessions) {
    for (const item of p.items) add(p.pupilId, p.facts, item);
    unloaded.set(p.pupilId, p.total - p.items.length);
  }

  // Most urgent first: within a pupil by date (overdue dates are the earliest), across pupils by their first item.
  const kindOrder = { clock: 0, action: 1, session: 2 } as const;
  const groups: WorkGroup[] = [...items.entries()].map(([pupilId, list]) => {
    const f = pupils.get(pupilId)!;
    const sorted = [...list].sort(
      (a, b) => a.dueDate.localeCompare(b.dueDate) || kindOrder[a.kind] - kindOrder[b.kind] || a.id.localeCompare(b.id),
    );
    // The most urgent few; the rest are counted (the pupil's own pages list them).
    const all = sorted.length + (unloaded.get(pupilId) ?? 0);
    return {
      pupilId,
      pupilName: f.name,
      yearGroup: f.yearGroup,
      className: f.className,
      items: sorted.slice(0, ITEMS_PER_PUPIL),
      more: Math.max(0, all - ITEMS_PER_PUPIL),
    };
  });
  const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });
  groups.sort(
    (a, b) =>
      a.items[0]!.dueDate.localeCompare(b.items[0]!.dueDate) ||
      b.items.length + b.more - (a.items.length + a.more) ||
      collator.compare(a.pupilName, b.pupilName) ||
      a.pupilId.localeCompare(b.pupilId),
  );

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
    toRecordFrom: from,
    counts: {
      clocks: clockCounts,
      goldenThread: threadCounts,
      actions: actionCounts,
      sessionsToRecord: sessionCounts.recent,
      sessionsToRecordEarlier: sessionCounts.earlier,
    },
    sessionsToRecord: listed,
  };
}

export const dashboardWorklist: ServiceFn<'dashboard.worklist'> = async (ctx, input) => {
  const list = await worklist(ctx, input);
  ctx.auditDetail({ everyone: list.everyone, pupils: list.groups.length, items: list.groups.reduce((n, g) => n + g.items.length, 0) });
  return list;
};
