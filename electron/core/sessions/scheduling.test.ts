import { describe, expect, it } from 'vitest';
import {
  expandRecurrence,
  findClashes,
  nextFreeSlots,
  plannedSessions,
  protectedClashes,
  summariseDelivery,
  type Booking,
  type SlotSearch,
} from './scheduling';

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
    const r = expandRecurrence(
      { firstDate: '2026-10-13', kind: 'weekly', intervalWeeks: 1, until: '2026-11-10', count: null, exceptions: [] },
      CAL,
    );
    expect(r.dates).toEqual(['2026-10-13', '2026-10-20', '2026-11-03', '2026-11-10']);
    expect(r.skipped).toEqual([{ date: '2026-10-27', reason: 'holiday' }]);
    expect(r.calendarGap).toBe(false);
  });

  it('a Monday session skips the bank holiday Monday and the INSET day; a count counts sessions held', () => {
    const r = expandRecurrence({ firstDate: '2027-04-19', kind: 'weekly', intervalWeeks: 1, until: null, count: 4, exceptions: [] }, CAL);
    expect(r.dates).toEqual(['2027-04-19', '2027-04-26', '2027-05-10', '2027-05-17']);
    expect(r.skipped).toEqual([{ date: '2027-05-03', reason: 'closure' }]);
    const jan = expandRecurrence(
      { firstDate: '2027-01-04', kind: 'weekly', intervalWeeks: 1, until: '2027-01-11', count: null, exceptions: [] },
      CAL,
    );
    expect(jan.dates).toEqual(['2027-01-11']);
    expect(jan.skipped).toEqual([{ date: '2027-01-04', reason: 'closure' }]);
  });

  it('leaves out a one-off exception, and fortnightly sessions step two weeks', () => {
    const r = expandRecurrence(
      { firstDate: '2026-09-07', kind: 'every_n_weeks', intervalWeeks: 2, until: '2026-10-19', count: null, exceptions: ['2026-10-05'] },
      CAL,
    );
    expect(r.dates).toEqual(['2026-09-07', '2026-09-21', '2026-10-19']);
    expect(r.skipped).toEqual([{ date: '2026-10-05', reason: 'exception' }]);
  });

  it('a one-off in the holidays is skipped (the service refuses it), and dates past the term dates are flagged', () => {
    expect(
      expandRecurrence({ firstDate: '2026-12-22', kind: 'none', intervalWeeks: 1, until: null, count: null, exceptions: [] }, CAL),
    ).toEqual({
      dates: [],
      skipped: [{ date: '2026-12-22', reason: 'holiday' }],
      calendarGap: false,
    });
    const late = expandRecurrence(
      { firstDate: '2027-07-14', kind: 'weekly', intervalWeeks: 1, until: '2027-09-08', count: null, exceptions: [] },
      CAL,
    );
    expect(late.dates[0]).toBe('2027-07-14');
    expect(late.calendarGap).toBe(true);
  });
});

describe('clashes', () => {
  const b = (over: Partial<Booking>): Booking => ({
    sessionId: null,
    title: 'SALT',
    date: '2026-11-03',
    start: '09:30',
    end: '10:00',
    practitionerIds: ['t1'],
    pupilIds: ['p1'],
    ...over,
  });
  it('names a practitioner or pupil booked twice at overlapping times', () => {
    const existing = [
      b({ sessionId: 's1', title: 'OT group', start: '09:45', end: '10:15', practitionerIds: ['t2'], pupilIds: ['p1', 'p2'] }),
    ];
    expect(findClashes(b({}), existing)).toEqual([{ kind: 'pupil', who: 'p1', with: existing[0] }]);
    expect(findClashes(b({ pupilIds: ['p3'], practitionerIds: ['t2'] }), existing)).toEqual([
      { kind: 'practitioner', who: 't2', with: existing[0] },
    ]);
  });
  it('allows back-to-back sessions, other days, and the session itself when moving it', () => {
    const existing = [
      b({ sessionId: 's1', start: '10:00', end: '10:30' }),
      b({ sessionId: 's2', date: '2026-11-04' }),
      b({ sessionId: 's3' }),
    ];
    expect(findClashes(b({ sessionId: 's3' }), existing)).toEqual([]);
  });
  it('finds protected lesson times per pupil and per class', () => {
    const times = [
      { pupilId: 'p1', className: null, weekday: 2, start: '09:00', end: '10:00', label: 'Phonics' },
      { pupilId: null, className: '5A', weekday: 2, start: '13:00', end: '14:00', label: 'Swimming' },
    ];
    const classes = new Map([
      ['p1', '5B'],
      ['p2', '5A'],
    ]);
    expect(protectedClashes(b({ pupilIds: ['p1', 'p2'] }), times, classes).map((c) => [c.pupilId, c.time.label])).toEqual([
      ['p1', 'Phonics'],
    ]);
    expect(
      protectedClashes(b({ pupilIds: ['p1', 'p2'], start: '13:30', end: '14:00' }), times, classes).map((c) => [c.pupilId, c.time.label]),
    ).toEqual([['p2', 'Swimming']]);
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
    expect(s).toEqual({
      sessionsDelivered: 2,
      minutesDelivered: 55,
      absent: 1,
      cancelledBySchool: 0,
      cancelledByTherapist: 1,
      cancelledByFamily: 1,
      notRecorded: 1,
    });
  });
});

