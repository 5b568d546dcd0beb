import { describe, expect, it } from 'vitest';
import { expandRecurrence, findClashes, plannedSessions, protectedClashes, summariseDelivery, type Booking } from './scheduling';

// Synthetic 2026/27 calendar in the usual English shape: October half-term 26-30 Oct, Christmas, February half-term,
// Easter, the early May bank holiday (Monday 3 May 2027) and an INSET day on Monday 4 January 2027.
const CAL = {
  terms: [
    { startDate: '2026-09-02', endDate: '2026-10-23' },
    { startDate: '2026-11-02', endDate: '2026-12-18' },
    { startDate: '2027-01-04', endDate: '2027-02-12' },
    { startDate: '2027-02-22', endDate: '2027-03-26' },
    { startDate: '2027-04-12', endDate: '2027-05-28' },
    { startDate: '2027-06-07', endDate: '2027-07-21' },
  ],
  closures: [
    { date: '2027-01-04', kind: 'inset' as const, name: 'Staff training' },
    { date: '2027-05-03', kind: 'bank_holiday' as const, name: 'Early May bank holiday' },
  ],
};

describe('recurrence over real term dates', () => {
  it('a weekly session across the October half-term skips the holiday week and keeps its weekday', () => {
    const r = expandRecurrence({ firstDate: '2026-10-13', kind: 'weekly', intervalWeeks: 1, until: '2026-11-10', count: null, exceptions: [] }, CAL);
    expect(r.dates).toEqual(['2026-10-13', '2026-10-20', '2026-11-03', '2026-11-10']);
    expect(r.skipped).toEqual([{ date: '2026-10-27', reason: 'holiday' }]);
    expect(r.calendarGap).toBe(false);
  });

  it('a Monday session skips the bank holiday Monday and the INSET day; a count counts sessions held', () => {
    const r = expandRecurrence({ firstDate: '2027-04-19', kind: 'weekly', intervalWeeks: 1, until: null, count: 4, exceptions: [] }, CAL);
    expect(r.dates).toEqual(['2027-04-19', '2027-04-26', '2027-05-10', '2027-05-17']);
    expect(r.skipped).toEqual([{ date: '2027-05-03', reason: 'closure' }]);
    const jan = expandRecurrence({ firstDate: '2027-01-04', kind: 'weekly', intervalWeeks: 1, until: '2027-01-11', count: null, exceptions: [] }, CAL);
    expect(jan.dates).toEqual(['2027-01-11']);
    expect(jan.skipped).toEqual([{ date: '2027-01-04', reason: 'closure' }]);
  });

  it('leaves out a one-off exception, and fortnightly sessions step two weeks', () => {
    const r = expandRecurrence({ firstDate: '2026-09-07', kind: 'every_n_weeks', intervalWeeks: 2, until: '2026-10-19', count: null, exceptions: ['2026-10-05'] }, CAL);
    expect(r.dates).toEqual(['2026-09-07', '2026-09-21', '2026-10-19']);
    expect(r.skipped).toEqual([{ date: '2026-10-05', reason: 'exception' }]);
  });

  it('a one-off in the holidays is skipped (the service refuses it), and dates past the term dates are flagged', () => {
    expect(expandRecurrence({ firstDate: '2026-12-22', kind: 'none', intervalWeeks: 1, until: null, count: null, exceptions: [] }, CAL)).toEqual({
      dates: [], skipped: [{ date: '2026-12-22', reason: 'holiday' }], calendarGap: false,
    });
    const late = expandRecurrence({ firstDate: '2027-07-14', kind: 'weekly', intervalWeeks: 1, until: '2027-09-08', count: null, exceptions: [] }, CAL);
    expect(late.dates[0]).toBe('2027-07-14');
    expect(late.calendarGap).toBe(true);
  });
});

