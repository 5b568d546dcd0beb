import { addMonths } from 'date-fns';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addCalendarWeeks,
  addDays,
  addMonthsClamped,
  addPeriod,
  addSchoolWeeks,
  coversDate,
  dayOfWeek,
  isSchoolDay,
  lastSchoolDayOnOrBefore,
} from './calendar';
import { CALENDAR } from './test-fixtures';

describe('isSchoolDay and coversDate', () => {
  it('knows term days, weekends, holidays and closures', () => {
    expect(isSchoolDay('2026-09-02', CALENDAR)).toBe(true); // first day pupils are in, 2026/27
    expect(isSchoolDay('2026-09-01', CALENDAR)).toBe(false); // INSET day
    expect(isSchoolDay('2026-10-23', CALENDAR)).toBe(false); // INSET day before half-term
    expect(isSchoolDay('2026-10-28', CALENDAR)).toBe(false); // October half-term
    expect(isSchoolDay('2026-11-12', CALENDAR)).toBe(false); // closure
    expect(isSchoolDay('2027-05-03', CALENDAR)).toBe(false); // bank holiday
    expect(isSchoolDay('2027-03-13', CALENDAR)).toBe(false); // Saturday in term
    expect(isSchoolDay('2027-07-21', CALENDAR)).toBe(true); // last day of the year (inclusive end)
    expect(isSchoolDay('2027-07-22', CALENDAR)).toBe(false);
  });

  it('covers the span from the first term start to the last term end, holidays included', () => {
    expect(coversDate('2025-09-01', CALENDAR)).toBe(true);
    expect(coversDate('2025-08-31', CALENDAR)).toBe(false);
    expect(coversDate('2026-08-10', CALENDAR)).toBe(true); // summer holiday between two known years
    expect(coversDate('2027-07-21', CALENDAR)).toBe(true);
    expect(coversDate('2027-07-22', CALENDAR)).toBe(false);
    expect(coversDate('2026-01-01', { terms: [], closures: [] })).toBe(false);
  });

  it('day of week is right', () => {
    expect(dayOfWeek('2026-09-01')).toBe(2); // Tuesday
    expect(dayOfWeek('2027-03-13')).toBe(6);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-28')).toBe(0);
  });
});

describe('addSchoolWeeks', () => {
  it('counts a mid-term joiner across October half-term, an INSET day and a closure', () => {
    // Joined Wed 7 Oct 2026; 6 school weeks = the 30th school day after (7 Oct itself not counted):
    //  8-9 Oct: 1-2; 12-16 Oct: 3-7; 19-22 Oct: 8-11 (Fri 23 Oct INSET); half-term 24 Oct - 1 Nov;
    //  2-6 Nov: 12-16; 9-13 Nov less Thu 12 (closure): 17-20; 16-20 Nov: 21-25; 23-27 Nov: 26-30 → Fri 27 Nov 2026.
    expect(addSchoolWeeks('2026-10-07', 6, CALENDAR)).toEqual({ date: '2026-11-27', calendarGap: false });
  });

  it('crosses the summer holiday into the next known year', () => {
    // Wed 1 Jul 2026: 2-3 Jul: 1-2; 6-10: 3-7; 13-17: 8-12; 20-22: 13-15; summer; Tue 1 Sep INSET;
    // 2-4 Sep: 16-18; 7-11: 19-23; 14-18: 24-28; Mon 21: 29; Tue 22 Sep: 30.
    expect(addSchoolWeeks('2026-07-01', 6, CALENDAR)).toEqual({ date: '2026-09-22', calendarGap: false });
  });

  it('does not count `from`, even when it is a school day', () => {
    // Mon 8 Mar 2027 + 1 school week = Mon 15 Mar (9-12 Mar: 1-4, 15 Mar: 5).
    expect(addSchoolWeeks('2027-03-08', 1, CALENDAR).date).toBe('2027-03-15');
    // From a Saturday: Mon-Fri the next week.
    expect(addSchoolWeeks('2027-03-06', 1, CALENDAR).date).toBe('2027-03-12');
  });

  it('falls back to calendar weeks with calendarGap when the count runs past the known term dates', () => {
    // Mon 21 Jun 2027: only 22 school days remain before 21 Jul → 21 Jun + 42 days = Mon 2 Aug 2027.
    expect(addSchoolWeeks('2027-06-21', 6, CALENDAR)).toEqual({ date: '2027-08-02', calendarGap: true });
    // From before the first known term.
    expect(addSchoolWeeks('2025-06-02', 2, CALENDAR)).toEqual({ date: '2025-06-16', calendarGap: true });
    // No calendar at all.
    expect(addSchoolWeeks('2026-10-07', 6, { terms: [], closures: [] })).toEqual({ date: '2026-11-18', calendarGap: true });
  });

  it('counts backwards for negative weeks', () => {
    // 10 school days before Wed 4 Nov 2026: 3 Nov 1, 2 Nov 2, (half-term, Fri 23 Oct INSET) 22-19 Oct 3-6,
    // 16-13 Oct 7-10 → Tue 13 Oct 2026.
    expect(addSchoolWeeks('2026-11-04', -2, CALENDAR)).toEqual({ date: '2026-10-13', calendarGap: false });
    // Back past the first known term start: calendar weeks.
    expect(addSchoolWeeks('2025-09-05', -2, CALENDAR)).toEqual({ date: '2025-08-22', calendarGap: true });
  });

  it('zero weeks is the start date', () => {
    expect(addSchoolWeeks('2026-10-28', 0, CALENDAR)).toEqual({ date: '2026-10-28', calendarGap: false });
  });
});

