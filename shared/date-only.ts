/**
 * Arithmetic on calendar dates (ISO yyyy-mm-dd), the one way: school days, due dates, weeks on a calendar, the demo's
 * academic year. A calendar date has no time zone, so every date is turned into a whole day number (days since
 * 1970-01-01, computed with Date.UTC, which does not depend on the machine's zone) and back: no result can shift by
 * a day whatever the time zone or a clock change. No local-time Date constructor or getter is used here.
 *
 * Parsing what a person typed (dd/mm/yyyy) and showing dates ("14 March 2026") live in dates.ts.
 */

const MS_PER_DAY = 86_400_000;
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
