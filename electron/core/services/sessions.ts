/**
 * Therapy sessions: booking (one-off or recurring over the school's calendar) with clash checks, the calendar,
 * recording attendance and progress, provision delivered against planned, practitioners' caseloads, iCalendar.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { createEvents, type EventAttributes } from 'ics';
import type {
  PractitionerCaseload,
  ProvisionFigures,
  ProvisionLine,
  ProvisionReport,
  ScheduleResult,
  SessionView,
} from '../../../shared/contract';
import type { Attendance, CancelledBy } from '../../../shared/contract';
import { londonLocal, timeAfter, todayIso } from '../../../shared/dates';
import { loadCalendar } from './calendar';
import { sessionOutcome, tallyAttendance } from '../../../shared/attendance';
import { SESSION_NOTE_ROLES } from '../../../shared/access';
import { codeLabel, t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { actorLabel, nowIso, type ServiceContext, type ServiceFn } from '../context';
import { ProtectedTimeEntity, SessionPractitionerEntity, SessionPupilEntity, TherapySessionEntity, UserEntity } from '../db/entities';
import { dateOf, numOf } from '../db/raw';
import { addDays, dayOfWeek, isSchoolDay, type CalendarInput } from '../clocks';
import { mondayOf } from '../../../shared/date-only';
import {
  expandRecurrence,
  findClashes,
  fromMinutes,
  nextFreeSlots,
  plannedSessions,
  protectedClashes,
  SLOT_DAY,
  toMinutes,
  type Booking,
  type FrequencyPeriod,
  type PeriodSpan,
  type ProtectedTime,
} from '../sessions/scheduling';
import { displayName } from './pupil-name';
import { academicYearOf, yearBounds } from './calendar';
import { pupilSchool } from '../school-settings';
import { requireCatalogueProvision } from './provision-map';
import {
  inScope,
  isScoped,
  OtherSchoolRecord,
  owningSchool,
  ownRecord,
  ownSchool,
  SchoolPupils,
  schoolFilter,
  schoolWhere,
} from '../scope';

type Row = Record<string, unknown>;
const PRACTITIONER_ROLES = ['senco', 'therapy_lead', 'therapist'];

const marks = (em: EntityManager, from: number, n: number) => {
  const pg = em.connection.options.type === 'postgres';
  return Array.from({ length: n }, (_, i) => (pg ? `$${from + i}` : `?${from + i}`)).join(', ');
};
const ph = (em: EntityManager, i: number) => (em.connection.options.type === 'postgres' ? `$${i}` : `?${i}`);

/** One collator for every sort by name (localeCompare with a locale builds one per call: slow over a busy week). */
const byName = new Intl.Collator('en-GB');

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/** Existing bookings on the given dates that involve any of the people: the candidates for a clash. */
async function bookingsOn(
  em: EntityManager,
  dates: readonly string[],
  practitionerIds: readonly string[],
  pupilIds: readonly string[],
): Promise<Booking[]> {
  if (!dates.length) return [];
  const out: Booking[] = [];
  for (let i = 0; i < dates.length; i += 200) {
    const chunk = dates.slice(i, i + 200);
    const people = [...practitionerIds, ...pupilIds];
    const rows: Row[] = await em.query(
      `SELECT s.id, s.title, s.date, s.start_time, s.end_time FROM therapy_session s WHERE s.date IN (${marks(em, 1, chunk.length)}) AND (` +
        `EXISTS (SELECT 1 FROM session_practitioner sp WHERE sp.session_id = s.id AND sp.user_id IN (${marks(em, chunk.length + 1, people.length)})) OR ` +
        `EXISTS (SELECT 1 FROM session_pupil pp WHERE pp.session_id = s.id AND pp.pupil_id IN (${marks(em, chunk.length + 1, people.length)})))`,
      [...chunk, ...people],
    );
    if (!rows.length) continue;
    const ids = rows.map((r) => String(r.id));
    const [prac, pup] = (await Promise.all([
      em.query(`SELECT session_id, user_id FROM session_practitioner WHERE session_id IN (${marks(em, 1, ids.length)})`, ids),
      em.query(`SELECT session_id, pupil_id FROM session_pupil WHERE session_id IN (${marks(em, 1, ids.length)})`, ids),
    ])) as [Row[], Row[]];
    for (const r of rows) {
      const id = String(r.id);
      out.push({
        sessionId: id,
        title: String(r.title),
        date: dateOf(r.date),
        start: String(r.start_time),
        end: String(r.end_time),
        practitionerIds: prac.filter((p) => p.session_id === id).map((p) => String(p.user_id)),
        pupilIds: pup.filter((p) => p.session_id === id).map((p) => String(p.pupil_id)),
      });
    }
  }
  return out;
}

async function names(em: EntityManager, practitionerIds: readonly string[], pupilIds: readonly string[]) {
  const users = practitionerIds.length
    ? await em.getRepository(UserEntity).createQueryBuilder('u').where('u.id IN (:...ids)', { ids: practitionerIds }).getMany()
    : [];
  const pupils: Row[] = pupilIds.length
    ? await em.query(
        `SELECT id, legal_first_name, legal_last_name, preferred_first_name, preferred_last_name, class_name FROM pupil WHERE id IN (${marks(em, 1, pupilIds.length)})`,
        [...pupilIds],
      )
    : [];
  const pupilName = new Map(
    pupils.map((p) => [
      String(p.id),
      displayName({
        legalFirstName: String(p.legal_first_name),
        legalLastName: String(p.legal_last_name),
        preferredFirstName: (p.preferred_first_name as string | null) ?? null,
        preferredLastName: (p.preferred_last_name as string | null) ?? null,
      }),
    ]),
  );
  return { users, pupilName, pupilClass: new Map(pupils.map((p) => [String(p.id), (p.class_name as string | null) ?? null])) };
}