describe('clashes', () => {
  const b = (over: Partial<Booking>): Booking => ({ sessionId: null, title: 'SALT', date: '2026-11-03', start: '09:30', end: '10:00', practitionerIds: ['t1'], pupilIds: ['p1'], ...over });
  it('names a practitioner or pupil booked twice at overlapping times', () => {
    const existing = [b({ sessionId: 's1', title: 'OT group', start: '09:45', end: '10:15', practitionerIds: ['t2'], pupilIds: ['p1', 'p2'] })];
    expect(findClashes(b({}), existing)).toEqual([{ kind: 'pupil', who: 'p1', with: existing[0] }]);
    expect(findClashes(b({ pupilIds: ['p3'], practitionerIds: ['t2'] }), existing)).toEqual([{ kind: 'practitioner', who: 't2', with: existing[0] }]);
  });
  it('allows back-to-back sessions, other days, and the session itself when moving it', () => {
    const existing = [b({ sessionId: 's1', start: '10:00', end: '10:30' }), b({ sessionId: 's2', date: '2026-11-04' }), b({ sessionId: 's3' })];
    expect(findClashes(b({ sessionId: 's3' }), existing)).toEqual([]);
  });
  it('finds protected lesson times per pupil and per class', () => {
    const times = [
      { pupilId: 'p1', className: null, weekday: 2, start: '09:00', end: '10:00', label: 'Phonics' },
      { pupilId: null, className: '5A', weekday: 2, start: '13:00', end: '14:00', label: 'Swimming' },
    ];
    const classes = new Map([['p1', '5B'], ['p2', '5A']]);
    expect(protectedClashes(b({ pupilIds: ['p1', 'p2'] }), times, classes).map((c) => [c.pupilId, c.time.label])).toEqual([['p1', 'Phonics']]);
    expect(protectedClashes(b({ pupilIds: ['p1', 'p2'], start: '13:30', end: '14:00' }), times, classes).map((c) => [c.pupilId, c.time.label])).toEqual([['p2', 'Swimming']]);
    // 3 November 2026 is a Tuesday (weekday 2); the same time on Wednesday is free.
    expect(protectedClashes(b({ date: '2026-11-04' }), times, classes)).toEqual([]);
  });
});

describe('planned against delivered', () => {
  it('plans sessions from a frequency over school days', () => {
    // 2 x 30 minutes a week over a half-term of 34 school days (a bank holiday week): 13.6 sessions.
    const span = { schoolDays: 34, halfTerms: 1, terms: 0.5, yearFraction: 34 / 190 };
    expect(plannedSessions(2, 'week', span)).toBe(13.6);
    expect(plannedSessions(1, 'fortnight', span)).toBe(3.4);
    expect(plannedSessions(3, 'half_term', span)).toBe(3);
    expect(plannedSessions(1, 'day', span)).toBe(34);
    expect(plannedSessions(38, 'year', span)).toBe(6.8);
  });
  it('adds up delivery with the reasons for what was missed', () => {
    const s = summariseDelivery([
      { attendance: 'attended', cancelledBy: null, deliveredMinutes: 25, scheduledMinutes: 30 },
      { attendance: 'attended', cancelledBy: null, deliveredMinutes: null, scheduledMinutes: 30 },
      { attendance: 'cancelled', cancelledBy: 'family', deliveredMinutes: null, scheduledMinutes: 30 },
      { attendance: 'cancelled', cancelledBy: 'therapist', deliveredMinutes: null, scheduledMinutes: 30 },
      { attendance: 'absent', cancelledBy: null, deliveredMinutes: null, scheduledMinutes: 30 },
      { attendance: 'pending', cancelledBy: null, deliveredMinutes: null, scheduledMinutes: 30 },
    ]);
    expect(s).toEqual({ sessionsDelivered: 2, minutesDelivered: 55, absent: 1, cancelledBySchool: 0, cancelledByTherapist: 1, cancelledByFamily: 1, notRecorded: 1 });
  });
});
