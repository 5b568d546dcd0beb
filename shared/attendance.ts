/**
 * The one place attendance and delivery figures are counted, for every screen and print that shows them (the review
 * pack, provision delivered, session statistics, the progress charts, the record export, the parent summary).
 *
 * UI handbook, "Numbers that do not mislead": a session whose date has come and which has no attendance outcome is
 * "not recorded", its own figure: never counted as attended, never as missed (absent or cancelled). A session still
 * to come is "upcoming" and is not due yet. A percentage always names what it is a percentage of: `shareOf` returns
 * the part, the whole and the percentage together, and the words that print it say both.
 */

/** What became of one pupil's place in one session. */
export type SessionOutcome = 'attended' | 'absent' | 'cancelled' | 'not_recorded' | 'upcoming';

/**
 * The outcome of a pupil's place in a session from its stored attendance ('pending' until recorded) and its date:
 * a pending session dated today or earlier is not recorded; a later one is upcoming. A session cancelled ahead of
 * its date is cancelled, whatever the date.
 */
export function sessionOutcome(attendance: string, date: string, today: string): SessionOutcome {
  if (attendance === 'attended' || attendance === 'absent' || attendance === 'cancelled') return attendance;
  return date > today ? 'upcoming' : 'not_recorded';
}

/** A count of sessions (or one session) with one outcome, as a query groups them. */
export interface OutcomeCount {
  readonly outcome: SessionOutcome;
  /** For a cancelled session: who cancelled it (school, therapist, family); anything else counts as family. */
  readonly cancelledBy?: string | null;
  readonly sessions: number;
  /** Minutes booked for these sessions (their scheduled length). */
  readonly minutesBooked?: number;
  /** Minutes delivered (attended sessions only: the minutes recorded, else the scheduled length). */
  readonly minutesDelivered?: number;
}

export interface AttendanceFigures {
  readonly attended: number;
  readonly absent: number;
  readonly cancelled: number;
  readonly cancelledBySchool: number;
  readonly cancelledByTherapist: number;
  readonly cancelledByFamily: number;
  /** Sessions whose date has come with no attendance outcome. */
  readonly notRecorded: number;
  /** Sessions still to come, with no outcome yet. */
  readonly upcoming: number;
  /** Sessions whose date has come (or which were cancelled ahead): attended + absent + cancelled + not recorded. */
  readonly due: number;
  /** Sessions with an outcome recorded: attended + absent + cancelled. */
  readonly recorded: number;
  /** Missed: absent or cancelled (not the ones not recorded). */
  readonly missed: number;
  readonly minutesBooked: number;
  readonly minutesDelivered: number;
  /** Minutes booked in sessions not recorded: delivery that may have happened but is not known. */
  readonly minutesNotRecorded: number;
}

export function tallyAttendance(counts: Iterable<OutcomeCount>): AttendanceFigures {
  let attended = 0;
  let absent = 0;
  let school = 0;
  let therapist = 0;
  let family = 0;
  let notRecorded = 0;
  let upcoming = 0;
  let minutesBooked = 0;
  let minutesDelivered = 0;
  let minutesNotRecorded = 0;
  for (const c of counts) {
    const n = c.sessions;
    minutesBooked += c.minutesBooked ?? 0;
    switch (c.outcome) {
      case 'attended':
        attended += n;
        minutesDelivered += c.minutesDelivered ?? 0;
        break;
      case 'absent':
        absent += n;
        break;
      case 'cancelled':
        if (c.cancelledBy === 'school') school += n;
        else if (c.cancelledBy === 'therapist') therapist += n;
        else family += n;
        break;
      case 'not_recorded':
        notRecorded += n;
        minutesNotRecorded += c.minutesBooked ?? 0;
        break;
      case 'upcoming':
        upcoming += n;
        break;
    }
  }
  const cancelled = school + therapist + family;
  return {
    attended,
    absent,
    cancelled,
    cancelledBySchool: school,
    cancelledByTherapist: therapist,
    cancelledByFamily: family,
    notRecorded,
    upcoming,
    due: attended + absent + cancelled + notRecorded,
    recorded: attended + absent + cancelled,
    missed: absent + cancelled,
    minutesBooked,
    minutesDelivered,
    minutesNotRecorded,
  };
}

/** A part of a whole, with its percentage (whole numbers; null when the whole is nothing). */
export interface Share {
  readonly part: number;
  readonly whole: number;
  readonly percent: number | null;
}

export function shareOf(part: number, whole: number): Share {
  return { part, whole, percent: whole > 0 ? Math.round((100 * part) / whole) : null };
}
