/**
 * The demo school's therapy sessions (migration 0004's therapy_session, session_practitioner, session_pupil),
 * generated from the demo's plans and term dates alone, one academic year at a time, on a PRNG stream of their own
 * (so adding them left every pupil, plan and id before as it was).
 *
 * What the timetable holds, for each pupil on roll:
 *  - every provision row of the EHC plan version in force (the row's id goes in ehcp_provision_id): as often as the
 *    plan says (a session a day is five weekly series, 3 a week three, a fortnight every other week, a half-term one
 *    visit each half term), for the minutes it says, 1:1, or in small groups of 2 to 4 pupils where the plan
 *    provides a group;
 *  - every intervention of each individual pupil plan version while it runs (Targeted and Specific pupils, and
 *    the finished plans of pupils back on Universal; ipp_intervention_id), the same way, "two adults" with two
 *    practitioners and some larger groups with a second practitioner too;
 *  - delivered by the demo's therapists and therapy lead by discipline (the SENCo for the teaching assistants'
 *    programmes), at a time of day on a weekday that the pupil has free (no pupil is booked twice at once; at the
 *    `school` size the five practitioner accounts stand for the whole team, so their own diaries overlap);
 *  - on school days only: recurrences are expanded over the demo's term dates, INSET days and bank holidays with the
 *    app's own expandRecurrence (a holiday week is skipped, the pattern is kept).
 *
 * Sessions before the day the demo is built (`today`: the loader's clock; the demo's reference date, 1 October of its
 * academic year, when none is given) are recorded as a school records them, within a day or two: about 85% attended
 * with the minutes delivered (now and then a few minutes short), some pupils absent, some sessions cancelled by the
 * school or the therapist and some by the family, each with its reason. A small backlog is left pending, as in a real
 * school (recordingBacklog: about a fifth of the last three days' sessions, a few in the fortnight before, a handful
 * older this term; about 1% of the sessions held). Today's and later sessions are pending. Every session's outcome
 * is drawn whatever `today` is, so the same demo built on another day differs only in which are still to record.
 *
 * Earlier academic years (`--session-years`): the same timetable rules over that year's term dates, for the pupils
 * on roll then, with the plan versions and pupil plans then in force. The demo's records only go back as far as its
 * pupils and plans do, so to give an older school's volume (the issue's sizing: about 200,000 sessions in five
 * years at the `school` size) each earlier year also replays the demo year's timetable for the pupils on roll then,
 * as sessions that deliver no provision row of a plan in the app (ehcp_provision_id and ipp_intervention_id null:
 * "sessions before the plan was recorded"). It is synthetic volume for trying the app and the benchmark at scale.
 *
 * Group interventions (option `groupInterventions`, which the loader turns on for more than one session year at the
 * `school` and `trust` sizes): every pupil on SEN support on the Universal band also joins the school's group
 * programmes for their needs (a daily check-in group, a reading group, language, social skills, fine-motor, numeracy
 * and anxiety groups), 2 to 6 pupils a group, weekly on set weekdays, linked to no plan row. They are placed after
 * the plans' timetable on a PRNG stream of their own, in the time each pupil has left, so the plans' sessions are
 * the same with or without them. With them, five session years of the `school` demo hold about 196,000 sessions.
 */
import type { Attendance, CancelledBy } from '../../../shared/contract';
import type { FrequencyPeriod } from '../../../shared/ehcp';
import type { NeedCode } from '../../../shared/domain';
import type { CalendarInput } from '../../../shared/clock-types';
import { expandRecurrence } from '../sessions/scheduling';
import { demoCalendar, demoTerms } from './calendar';
import { addDaysIso, daysBetween, weekday } from './days';
import type { DemoData } from './generate';
import { createRng, type Rng } from './prng';
import type { Discipline } from './therapy';

