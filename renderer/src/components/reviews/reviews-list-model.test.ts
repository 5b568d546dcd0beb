import { describe, expect, it } from 'vitest';
import type { ReviewListRow } from '../../../../shared/contract';
import {
  defaultDirection,
  filterToInput,
  needsRecording,
  parseReviewsFilter,
  quickChoiceOf,
  quickFilter,
  schoolYearRange,
  sortReviewRows,
  writeReviewsFilter,
} from './reviews-list-model';

const TODAY = '2026-03-14';

function row(over: Partial<ReviewListRow>): ReviewListRow {
  return {
    id: 'r',
    pupilId: 'p',
    pupilName: 'Amara Okafor',
    yearGroup: '4',
    kind: 'plan',
    date: '2026-03-01',
    status: 'held',
    tScore: null,
    decisions: [],
    openActions: 0,
    ...over,
  };
}

describe('reviews list filters', () => {
  it('runs the school year from 1 September to 31 August around today', () => {
    expect(schoolYearRange('2026-03-14')).toEqual({ from: '2025-09-01', to: '2026-08-31' });
    expect(schoolYearRange('2026-09-01')).toEqual({ from: '2026-09-01', to: '2027-08-31' });
    expect(schoolYearRange('2026-08-31')).toEqual({ from: '2025-09-01', to: '2026-08-31' });
  });

  it('shows this school year when the address has no dates, and open-ended sides when a date is empty', () => {
    expect(parseReviewsFilter(new URLSearchParams(''), TODAY)).toEqual({ from: '2025-09-01', to: '2026-08-31', status: null, kind: null });
    expect(parseReviewsFilter(new URLSearchParams('from=&to=2026-03-13&status=planned&kind=band'), TODAY)).toEqual({
      from: null,
      to: '2026-03-13',
      status: 'planned',
      kind: 'band',
    });
    expect(parseReviewsFilter(new URLSearchParams('from=nonsense&to=&status=x&kind=y'), TODAY)).toEqual({
      from: null,
      to: null,
      status: null,
      kind: null,
    });
  });

  it('writes the filter back so that it reads the same, leaving other parameters alone', () => {
    for (const f of [
      quickFilter('year', TODAY, null),
      quickFilter('upcoming', TODAY, 'annual'),
      quickFilter('passed', TODAY, null),
      { from: null, to: null, status: 'held' as const, kind: null },
    ]) {
      const written = writeReviewsFilter(new URLSearchParams('sort=pupil'), f, TODAY);
      expect(written.get('sort')).toBe('pupil');
      expect(parseReviewsFilter(written, TODAY)).toEqual(f);
    }
    expect(
      writeReviewsFilter(new URLSearchParams('from=2026-01-01&to=2026-02-01'), quickFilter('year', TODAY, null), TODAY).toString(),
    ).toBe('');
  });

  it('recognises the quick choices: upcoming is planned from today, passed is planned up to yesterday', () => {
    expect(quickFilter('upcoming', TODAY, null)).toEqual({ from: TODAY, to: null, status: 'planned', kind: null });
    expect(quickFilter('passed', TODAY, 'plan')).toEqual({ from: null, to: '2026-03-13', status: 'planned', kind: 'plan' });
    expect(quickChoiceOf(quickFilter('upcoming', TODAY, 'band'), TODAY)).toBe('upcoming');
    expect(quickChoiceOf({ ...quickFilter('year', TODAY, null), status: 'held' }, TODAY)).toBe('year');
    expect(quickChoiceOf({ ...quickFilter('upcoming', TODAY, null), status: 'held' }, TODAY)).toBeNull();
    expect(quickChoiceOf({ from: '2026-01-01', to: null, status: null, kind: null }, TODAY)).toBeNull();
  });

  it('sends only what is set', () => {
    expect(filterToInput(quickFilter('upcoming', TODAY, null))).toEqual({ from: TODAY, status: 'planned' });
    expect(filterToInput({ from: null, to: null, status: null, kind: null })).toEqual({});
  });

  it('marks planned reviews whose date has passed, not today’s or held ones', () => {
    expect(needsRecording(row({ status: 'planned', date: '2026-03-13' }), TODAY)).toBe(true);
    expect(needsRecording(row({ status: 'planned', date: TODAY }), TODAY)).toBe(false);
    expect(needsRecording(row({ status: 'held', date: '2026-01-01' }), TODAY)).toBe(false);
  });
});

describe('reviews list sorting', () => {
  const rows = [
    row({ id: 'a', pupilName: 'Zac Young', yearGroup: '10', date: '2026-01-10', kind: 'plan' }),
    row({ id: 'b', pupilName: 'Amara Okafor', yearGroup: 'R', date: '2026-03-20', kind: 'annual' }),
    row({ id: 'c', pupilName: 'Ben Carter', yearGroup: '2', date: '2026-02-05', kind: 'band' }),
  ];
  const label = (k: string) =>
    ({ plan: 'Plan review', band: 'Band review', midpoint: 'Provider midpoint review', annual: 'EHC plan annual review' })[k] ?? k;

  it('puts upcoming reviews soonest first and everything else newest first', () => {
    expect(defaultDirection('date', quickFilter('upcoming', TODAY, null), TODAY)).toBe('asc');
    expect(defaultDirection('date', quickFilter('year', TODAY, null), TODAY)).toBe('desc');
    expect(defaultDirection('pupil', quickFilter('year', TODAY, null), TODAY)).toBe('asc');
    expect(sortReviewRows(rows, 'date', 'desc', label).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(sortReviewRows(rows, 'date', 'asc', label).map((r) => r.id)).toEqual(['a', 'c', 'b']);
  });

  it('sorts by pupil, year group in school order, and kind by its words', () => {
    expect(sortReviewRows(rows, 'pupil', 'asc', label).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(sortReviewRows(rows, 'yearGroup', 'asc', label).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(sortReviewRows(rows, 'yearGroup', 'desc', label).map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(sortReviewRows(rows, 'kind', 'asc', label).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });
});
