/**
 * Therapy sessions: recurrence over the school's own calendar, clash detection, and planned-against-delivered
 * arithmetic. Pure functions over ISO dates and "HH:MM" times, so each rule is unit-tested on real term dates.
 */
import { tallyAttendance } from '../../../shared/attendance';
import { addDays, coversDate, dayOfWeek, isSchoolDay } from '../clocks';
import type { CalendarInput } from '../clocks';

export type RecurrenceKind = 'none' | 'weekly' | 'every_n_weeks';

export interface Recurrence {
  readonly firstDate: string;
  readonly kind: RecurrenceKind;
  /** For every_n_weeks: 2 = fortnightly. */
  readonly intervalWeeks: number;
  /** Last date (inclusive), or null when a count is given. */
  readonly until: string | null;
  /** Number of sessions to hold (holidays and exceptions do not count), or null when `until` is given. */
  readonly count: number | null;
  /** Single dates to leave out (a trip, a mock exam). */
  readonly exceptions: readonly string[];
}

export type SkipReason = 'holiday' | 'closure' | 'weekend' | 'exception';

export interface Expansion {
  readonly dates: readonly string[];
  readonly skipped: readonly { readonly date: string; readonly reason: SkipReason }[];
  /** Some dates fell outside the term dates entered, so whether school was open is not known. */
  readonly calendarGap: boolean;
}

/** Safety limit: at most this many sessions from one booking (about ten school years of weekly sessions). */
export const MAX_OCCURRENCES = 400;

function skipReason(date: string, cal: CalendarInput, exceptions: ReadonlySet<string>): SkipReason | null {
  if (exceptions.has(date)) return 'exception';
  const dow = dayOfWeek(date);
  if (dow === 0 || dow === 6) return 'weekend';
  if (!coversDate(date, cal)) return null;
  if (isSchoolDay(date, cal)) return null;
  return cal.closures.some((c) => c.date === date) ? 'closure' : 'holiday';
}

/**
 * The dates of a one-off or recurring session: every week (or every N weeks) from the first date, until a date or
 * for a number of sessions, leaving out holidays, INSET days, bank holidays and single exceptions. A holiday week
 * does not shift the pattern: the next session is on the same weekday the week after.
 */
export function expandRecurrence(r: Recurrence, cal: CalendarInput): Expansion {
  const exceptions = new Set(r.exceptions);
  const dates: string[] = [];
  const skipped: { date: string; reason: SkipReason }[] = [];
  let gap = false;
  const step = r.kind === 'none' ? 0 : 7 * (r.kind === 'weekly' ? 1 : Math.max(1, r.intervalWeeks));
  for (let i = 0, d = r.firstDate; i < MAX_OCCURRENCES * 4; i++, d = addDays(d, step)) {
    if (r.kind !== 'none' && r.until !== null && d > r.until) break;
    if (r.count !== null && dates.length >= r.count) break;
    const reason = skipReason(d, cal, exceptions);
    if (reason) skipped.push({ date: d, reason });
    else {
      if (!coversDate(d, cal)) gap = true;
      dates.push(d);
    }
    if (r.kind === 'none' || dates.length >= MAX_OCCURRENCES) break;
  }
  return { dates, skipped, calendarGap: gap };
}

export const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const fromMinutes = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export interface Booking {
  readonly sessionId: string | null;
  readonly title: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly practitionerIds: readonly string[];
  readonly pupilIds: readonly string[];
}

export interface Clash {
  readonly kind: 'practitioner' | 'pupil';
  /** The practitioner's user id or the pupil's id. */
  readonly who: string;
  readonly with: Booking;
}

const overlaps = (a: Booking, b: Booking) =>
  a.date === b.date && toMinutes(a.start) < toMinutes(b.end) && toMinutes(b.start) < toMinutes(a.end);

