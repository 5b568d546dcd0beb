import { describe, expect, it } from 'vitest';
import { isWeekendInput, mapDayErrors, newDayRow } from './calendar-rows';

describe('closure-day rows', () => {
  it('gives each row its own key and copies a saved day', () => {
    const a = newDayRow();
    const b = newDayRow({ date: '2026-09-01', kind: 'bank_holiday', name: 'Test' });
    expect(a.key).not.toBe(b.key);
    expect(a).toMatchObject({ date: null, kind: 'inset', name: '' });
    expect(b).toMatchObject({ date: '2026-09-01', kind: 'bank_holiday', name: 'Test' });
  });

  it('maps the server messages for days.N onto the rows sent', () => {
    const rows = [newDayRow(), newDayRow(), newDayRow()];
    const mapped = mapDayErrors(
      { 'days.1.date': 'Outside the year', 'days.2.name': 'Required', 'days.9.date': 'x', academicYear: 'y' },
      rows,
    );
    expect(mapped).toEqual({ [`${rows[1]!.key}.date`]: 'Outside the year', [`${rows[2]!.key}.name`]: 'Required' });
  });

  it('knows weekends', () => {
    expect(isWeekendInput('2026-11-21')).toBe(true); // Saturday
    expect(isWeekendInput('2026-11-22')).toBe(true); // Sunday
    expect(isWeekendInput('2026-11-23')).toBe(false); // Monday
    expect(isWeekendInput(null)).toBe(false);
    expect(isWeekendInput('invalid')).toBe(false);
  });
});
