/**
 * Date arithmetic for the demo generator, on ISO calendar dates (yyyy-mm-dd) counted as whole days in UTC, so no
 * time zone or clock change can shift a day. Every demo date comes from the academic year, never from today.
 */
import { addDays, dayOfWeek, daysBetween, fromDayNumber, toDayNumber } from '../../../shared/date-only';
import type { Rng } from './prng';

// The arithmetic is the one date-only module's (shared/date-only.ts), under the names the demo's modules use.
export { addDays as addDaysIso, dayOfWeek as weekday, daysBetween, fromDayNumber as fromDay, toDayNumber as toDay };

export function randomDate(rng: Rng, from: string, to: string): string {
  return fromDayNumber(rng.int(toDayNumber(from), toDayNumber(to)));
}
/** A weekday (Monday to Friday) on or after the date. */
export function weekdayOnOrAfter(iso: string): string {
  const dow = dayOfWeek(iso);
  return dow === 6 ? addDays(iso, 2) : dow === 0 ? addDays(iso, 1) : iso;
}
/** A weekday (Monday to Friday) on or before the date. */
export function weekdayOnOrBefore(iso: string): string {
  const dow = dayOfWeek(iso);
  return dow === 6 ? addDays(iso, -1) : dow === 0 ? addDays(iso, -2) : iso;
}
/** The given day of the week (0 = Sunday) on or after / on or before the date. */
export function dowOnOrAfter(iso: string, dow: number): string {
  return addDays(iso, (dow - dayOfWeek(iso) + 7) % 7);
}
export function dowOnOrBefore(iso: string, dow: number): string {
  return addDays(iso, -((dayOfWeek(iso) - dow + 7) % 7));
}