/** A practitioner or pupil booked twice at overlapping times on the same day. */
export function findClashes(candidate: Booking, existing: readonly Booking[]): Clash[] {
  const out: Clash[] = [];
  for (const other of existing) {
    if (other.sessionId !== null && other.sessionId === candidate.sessionId) continue;
    if (!overlaps(candidate, other)) continue;
    for (const p of candidate.practitionerIds)
      if (other.practitionerIds.includes(p)) out.push({ kind: 'practitioner', who: p, with: other });
    for (const p of candidate.pupilIds) if (other.pupilIds.includes(p)) out.push({ kind: 'pupil', who: p, with: other });
  }
  return out;
}

export interface ProtectedTime {
  readonly pupilId: string | null;
  readonly className: string | null;
  /** 1 = Monday .. 5 = Friday */
  readonly weekday: number;
  readonly start: string;
  readonly end: string;
  readonly label: string;
}

/** Lessons a pupil must not miss (marked per pupil or per class) that a booking would overlap. */
export function protectedClashes(
  candidate: Booking,
  times: readonly ProtectedTime[],
  pupilClass: ReadonlyMap<string, string | null>,
): { pupilId: string; time: ProtectedTime }[] {
  const dow = dayOfWeek(candidate.date);
  const out: { pupilId: string; time: ProtectedTime }[] = [];
  for (const pupilId of candidate.pupilIds) {
    const cls = pupilClass.get(pupilId) ?? null;
    for (const time of times) {
      if (time.weekday !== dow) continue;
      const applies =
        time.pupilId === pupilId ||
        (time.pupilId === null && time.className !== null && cls !== null && time.className.toLowerCase() === cls.toLowerCase());
      if (!applies) continue;
      if (toMinutes(candidate.start) < toMinutes(time.end) && toMinutes(time.start) < toMinutes(candidate.end)) out.push({ pupilId, time });
    }
  }
  return out;
}

/** Periods a provision's frequency may be stated in (shared/ehcp.ts FREQUENCY_PERIODS). */
export type FrequencyPeriod = 'day' | 'week' | 'fortnight' | 'half_term' | 'term' | 'year';

export interface PeriodSpan {
  /** School days in the span. */
  readonly schoolDays: number;
  /** Half-terms and full terms the span touches, counted as fractions of their school days. */
  readonly halfTerms: number;
  readonly terms: number;
  /** Fraction of the academic year's school days. */
  readonly yearFraction: number;
}

/**
 * Sessions planned in a span for "N times per period". A school week is 5 school days, so a week with a bank
 * holiday plans 4/5 of its sessions; fractions are kept until the end and the total rounded to 1 decimal place.
 */
export function plannedSessions(count: number, period: FrequencyPeriod, span: PeriodSpan): number {
  const weeks = span.schoolDays / 5;
  const n = (() => {
    switch (period) {
      case 'day':
        return count * span.schoolDays;
      case 'week':
        return count * weeks;
      case 'fortnight':
        return (count * weeks) / 2;
      case 'half_term':
        return count * span.halfTerms;
      case 'term':
        return count * span.terms;
      case 'year':
        return count * span.yearFraction;
    }
  })();
  return Math.round(n * 10) / 10;
}

export interface DeliveryLine {
  readonly attendance: 'pending' | 'attended' | 'absent' | 'cancelled';
  readonly cancelledBy: 'school' | 'therapist' | 'family' | null;
  readonly deliveredMinutes: number | null;
  readonly scheduledMinutes: number;
}

export interface DeliverySummary {
  readonly sessionsDelivered: number;
  readonly minutesDelivered: number;
  readonly absent: number;
  readonly cancelledBySchool: number;
  readonly cancelledByTherapist: number;
  readonly cancelledByFamily: number;
  readonly notRecorded: number;
}

/**
 * Adds up what was delivered: attended sessions count their actual minutes (the scheduled length if none given); a
 * pending session counts as not recorded (these lines are of sessions to date). Counted by the shared tally
 * (shared/attendance.ts) that every attendance figure uses.
 */