/** Refuses clashes (naming the first), and protected lessons unless the person confirmed them. */
async function checkBookings(
  ctx: ServiceContext,
  candidates: readonly Booking[],
  overrideProtected: boolean,
  field: string,
): Promise<void> {
  if (!candidates.length) return;
  const first = candidates[0]!;
  const existing = await bookingsOn(ctx.em, [...new Set(candidates.map((c) => c.date))], first.practitionerIds, first.pupilIds);
  const { users, pupilName, pupilClass } = await names(ctx.em, first.practitionerIds, first.pupilIds);
  for (const c of candidates) {
    const clash = findClashes(c, existing)[0];
    if (clash) {
      const who =
        clash.kind === 'practitioner' ? (users.find((u) => u.id === clash.who)?.displayName ?? '') : (pupilName.get(clash.who) ?? '');
      const message = t(clash.kind === 'practitioner' ? 'validation.clashPractitioner' : 'validation.clashPupil', {
        name: who,
        title: clash.with.title,
        date: clash.with.date,
        start: clash.with.start,
        end: clash.with.end,
      });
      throw new AppFailure('conflict', message, { [field]: message });
    }
  }
  if (overrideProtected) return;
  const times: ProtectedTime[] = (await ctx.em.getRepository(ProtectedTimeEntity).find({ where: schoolWhere(ctx) })).map((p) => ({
    pupilId: p.pupilId,
    className: p.className,
    weekday: p.weekday,
    start: p.startTime,
    end: p.endTime,
    label: p.label,
  }));
  if (!times.length) return;
  for (const c of candidates) {
    const hit = protectedClashes(c, times, pupilClass)[0];
    if (hit) {
      const message = t('validation.protectedLesson', {
        name: pupilName.get(hit.pupilId) ?? '',
        label: hit.time.label,
        start: hit.time.start,
        end: hit.time.end,
      });
      throw new AppFailure('conflict', message, { overrideProtected: message });
    }
  }
}

/**
 * A therapist reaches only the pupils allocated to them (electron/core/scope.ts), and booking a session gives no
 * access of its own: so a session is booked only for therapists and pupils allocated to each other on every date
 * booked, in a group session each therapist to each pupil. The SENCo and the therapy lead see every pupil and need no
 * allocation. Refused with a message naming the practitioner and the pupil, beside that pupil in the form.
 */
async function requireAllocations(
  ctx: ServiceContext,
  practitioners: readonly Pick<UserEntity, 'id' | 'displayName' | 'role'>[],
  pupilIds: readonly string[],
  dates: readonly string[],
  pupilName: ReadonlyMap<string, string>,
  field: (index: number) => string,
): Promise<void> {
  const therapists = practitioners.filter((u) => u.role === 'therapist');
  if (!therapists.length || !pupilIds.length || !dates.length) return;
  const rows: Row[] = await ctx.em.query(
    `SELECT user_id, pupil_id, start_date, end_date FROM caseload_allocation WHERE user_id IN (${marks(ctx.em, 1, therapists.length)}) ` +
      `AND pupil_id IN (${marks(ctx.em, therapists.length + 1, pupilIds.length)})`,
    [...therapists.map((u) => u.id), ...pupilIds],
  );
  const spans = rows.map((r) => ({
    user: String(r.user_id),
    pupil: String(r.pupil_id),
    from: dateOf(r.start_date),
    to: r.end_date === null ? null : dateOf(r.end_date),
  }));
  const fields: Record<string, string> = {};
  let first: string | null = null;
  for (const [i, pupilId] of pupilIds.entries()) {
    for (const u of therapists) {
      const mine = spans.filter((a) => a.user === u.id && a.pupil === pupilId);
      const uncovered = dates.find((d) => !mine.some((a) => a.from <= d && (a.to === null || a.to >= d)));
      if (uncovered === undefined) continue;
      const names = { practitioner: u.displayName, pupil: pupilName.get(pupilId) ?? '' };
      const message = mine.length ? t('errors.notAllocatedOn', { ...names, date: uncovered }) : t('errors.notAllocated', names);
      fields[field(i)] ??= message;
      first ??= message;
    }
  }
  if (first) throw new AppFailure('invalid_input', first, fields);
}

/**
 * The practitioners named, each an active SENCo, therapy lead or therapist of the acting user's school (a trust's
 * server: electron/core/scope.ts); anyone else is refused beside their place in the list.
 */
async function requirePractitioners(ctx: ServiceContext, ids: readonly string[]): Promise<UserEntity[]> {
  const school = schoolFilter(ctx);
  const found = (
    await ctx.em
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.id IN (:...ids)', { ids: [...ids] })
      .getMany()
  ).filter((u) => !school || u.schoolId === school);
  ids.forEach((pid, i) => {
    const u = found.find((x) => x.id === pid);
    if (!u || !u.active || !PRACTITIONER_ROLES.includes(u.role)) {
      throw new AppFailure('invalid_input', t('errors.invalidInput'), {
        [`practitionerIds.${i}`]: t('validation.notPractitioner', { name: u?.displayName ?? pid }),
      });
    }
  });
  return found;
}

