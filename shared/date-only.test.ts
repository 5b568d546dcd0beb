/**
 * The one date-only module (date-only.ts): calendar-day arithmetic that no time zone or clock change can shift.
 * (electron/core/date-only-copies.test.ts checks that no second copy of it is written.)
 */
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, daysBetween, fromDayNumber, toDayNumber } from './date-only';

describe('date-only', () => {
  it('adds days across months, years, leap days and the clock changes', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // BST starts on 29 March 2026
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26'); // and ends on 25 October
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
  });

  it('counts days between dates, negative when the second is earlier, and NaN for what is not a date', () => {
    expect(daysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-11-23', '2026-06-10')).toBe(-166);
    expect(daysBetween('', '2026-06-10')).toBeNaN();
  });

  it('gives the day of the week, 0 for Sunday', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2026-03-14')).toBe(6);
    expect(dayOfWeek('2026-03-15')).toBe(0);
    expect(dayOfWeek('2026-03-16')).toBe(1);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });

  it('turns dates into day numbers and back, and refuses what is not an ISO date', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(toDayNumber('2026-03-14'))).toBe('2026-03-14');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    expect(() => toDayNumber('14/03/2026')).toThrow(/Not an ISO date/);
  });
});