describe('calendar weeks and months', () => {
  it('adds calendar weeks across month and year ends', () => {
    expect(addCalendarWeeks('2026-12-23', 2)).toBe('2027-01-06');
    expect(addCalendarWeeks('2026-11-04', -2)).toBe('2026-10-21');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('clamps months like date-fns addMonths', () => {
    expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonthsClamped('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonthsClamped('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsClamped('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonthsClamped('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonthsClamped('2025-12-03', 12)).toBe('2026-12-03');
  });

  it('agrees with date-fns addMonths over a range of dates', () => {
    const pad = (n: number): string => String(n).padStart(2, '0');
    for (let day = 0; day < 800; day += 7) {
      const iso = addDays('2024-01-01', day);
      for (const n of [1, 3, 6, 12, 13, -1]) {
        const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
        const r = addMonths(new Date(y, m - 1, d, 12), n); // local noon: safe from DST edges
        expect(addMonthsClamped(iso, n)).toBe(`${r.getFullYear()}-${pad(r.getMonth() + 1)}-${pad(r.getDate())}`);
      }
    }
  });
});

describe('lastSchoolDayOnOrBefore', () => {
  it('keeps a school day', () => {
    expect(lastSchoolDayOnOrBefore('2027-03-10', CALENDAR)).toBe('2027-03-10');
  });
  it('moves a summer-holiday date to the last day of the summer term', () => {
    expect(lastSchoolDayOnOrBefore('2026-08-10', CALENDAR)).toBe('2026-07-22');
  });
  it('moves a half-term date past the INSET day before half-term', () => {
    expect(lastSchoolDayOnOrBefore('2026-10-28', CALENDAR)).toBe('2026-10-22');
  });
  it('moves a bank holiday and a weekend', () => {
    expect(lastSchoolDayOnOrBefore('2027-05-03', CALENDAR)).toBe('2027-04-30');
    expect(lastSchoolDayOnOrBefore('2027-03-14', CALENDAR)).toBe('2027-03-12');
    expect(lastSchoolDayOnOrBefore('2027-01-04', CALENDAR)).toBe('2026-12-18'); // INSET after Christmas
  });
  it('outside the known calendar only skips weekends', () => {
    expect(lastSchoolDayOnOrBefore('2028-01-12', CALENDAR)).toBe('2028-01-12');
    expect(lastSchoolDayOnOrBefore('2028-01-16', CALENDAR)).toBe('2028-01-14');
    expect(lastSchoolDayOnOrBefore('2024-12-25', CALENDAR)).toBe('2024-12-25');
    expect(lastSchoolDayOnOrBefore('2027-08-07', { terms: [], closures: [] })).toBe('2027-08-06');
  });
});

describe('addPeriod', () => {
  it('dispatches on the unit', () => {
    expect(addPeriod('2026-10-07', 6, 'school_weeks', CALENDAR)).toEqual({ date: '2026-11-27', calendarGap: false });
    expect(addPeriod('2026-10-07', 6, 'calendar_weeks', CALENDAR)).toEqual({ date: '2026-11-18', calendarGap: false });
    expect(addPeriod('2024-02-29', 12, 'months', CALENDAR)).toEqual({ date: '2025-02-28', calendarGap: false });
  });
});

describe('time zones', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  for (const tz of ['Europe/London', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
    it(`gives the same dates in ${tz}`, () => {
      process.env.TZ = tz;
      if (tz === 'America/New_York') expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(300); // TZ took effect
      expect(addSchoolWeeks('2026-10-07', 6, CALENDAR).date).toBe('2026-11-27');
      expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
      expect(addCalendarWeeks('2026-03-22', 1)).toBe('2026-03-29'); // across the UK clocks change (29 Mar 2026)
      expect(addCalendarWeeks('2026-10-21', 1)).toBe('2026-10-28'); // across 25 Oct 2026
      expect(lastSchoolDayOnOrBefore('2026-10-28', CALENDAR)).toBe('2026-10-22');
      expect(isSchoolDay('2026-11-12', CALENDAR)).toBe(false);
      expect(dayOfWeek('2026-03-29')).toBe(0);
    });
  }
});
