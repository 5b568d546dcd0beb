/**
 * Arithmetic on calendar dates (ISO yyyy-mm-dd), the one way: school days, due dates, weeks on a calendar, the demo's
 * academic year. A calendar date has no time zone, so every date is turned into a whole day number (days since
 * 1970-01-01, computed with Date.UTC, which does not depend on the machine's zone) and back: no result can shift by
 * a day whatever the time zone or a clock change. No local-time Date constructor or getter is used here.
 *
 * Parsing what a person typed (dd/mm/yyyy) and showing dates ("14 March 2026") live in dates.ts.
 */

/** Milliseconds in a day: for a chart's time axis; calendar dates use the day numbers below. */
export const MS_PER_DAY = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole days since 1970-01-01 for an ISO date. Throws on a malformed string (a programming error, not user input). */
export function toDayNumber(iso: string): number {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`Not an ISO date (yyyy-mm-dd): ${iso}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

/** The ISO date of a day number (inverse of toDayNumber). */
export function fromDayNumber(day: number): string {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** `iso` plus `n` calendar days (n may be negative). */
export function addDays(iso: string, n: number): string {
  return fromDayNumber(toDayNumber(iso) + n);
}

/** Day of the week: 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(iso: string): number {
  return weekdayOfDayNumber(toDayNumber(iso));
}

/** Day of the week of a day number: 0 = Sunday .. 6 = Saturday. */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * Calendar days from `from` to `to` (ISO dates); negative when `to` is earlier. Exact, never rounded to weeks.
 * Not an ISO date (an empty field while someone types): NaN, never a throw, so a screen can show nothing for it.
 */
export function daysBetween(from: string, to: string): number {
  const day = (iso: string) => (ISO.test(iso) ? toDayNumber(iso) : Number.NaN);
  return day(to) - day(from);
}

/** Days in a month (month1: 1 = January), leap years included. */
export function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/**
 * `iso` plus `n` calendar months (n may be negative), clamping the day to the end of a shorter month: the same
 * rule as date-fns `addMonths` (29 Feb 2024 + 12 months = 28 Feb 2025; 31 Jan 2027 + 1 month = 28 Feb 2027;
 * 31 Jan 2028 + 1 month = 29 Feb 2028). Done on the year/month/day numbers, so it cannot shift with the time zone.
 */
export function addMonths(iso: string, n: number): string {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`Not an ISO date (yyyy-mm-dd): ${iso}`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + n;
  const year = Math.floor(total / 12);
  const month1 = total - year * 12 + 1;
  const day = Math.min(Number(m[3]), daysInMonth(year, month1));
  return `${String(year).padStart(4, '0')}-${String(month1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `iso` plus `n` years, 29 February becoming 28 February in a year without one (date-fns `addYears`' rule). */
export function addYears(iso: string, n: number): string {
  return addMonths(iso, 12 * n);
}

/** True on a Saturday or Sunday. */
export function isWeekend(iso: string): boolean {
  const w = dayOfWeek(iso);
  return w === 0 || w === 6;
}

/** The Monday of the week (Monday to Sunday) that `iso` falls in. */
export function mondayOf(iso: string): string {
  return addDays(iso, -((dayOfWeek(iso) + 6) % 7));
}

/** `iso` itself on a weekday, else the Monday after (the weekend's next working day; holidays are not known here). */
export function weekdayOnOrAfter(iso: string): string {
  let d = iso;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
}

/**
 * `n` weekdays after `from` (Saturday and Sunday do not count; `from` itself does not): the working days of a
 * timescale that runs in the school holidays too (complaints). For school days, which know the term dates, see
 * electron/core/clocks/calendar.ts.
 */
export function addWeekdays(from: string, n: number): string {
  let d = from;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (!isWeekend(d)) left--;
  }
  return d;
}

/** Weekdays after `from` up to and including `to` (0 on the same day, or when `to` is earlier). */
export function weekdaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = toDayNumber(from) + 1, end = toDayNumber(to); d <= end; d++) {
    const w = weekdayOfDayNumber(d);
    if (w !== 0 && w !== 6) n++;
  }
  return n;
}
