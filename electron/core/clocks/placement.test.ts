import { describe, expect, it } from 'vitest';
import { placementDates, type NamedTerm } from './placement';

// A realistic English calendar (synthetic): 2026/27 with half-terms, an INSET day and the early May bank holiday.
const TERMS: NamedTerm[] = [
  { academicYear: '2026/27', name: 'autumn1', startDate: '2026-09-02', endDate: '2026-10-23' },
  { academicYear: '2026/27', name: 'autumn2', startDate: '2026-11-02', endDate: '2026-12-18' },
  { academicYear: '2026/27', name: 'spring1', startDate: '2027-01-05', endDate: '2027-02-12' },
  { academicYear: '2026/27', name: 'spring2', startDate: '2027-02-22', endDate: '2027-03-26' },
  { academicYear: '2026/27', name: 'summer1', startDate: '2027-04-12', endDate: '2027-05-28' },
  { academicYear: '2026/27', name: 'summer2', startDate: '2027-06-07', endDate: '2027-07-21' },
];
const CLOSURES = [
  { date: '2027-01-04', kind: 'inset' as const, name: 'Staff training' },
  { date: '2027-05-03', kind: 'bank_holiday' as const, name: 'Early May bank holiday' },
];

describe('two-term placements', () => {
  it('starting on the first day of spring ends on the last day of summer, the midpoint half way in school days', () => {
    // Spring: 5 Jan-12 Feb (6 weeks less 1 day = 29 days) + 22 Feb-26 Mar (5 weeks = 25) = 54.
    // Summer: 12 Apr-28 May (7 weeks = 35, less the bank holiday = 34) + 7 Jun-21 Jul (6 weeks + 3 days = 33) = 67.
    // N = 121: the 121st school day from 5 January is 21 July; the 61st is the midpoint.
    const r = placementDates('2027-01-05', TERMS, CLOSURES);
    expect(r).toMatchObject({ schoolDays: 121, plannedEndDate: '2027-07-21', calendarGap: false });
    // Day 54 is 26 March; days 55-61 are 12-20 April (7 school days): 20 April.
    expect(r.midpointDate).toBe('2027-04-20');
  });

  it('starting mid-term ends mid-term two terms later, skipping holidays', () => {
    // Starts Monday 16 November (autumn 2). Autumn: 2 Sep-23 Oct = 38 school days, 2 Nov-18 Dec = 35: 73.
    // Spring = 54, so N = 127. From 16 Nov: 25 days to 18 Dec, 54 in spring, then 48 more into summer 1.
    // Summer 1 without the bank holiday: the 48th school day from 12 April runs past 28 May (34 days) into summer 2:
    // 14 more from 7 June = 24 June.
    const r = placementDates('2026-11-16', TERMS, CLOSURES);
    expect(r.schoolDays).toBe(127);
    expect(r.plannedEndDate).toBe('2027-06-24');
    expect(r.calendarGap).toBe(false);
  });

  it('starting in a holiday counts from the next school day', () => {
    // 26 October is in the autumn half-term: the placement runs for autumn + spring = 73 + 54 = 127 school days
    // from 2 November: 35 in autumn 2, 54 in spring (89), 34 in summer 1 (123), then 7-10 June: 10 June.
    const r = placementDates('2026-10-26', TERMS, CLOSURES);
    expect(r).toMatchObject({ schoolDays: 127, plannedEndDate: '2027-06-10', calendarGap: false });
  });

  it('falls back to 26 calendar weeks when the term dates do not reach far enough', () => {
    const r = placementDates('2027-04-12', TERMS, CLOSURES);
    expect(r).toMatchObject({ calendarGap: true, plannedEndDate: '2027-10-10', midpointDate: '2027-07-12' });
  });
});
