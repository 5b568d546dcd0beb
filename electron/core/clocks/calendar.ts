/**
 * School-day arithmetic over a school's term dates. Pure functions over ISO calendar dates (yyyy-mm-dd).
 *
 * Time zones: a calendar date has none. Every date is turned into a whole day number (days since 1970-01-01,
 * computed with Date.UTC, which does not depend on the machine's zone) and back, so no result can shift by a day
 * whatever process.env.TZ is. No local-time Date constructor or getter is used anywhere in this module.
 *
 * Definitions used throughout:
 * - A *term* is a date range the school is open, both ends inclusive. Gaps between terms are holidays.
 * - A *closure* is a day inside a term when pupils are not in (INSET day, bank holiday, other closure).
 * - A *school day* is a Monday to Friday inside a term that is not a closure.
 * - The calendar *covers* a date when the date lies between the first term's start and the last term's end
 *   (inclusive): for those dates we know whether the school is open. Outside that span we do not.
 */
import { addDays, addMonths, dayOfWeek, fromDayNumber, toDayNumber, weekdayOfDayNumber } from '../../../shared/date-only';
import type { CalendarInput, CountUnit } from './types';

// ---------------------------------------------------------------------------------------------------------------
// Date-only helpers: the one date-only module's (shared/date-only.ts), exported from here too for compute.ts, the
// services and the tests that import them with the rest of the clocks.
export { addDays, dayOfWeek, fromDayNumber, toDayNumber };

function weekendDay(day: number): boolean {
  const w = weekdayOfDayNumber(day);
  return w === 0 || w === 6;
}

// ---------------------------------------------------------------------------------------------------------------
// Prepared calendar (memoised per CalendarInput object: computeClocks asks about the same calendar many times).

interface Prepared {
  /** Term ranges as day numbers, sorted by start. */
  readonly terms: readonly (readonly [number, number])[];
  readonly closures: ReadonlySet<number>;
  /** First term start and last term end, or null when there are no terms. */
  readonly span: readonly [number, number] | null;
}

const prepared = new WeakMap<CalendarInput, Prepared>();

function prepare(cal: CalendarInput): Prepared {
  const hit = prepared.get(cal);
  if (hit) return hit;
  const terms = cal.terms
    .map((t) => [toDayNumber(t.startDate), toDayNumber(t.endDate)] as const)
    .filter(([s, e]) => s <= e)
    .sort((a, b) => a[0] - b[0]);
  const closures = new Set(cal.closures.map((c) => toDayNumber(c.date)));
  let span: readonly [number, number] | null = null;
  if (terms.length > 0) {
    const first = terms[0] as readonly [number, number];
    span = [first[0], Math.max(...terms.map((t) => t[1]))];
  }
  const p: Prepared = { terms, closures, span };
  prepared.set(cal, p);
  return p;
}

function covers(p: Prepared, day: number): boolean {
  return p.span !== null && day >= p.span[0] && day <= p.span[1];
}

function schoolDay(p: Prepared, day: number): boolean {
  if (weekendDay(day) || p.closures.has(day)) return false;
  return p.terms.some(([s, e]) => day >= s && day <= e);
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

/** True when `date` is a Monday to Friday inside a term and not a closure (INSET day, bank holiday, closure). */
export function isSchoolDay(date: string, cal: CalendarInput): boolean {
  return schoolDay(prepare(cal), toDayNumber(date));
}

/**
 * True when the term dates are known for `date`: it lies between the first term's start and the last term's end
 * (inclusive). Holidays between terms are covered (they are known to be holidays); days before the first term or
 * after the last are not.
 */
export function coversDate(date: string, cal: CalendarInput): boolean {
  return covers(prepare(cal), toDayNumber(date));
}

export interface DueDate {
  readonly date: string;
  /** True when school weeks were asked for but the calendar did not cover the period: calendar weeks were used. */
  readonly calendarGap: boolean;
}

/**
 * The date N school weeks after `from`: the day on which the (5·N)th school day after `from` falls (`from` itself
 * is never counted, whether or not it is a school day). A school week is five school days, so holidays, INSET days
 * and bank holidays stretch the period. Negative `weeks` count backwards: the (5·|N|)th school day before `from`.
 * `weeks` = 0 returns `from`.
 *
 * When the calendar does not cover the whole period (`from` outside the known term dates, or the count runs past
 * the last known term end / before the first known term start) the result falls back to calendar weeks
 * (`from` + 7·N days) and `calendarGap` is true, so the interface can say the term dates need entering.
 */
export function addSchoolWeeks(from: string, weeks: number, cal: CalendarInput): DueDate {
  const p = prepare(cal);
  const start = toDayNumber(from);
  if (weeks === 0) return { date: from, calendarGap: false };
  const fallback: DueDate = { date: addCalendarWeeks(from, weeks), calendarGap: true };
  if (p.span === null || !covers(p, start)) return fallback;
  const step = weeks > 0 ? 1 : -1;
  let remaining = Math.abs(weeks) * 5;
  let day = start;
  while (remaining > 0) {
    day += step;
    if (!covers(p, day)) return fallback;
    if (schoolDay(p, day)) remaining -= 1;
  }
  return { date: fromDayNumber(day), calendarGap: false };
}

/** `from` plus `n` calendar weeks (7·n days; n may be negative). */
export function addCalendarWeeks(from: string, n: number): string {
  return addDays(from, 7 * n);
}

// `from` plus `n` calendar months, the day clamped to the end of a shorter month (29 Feb 2024 + 12 months = 28 Feb
// 2025): the date-only module's addMonths, by the name the clocks' rules have had.
export { addMonths as addMonthsClamped };

/**
 * The practical date for something that must happen on a school day (a review meeting) with a deadline of `date`:
 * `date` itself when it is a school day, else the last school day before it (so a deadline in the summer holiday
 * becomes the last day of the summer term; one on a Saturday becomes the Friday, or earlier if that was closed).
 *
 * When the calendar does not cover `date` we cannot know the holidays: the date is returned unchanged except that
 * a Saturday or Sunday moves back to the Friday (weekends are never school days). The same weekend-only rule is
 * the fallback if no school day exists in the known calendar on or before `date`.
 */
export function lastSchoolDayOnOrBefore(date: string, cal: CalendarInput): string {
  const p = prepare(cal);
  const target = toDayNumber(date);
  const weekendOnly = (): string => {
    let d = target;
    while (weekendDay(d)) d -= 1;
    return fromDayNumber(d);
  };
  if (!covers(p, target) || p.span === null) return weekendOnly();
  for (let d = target; d >= p.span[0]; d -= 1) {
    if (schoolDay(p, d)) return fromDayNumber(d);
  }
  return weekendOnly();
}

/**
 * `from` plus `amount` of `unit` (amount may be negative for periods that end before an event, such as review
 * invitations). Only school weeks can set `calendarGap`.
 */
export function addPeriod(from: string, amount: number, unit: CountUnit, cal: CalendarInput): DueDate {
  switch (unit) {
    case 'school_weeks':
      return addSchoolWeeks(from, amount, cal);
    case 'calendar_weeks':
      return { date: addCalendarWeeks(from, amount), calendarGap: false };
    case 'months':
      return { date: addMonths(from, amount), calendarGap: false };
  }
}