export interface DemoSessionPupil {
  readonly pupilId: string;
  readonly ehcpProvisionId: string | null;
  /** The plan intervention it delivers, by plan version and position (its row id is made when the demo is loaded). */
  readonly intervention: { readonly versionId: string; readonly position: number } | null;
  readonly attendance: Attendance;
  readonly cancelledBy: CancelledBy | null;
  readonly reason: string | null;
  readonly deliveredMinutes: number | null;
  readonly notes: string | null;
  readonly recordedAt: string | null;
}

export interface DemoSession {
  readonly id: string;
  readonly seriesId: string;
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly durationMinutes: number;
  readonly title: string;
  readonly discipline: Discipline;
  readonly location: string | null;
  /** Demo usernames (resolved to user ids when loading); one or two. */
  readonly practitioners: readonly string[];
  /** Demo username of who booked the series. */
  readonly createdBy: string;
  readonly pupils: readonly DemoSessionPupil[];
}

export interface DemoSessionYear {
  readonly academicYear: string;
  readonly sessions: readonly DemoSession[];
  readonly series: number;
}

/** One thing a pupil is timetabled for: a plan's provision row or a pupil plan's intervention, over a span of dates. */
interface Unit {
  readonly pupilId: string;
  readonly staffUnit: number;
  readonly ehcpProvisionId: string | null;
  readonly intervention: { readonly versionId: string; readonly position: number } | null;
  readonly discipline: Discipline;
  readonly title: string;
  readonly minutes: number;
  readonly count: number | null;
  readonly period: FrequencyPeriod | null;
  /** Inclusive span the unit runs for (the plan version or pupil plan in force, the pupil on roll). */
  readonly from: string;
  readonly to: string;
  readonly group: boolean;
  readonly twoAdults: boolean;
}

/** A bookable series: one weekday pattern (or single visits) for one pupil or a small group. */
interface Series {
  readonly members: readonly Unit[];
  readonly kind: 'weekly' | 'fortnightly' | 'visits';
  readonly weekday: number;
  /** For visits: the dates of the single sessions. */
  readonly visits: readonly string[];
}

const FAR = '9999-12-31';
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

/** Who delivers which discipline (the base usernames of the demo's staff; the SENCo oversees teaching assistants' programmes). */
const PRACTITIONER_OF: Readonly<Record<Discipline, string>> = {
  speech_language: 'therapist1',
  occupational_therapy: 'therapist2',
  physiotherapy: 'therapist2',
  psychology: 'therapist3',
  thrive: 'therapy.lead',
  counselling: 'therapy.lead',
  other: 'senco',
};
const LOCATION: Readonly<Record<Discipline, string>> = {
  speech_language: 'Speech and language room',
  occupational_therapy: 'Sensory room',
  physiotherapy: 'Medical room',
  psychology: 'Learning support base',
  thrive: 'Thrive room',
  counselling: 'Counselling room',
  other: 'Learning support base',
};

/** The discipline an EHC plan provision row belongs to, from its wording (the demo's own provision texts). */
function disciplineOfProvision(description: string): Discipline {
  const d = description.toLowerCase();
  if (d.includes('speech') || d.includes('social communication')) return 'speech_language';
  if (d.includes('occupational')) return 'occupational_therapy';
  if (d.includes('physiotherapy')) return 'physiotherapy';
  if (d.includes('counselling')) return 'counselling';
  if (d.includes('key adult') || d.includes('emotional regulation')) return 'thrive';
  if (d.includes('literacy') || d.includes('precision') || d.includes('vocabulary')) return 'psychology';
  return 'other';
}

const title = (description: string) => (description.length > 120 ? `${description.slice(0, 117)}...` : description);

