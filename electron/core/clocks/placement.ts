/**
 * A placement with the alternative-provision service lasts up to two school terms, with a midpoint review half way
 * (second seed, "Bespoke Specialist Provision"). "Two terms" is counted in school days from the school's own term
 * dates: N = the school days in the full term the placement starts in (or the next one, if it starts in a holiday)
 * plus the full term after it, where a full term is autumn, spring or summer (two half-terms each). The planned end
 * is the N-th school day counting the start as day 1; the midpoint is the ceil(N/2)-th. Starting mid-term therefore
 * ends mid-term two terms later, and holidays, INSET days and bank holidays never count.
 * Where the term dates are not known that far ahead (or the term after the first is missing, so the two terms are
 * not known back to back), 26 and 13 calendar weeks are used and calendarGap is set; each fallback date is then moved
 * back to a school day (fallbackSchoolDay), so a placement never ends or has its midpoint review on a Sunday or in a
 * holiday the school calendar knows.
 */
import { isWeekend } from '../../../shared/date-only';
import { addDays, isSchoolDay } from './calendar';
import type { CalendarInput } from './types';

export interface NamedTerm {
  readonly academicYear: string;
  /** autumn1, autumn2, spring1, spring2, summer1, summer2 */
  readonly name: string;
  readonly startDate: string;
  readonly endDate: string;
}

export interface PlacementDates {
  readonly plannedEndDate: string;
  readonly midpointDate: string;
  readonly calendarGap: boolean;
  /** School days in the two terms (0 when the calendar did not cover them). */
  readonly schoolDays: number;
}

const season = (name: string) => name.replace(/\d+$/, '');

const SEASONS = ['autumn', 'spring', 'summer'];
/**
 * A term's place in the sequence of full terms (autumn 2026/27, spring 2026/27, summer 2026/27, autumn 2027/28...):
 * two terms follow each other when their places differ by 1 (half-terms of one term share a place).
 */
const sequence = (t: NamedTerm) => Number(t.academicYear.slice(0, 4)) * 3 + SEASONS.indexOf(season(t.name));

/**
 * Whether the school calendar knows what `date` is: it lies inside a term, or in the holiday between two terms with
 * no term missing between them (a half-term break, or summer and the next autumn). Before the first term, after the
 * last, or in a stretch where a term is missing, the calendar does not know: the school may be open or not.
 */
function calendarKnows(date: string, sorted: readonly NamedTerm[]): boolean {
  if (sorted.some((t) => t.startDate <= date && date <= t.endDate)) return true;
  const before = [...sorted].reverse().find((t) => t.endDate < date);
  const after = sorted.find((t) => t.startDate > date);
  return !!before && !!after && sequence(after) - sequence(before) <= 1;
}

/**
 * A fallback date moved back to a school day. Where the school calendar knows the date, the last school day on or
 * before it (a date in the October half-term becomes the Friday before; one in the summer holiday the last day of the
 * summer term). Where it does not, the date moves back over weekends and any closure already entered (a bank
 * holiday), the most that is known.
 */
export function fallbackSchoolDay(date: string, terms: readonly NamedTerm[], closures: CalendarInput['closures']): string {
  const sorted = [...terms].sort((a, b) => a.startDate.localeCompare(b.startDate));
  const cal: CalendarInput = { terms: sorted, closures };
  const closed = new Set(closures.map((c) => c.date));
  let d = date;
  if (calendarKnows(d, sorted)) {
    // Known ground runs back to a term, so this finds the term's last school day before any unknown stretch.
    for (let guard = 0; guard < 400 && !isSchoolDay(d, cal); guard++) d = addDays(d, -1);
    if (isSchoolDay(d, cal)) return d;
    d = date;
  }
  while (isWeekend(d) || closed.has(d)) d = addDays(d, -1);
  return d;
}

export function placementDates(startDate: string, terms: readonly NamedTerm[], closures: CalendarInput['closures']): PlacementDates {
  const fallback: PlacementDates = {
    plannedEndDate: fallbackSchoolDay(addDays(startDate, 26 * 7 - 1), terms, closures),
    midpointDate: fallbackSchoolDay(addDays(startDate, 13 * 7), terms, closures),
    calendarGap: true,
    schoolDays: 0,
  };
  const sorted = [...terms].sort((a, b) => a.startDate.localeCompare(b.startDate));
  const cal: CalendarInput = { terms: sorted, closures };
  // Full terms in order, each the list of its half-terms.
  const full: NamedTerm[][] = [];
  for (const t of sorted) {
    const last = full[full.length - 1];
    const key = `${t.academicYear}:${season(t.name)}`;
    if (last && `${last[0]!.academicYear}:${season(last[0]!.name)}` === key) last.push(t);
    else full.push([t]);
  }
  const first = full.findIndex((f) => f[f.length - 1]!.endDate >= startDate);
  if (first < 0 || first + 1 >= full.length) return fallback;
  const firstTerm = full[first]!;
  // The two terms must follow each other: with the term between them missing, counting on would run across the gap.
  if (sequence(full[first + 1]![0]!) !== sequence(firstTerm[firstTerm.length - 1]!) + 1) return fallback;
  let n = 0;
  for (const t of [...firstTerm, ...full[first + 1]!]) {
    for (let d = t.startDate; d <= t.endDate; d = addDays(d, 1)) if (isSchoolDay(d, cal)) n++;
  }
  if (n === 0) return fallback;
  const lastKnown = sorted[sorted.length - 1]!.endDate;
  const nth = (k: number): string | null => {
    let count = 0;
    for (let d = startDate; d <= lastKnown; d = addDays(d, 1)) {
      if (isSchoolDay(d, cal) && ++count === k) return d;
    }
    return null;
  };
  const end = nth(n);
  const mid = nth(Math.ceil(n / 2));
  if (!end || !mid) return { ...fallback, schoolDays: n };
  return { plannedEndDate: end, midpointDate: mid, calendarGap: false, schoolDays: n };
}
