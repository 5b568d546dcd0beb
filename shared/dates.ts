/**
 * Dates cross the boundary as ISO calendar dates (yyyy-mm-dd) and are shown as dd/mm/yyyy in inputs and
 * "14 March 2026" in running text (UI handbook). Calendar dates carry no time zone: a date of birth is the
 * same day everywhere, so nothing here converts through UTC.
 */
import { format, isValid, parse } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { daysInMonth } from './date-only';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date in yyyy-mm-dd form (rejects 2026-02-30). */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/**
 * True when `s` is a real time of day in 24-hour "HH:mm" form, 00:00 to 23:59. 24:00 (which ISO 8601 and
 * `Date.parse` accept as the end of the day), 23:60 and 25:00 are refused: a record says when something happened,
 * and midnight is 00:00 of the next day.
 */
export function isTime(s: string): boolean {
  return TIME.test(s);
}

/**
 * True when `s` is a real local date and time, "yyyy-mm-ddTHH:mm" (no seconds, no zone). Checked field by field
 * (isIsoDate and isTime), never with `Date.parse`: V8 reads "2026-02-30T10:00" as 2 March and "T24:00" as the next
 * day's midnight, so a parse that "succeeds" proves nothing about the date typed.
 */
export function isLocalDateTime(s: string): boolean {
  const m = LOCAL_DATE_TIME.exec(s);
  return m !== null && isIsoDate(m[1]!) && isTime(m[2]!);
}

/**
 * The time `minutes` after `start` ("HH:mm") on the same day, or null when that would be midnight or later: a
 * session from 23:30 for an hour would otherwise end at "24:30", a time that does not exist.
 */
export function timeAfter(start: string, minutes: number): string | null {
  if (!isTime(start)) return null;
  const end = Number(start.slice(0, 2)) * 60 + Number(start.slice(3, 5)) + minutes;
  if (!Number.isInteger(end) || end < 0 || end >= 24 * 60) return null;
  return `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
}

/** Parses dd/mm/yyyy (also d/m/yyyy) to ISO, or null. */
export function parseUkDate(s: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** Accepts ISO or dd/mm/yyyy (as MIS exports use either); returns ISO or null. */
export function parseAnyDate(s: string): string | null {
  const t = s.trim();
  if (isIsoDate(t)) return t;
  return parseUkDate(t);
}

function toLocal(iso: string): Date {
  const d = parse(iso, 'yyyy-MM-dd', new Date(2000, 0, 1));
  return d;
}

/** 2026-03-14 → 14/03/2026 */
export function formatUkDate(iso: string | null | undefined): string {
  if (!iso || !isIsoDate(iso)) return '';
  const d = toLocal(iso);
  return isValid(d) ? format(d, 'dd/MM/yyyy') : '';
}

/** 2026-03-14 → 14 March 2026 */
export function formatLongDate(iso: string | null | undefined): string {
  if (!iso || !isIsoDate(iso)) return '';
  return format(toLocal(iso), 'd MMMM yyyy', { locale: enGB });
}

/** Today's date in the machine's local time zone, as ISO. */
export function todayIso(now: Date = new Date()): string {
  return format(now, 'yyyy-MM-dd');
}

/** Whole years between a date of birth and a date (both ISO). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  let age = oy - by;
  if (om < bm || (om === bm && od < bd)) age -= 1;
  return age;
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock time in England (BST or GMT) as "yyyy-MM-ddTHH:mm", whatever the machine's own time zone. */
export function londonLocal(at: Date): string {
  const parts = Object.fromEntries(LONDON.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