const SCHOOL_REASONS = [
  'Year group trip',
  'Mock exams in the hall',
  'Room needed for exam access arrangements',
  'Whole-school assembly overran',
  'Pupil needed in a catch-up lesson',
];
const THERAPIST_REASONS = [
  'Therapist unwell',
  'Therapist on a training day',
  'Therapist called to an urgent safeguarding meeting',
  'Therapist attending an annual review',
];
const FAMILY_REASONS = [
  'Parent asked to rearrange: medical appointment',
  'Family holiday in term time',
  'Parent collected the pupil early',
  'Parent withdrew consent for this week',
];
const ABSENT_REASONS = ['Absent from school (illness)', 'Absent from school (medical appointment)', 'Did not come to the session', null];
const NOTES: Readonly<Record<Discipline, readonly string[]>> = {
  speech_language: [
    'Practised following two-step instructions; used the visual prompts well.',
    'Worked on subject vocabulary for the next topic.',
  ],
  occupational_therapy: [
    'Fine motor warm-up and handwriting practice; grip improving.',
    'Movement break routine followed without prompts.',
  ],
  physiotherapy: ['Stretching programme completed; no discomfort reported.', 'Balance work on the stairs route.'],
  psychology: ['Reading fluency probe: more words correct than last week.', 'Talked through a worry plan for the week ahead.'],
  thrive: ['Calm check-in; named two feelings and a plan for break time.', 'Regulation activity, then back to lessons.'],
  counselling: ['Session focused on friendships and sleep.', 'Reviewed coping strategies for lessons that feel hard.'],
  other: ['Worked through the task card with support; finished the task.', 'Good engagement; ready for the next step.'],
};

/** Half-hour start times across the school day (08:30 to 15:00), leaving 12:30-13:00 for lunch. */
const CELLS = 14;
const LUNCH_CELL = 8;
const cellTime = (c: number) => {
  const m = 8 * 60 + 30 + c * 30;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};
