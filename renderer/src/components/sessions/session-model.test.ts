import { describe, expect, it } from 'vitest';
import type { ProvisionFigures, ProvisionLine, SessionPupil, SessionView } from '../../../../shared/contract';
import {
  addMinutesToTime,
  daySummaries,
  holidayBands,
  hoursFigure,
  minutesInWords,
  mondayOf,
  sessionState,
  sortProvision,
  toRecordByPractitioner,
} from './session-model';

const zero: ProvisionFigures = {
  plannedSessions: 0,
  plannedMinutes: 0,
  sessionsDelivered: 0,
  minutesDelivered: 0,
  shortfallMinutes: 0,
  absent: 0,
  cancelledBySchool: 0,
  cancelledByTherapist: 0,
  cancelledByFamily: 0,
  notRecorded: 0,
  minutesNotRecorded: 0,
};
const line = (pupilName: string, short: number): ProvisionLine => ({
  pupilId: pupilName,
  pupilName,
  yearGroup: '3',
  source: 'ehcp',
  sourceId: pupilName,
  description: 'SALT',
  frequency: 'weekly',
  term: { ...zero, shortfallMinutes: short },
  year: { ...zero, shortfallMinutes: short * 2 },
});

describe('session model', () => {
  it('finds the holidays between terms and keeps named closures', () => {
    const bands = holidayBands(
      [
        { startDate: '2026-11-02', endDate: '2026-12-18' },
        { startDate: '2026-09-02', endDate: '2026-10-23' },
      ],
      [
        { date: '2026-11-20', name: 'Staff training', kind: 'inset' },
        { date: '2026-09-02', name: 'Autumn 1', kind: 'term' },
      ],
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

describe('where a session stands', () => {
  const pupil = (attendance: SessionPupil['attendance']): SessionPupil => ({
    pupilId: attendance,
    name: 'P',
    initials: 'P',
    ehcpProvisionId: null,
    ippInterventionId: null,
    attendance,
    cancelledBy: null,
    reason: null,
    deliveredMinutes: null,
    notes: null,
  });
  const session = (
    id: string,
    date: string,
    start: string,
    end: string,
    attendance: SessionPupil['attendance'][],
    who: { id: string; name: string }[],
  ): SessionView => ({
    id,
    seriesId: null,
    title: id,
    discipline: 'speech_language',
    location: null,
    date,
    startTime: start,
    endTime: end,
    durationMinutes: 30,
    practitioners: who,
    pupils: attendance.map(pupil),
    recorded: attendance.every((a) => a !== 'pending'),
    provisionId: null,
  });
  const tess = { id: 't', name: 'Tess Therapist' };
  const olu = { id: 'o', name: 'Olu OT' };
  const now = '2026-11-11T10:00';

  it('is to record once it has ended without every outcome, recorded with them all, cancelled when every place was', () => {
    expect(sessionState(session('a', '2026-11-11', '09:00', '09:30', ['pending'], [tess]), now)).toBe('to_record');
    expect(sessionState(session('b', '2026-11-11', '09:30', '10:00', ['attended', 'pending'], [tess]), now)).toBe('to_record');
    expect(sessionState(session('c', '2026-11-11', '09:45', '10:15', ['pending'], [tess]), now)).toBe('upcoming');
    expect(sessionState(session('d', '2026-11-10', '09:00', '09:30', ['attended', 'absent'], [tess]), now)).toBe('recorded');
    expect(sessionState(session('e', '2026-11-10', '09:00', '09:30', ['cancelled', 'cancelled'], [tess]), now)).toBe('cancelled');
    expect(sessionState(session('f', '2026-11-10', '09:00', '09:30', ['cancelled', 'attended'], [tess]), now)).toBe('recorded');
  });

  it('counts each day for the month view, and lists what is still to record by practitioner, oldest first', () => {
    const list = [
      session('late', '2026-11-10', '13:00', '13:30', ['pending'], [tess]),
      session('early', '2026-11-09', '09:00', '09:30', ['pending'], [tess, olu]),
      session('done', '2026-11-09', '10:00', '10:30', ['attended'], [tess]),
      session('off', '2026-11-10', '10:00', '10:30', ['cancelled'], [olu]),
      session('next', '2026-11-12', '10:00', '10:30', ['pending'], [olu]),
    ];
    expect(daySummaries(list, now)).toEqual([
      { date: '2026-11-09', total: 2, toRecord: 1, cancelled: 0 },
      { date: '2026-11-10', total: 2, toRecord: 1, cancelled: 1 },
      { date: '2026-11-12', total: 1, toRecord: 0, cancelled: 0 },
    ]);
    expect(toRecordByPractitioner(list, now).map((g) => [g.name, g.sessions.map((s) => s.id)])).toEqual([
      ['Olu OT', ['early']],
      ['Tess Therapist', ['early', 'late']],
    ]);
  });
});