export function summariseDelivery(lines: readonly DeliveryLine[]): DeliverySummary {
  const f = tallyAttendance(
    lines.map((l) => ({
      outcome: l.attendance === 'pending' ? ('not_recorded' as const) : l.attendance,
      cancelledBy: l.cancelledBy,
      sessions: 1,
      minutesBooked: l.scheduledMinutes,
      minutesDelivered: l.attendance === 'attended' ? (l.deliveredMinutes ?? l.scheduledMinutes) : 0,
    })),
  );
  return {
    sessionsDelivered: f.attended,
    minutesDelivered: f.minutesDelivered,
    absent: f.absent,
    cancelledBySchool: f.cancelledBySchool,
    cancelledByTherapist: f.cancelledByTherapist,
    cancelledByFamily: f.cancelledByFamily,
    notRecorded: f.notRecorded,
  };
}

/** The school day a free slot is looked for in, and how finely (a school without its own hours set gets these). */
export const SLOT_DAY = { start: '09:00', end: '15:15', stepMinutes: 15 } as const;

export interface SlotSearch {
  /** The first date to look at, and the earliest time on it (now, when it is today; null: the whole day). */
  readonly from: string;
  readonly notBefore: string | null;
  readonly durationMinutes: number;
  readonly practitionerIds: readonly string[];
  readonly pupilIds: readonly string[];
  /** How many slots to offer, and at most how many on one day (so the offer spans a few days). */
  readonly want: number;
  readonly perDay: number;
  /** How many calendar days ahead to look before giving up. */
  readonly horizonDays: number;
}

export interface FreeSlot {
  readonly date: string;
  readonly start: string;
  readonly end: string;
  /** The date is outside the term dates entered, so whether school is open is not known. */
  readonly calendarGap: boolean;
}

/**
 * The next times every practitioner and pupil chosen is free for the whole session: on school days only (weekends,
 * holidays and closures skipped), inside the school day, clear of their other sessions and of the pupils' protected
 * lessons (their own and their class's). `existing` holds the bookings of those people over the dates searched.
 */
export function nextFreeSlots(
  search: SlotSearch,
  cal: CalendarInput,
  existing: readonly Booking[],
  protectedTimes: readonly ProtectedTime[],
  pupilClass: ReadonlyMap<string, string | null>,
): FreeSlot[] {
  const out: FreeSlot[] = [];
  const dayStart = toMinutes(SLOT_DAY.start);
  const dayEnd = toMinutes(SLOT_DAY.end);
  for (let i = 0; i < search.horizonDays && out.length < search.want; i++) {
    const date = addDays(search.from, i);
    if (skipReason(date, cal, new Set()) !== null) continue;
    const gap = !coversDate(date, cal);
    let earliest = dayStart;
    if (i === 0 && search.notBefore !== null) {
      const now = toMinutes(search.notBefore);
      earliest = Math.max(dayStart, Math.ceil(now / SLOT_DAY.stepMinutes) * SLOT_DAY.stepMinutes);
    }
    let onThisDay = 0;
    for (
      let m = earliest;
      m + search.durationMinutes <= dayEnd && onThisDay < search.perDay && out.length < search.want;
      m += SLOT_DAY.stepMinutes
    ) {
      const candidate: Booking = {
        sessionId: null,
        title: '',
        date,
        start: fromMinutes(m),
        end: fromMinutes(m + search.durationMinutes),
        practitionerIds: search.practitionerIds,
        pupilIds: search.pupilIds,
      };
      if (findClashes(candidate, existing).length > 0) continue;
      if (protectedClashes(candidate, protectedTimes, pupilClass).length > 0) continue;
      out.push({ date, start: candidate.start, end: candidate.end, calendarGap: gap });
      onThisDay += 1;
      // The next offer on the same day starts after this one ends, so the offers are real alternatives.
      m += search.durationMinutes - SLOT_DAY.stepMinutes;
    }
  }
  return out;
}