export const sessionsSchedule: ServiceFn<'sessions.schedule'> = async (ctx, input) => {
  // First, so that a refusal about a pupil outside the caller's scope says only that (electron/core/dispatcher.ts).
  for (const p of input.pupils) ctx.touchPupil(p.pupilId);
  const practitioners = await requirePractitioners(ctx, input.practitionerIds);
  const pupilIds = input.pupils.map((p) => p.pupilId);
  const { pupilName } = await names(ctx.em, [], pupilIds);
  const fields: Record<string, string> = {};
  for (const [i, p] of input.pupils.entries()) {
    if (!pupilName.has(p.pupilId)) fields[`pupils.${i}.pupilId`] = t('errors.notFound', { thing: t('things.pupil') });
    if (p.ehcpProvisionId) {
      const own: Row[] = await ctx.em.query(
        `SELECT 1 FROM ehcp_provision f JOIN ehc_plan_version v ON v.id = f.version_id JOIN ehc_plan e ON e.id = v.plan_id WHERE f.id = ${ph(ctx.em, 1)} AND e.pupil_id = ${ph(ctx.em, 2)}`,
        [p.ehcpProvisionId, p.pupilId],
      );
      if (!own.length) fields[`pupils.${i}.ehcpProvisionId`] = t('validation.provisionOther');
    }
    if (p.ippInterventionId) {
      const own: Row[] = await ctx.em.query(
        `SELECT 1 FROM ipp_intervention n JOIN ipp_version v ON v.id = n.version_id JOIN ipp i ON i.id = v.ipp_id WHERE n.id = ${ph(ctx.em, 1)} AND i.pupil_id = ${ph(ctx.em, 2)}`,
        [p.ippInterventionId, p.pupilId],
      );
      if (!own.length) fields[`pupils.${i}.ippInterventionId`] = t('validation.provisionOther');
    }
  }
  if (Object.keys(fields).length) throw new AppFailure('invalid_input', t('errors.invalidInput'), fields);
  // The sessions go in the caller's school's timetable, so its term dates and closures say which days are open.
  const schoolId = await owningSchool(ctx);
  // The provision they deliver, if named, is one of that school's (the provision map, migration 0020).
  await requireCatalogueProvision(ctx.em, input.provisionId, schoolId, 'provisionId');
  const cal = await loadCalendar(ctx.em, schoolId);
  const expansion = expandRecurrence(
    {
      firstDate: input.firstDate,
      kind: input.recurrence,
      intervalWeeks: input.intervalWeeks,
      until: input.until,
      count: input.count,
      exceptions: input.exceptions,
    },
    cal,
  );
  if (!expansion.dates.length) {
    const s = expansion.skipped[0];
    const message = t('validation.sessionInHoliday', {
      date: s?.date ?? input.firstDate,
      reason: t(`skipReasons.${s?.reason ?? 'holiday'}`),
    });
    throw new AppFailure('invalid_input', message, { firstDate: message });
  }
  await requireAllocations(ctx, practitioners, pupilIds, expansion.dates, pupilName, (i) => `pupils.${i}.pupilId`);
  const end = fromMinutes(toMinutes(input.startTime) + input.durationMinutes);
  const bookings: Booking[] = expansion.dates.map((date) => ({
    sessionId: null,
    title: input.title,
    date,
    start: input.startTime,
    end,
    practitionerIds: input.practitionerIds,
    pupilIds,
  }));
  await checkBookings(ctx, bookings, input.overrideProtected, 'firstDate');
  const seriesId = input.recurrence === 'none' ? null : randomUUID();
  const at = nowIso(ctx);
  const by = actorLabel(ctx.actor);
  const sessions = expansion.dates.map((date) =>
    Object.assign(new TherapySessionEntity(), {
      id: randomUUID(),
      schoolId,
      seriesId,
      date,
      startTime: input.startTime,
      endTime: end,
      durationMinutes: input.durationMinutes,
      title: input.title,
      discipline: input.discipline,
      location: input.location,
      createdBy: by,
      createdAt: at,
      provisionId: input.provisionId,
    }),
  );
  for (let i = 0; i < sessions.length; i += 100) await ctx.em.getRepository(TherapySessionEntity).insert(sessions.slice(i, i + 100));
  const prac = sessions.flatMap((s) => input.practitionerIds.map((userId) => ({ sessionId: s.id, userId })));
  for (let i = 0; i < prac.length; i += 200) await ctx.em.getRepository(SessionPractitionerEntity).insert(prac.slice(i, i + 200));
  const pupils = sessions.flatMap((s) =>
    input.pupils.map((p) => ({
      sessionId: s.id,
      pupilId: p.pupilId,
      ehcpProvisionId: p.ehcpProvisionId,
      ippInterventionId: p.ippInterventionId,
      attendance: 'pending',
      cancelledBy: null,
      reason: null,
      deliveredMinutes: null,
      notes: null,
      goalsJson: null,
      recordedAt: null,
    })),
  );
  for (let i = 0; i < pupils.length; i += 100) await ctx.em.getRepository(SessionPupilEntity).insert(pupils.slice(i, i + 100));
  ctx.auditDetail({ sessions: sessions.length, pupils: pupilIds.length, seriesId });
  const result: ScheduleResult = {
    seriesId,
    sessions: sessions.length,
    dates: expansion.dates,
    skipped: expansion.skipped,
    calendarGap: expansion.calendarGap,
  };
  return result;
};

/** How far ahead the free-slot search looks: six weeks (a half-term and its holiday). */
const FREE_SLOT_HORIZON_DAYS = 42;

/**
 * The next times the practitioners and pupils chosen are all free (issue 17, item 2): from today (not before now, in
 * England's time) or a later date asked for, on school days, in the school day, clear of each person's sessions and
 * the pupils' protected lessons. It reads when those people are busy, never what the other sessions are.
 */
export const sessionsFreeSlots: ServiceFn<'sessions.freeSlots'> = async (ctx, input) => {
  for (const p of input.pupilIds) ctx.touchPupil(p);
  await requirePractitioners(ctx, input.practitionerIds);
  const [today, nowTime] = londonLocal(ctx.now).split('T') as [string, string];
  const from = input.from !== null && input.from > today ? input.from : today;
  const dates = Array.from({ length: FREE_SLOT_HORIZON_DAYS }, (_, i) => addDays(from, i));
  // The caller's school's term dates and closures say which days are open, as when the session is then booked.
  const cal = await loadCalendar(ctx.em, await owningSchool(ctx));
  const existing = await bookingsOn(ctx.em, dates, input.practitionerIds, input.pupilIds);
  const { pupilClass } = await names(ctx.em, [], input.pupilIds);
  const times: ProtectedTime[] = input.pupilIds.length
    ? (await ctx.em.getRepository(ProtectedTimeEntity).find({ where: schoolWhere(ctx) })).map((p) => ({
        pupilId: p.pupilId,
        className: p.className,
        weekday: p.weekday,
        start: p.startTime,
        end: p.endTime,
        label: p.label,
      }))
    : [];
  const slots = nextFreeSlots(
    {
      from,
      notBefore: from === today ? nowTime : null,
      durationMinutes: input.durationMinutes,
      practitionerIds: input.practitionerIds,
      pupilIds: input.pupilIds,
      want: 6,
      perDay: 2,
      horizonDays: FREE_SLOT_HORIZON_DAYS,
    },
    cal,
    existing,
    times,
    pupilClass,
  );
  ctx.auditDetail({ practitioners: input.practitionerIds.length, pupils: input.pupilIds.length, slots: slots.length });
  return { slots, searchedTo: dates[dates.length - 1]!, dayStart: SLOT_DAY.start, dayEnd: SLOT_DAY.end };
};

