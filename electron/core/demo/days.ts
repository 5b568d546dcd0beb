/**
 * Date arithmetic for the demo generator, on ISO calendar dates (yyyy-mm-dd) counted as whole days in UTC, so no
 * time zone or clock change can shift a day. Every demo date comes from the academic year, never from today.
 */
import type { Rng } from './prng';

export function toDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}
export function fromDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
export function addDaysIso(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}
/** Days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return toDay(b) - toDay(a);
}
/** 0 = Sunday .. 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(toDay(iso) * 86_400_000).getUTCDay();
}
export function randomDate(rng: Rng, from: string, to: string): string {
  return fromDay(rng.int(toDay(from), toDay(to)));
}
/** A weekday (Monday to Friday) on or after the date. */
export function weekdayOnOrAfter(iso: string): string {
  const dow = weekday(iso);
  return dow === 6 ? addDaysIso(iso, 2) : dow === 0 ? addDaysIso(iso, 1) : iso;
}
/** A weekday (Monday to Friday) on or before the date. */
export function weekdayOnOrBefore(iso: string): string {
  const dow = weekday(iso);
  return dow === 6 ? addDaysIso(iso, -1) : dow === 0 ? addDaysIso(iso, -2) : iso;
}
/** The given day of the week (0 = Sunday) on or after / on or before the date. */
export function dowOnOrAfter(iso: string, dow: number): string {
  return addDaysIso(iso, (dow - weekday(iso) + 7) % 7);
}
export function dowOnOrBefore(iso: string, dow: number): string {
  return addDaysIso(iso, -((weekday(iso) - dow + 7) % 7));
}
