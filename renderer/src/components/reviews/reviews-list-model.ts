/**
 * The school's reviews page: its filters as they sit in the address (so Back returns to the same list), the quick
 * choices ("This school year", "Upcoming", "Planned but date passed"), the input for `reviews.list`, and sorting.
 *
 * Dates in the address: with neither `from` nor `to` the list shows this school year (1 September to 31 August
 * around today); otherwise each is an ISO date, or empty for no limit on that side.
 */
import { REVIEW_KINDS, REVIEW_STATUSES, type ReviewKind, type ReviewListRow, type ReviewStatus } from '../../../../shared/contract';
import { addDays } from '../../../../shared/date-only';
import { isIsoDate } from '../../../../shared/dates';
import { YEAR_GROUPS } from '../../../../shared/domain';

export interface ReviewsFilter {
  readonly from: string | null;
  readonly to: string | null;
  readonly status: ReviewStatus | null;
  readonly kind: ReviewKind | null;
}

export const QUICK_CHOICES = ['year', 'upcoming', 'passed'] as const;
export type QuickChoice = (typeof QUICK_CHOICES)[number];

export const REVIEW_LIST_SORTS = ['date', 'pupil', 'yearGroup', 'kind'] as const;
export type ReviewListSort = (typeof REVIEW_LIST_SORTS)[number];

/** The English school year around `today`: 1 September to 31 August. */
export function schoolYearRange(today: string): { readonly from: string; readonly to: string } {
  const y = Number(today.slice(0, 4));
  const start = Number(today.slice(5, 7)) >= 9 ? y : y - 1;
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
}

export function quickFilter(choice: QuickChoice, today: string, kind: ReviewKind | null): ReviewsFilter {
  switch (choice) {
    case 'year':
      return { ...schoolYearRange(today), status: null, kind };
    case 'upcoming':
      return { from: today, to: null, status: 'planned', kind };
    case 'passed':
      return { from: null, to: addDays(today, -1), status: 'planned', kind };
  }
}

/** Which quick choice the filter is, if any. The kind plays no part; nor does the status for the school year. */
export function quickChoiceOf(f: ReviewsFilter, today: string): QuickChoice | null {
  return (
    QUICK_CHOICES.find((c) => {
      const q = quickFilter(c, today, f.kind);
      return q.from === f.from && q.to === f.to && (c === 'year' || q.status === f.status);
    }) ?? null
  );
}

function dateParam(v: string | null): string | null {
  return v && isIsoDate(v) ? v : null;
}

export function parseReviewsFilter(params: URLSearchParams, today: string): ReviewsFilter {
  const status = params.get('status');
  const kind = params.get('kind');
  const dates =
    params.has('from') || params.has('to')
      ? { from: dateParam(params.get('from')), to: dateParam(params.get('to')) }
      : schoolYearRange(today);
  return {
    ...dates,
    status: (REVIEW_STATUSES as readonly string[]).includes(status ?? '') ? (status as ReviewStatus) : null,
    kind: (REVIEW_KINDS as readonly string[]).includes(kind ?? '') ? (kind as ReviewKind) : null,
  };
}

/** The filter written into `params` (other parameters, such as the sort, are kept). */
export function writeReviewsFilter(params: URLSearchParams, f: ReviewsFilter, today: string): URLSearchParams {
  const next = new URLSearchParams(params);
  const year = schoolYearRange(today);
  if (f.from === year.from && f.to === year.to) {
    next.delete('from');
    next.delete('to');
  } else {
    next.set('from', f.from ?? '');
    next.set('to', f.to ?? '');
  }
  for (const key of ['status', 'kind'] as const) {
    const v = f[key];
    if (v) next.set(key, v);
    else next.delete(key);
  }
  return next;
}

export function filterToInput(f: ReviewsFilter): { from?: string; to?: string; status?: ReviewStatus; kind?: ReviewKind } {
  return {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
  };
}

/** A planned review whose date has gone by: the meeting should be recorded as held (or moved). */
export function needsRecording(row: Pick<ReviewListRow, 'status' | 'date'>, today: string): boolean {
  return row.status === 'planned' && row.date < today;
}

/** Upcoming reviews read soonest first; everything else newest first. Other columns start A to Z. */
export function defaultDirection(sort: ReviewListSort, f: ReviewsFilter, today: string): 'asc' | 'desc' {
  if (sort !== 'date') return 'asc';
  return f.status === 'planned' && f.from !== null && f.from >= today ? 'asc' : 'desc';
}

export function sortReviewRows<R extends ReviewListRow>(
  rows: readonly R[],
  sort: ReviewListSort,
  direction: 'asc' | 'desc',
  kindLabel: (k: ReviewKind) => string,
): R[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = (a: R, b: R) => a.pupilName.localeCompare(b.pupilName, 'en-GB');
  const byDate = (a: R, b: R) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1);
  const years = YEAR_GROUPS as readonly string[];
  const cmp = (a: R, b: R): number => {
    switch (sort) {
      case 'date':
        return sign * byDate(a, b) || byName(a, b);
      case 'pupil':
        return sign * byName(a, b) || -byDate(a, b);
      case 'yearGroup':
        return sign * (years.indexOf(a.yearGroup) - years.indexOf(b.yearGroup)) || byName(a, b) || -byDate(a, b);
      case 'kind':
        return sign * kindLabel(a.kind).localeCompare(kindLabel(b.kind), 'en-GB') || -byDate(a, b) || byName(a, b);
    }
  };
  return [...rows].sort(cmp);
}