/** Sessions with their people, for the calendar (a week or a month) and the pupil's sessions list. */
export async function listSessions(
  em: EntityManager,
  input: {
    from: string;
    to: string;
    practitionerId?: string | undefined;
    pupilId?: string | undefined;
    discipline?: string | undefined;
    ids?: readonly string[];
    limit?: number;
    /** One school's timetable (a trust's server: electron/core/scope.ts); absent or null: every session. */
    schoolId?: string | null;
  },
): Promise<SessionView[]> {
  const params: unknown[] = [input.from, input.to];
  let where = `s.date >= ${ph(em, 1)} AND s.date <= ${ph(em, 2)}`;
  if (input.schoolId) {
    params.push(input.schoolId);
    where += ` AND s.school_id = ${ph(em, params.length)}`;
  }
  if (input.practitionerId) {
    params.push(input.practitionerId);
    where += ` AND EXISTS (SELECT 1 FROM session_practitioner x WHERE x.session_id = s.id AND x.user_id = ${ph(em, params.length)})`;
  }
  if (input.pupilId) {
    params.push(input.pupilId);
    where += ` AND EXISTS (SELECT 1 FROM session_pupil y WHERE y.session_id = s.id AND y.pupil_id = ${ph(em, params.length)})`;
  }
  if (input.discipline) {
    params.push(input.discipline);
    where += ` AND s.discipline = ${ph(em, params.length)}`;
  }
  if (input.ids) {
    where += ` AND s.id IN (${marks(em, params.length + 1, input.ids.length)})`;
    params.push(...input.ids);
  }
  const rows: Row[] = await em.query(`${weekSelect(em)} WHERE ${where} ORDER BY s.date, s.start_time LIMIT ${input.limit ?? 2000}`, params);
  if (!rows.length) return [];
  const practitionerIds = new Set<string>();
  for (const r of rows) for (const id of String(r.prac ?? '').split(',')) if (id) practitionerIds.add(id);
  const users = practitionerIds.size
    ? await em
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .where('u.id IN (:...ids)', { ids: [...practitionerIds] })
        .getMany()
    : [];
  const userName = new Map(users.map((u) => [u.id, u.displayName]));
  return rows.map((r) => {
    const id = String(r.id);
    const people = (typeof r.pup === 'string' ? JSON.parse(r.pup) : (r.pup ?? [])) as PupilCells[];
    const pupils = people
      .map((c) => {
        const name = displayName({ legalFirstName: c[8], legalLastName: c[9], preferredFirstName: c[10], preferredLastName: c[11] });
        return {
          pupilId: c[0],
          name,
          initials: initials(name),
          ehcpProvisionId: c[1],
          ippInterventionId: c[2],
          attendance: c[3],
          cancelledBy: c[4],
          reason: c[5],
          deliveredMinutes: c[6] === null ? null : Number(c[6]),
          notes: c[7],
        };
      })
      .sort((x, y) => byName.compare(x.name, y.name));
    return {
      id,
      seriesId: (r.series_id as string | null) ?? null,
      title: String(r.title),
      discipline: String(r.discipline),
      location: (r.location as string | null) ?? null,
      date: dateOf(r.date),
      startTime: String(r.start_time),
      endTime: String(r.end_time),
      durationMinutes: numOf(r.duration_minutes),
      practitioners: String(r.prac ?? '')
        .split(',')
        .filter(Boolean)
        .sort()
        .map((p) => ({ id: p, name: userName.get(p) ?? '' })),
      pupils,
      recorded: pupils.length > 0 && pupils.every((p) => p.attendance !== 'pending'),
      provisionId: (r.provision_id as string | null) ?? null,
    };
  });
}

/** One session's pupil as the week view's select packs it: attendance, then the pupil's names. */
type PupilCells = [
  string,
  string | null,
  string | null,
  Attendance,
  CancelledBy | null,
  string | null,
  number | string | null,
  string | null,
  string,
  string,
  string | null,
  string | null,
];

/**
 * The sessions with their people packed per session (practitioner ids joined by commas, pupils as a JSON array
 * of arrays): one pass over the week's sessions instead of a row per pupil, which is where a busy school week
 * (well over a thousand sessions) spent its time.
 */
export function weekSelect(em: EntityManager): string {
  const pg = em.connection.options.type === 'postgres';
  const cells =
    'y.pupil_id, y.ehcp_provision_id, y.ipp_intervention_id, y.attendance, y.cancelled_by, y.reason, y.delivered_minutes, y.notes, p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name';
  const pupils = pg ? `COALESCE(json_agg(json_build_array(${cells})), '[]'::json)` : `json_group_array(json_array(${cells}))`;
  const prac = pg ? "string_agg(x.user_id, ',')" : 'group_concat(x.user_id)';
  return (
    'SELECT s.id, s.series_id, s.title, s.discipline, s.location, s.date, s.start_time, s.end_time, s.duration_minutes, s.provision_id, ' +
    `(SELECT ${prac} FROM session_practitioner x WHERE x.session_id = s.id) AS prac, ` +
    `(SELECT ${pupils} FROM session_pupil y JOIN pupil p ON p.id = y.pupil_id WHERE y.session_id = s.id) AS pup ` +
    'FROM therapy_session s'
  );
}

/** Roles outside the therapy team (office, headteacher) get the timetable: who, when, whether; not notes or reasons. */
export const sessionsList: ServiceFn<'sessions.list'> = async (ctx, input) => {
  if (input.pupilId) ctx.touchPupil(input.pupilId);
  let sessions = await listSessions(ctx.em, { ...input, schoolId: schoolFilter(ctx) });
  if (ctx.scope instanceof SchoolPupils) {
    // A SENCo (or office, therapy lead...) on a trust's server: their school's timetable, naming their school's pupils
    // only (a pupil who has moved to another school of the trust is not named in the sessions they left behind).
    const scope = ctx.scope;
    sessions = sessions.map((v) => ({ ...v, pupils: v.pupils.filter((p) => scope.has(p.pupilId)) }));
  } else if (ctx.scope) {
    // A therapist or teacher sees the pupils in their scope only, in every session: in their own sessions too (a
    // session booked before an allocation ended names no one who has left their caseload). Their own sessions stay
    // in their timetable even with no pupil left to show.
    const scope = ctx.scope;
    const me = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    sessions = sessions
      .map((v) => ({ ...v, pupils: v.pupils.filter((p) => scope.has(p.pupilId)) }))
      .filter((v) => v.pupils.length > 0 || v.practitioners.some((p) => p.id === me));
  }
  ctx.auditDetail({ sessions: sessions.length, pupils: new Set(sessions.flatMap((v) => v.pupils.map((p) => p.pupilId))).size });
  if (ctx.actor.kind === 'user' && !SESSION_NOTE_ROLES.includes(ctx.actor.role)) {
    return sessions.map((v) => ({ ...v, pupils: v.pupils.map((p) => ({ ...p, notes: null, reason: null })) }));
  }
  return sessions;
};