describe('the next free slots', () => {
  const search = (over: Partial<SlotSearch> = {}): SlotSearch => ({
    from: '2026-12-17',
    notBefore: null,
    durationMinutes: 30,
    practitionerIds: ['tess'],
    pupilIds: ['ina'],
    want: 6,
    perDay: 2,
    horizonDays: 42,
    ...over,
  });
  const busy = (date: string, start: string, end: string, who: { practitionerIds?: string[]; pupilIds?: string[] }): Booking => ({
    sessionId: `s-${date}-${start}`,
    title: 'Busy',
    date,
    start,
    end,
    practitionerIds: who.practitionerIds ?? [],
    pupilIds: who.pupilIds ?? [],
  });

  it('skips the Christmas holiday and the INSET day, two a day, each after the last ends, in the school day', () => {
    const slots = nextFreeSlots(search({ from: '2026-12-18' }), CAL, [], [], new Map());
    // Friday 18 December is the last day of term; then nothing until Tuesday 5 January (Monday 4th is an INSET day).
    expect(slots.map((s) => `${s.date} ${s.start}-${s.end}`)).toEqual([
      '2026-12-18 09:00-09:30',
      '2026-12-18 09:30-10:00',
      '2027-01-05 09:00-09:30',
      '2027-01-05 09:30-10:00',
      '2027-01-06 09:00-09:30',
      '2027-01-06 09:30-10:00',
    ]);
    expect(slots.every((s) => !s.calendarGap)).toBe(true);
  });

  it('steps round the practitioner’s and the pupil’s sessions and the pupil’s protected lessons (their own and their class’s)', () => {
    const existing = [
      busy('2026-12-17', '09:00', '09:45', { practitionerIds: ['tess'] }),
      busy('2026-12-17', '10:00', '10:30', { pupilIds: ['ina'] }),
      busy('2026-12-17', '10:00', '11:00', { practitionerIds: ['someone else'], pupilIds: ['another pupil'] }),
    ];
    const protectedTimes = [
      { pupilId: null, className: '5S', weekday: 4, start: '10:30', end: '11:30', label: 'Phonics' },
      { pupilId: 'ina', className: null, weekday: 4, start: '11:30', end: '12:00', label: 'Reading' },
    ];
    const slots = nextFreeSlots(search({ perDay: 3 }), CAL, existing, protectedTimes, new Map([['ina', '5s']]));
    // Thursday 17 December: Tess is busy until 09:45, and 09:45-10:15 would overlap Ina's session at 10:00; then come
    // her class's phonics (10:30-11:30) and her own reading (11:30-12:00). Another pupil's session blocks no one here.
    expect(slots.slice(0, 3).map((s) => `${s.date} ${s.start}`)).toEqual(['2026-12-17 12:00', '2026-12-17 12:30', '2026-12-17 13:00']);
  });

  it('today, not before now (rounded up to the quarter hour); none at all when the day is full', () => {
    expect(nextFreeSlots(search({ notBefore: '14:20', want: 2 }), CAL, [], [], new Map()).map((s) => `${s.date} ${s.start}`)).toEqual([
      '2026-12-17 14:30',
      '2026-12-18 09:00',
    ]);
    expect(nextFreeSlots(search({ notBefore: '15:00', want: 1 }), CAL, [], [], new Map())[0]).toMatchObject({
      date: '2026-12-18',
      start: '09:00',
    });
    const allDay = [
      busy('2026-12-17', '08:00', '16:00', { practitionerIds: ['tess'] }),
      busy('2026-12-18', '08:00', '16:00', { pupilIds: ['ina'] }),
    ];
    expect(nextFreeSlots(search({ horizonDays: 2 }), CAL, allDay, [], new Map())).toEqual([]);
  });

  it('a day outside the term dates entered is offered on a weekday and flagged as not known', () => {
    const slots = nextFreeSlots(search({ from: '2027-08-02', want: 1 }), CAL, [], [], new Map());
    expect(slots).toEqual([{ date: '2027-08-02', start: '09:00', end: '09:30', calendarGap: true }]);
  });
});
