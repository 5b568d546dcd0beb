/**
 * A placement with the alternative-provision service lasts up to two school terms, with a midpoint review half way
 * (second seed, "Bespoke Specialist Provision"). "Two terms" is counted in school days from the school's own term
 * dates: N = the school days in the full term the placement starts in (or the next one, if it starts in a holiday)
 * plus the full term after it, where a full term is autumn, spring or summer (two half-terms each). The planned end
 * is the N-th school day counting the start as day 1; the midpoint is the ceil(N/2)-th. Starting mid-term therefore
 * ends mid-term two terms later, and holidays, INSET days and bank holidays never count.
 * Where the term dates are not known that far ahead, 26 and 13 calendar weeks are used and calendarGap is set.
 */
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

export function placementDates(startDate: string, terms: readonly NamedTerm[], closures: CalendarInput['closures']): PlacementDates {
  const fallback: PlacementDates = { plannedEndDate: addDays(startDate, 26 * 7 - 1), midpointDate: addDays(startDate, 13 * 7), calendarGap: true, schoolDays: 0 };
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