async function oneSession(ctx: ServiceContext, id: string): Promise<SessionView> {
  const s = await ctx.em.getRepository(TherapySessionEntity).findOne({ where: { id } });
  if (!s) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.session') }));
  const [v] = await listSessions(ctx.em, { from: s.date, to: s.date, ids: [id] });
  if (!ownSchool(ctx, s.schoolId)) {
    // Another school's session (a trust's server): its pupils are outside the scope, so the dispatcher refuses and
    // audits it as out of scope; one with no pupil is simply not found here.
    for (const p of v!.pupils) ctx.touchPupil(p.pupilId);
    throw new OtherSchoolRecord(t('things.session'));
  }
  return v!;
}

export const sessionsGet: ServiceFn<'sessions.get'> = async (ctx, input) => {
  const v = await oneSession(ctx, input.id);
  // On a trust's server, the school's own session goes on showing, without a pupil who has since moved to another
  // school of the trust (their attendance moved with them): as sessions.list shows it.
  const scope = ctx.scope;
  const shown = scope instanceof SchoolPupils ? { ...v, pupils: v.pupils.filter((p) => scope.has(p.pupilId)) } : v;
  for (const p of shown.pupils) ctx.touchPupil(p.pupilId);
  return shown;
};

export const sessionsMove: ServiceFn<'sessions.move'> = async (ctx, input) => {
  const v = await oneSession(ctx, input.id);
  for (const p of v.pupils) ctx.touchPupil(p.pupilId);
  // The calendar of the school whose timetable the session is in.
  const [session] = (await ctx.em.query(`SELECT school_id FROM therapy_session WHERE id = ${ph(ctx.em, 1)}`, [input.id])) as {
    school_id: string;
  }[];
  const cal = await loadCalendar(ctx.em, session!.school_id);
  const dow = dayOfWeek(input.date);
  const known = cal.terms.length > 0 && input.date >= cal.terms[0]!.startDate && input.date <= cal.terms[cal.terms.length - 1]!.endDate;
  if (dow === 0 || dow === 6 || (known && !isSchoolDay(input.date, cal))) {
    const reason = dow === 0 || dow === 6 ? 'weekend' : cal.closures.some((c) => c.date === input.date) ? 'closure' : 'holiday';
    const message = t('validation.sessionInHoliday', { date: input.date, reason: t(`skipReasons.${reason}`) });
    throw new AppFailure('invalid_input', message, { date: message });
  }
  // Moved to a day the practitioners' allocations to its pupils do not cover: refused as a booking there would be.
  const movedPractitioners = v.practitioners.length
    ? await ctx.em
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .where('u.id IN (:...ids)', { ids: v.practitioners.map((p) => p.id) })
        .getMany()
    : [];
  await requireAllocations(
    ctx,
    movedPractitioners,
    v.pupils.map((p) => p.pupilId),
    [input.date],
    new Map(v.pupils.map((p) => [p.pupilId, p.name])),
    () => 'date',
  );
  // The session keeps its length: moved too late in the day, it would end at midnight or after (an impossible "24:30").
  const end = timeAfter(input.startTime, v.durationMinutes);
  if (end === null) {
    const message = t('validation.sessionPastMidnight');
    throw new AppFailure('invalid_input', message, { startTime: message });
  }
  await checkBookings(
    ctx,
    [
      {
        sessionId: v.id,
        title: v.title,
        date: input.date,
        start: input.startTime,
        end,
        practitionerIds: v.practitioners.map((p) => p.id),
        pupilIds: v.pupils.map((p) => p.pupilId),
      },
    ],
    input.overrideProtected,
    'date',
  );
  await ctx.em.getRepository(TherapySessionEntity).update(v.id, { date: input.date, startTime: input.startTime, endTime: end });
  ctx.auditDetail({ sessionId: v.id, from: `${v.date} ${v.startTime}`, to: `${input.date} ${input.startTime}` });
  return oneSession(ctx, v.id);
};

export const sessionsRecord: ServiceFn<'sessions.record'> = async (ctx, input) => {
  const v = await oneSession(ctx, input.sessionId);
  const repo = ctx.em.getRepository(SessionPupilEntity);
  const at = nowIso(ctx);
  for (const [i, p] of input.pupils.entries()) {
    if (!v.pupils.some((x) => x.pupilId === p.pupilId)) {
      throw new AppFailure('invalid_input', t('errors.invalidInput'), { [`pupils.${i}.pupilId`]: t('validation.pupilNotInSession') });
    }
    await repo.update(
      { sessionId: v.id, pupilId: p.pupilId },
      {
        attendance: p.attendance,
        cancelledBy: p.cancelledBy,
        reason: p.reason,
        deliveredMinutes: p.attendance === 'attended' ? (p.deliveredMinutes ?? v.durationMinutes) : null,
        notes: p.notes,
        goalsJson: p.goals.length ? JSON.stringify(p.goals) : null,
        recordedAt: at,
      },
    );
  }
  for (const p of input.pupils) ctx.touchPupil(p.pupilId);
  ctx.auditDetail({ sessionId: v.id, recorded: input.pupils.map((p) => p.attendance) });
  return oneSession(ctx, v.id);
};

export const protectedList: ServiceFn<'sessions.protected.list'> = async (ctx, input) => {
  if (input.pupilId) ctx.touchPupil(input.pupilId);
  const rows = await ctx.em.getRepository(ProtectedTimeEntity).find({
    where: { ...(input.pupilId ? { pupilId: input.pupilId } : input.className ? { className: input.className } : {}), ...schoolWhere(ctx) },
    order: { weekday: 'ASC', startTime: 'ASC' },
  });
  // A therapist or teacher sees the protected lessons of classes, and of the pupils in their scope only.
  const seen = rows.filter((r) => r.pupilId === null || inScope(ctx.scope, r.pupilId));
  ctx.auditDetail({ pupils: new Set(seen.flatMap((r) => (r.pupilId ? [r.pupilId] : []))).size });
  return seen.map((r) => ({
    id: r.id,
    pupilId: r.pupilId,
    className: r.className,
    weekday: r.weekday,
    start: r.startTime,
    end: r.endTime,
    label: r.label,
  }));
};

