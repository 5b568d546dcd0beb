/**
 * The one date-only module (date-only.ts): calendar-day arithmetic that no time zone or clock change can shift.
 * (electron/core/date-only-copies.test.ts checks that no second copy of it is written.)
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWeekdays,
  addYears,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isWeekend,
  mondayOf,
  toDayNumber,
  weekdayOnOrAfter,
  weekdaysBetween,
} from './date-only';

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

  it('adds months and years clamping to a shorter month, as date-fns does, whatever the time zone', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2026-11-23', -3)).toBe('2023-11-23');
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2026, 12)).toBe(31);
    expect(() => addMonths('2026-13', 1)).toThrow(/Not an ISO date/);
  });

  it('knows weekends, the Monday of a week and the next weekday', () => {
    expect(['2026-03-13', '2026-03-14', '2026-03-15', '2026-03-16'].map(isWeekend)).toEqual([false, true, true, false]);
    expect(mondayOf('2026-03-16')).toBe('2026-03-16');
    expect(mondayOf('2026-03-22')).toBe('2026-03-16'); // a Sunday ends the week that began on Monday
    expect(mondayOf('2026-01-01')).toBe('2025-12-29');
    expect(weekdayOnOrAfter('2026-03-14')).toBe('2026-03-16');
    expect(weekdayOnOrAfter('2026-03-13')).toBe('2026-03-13');
  });

  it('adds and counts weekdays (the day itself not counted), across weekends and the clock change', () => {
    expect(addWeekdays('2026-11-20', 2)).toBe('2026-11-24'); // Friday + 2
    expect(addWeekdays('2026-03-27', 1)).toBe('2026-03-30'); // BST starts on Sunday 29 March
    expect(addWeekdays('2026-11-21', 0)).toBe('2026-11-21');
    expect(addWeekdays('2026-11-23', 20)).toBe('2026-12-21');
    expect(weekdaysBetween('2026-11-20', '2026-11-24')).toBe(2);
    expect(weekdaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(weekdaysBetween('2026-11-24', '2026-11-20')).toBe(0);
    expect(weekdaysBetween('2026-11-23', '2026-12-21')).toBe(20);
  });
});
