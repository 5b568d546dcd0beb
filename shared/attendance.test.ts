import { describe, expect, it } from 'vitest';
import { sessionOutcome, shareOf, tallyAttendance } from './attendance';

describe('attendance figures (UI handbook: numbers that do not mislead)', () => {
  it('a pending session is not recorded once its date has come, upcoming before; a recorded one is what was recorded', () => {
    expect(sessionOutcome('pending', '2026-11-22', '2026-11-23')).toBe('not_recorded');
    expect(sessionOutcome('pending', '2026-11-23', '2026-11-23')).toBe('not_recorded');
    expect(sessionOutcome('pending', '2026-11-24', '2026-11-23')).toBe('upcoming');
    expect(sessionOutcome('cancelled', '2026-11-30', '2026-11-23')).toBe('cancelled');
    expect(sessionOutcome('attended', '2026-11-02', '2026-11-23')).toBe('attended');
  });

  it('counts not recorded apart from attended and missed, and the sessions due include it', () => {
    const f = tallyAttendance([
      { outcome: 'attended', sessions: 15, minutesBooked: 450, minutesDelivered: 420 },
      { outcome: 'absent', sessions: 2, minutesBooked: 60 },
      { outcome: 'cancelled', cancelledBy: 'school', sessions: 1, minutesBooked: 30 },
      { outcome: 'cancelled', cancelledBy: null, sessions: 2, minutesBooked: 60 },
      { outcome: 'not_recorded', sessions: 31, minutesBooked: 930 },
      { outcome: 'upcoming', sessions: 4, minutesBooked: 120 },
    ]);
    expect(f).toEqual({
      attended: 15,
      absent: 2,
      cancelled: 3,
      cancelledBySchool: 1,
      cancelledByTherapist: 0,
      cancelledByFamily: 2,
      notRecorded: 31,
      upcoming: 4,
      due: 51,
      recorded: 20,
      missed: 5,
      minutesBooked: 1650,
      minutesDelivered: 420,
      minutesNotRecorded: 930,
    });
    // The misleading figure was attended of recorded (75%); of the sessions due it is 29%.
    expect(shareOf(f.attended, f.due)).toEqual({ part: 15, whole: 51, percent: 29 });
    expect(shareOf(0, 0).percent).toBeNull();
  });
});