export const protectedSave: ServiceFn<'sessions.protected.save'> = async (ctx, input) => {
  const repo = ctx.em.getRepository(ProtectedTimeEntity);
  // The lesson changed or removed is the school's own, and its pupil in scope (a trust's server: electron/core/scope.ts).
  const existing = input.id ? ownRecord(ctx, await repo.findOne({ where: { id: input.id } }), t('tenancy.protectedLesson')) : null;
  if (input.id && !existing) throw new AppFailure('not_found', t('errors.notFound', { thing: t('tenancy.protectedLesson') }));
  if (existing?.pupilId) ctx.touchPupil(existing.pupilId);
  if (input.pupilId) ctx.touchPupil(input.pupilId);
  if (input.remove) {
    if (input.id) await repo.delete({ id: input.id });
    return { id: input.id ?? '' };
  }
  const row = {
    pupilId: input.pupilId,
    className: input.className,
    weekday: input.weekday,
    startTime: input.start,
    endTime: input.end,
    label: input.label,
  };
  if (input.id) {
    await repo.update(input.id, row);
    return { id: input.id };
  }
  const id = randomUUID();
  await repo.insert({ id, schoolId: await owningSchool(ctx), ...row });
  return { id };
};

// ---- Provision delivered ---------------------------------------------------------------------------------------

function academicYearSpan(today: string): { name: string; from: string; to: string } {
  const name = academicYearOf(today);
  const { start, end } = yearBounds(name);
  return { name, from: start, to: end };
}

function countSchoolDays(from: string, to: string, cal: CalendarInput): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const dow = dayOfWeek(d);
    if (cal.terms.length ? isSchoolDay(d, cal) : dow !== 0 && dow !== 6) n++;
  }
  return n;
}

const FREQUENCY_WORDS: Record<string, string> = {
  day: 'a day',
  week: 'a week',
  fortnight: 'a fortnight',
  half_term: 'a half-term',
  term: 'a term',
  year: 'a year',
};

/**
 * For each pupil's EHC plan provision (current version of a plan not ceased) and each current plan intervention:
 * sessions and minutes planned to date (from its frequency over the school days so far this term and this year)
 * against what was delivered in recorded sessions, with the shortfall and why sessions were missed.
 */
export const provisionDelivered: ServiceFn<'provision.delivered'> = async (ctx, input) => {
  const em = ctx.em;
  const today = todayIso(ctx.now);
  const year = academicYearSpan(today);
  // One school's report, counted on its calendar: the pupil's school (one pupil), else the caller's.
  const calendarSchool = (input.pupilId ? await pupilSchool(em, input.pupilId) : null) ?? (await owningSchool(ctx));
  const cal = await loadCalendar(em, calendarSchool);
  // The full term (autumn, spring or summer: two half-terms) that today falls in, or the last one before it.
  const season = (n: string) => n.replace(/\d+$/, '');
  const inYear = cal.named.filter((x) => x.academicYear === year.name);
  const current = inYear.filter((x) => x.startDate <= today).pop();
  const termParts = current ? inYear.filter((x) => season(x.name) === season(current.name)) : [];
  const term = termParts.length
    ? { name: season(termParts[0]!.name), from: termParts[0]!.startDate, to: termParts[termParts.length - 1]!.endDate }
    : null;
  const yearDays = countSchoolDays(year.from, year.to, cal) || 190;
  const span = (from: string): PeriodSpan => {
    const days = countSchoolDays(from, today, cal);
    return { schoolDays: days, halfTerms: (days * 6) / yearDays, terms: (days * 3) / yearDays, yearFraction: days / yearDays };
  };
  const termSpan = term ? span(term.from) : null;
  const yearSpan = span(year.from);

  const params: unknown[] = [today];
  let pupilWhere = `(p.date_left IS NULL OR p.date_left > ${ph(em, 1)})`;
  if (input.pupilId) {
    params.push(input.pupilId);
    pupilWhere += ` AND p.id = ${ph(em, params.length)}`;
  }
  if (input.yearGroup) {
    params.push(input.yearGroup);
    pupilWhere += ` AND p.year_group = ${ph(em, params.length)}`;
  }
  // One school's pupils on a trust's server (electron/core/scope.ts), the school whose calendar counts their provision.
  const school = schoolFilter(ctx);
  for (const id of new Set([school, calendarSchool].filter((x): x is string => x !== null))) {
    params.push(id);
    pupilWhere += ` AND p.school_id = ${ph(em, params.length)}`;
  }
  const pupilCols = 'p.id AS pupil_id, p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name, p.year_group';
  const [provision, interventions] = (await Promise.all([
    em.query(
      `SELECT ${pupilCols}, f.id, f.description, f.frequency_count, f.frequency_period, f.session_minutes FROM ehcp_provision f ` +
        'JOIN ehc_plan_version v ON v.id = f.version_id JOIN ehc_plan e ON e.id = v.plan_id AND e.current_version = v.number ' +
        `JOIN pupil p ON p.id = e.pupil_id WHERE e.status = 'final' AND ${pupilWhere}`,
      params,
    ),
    em.query(
      `SELECT ${pupilCols}, n.id, n.description, n.frequency_count, n.frequency_period, n.session_minutes FROM ipp_intervention n ` +
        'JOIN ipp_version v ON v.id = n.version_id JOIN ipp i ON i.id = v.ipp_id AND i.current_version = v.number ' +
        `JOIN pupil p ON p.id = i.pupil_id WHERE v.end_date >= ${ph(em, params.length + 1)} AND ${pupilWhere}`,
      [...params, year.from],
    ),
  ])) as [Row[], Row[]];
  // Delivery to date, aggregated in SQL: one row per (provision or intervention, attendance, who cancelled, in term).
  const termFrom = term?.from ?? '9999-12-31';
  const agg: Row[] = await em.query(
    'SELECT sp.ehcp_provision_id AS prov, sp.ipp_intervention_id AS intv, sp.attendance, sp.cancelled_by, ' +
      `CASE WHEN s.date >= ${ph(em, 3)} THEN 1 ELSE 0 END AS in_term, COUNT(*) AS n, SUM(COALESCE(sp.delivered_minutes, s.duration_minutes)) AS mins, SUM(s.duration_minutes) AS booked ` +
      `FROM session_pupil sp JOIN therapy_session s ON s.id = sp.session_id WHERE s.date >= ${ph(em, 1)} AND s.date <= ${ph(em, 2)} ` +
      'AND (sp.ehcp_provision_id IS NOT NULL OR sp.ipp_intervention_id IS NOT NULL) GROUP BY sp.ehcp_provision_id, sp.ipp_intervention_id, sp.attendance, sp.cancelled_by, ' +
      `CASE WHEN s.date >= ${ph(em, 3)} THEN 1 ELSE 0 END`,
    [year.from, today, termFrom],
  );
  const bySource = new Map<string, Row[]>();
  for (const a of agg) {
    const key = a.prov ? `ehcp:${String(a.prov)}` : `ipp:${String(a.intv)}`;
    bySource.set(key, [...(bySource.get(key) ?? []), a]);
  }
  const figures = (
    rows: readonly Row[],
    s: PeriodSpan | null,
    count: number | null,
    period: string | null,
    minutes: number | null,
    termOnly: boolean,
  ): ProvisionFigures => {
    // Counted by the one tally every attendance figure uses (shared/attendance.ts): every row here is dated today or
    // earlier, so a session without an outcome is "not recorded", its own figure, neither delivered nor missed.
    const f = tallyAttendance(
      rows
        .filter((r) => !termOnly || numOf(r.in_term) === 1)
        .map((r) => ({
          outcome: sessionOutcome(String(r.attendance), today, today),
          cancelledBy: (r.cancelled_by as string | null) ?? null,
          sessions: numOf(r.n),
          minutesBooked: numOf(r.booked),
          minutesDelivered: numOf(r.mins),
        })),
    );
    const planned = s && count && period ? plannedSessions(count, period as FrequencyPeriod, s) : 0;
    const plannedMinutes = Math.round(planned * (minutes ?? 0));
    return {
      plannedSessions: planned,
      plannedMinutes,
      sessionsDelivered: f.attended,
      minutesDelivered: f.minutesDelivered,
      absent: f.absent,
      cancelledBySchool: f.cancelledBySchool,
      cancelledByTherapist: f.cancelledByTherapist,
      cancelledByFamily: f.cancelledByFamily,
      notRecorded: f.notRecorded,
      minutesNotRecorded: f.minutesNotRecorded,
      shortfallMinutes: Math.max(0, plannedMinutes - f.minutesDelivered),
    };
  };
  const line = (r: Row, source: 'ehcp' | 'ipp'): ProvisionLine => {
    const rows = bySource.get(`${source}:${String(r.id)}`) ?? [];
    const count = r.frequency_count === null ? null : numOf(r.frequency_count);
    const period = (r.frequency_period as string | null) ?? null;
    const minutes = r.session_minutes === null ? null : numOf(r.session_minutes);
    return {
      pupilId: String(r.pupil_id),
      pupilName: displayName({
        legalFirstName: String(r.legal_first_name),
        legalLastName: String(r.legal_last_name),
        preferredFirstName: (r.preferred_first_name as string | null) ?? null,
        preferredLastName: (r.preferred_last_name as string | null) ?? null,
      }),
      yearGroup: String(r.year_group),
      source,
      sourceId: String(r.id),
      description: String(r.description),
      frequency: count && period ? `${count} × ${minutes ?? '?'} minutes ${FREQUENCY_WORDS[period] ?? period}` : '',
      term: figures(rows, termSpan, count, period, minutes, true),
      year: figures(rows, yearSpan, count, period, minutes, false),
    };
  };
  const lines = [...provision.map((r) => line(r, 'ehcp')), ...interventions.map((r) => line(r, 'ipp'))].sort(
    (a, b) => b.year.shortfallMinutes - a.year.shortfallMinutes || a.pupilName.localeCompare(b.pupilName),
  );
  if (input.pupilId) ctx.touchPupil(input.pupilId);
  ctx.auditDetail({ pupils: new Set(lines.map((l) => l.pupilId)).size });
  const report: ProvisionReport = { today, term, year, lines };
  return report;
};

