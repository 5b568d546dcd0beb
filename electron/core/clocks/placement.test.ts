import { describe, expect, it } from 'vitest';
import { fallbackSchoolDay, placementDates, type NamedTerm } from './placement';

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

  it('falls back to 26 calendar weeks when the term dates do not reach far enough, ending on a school day', () => {
    // 12 April 2027 + 26 weeks - 1 day = Sunday 10 October 2027, beyond the known terms: back to Friday 8 October.
    // The midpoint, 12 July 2027 (13 weeks), is a school day in summer 2 and stays.
    const r = placementDates('2027-04-12', TERMS, CLOSURES);
    expect(r).toMatchObject({ calendarGap: true, plannedEndDate: '2027-10-08', midpointDate: '2027-07-12' });
  });

  it('moves a fallback date back over weekends and bank holidays already entered beyond the terms', () => {
    // 29 June 2027 + 181 days = Monday 27 December 2027; 27 and 28 December are bank holidays (Christmas falls on a
    // Saturday), 25 and 26 are the weekend: Friday 24 December. The midpoint (Tuesday 28 September) is a weekday.
    const closures = [
      ...CLOSURES,
      { date: '2027-12-27', kind: 'bank_holiday' as const, name: 'Christmas Day (substitute day)' },
      { date: '2027-12-28', kind: 'bank_holiday' as const, name: 'Boxing Day (substitute day)' },
    ];
    const r = placementDates('2027-06-29', TERMS, closures);
    expect(r).toMatchObject({ calendarGap: true, plannedEndDate: '2027-12-24', midpointDate: '2027-09-28' });
  });

  it('does not count across a missing term, and puts a fallback date in a known holiday on the last school day before it', () => {
    // 2027/28 has its autumn and summer terms entered but not spring: the two terms from autumn 2027 are not known
    // back to back, so the dates fall back. The midpoint (Monday 25 October 2027) is in the October half-term, which
    // the calendar knows: Friday 22 October, the last day of autumn 1. The end (Sunday 23 January 2028) is in the
    // missing spring term, which it does not: back over the weekend to Friday 21 January.
    const gap: NamedTerm[] = [
      ...TERMS,
      { academicYear: '2027/28', name: 'autumn1', startDate: '2027-09-01', endDate: '2027-10-22' },
      { academicYear: '2027/28', name: 'autumn2', startDate: '2027-11-01', endDate: '2027-12-17' },
      { academicYear: '2027/28', name: 'summer1', startDate: '2028-04-17', endDate: '2028-05-26' },
      { academicYear: '2027/28', name: 'summer2', startDate: '2028-06-05', endDate: '2028-07-20' },
    ];
    expect(placementDates('2027-07-26', gap, CLOSURES)).toMatchObject({
      calendarGap: true,
      midpointDate: '2027-10-22',
      plannedEndDate: '2028-01-21',
    });
    // From summer 2027 the two terms are summer and autumn 2027, both entered: counted as usual, ending on the last
    // day of autumn 2 (67 school days of summer, then all of autumn).
    expect(placementDates('2027-04-12', gap, CLOSURES)).toMatchObject({ calendarGap: false, plannedEndDate: '2027-12-17' });
    // With only summer 2028 entered after summer 2027, counting on would end the placement in June 2028.
    const summerOnly = gap.filter((t) => !(t.academicYear === '2027/28' && t.name.startsWith('autumn')));
    expect(placementDates('2027-04-12', summerOnly, CLOSURES)).toMatchObject({
      calendarGap: true,
      plannedEndDate: '2027-10-08',
      midpointDate: '2027-07-12',
    });
  });

  it('moves any date back to a school day by the calendar where it knows the date, else over weekends and closures', () => {
    expect(fallbackSchoolDay('2027-07-12', TERMS, CLOSURES)).toBe('2027-07-12'); // a school day
    expect(fallbackSchoolDay('2027-05-03', TERMS, CLOSURES)).toBe('2027-04-30'); // bank holiday Monday: the Friday
    expect(fallbackSchoolDay('2027-02-17', TERMS, CLOSURES)).toBe('2027-02-12'); // February half-term: the Friday before
    expect(fallbackSchoolDay('2027-01-04', TERMS, CLOSURES)).toBe('2026-12-18'); // INSET day after Christmas: end of autumn
    expect(fallbackSchoolDay('2027-08-14', TERMS, CLOSURES)).toBe('2027-08-13'); // after the last term: Saturday to Friday
    expect(fallbackSchoolDay('2026-08-29', TERMS, CLOSURES)).toBe('2026-08-28'); // before the first term: the same
  });
});