const endTime = (start: string, minutes: number) => {
  const m = Number(start.slice(0, 2)) * 60 + Number(start.slice(3, 5)) + minutes;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** Which school of a trust a pupil belongs to: the establishment number in the UPN (demo numbers end in the unit). */
export function staffUnitOf(upn: string): number {
  return Math.max(1, Number(upn.slice(4, 8)) % 100);
}

/** The timetable's units for an academic year (its first and last term days), from the plans and pupil plans in force. */
function unitsFor(data: DemoData, yearFrom: string, yearTo: string): Unit[] {
  const pupils = new Map(data.pupils.map((p) => [p.id, p]));
  const units: Unit[] = [];
  const onRoll = (pupilId: string, from: string, to: string): [string, string] | null => {
    const p = pupils.get(pupilId);
    if (!p) return null;
    const a = maxDate(maxDate(from, p.dateJoined), yearFrom);
    const b = minDate(minDate(to, p.dateLeft ?? FAR), yearTo);
    return a <= b ? [a, b] : null;
  };
  for (const plan of data.plans) {
    const pupil = pupils.get(plan.pupilId);
    if (!pupil) continue;
    plan.versions.forEach((v, i) => {
      const next = plan.versions[i + 1];
      const span = onRoll(plan.pupilId, v.effectiveDate, next ? addDaysIso(next.effectiveDate, -1) : FAR);
      if (!span) return;
      for (const row of v.content.provision) {
        units.push({
          pupilId: plan.pupilId,
          staffUnit: staffUnitOf(pupil.upn),
          ehcpProvisionId: row.key,
          intervention: null,
          discipline: disciplineOfProvision(row.description),
          title: title(row.description),
          minutes: row.sessionMinutes ?? 30,
          count: row.frequencyCount,
          period: row.frequencyPeriod,
          from: span[0],
          to: span[1],
          group: (row.groupSize ?? 1) > 1,
          twoAdults: false,
        });
      }
    });
  }
  for (const ipp of data.therapy.ipps) {
    const pupil = pupils.get(ipp.pupilId);
    if (!pupil) continue;
    ipp.versions.forEach((v, i) => {
      const next = ipp.versions[i + 1];
      const span = onRoll(ipp.pupilId, v.startDate, next ? minDate(v.endDate, addDaysIso(next.startDate, -1)) : v.endDate);
      if (!span) return;
      v.interventions.forEach((x, position) => {
        units.push({
          pupilId: ipp.pupilId,
          staffUnit: staffUnitOf(pupil.upn),
          ehcpProvisionId: null,
          intervention: { versionId: v.id, position },
          discipline: x.discipline,
          title: title(x.description),
          minutes: x.sessionMinutes ?? 30,
          count: x.frequencyCount,
          period: x.frequencyPeriod,
          from: span[0],
          to: span[1],
          group: x.staffingRatio === 'small_group',
          twoAdults: x.staffingRatio === 'two_to_one',
        });
      });
    });
  }
  return units;
}

/**
 * The demo year's timetable moved to an earlier year for its pupils on roll then, on the days before their records
 * (plan versions and pupil plans) begin: the support they had before the plan was recorded in the app, so it
 * delivers no plan row (ehcp_provision_id and ipp_intervention_id null).
 */
function replayUnits(data: DemoData, yearFrom: string, yearTo: string, demoFrom: string, demoTo: string): Unit[] {
  const pupils = new Map(data.pupils.map((p) => [p.id, p]));
  const recordsFrom = new Map<string, string>();
  for (const u of unitsFor(data, '0000-01-01', FAR)) recordsFrom.set(u.pupilId, minDate(recordsFrom.get(u.pupilId) ?? FAR, u.from));
  return unitsFor(data, demoFrom, demoTo).flatMap((u) => {
    const p = pupils.get(u.pupilId)!;
    const from = maxDate(yearFrom, p.dateJoined);
    const to = minDate(minDate(yearTo, p.dateLeft ?? FAR), addDaysIso(recordsFrom.get(u.pupilId) ?? FAR, -1));
    return from <= to ? [{ ...u, ehcpProvisionId: null, intervention: null, from, to }] : [];
  });
}

/** Splits the units into series: one per weekday a week (k a week: k weekdays; k a day: k series each weekday). */
function seriesOf(rng: Rng, units: readonly Unit[], terms: readonly { startDate: string; endDate: string }[]): Series[] {
  const out: Series[] = [];
  const weekdays = (k: number) => rng.shuffle([1, 2, 3, 4, 5]).slice(0, Math.min(5, k)).sort();
  const pattern = (
    count: number | null,
    period: FrequencyPeriod | null,
  ): { kind: Series['kind']; days: number[]; visits: 'half_term' | 'term' | 'year' | null } => {
    if (count === null || period === null) return { kind: 'weekly', days: weekdays(1), visits: null };
    if (period === 'day')
      return { kind: 'weekly', days: Array.from({ length: Math.min(3, count) }, () => [1, 2, 3, 4, 5]).flat(), visits: null };
    if (period === 'week')
      return { kind: 'weekly', days: count <= 5 ? weekdays(count) : [1, 2, 3, 4, 5, ...weekdays(count - 5)], visits: null };
    if (period === 'fortnight')
      return { kind: 'fortnightly', days: count <= 1 ? weekdays(1) : weekdays(Math.min(5, Math.round(count / 2))), visits: null };
    return { kind: 'visits', days: weekdays(1), visits: period };
  };
  const visitDates = (which: 'half_term' | 'term' | 'year', day: number): string[] => {
    const picked = which === 'half_term' ? terms : which === 'term' ? terms.filter((_, i) => i % 2 === 0) : terms.slice(1, 2);
    // The chosen weekday of the third week of each half term.
    return picked
      .map((t) => addDaysIso(t.startDate, 14 + ((day - weekday(addDaysIso(t.startDate, 14)) + 7) % 7)))
      .filter((d, i) => d <= picked[i]!.endDate);
  };
  // 1:1 units: their own series.
  for (const u of units.filter((x) => !x.group)) {
    const p = pattern(u.count, u.period);
    for (const day of p.days) out.push({ members: [u], kind: p.kind, weekday: day, visits: p.visits ? visitDates(p.visits, day) : [] });
  }
  // Group units: pupils with the same provision (wording, frequency, minutes) in groups of 2 to 4.
  const groups = new Map<string, Unit[]>();
  for (const u of units.filter((x) => x.group)) {
    const key = `${u.staffUnit}|${u.discipline}|${u.title}|${u.count}|${u.period}|${u.minutes}`;
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  for (const key of [...groups.keys()].sort()) {
    const pool = rng.shuffle(groups.get(key)!);
    const chunks: Unit[][] = [];
    while (pool.length) {
      const size = rng.int(2, 4);
      const chunk: Unit[] = [];
      // One pupil once per group (a plan can list the same provision twice, under two needs).
      for (let i = 0; i < pool.length && chunk.length < size;) {
        if (chunk.some((c) => c.pupilId === pool[i]!.pupilId)) i++;
        else chunk.push(pool.splice(i, 1)[0]!);
      }
      chunks.push(chunk);
    }
    for (const members of chunks) {
      const p = pattern(members[0]!.count, members[0]!.period);
      for (const day of p.days) out.push({ members, kind: p.kind, weekday: day, visits: p.visits ? visitDates(p.visits, day) : [] });
    }
  }
  return out;
}

export interface SessionYearOptions {
  /**
   * Also timetable the school's group interventions for pupils on SEN support on the Universal band (see
   * groupUnits): the volume of an established school's records. Off by default, so the demo year alone stays quick.
   */
  readonly groupInterventions?: boolean;
  /**
   * The day the demo is built (ISO date): sessions before it are recorded but for a small backlog, the rest pending
   * (recordingBacklog). Default: the demo's reference date.
   */
  readonly today?: string;
}

/**
 * The chance that a past session is still not recorded on `today`, by how many days ago it was held: practitioners
 * record within a day or two, so about a fifth of the last three days' sessions wait, a few in the fortnight before, a
 * handful older (up to about a term), and none before that. On the `school` demo built in December this leaves about
 * 1% of the year's past sessions to record, most of them in the last fortnight.
 */
export function recordingBacklog(daysAgo: number): number {
  if (daysAgo <= 0) return 1;
  if (daysAgo <= 3) return 0.2;
  if (daysAgo <= 14) return 0.03;
  if (daysAgo <= 90) return 0.003;
  return 0;
}

/** A group intervention programme: who it is for (by need; every pupil when null), how often and for how long. */
interface Programme {
  readonly title: string;
  readonly discipline: Discipline;
  readonly perWeek: number;
  readonly minutes: number;
  readonly needs: readonly NeedCode[] | null;
}

/** The group interventions a secondary school runs for pupils on SEN support, most led by teaching assistants under the SENCo. */
const PROGRAMMES: readonly Programme[] = [
  { title: 'Morning check-in group (emotional literacy)', discipline: 'thrive', perWeek: 5, minutes: 20, needs: null },
  { title: 'Reading fluency and comprehension group', discipline: 'other', perWeek: 4, minutes: 30, needs: null },
  {
    title: 'Language group: vocabulary and narrative',
    discipline: 'speech_language',
    perWeek: 2,
    minutes: 30,
    needs: ['SLCN', 'ASD', 'HI', 'MLD'],
  },
  { title: 'Social skills group', discipline: 'thrive', perWeek: 2, minutes: 30, needs: ['SEMH', 'ASD', 'SLCN', 'NSA'] },
  {
    title: 'Fine-motor and handwriting group',
    discipline: 'occupational_therapy',
    perWeek: 2,
    minutes: 30,
    needs: ['SPLD', 'PD', 'MLD', 'VI', 'MSI', 'OTH'],
  },
  { title: 'Numeracy catch-up group', discipline: 'other', perWeek: 2, minutes: 30, needs: ['MLD', 'SPLD', 'SLD', 'NSA', 'OTH'] },
  { title: 'Anxiety management group', discipline: 'counselling', perWeek: 1, minutes: 30, needs: ['SEMH', 'ASD'] },
];

/**
 * Group interventions for an academic year: every pupil on SEN support (K) whose band is Universal joins the
 * programmes for their needs while on roll and on SEN support in that year. They deliver no plan row
 * (ehcp_provision_id and ipp_intervention_id null): a Universal pupil's support is the school's offer, not a plan.
 */
function groupUnits(data: DemoData, yearFrom: string, yearTo: string): Unit[] {
  const universal = new Set(data.therapy.bands.filter((b) => b.periods.at(-1)?.band === 'universal').map((b) => b.pupilId));
  const units: Unit[] = [];
  for (const p of data.pupils) {
    if (!universal.has(p.id)) continue;
    for (const k of p.senHistory) {
      if (k.status !== 'K') continue;
      const from = maxDate(maxDate(k.startDate, p.dateJoined), yearFrom);
      const to = minDate(minDate(k.endDate ?? FAR, p.dateLeft ?? FAR), yearTo);
      if (from > to) continue;
      for (const g of PROGRAMMES) {
        if (g.needs && !g.needs.some((n) => p.needs.includes(n))) continue;
        units.push({
          pupilId: p.id,
          staffUnit: staffUnitOf(p.upn),
          ehcpProvisionId: null,
          intervention: null,
          discipline: g.discipline,
          title: g.title,
          minutes: g.minutes,
          count: g.perWeek,
          period: 'week',
          from,
          to,
          group: true,
          twoAdults: false,
        });
      }
    }
  }
  return units;
}

/** The group interventions' series: each programme's pupils in groups of 2 to 6, on as many weekdays a week as it runs. */
function groupSeries(rng: Rng, units: readonly Unit[]): Series[] {
  const byProgramme = new Map<string, Unit[]>();
  for (const u of units) {
    const key = `${u.staffUnit}|${u.title}`;
    byProgramme.set(key, [...(byProgramme.get(key) ?? []), u]);
  }
  const out: Series[] = [];
  for (const key of [...byProgramme.keys()].sort()) {
    const pool = rng.shuffle(byProgramme.get(key)!);
    while (pool.length) {
      const size = rng.int(2, 6);
      const members: Unit[] = [];
      for (let i = 0; i < pool.length && members.length < size;) {
        if (members.some((m) => m.pupilId === pool[i]!.pupilId)) i++;
        else members.push(pool.splice(i, 1)[0]!);
      }
      const days = rng
        .shuffle([1, 2, 3, 4, 5])
        .slice(0, Math.min(5, members[0]!.count ?? 1))
        .sort();
      for (const day of days) out.push({ members, kind: 'weekly', weekday: day, visits: [] });
    }
  }
  return out;
}

interface Outcome {
  readonly attendance: Attendance;
  readonly cancelledBy: CancelledBy | null;
  readonly reason: string | null;
  readonly deliveredMinutes: number | null;
  readonly notes: string | null;
  readonly recordedAt: string | null;
}

/**
 * The sessions of the academic year starting in September of `startYear`, for the demo `data`. Deterministic: the
 * same demo and year give the same sessions, ids and outcomes.
 */
export function generateSessionYear(data: DemoData, startYear: number, opts: SessionYearOptions = {}): DemoSessionYear {
  const S = Number(data.academicYear.slice(0, 4));
  const today = opts.today ?? data.referenceDate;
  const rng = createRng(`senco-desk-demo-sessions:${data.size}:${data.academicYear}:${startYear}`);
  const year = demoCalendar(startYear);
  const cal: CalendarInput = { terms: year.terms, closures: year.days };
  const yearFrom = year.terms[0]!.startDate;
  const yearTo = year.terms[year.terms.length - 1]!.endDate;
  const units = unitsFor(data, yearFrom, yearTo);
  if (startYear < S) {
    const demo = demoTerms(S);
    const replay = replayUnits(data, yearFrom, yearTo, demo[0]!.startDate, demo[demo.length - 1]!.endDate);
    units.push(...replay);
  }
  const series = seriesOf(rng, units, year.terms);

  const staff = new Set(data.staff.map((s) => s.username));
  const username = (base: string, unit: number) => (unit === 1 ? base : `${base}.${unit}`);
  const practitionerFor = (discipline: Discipline, unit: number): string => {
    for (const base of [PRACTITIONER_OF[discipline], discipline === 'other' ? 'therapy.lead' : 'therapist1', 'senco']) {
      if (staff.has(username(base, unit))) return username(base, unit);
    }
    return data.staff[0]!.username;
  };
  const secondFor = (first: string, unit: number): string | null => {
    for (const base of ['therapy.lead', 'senco', 'therapist1'])
      if (staff.has(username(base, unit)) && username(base, unit) !== first) return username(base, unit);
    return null;
  };

  // Who is busy when: per pupil, cells taken on each weekday (all year); per practitioner, how many series use a cell.
  const pupilBusy = new Map<string, Uint8Array>();
  const busyOf = (id: string) => {
    let b = pupilBusy.get(id);
    if (!b) pupilBusy.set(id, (b = new Uint8Array(6 * CELLS)));
    return b;
  };
  const load = new Map<string, Uint16Array>();
  const loadOf = (u: string) => {
    let l = load.get(u);
    if (!l) load.set(u, (l = new Uint16Array(6 * CELLS)));
    return l;
  };

  const sessions: DemoSession[] = [];
  let seriesCount = 0;
  const place = (s: Series, rng: Rng): void => {
    const lead = s.members[0]!;
    const minutes = lead.minutes;
    const span = Math.max(1, Math.ceil(minutes / 30));
    const first = practitionerFor(lead.discipline, lead.staffUnit);
    const second = lead.twoAdults || (s.members.length >= 3 && rng.chance(0.25)) ? secondFor(first, lead.staffUnit) : null;
    const practitioners = second ? [first, second] : [first];
    // The start: a cell every member has free for the whole session, where the practitioners have least booked.
    let best = -1;
    let bestLoad = Infinity;
    const offset = rng.int(0, CELLS - 1);
    for (let k = 0; k < CELLS; k++) {
      const c = (k + offset) % CELLS;
      if (c + span > CELLS || (c <= LUNCH_CELL && c + span > LUNCH_CELL)) continue;
      let free = true;
      for (const m of s.members) {
        const b = busyOf(m.pupilId);
        for (let j = 0; j < span && free; j++) if (b[s.weekday * CELLS + c + j]) free = false;
        if (!free) break;
      }
      if (!free) continue;
      let l = 0;
      for (const p of practitioners) for (let j = 0; j < span; j++) l += loadOf(p)[s.weekday * CELLS + c + j]!;
      if (l < bestLoad) {
        bestLoad = l;
        best = c;
      }
    }
    if (best < 0) return; // no free time for this group on that day (does not happen at the demo's sizes)
    for (const m of s.members) for (let j = 0; j < span; j++) busyOf(m.pupilId)[s.weekday * CELLS + best + j] = 1;
    for (const p of practitioners) for (let j = 0; j < span; j++) loadOf(p)[s.weekday * CELLS + best + j]! += 1;

    const from = s.members.reduce((a, m) => minDate(a, m.from), FAR);
    const to = s.members.reduce((a, m) => maxDate(a, m.to), '0000-01-01');
    let dates: readonly string[];
    if (s.kind === 'visits') {
      dates = s.visits.filter(
        (d) =>
          d >= from &&
          d <= to &&
          expandRecurrence({ firstDate: d, kind: 'none', intervalWeeks: 1, until: null, count: 1, exceptions: [] }, cal).dates.length > 0,
      );
    } else {
      const firstDate = addDaysIso(from, (s.weekday - weekday(from) + 7) % 7);
      if (firstDate > to) return;
      dates = expandRecurrence(
        {
          firstDate,
          kind: s.kind === 'weekly' ? 'weekly' : 'every_n_weeks',
          intervalWeeks: s.kind === 'weekly' ? 1 : 2,
          until: to,
          count: null,
          exceptions: [],
        },
        cal,
      ).dates;
    }
    if (!dates.length) return;
    seriesCount++;
    const seriesId = rng.uuid();
    const start = cellTime(best);
    const end = endTime(start, minutes);
    const location = rng.chance(0.9) ? LOCATION[lead.discipline] : null;
    for (const date of dates) {
      const members = s.members.filter((m) => m.from <= date && date <= m.to);
      if (!members.length) continue;
      // Recorded by `today` (recordingBacklog), or still pending. The draw and the outcomes below are made for every
      // session, so the stream (and every later session) is the same whatever day the demo is built.
      const past = rng.next() >= recordingBacklog(daysBetween(date, today));
      // A whole session is cancelled by the school or the therapist; a pupil is absent or kept away by the family.
      const whole = rng.next();
      const sessionCancel: Outcome | null =
        whole < 0.03
          ? {
              attendance: 'cancelled',
              cancelledBy: 'school',
              reason: rng.pick(SCHOOL_REASONS),
              deliveredMinutes: null,
              notes: null,
              recordedAt: recorded(rng, date),
            }
          : whole < 0.065
            ? {
                attendance: 'cancelled',
                cancelledBy: 'therapist',
                reason: rng.pick(THERAPIST_REASONS),
                deliveredMinutes: null,
                notes: null,
                recordedAt: recorded(rng, date),
              }
            : null;
      sessions.push({
        id: rng.uuid(),
        seriesId,
        date,
        startTime: start,
        endTime: end,
        durationMinutes: minutes,
        title: lead.title,
        discipline: lead.discipline,
        location,
        practitioners,
        createdBy: username(
          data.staff.some((x) => x.username === username('therapy.lead', lead.staffUnit)) ? 'therapy.lead' : 'senco',
          lead.staffUnit,
        ),
        pupils: members.map((m) => {
          const outcome = sessionCancel ?? pupilOutcome(rng, date, minutes, lead.discipline);
          return {
            pupilId: m.pupilId,
            ehcpProvisionId: m.ehcpProvisionId,
            intervention: m.intervention,
            ...(past ? outcome : PENDING),
          };
        }),
      });
    }
  };
  for (const s of series) place(s, rng);
  // The group interventions (when asked for), on their own stream after the plans' timetable, in the time left.
  if (opts.groupInterventions) {
    const groupRng = createRng(`senco-desk-demo-group-sessions:${data.size}:${data.academicYear}:${startYear}`);
    for (const s of groupSeries(groupRng, groupUnits(data, yearFrom, yearTo))) place(s, groupRng);
  }
  sessions.sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.id.localeCompare(b.id));
  return { academicYear: year.academicYear, sessions, series: seriesCount };
}

const PENDING: Outcome = { attendance: 'pending', cancelledBy: null, reason: null, deliveredMinutes: null, notes: null, recordedAt: null };

function recorded(rng: Rng, date: string): string {
  return `${date}T${String(rng.int(12, 16)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`;
}

function pupilOutcome(rng: Rng, date: string, minutes: number, discipline: Discipline): Outcome {
  const r = rng.next();
  if (r < 0.055)
    return {
      attendance: 'absent',
      cancelledBy: null,
      reason: rng.pick(ABSENT_REASONS),
      deliveredMinutes: null,
      notes: null,
      recordedAt: recorded(rng, date),
    };
  if (r < 0.085)
    return {
      attendance: 'cancelled',
      cancelledBy: 'family',
      reason: rng.pick(FAMILY_REASONS),
      deliveredMinutes: null,
      notes: null,
      recordedAt: recorded(rng, date),
    };
  const short = minutes >= 20 && rng.chance(0.1) ? 5 * rng.int(1, Math.min(3, Math.floor(minutes / 10))) : 0;
  return {
    attendance: 'attended',
    cancelledBy: null,
    reason: short ? 'Started late: the pupil was kept back at the end of the lesson.' : null,
    deliveredMinutes: minutes - short,
    notes: rng.chance(0.2) ? rng.pick(NOTES[discipline]) : null,
    recordedAt: recorded(rng, date),
  };
}

/** The academic years (their first calendar year) the demo's sessions cover: the demo year and `years - 1` before it. */
export function sessionYears(academicYear: string, years: number): number[] {
  const S = Number(academicYear.slice(0, 4));
  return Array.from({ length: years }, (_, i) => S - years + 1 + i);
}
