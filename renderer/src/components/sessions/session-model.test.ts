import { describe, expect, it } from 'vitest';
import type { ProvisionFigures, ProvisionLine } from '../../../../shared/contract';
import { addMinutesToTime, holidayBands, hoursFigure, minutesInWords, mondayOf, sortProvision } from './session-model';

const zero: ProvisionFigures = {
  plannedSessions: 0, plannedMinutes: 0, sessionsDelivered: 0, minutesDelivered: 0, shortfallMinutes: 0,
  absent: 0, cancelledBySchool: 0, cancelledByTherapist: 0, cancelledByFamily: 0, notRecorded: 0, minutesNotRecorded: 0,
};
const line = (pupilName: string, short: number): ProvisionLine => ({
  pupilId: pupilName, pupilName, yearGroup: '3', source: 'ehcp', sourceId: pupilName, description: 'SALT', frequency: 'weekly',
  term: { ...zero, shortfallMinutes: short }, year: { ...zero, shortfallMinutes: short * 2 },
});

describe('session model', () => {
  it('finds the holidays between terms and keeps named closures', () => {
    const bands = holidayBands(
      [{ startDate: '2026-11-02', endDate: '2026-12-18' }, { startDate: '2026-09-02', endDate: '2026-10-23' }],
      [{ date: '2026-11-20', name: 'Staff training', kind: 'inset' }, { date: '2026-09-02', name: 'Autumn 1', kind: 'term' }],
      () => 'School holiday',
    );
    expect(bands).toEqual([
      { start: '2026-10-24', end: '2026-11-01', name: 'School holiday', kind: 'holiday' },
      { start: '2026-11-20', end: '2026-11-20', name: 'Staff training', kind: 'closure' },
    ]);
  });

  it('says minutes in words and hours as a figure', () => {
    expect(minutesInWords(0)).toBe('None');
    expect(minutesInWords(30)).toBe('30 minutes');
    expect(minutesInWords(60)).toBe('1 hour');
    expect(minutesInWords(324)).toBe('5 hours 24 minutes');
    expect(hoursFigure(324)).toBe('5.4');
    expect(hoursFigure(120)).toBe('2');
  });

  it('does time and week arithmetic', () => {
    expect(addMinutesToTime('09:45', 30)).toBe('10:15');
    expect(mondayOf('2026-10-29')).toBe('2026-10-26');
    expect(mondayOf('2026-10-26')).toBe('2026-10-26');
  });

  it('sorts by shortfall, largest first, then by name', () => {
    const rows = [line('Cara', 30), line('Amara', 90), line('Bilal', 30)];
    expect(sortProvision(rows, 'term', 'shortfall', 'desc').map((l) => l.pupilName)).toEqual(['Amara', 'Bilal', 'Cara']);
    expect(sortProvision(rows, 'year', 'pupil', 'asc').map((l) => l.pupilName)).toEqual(['Amara', 'Bilal', 'Cara']);
  });
});