export const practitionersCaseload: ServiceFn<'practitioners.caseload'> = async (ctx) => {
  const em = ctx.em;
  const today = todayIso(ctx.now);
  const monday = mondayOf(today);
  const sunday = addDays(monday, 6);
  const users = (await em.getRepository(UserEntity).find({ where: { active: true, ...schoolWhere(ctx) } })).filter((u) =>
    PRACTITIONER_ROLES.includes(u.role),
  );
  const [week, pupils] = (await Promise.all([
    em.query(
      'SELECT x.user_id, COUNT(*) AS n, SUM(s.duration_minutes) AS mins FROM session_practitioner x JOIN therapy_session s ON s.id = x.session_id ' +
        `WHERE s.date >= ${ph(em, 1)} AND s.date <= ${ph(em, 2)} GROUP BY x.user_id`,
      [monday, sunday],
    ),
    em.query(
      'SELECT x.user_id, COUNT(DISTINCT y.pupil_id) AS n FROM session_practitioner x JOIN therapy_session s ON s.id = x.session_id ' +
        `JOIN session_pupil y ON y.session_id = s.id WHERE s.date >= ${ph(em, 1)} AND s.date <= ${ph(em, 2)} GROUP BY x.user_id`,
      [addDays(today, -42), addDays(today, 42)],
    ),
  ])) as [Row[], Row[]];
  return users
    .map((u): PractitionerCaseload => {
      const w = week.find((r) => r.user_id === u.id);
      return {
        userId: u.id,
        name: u.displayName,
        role: u.role,
        pupils: numOf(pupils.find((r) => r.user_id === u.id)?.n),
        weeklyMinutes: numOf(w?.mins),
        sessionsThisWeek: numOf(w?.n),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
};

export interface MonthFigures {
  month: string;
  scheduled: number;
  attended: number;
  absent: number;
  cancelled: number;
  /** Sessions dated today or earlier with no attendance outcome (shared/attendance.ts). */
  notRecorded: number;
  /** Sessions after today with no outcome yet: booked, not due. */
  upcoming: number;
  minutesScheduled: number;
  minutesDelivered: number;
}

/**
 * Sessions by month (yyyy-mm) between two dates for one pupil or one practitioner: attendance and minutes, each
 * session counted by the shared tally (attended, absent, cancelled, not recorded, upcoming; shared/attendance.ts).
 */
export async function monthlyAttendance(
  em: EntityManager,
  who: { pupilId: string } | { practitionerId: string },
  from: string,
  to: string,
  today: string,
): Promise<MonthFigures[]> {
  const month = em.connection.options.type === 'postgres' ? "to_char(s.date, 'YYYY-MM')" : 'substr(s.date, 1, 7)';
  const filter =
    'pupilId' in who
      ? `y.pupil_id = ${ph(em, 3)}`
      : `EXISTS (SELECT 1 FROM session_practitioner x WHERE x.session_id = s.id AND x.user_id = ${ph(em, 3)})`;
  const past = `CASE WHEN s.date <= ${ph(em, 4)} THEN 1 ELSE 0 END`;
  const rows: Row[] = await em.query(
    `SELECT ${month} AS m, y.attendance, ${past} AS past, COUNT(*) AS n, SUM(s.duration_minutes) AS scheduled, ` +
      "SUM(CASE WHEN y.attendance = 'attended' THEN COALESCE(y.delivered_minutes, s.duration_minutes) ELSE 0 END) AS delivered " +
      `FROM therapy_session s JOIN session_pupil y ON y.session_id = s.id WHERE s.date >= ${ph(em, 1)} AND s.date <= ${ph(em, 2)} AND ${filter} ` +
      `GROUP BY ${month}, y.attendance, ${past} ORDER BY 1`,
    [from, to, 'pupilId' in who ? who.pupilId : who.practitionerId, today],
  );
  const byMonth = new Map<string, Row[]>();
  for (const r of rows) byMonth.set(String(r.m), [...(byMonth.get(String(r.m)) ?? []), r]);
  return [...byMonth.entries()].map(([key, list]) => {
    const f = tallyAttendance(
      list.map((r) => ({
        // A pending row's date is on or before today when `past` is 1: the month's rows are split by it.
        outcome: sessionOutcome(String(r.attendance), numOf(r.past) === 1 ? today : '9999-12-31', today),
        sessions: numOf(r.n),
        minutesBooked: numOf(r.scheduled),
        minutesDelivered: numOf(r.delivered),
      })),
    );
    return {
      month: key,
      scheduled: f.due + f.upcoming,
      attended: f.attended,
      absent: f.absent,
      cancelled: f.cancelled,
      notRecorded: f.notRecorded,
      upcoming: f.upcoming,
      minutesScheduled: f.minutesBooked,
      minutesDelivered: f.minutesDelivered,
    };
  });
}

export const sessionsStats: ServiceFn<'sessions.stats'> = async (ctx, input) => {
  // A therapist sees their own figures only: another practitioner's sessions are with pupils outside their caseload.
  if (!input.pupilId && isScoped(ctx.actor) && input.practitionerId !== ctx.actor.userId) {
    throw new AppFailure('forbidden', t('errors.ownStatsOnly'));
  }
  // Another school's practitioner is not found (a trust's server: electron/core/scope.ts).
  if (
    !input.pupilId &&
    input.practitionerId &&
    !ownRecord(ctx, await ctx.em.getRepository(UserEntity).findOne({ where: { id: input.practitionerId } }), t('things.user'))
  ) {
    throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.user') }));
  }
  const year = academicYearSpan(todayIso(ctx.now));
  const who = input.pupilId ? { pupilId: input.pupilId } : { practitionerId: input.practitionerId! };
  const months = await monthlyAttendance(ctx.em, who, year.from, todayIso(ctx.now), todayIso(ctx.now));
  if (input.pupilId) ctx.touchPupil(input.pupilId);
  return { months };
};

/** UK time with its summer-time rule, so a calendar set to another zone (a laptop left on UTC) still shows 09:30 as 09:30 in school. */
const LONDON = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'X-LIC-LOCATION:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** The ics library writes school-local times without a zone ("floating"); name the zone and define it once. */
export function inLondonTime(ics: string): string {
  return ics
    .replace(/^(PRODID:[^\r\n]*\r\n)/m, '$1X-WR-TIMEZONE:Europe/London\r\n')
    .replace(/^BEGIN:VEVENT\r\n/m, `${LONDON}\r\nBEGIN:VEVENT\r\n`)
    .replace(/^DTSTART:(\d{8}T\d{6})\r\n/gm, 'DTSTART;TZID=Europe/London:$1\r\n');
}

/**
 * A practitioner's sessions as iCalendar for Outlook and other calendar programs. What leaves the app names
 * pupils by initials only (data minimisation, UK GDPR Art. 5(1)(c)).
 */
export const sessionsIcs: ServiceFn<'sessions.ics'> = async (ctx, input) => {
  const user = ownRecord(ctx, await ctx.em.getRepository(UserEntity).findOne({ where: { id: input.practitionerId } }), t('things.user'));
  if (!user) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.user') }));
  // A therapist exports their own calendar only (another's would name pupils outside their caseload).
  if (isScoped(ctx.actor) && ctx.actor.userId !== user.id) {
    throw new AppFailure('forbidden', t('errors.ownCalendarOnly'));
  }
  // The contract limits the range to a year, which one practitioner cannot fill past this limit.
  const all = await listSessions(ctx.em, { from: input.from, to: input.to, practitionerId: input.practitionerId, limit: 20_000 });
  // Their own sessions name only the pupils still on their caseload (as sessions.list shows them).
  const scope = ctx.scope;
  const sessions = scope ? all.map((v) => ({ ...v, pupils: v.pupils.filter((p) => scope.has(p.pupilId)) })) : all;
  const events: EventAttributes[] = sessions.map((s) => {
    const [y, m, d] = s.date.split('-').map(Number) as [number, number, number];
    const [h, min] = s.startTime.split(':').map(Number) as [number, number];
    const who = s.pupils.map((p) => p.initials).join(', ');
    return {
      uid: `${s.id}@senco-desk`,
      start: [y, m, d, h, min],
      startInputType: 'local',
      startOutputType: 'local',
      duration: { minutes: s.durationMinutes },
      title: `${s.title} (${who})`,
      description: `${codeLabel('disciplines', s.discipline)}. Pupils: ${who}.`,
      ...(s.location ? { location: s.location } : {}),
      productId: 'senco-desk',
    };
  });
  const { error, value } = events.length
    ? createEvents(events)
    : { error: undefined, value: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:senco-desk\r\nEND:VCALENDAR\r\n' };
  if (error || !value) throw new AppFailure('internal', t('errors.internal', { time: nowIso(ctx) }));
  const ics = inLondonTime(value);
  ctx.auditDetail({ practitionerId: user.id, events: events.length });
  return { filename: `sessions-${user.username}-${input.from}-to-${input.to}.ics`, ics, events: events.length };
};
