/**
 * The dashboard's worklist (issue 17, item 1): what the signed-in user should do next, grouped by pupil and most
 * urgent first, and the rest of the school's work folded into counts, each of which opens exactly its list. One
 * operation computed in the core with the caller's scope, so it reads the same through the school server and on a
 * connected desk (which fetches it ahead for offline use: electron/connect/connected-desk.ts).
 */
import { z } from 'zod';
import { op } from './define';
import type { ClockKey, Superseded } from '../clock-types';
import type { ClockItem } from '../clock-types';
import type { ClockCounts } from './clocks';
import type { ReviewKind } from './reviews';
import type { YearGroup } from '../domain';

/**
 * How far back a worklist lists sessions still to record: the last 8 weeks (today and the 55 days before it), the
 * window of the calendar's "To record" tab. Earlier ones this school year are counted beside it, not listed.
 */
export const TO_RECORD_DAYS = 56;

export const WORK_KINDS = ['clock', 'action', 'session'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** One thing to do about one pupil. */
export interface WorkItem {
  readonly kind: WorkKind;
  /** The clock item's id (key:record), the review action's id, or the session's id. */
  readonly id: string;
  /** A statutory or policy deadline: which clock, and the record it runs on (for the link). */
  readonly clock: {
    readonly key: ClockKey;
    readonly recordType: ClockItem['recordType'];
    readonly recordId: string;
    readonly supersededBy: Superseded | null;
  } | null;
  /** A review action: what was agreed, and the review it came from. */
  readonly action: {
    readonly description: string;
    readonly reviewId: string;
    readonly reviewKind: ReviewKind;
    readonly reviewDate: string;
  } | null;
  /** A session still to record: its title and start time (the date is dueDate). */
  readonly session: { readonly title: string; readonly startTime: string } | null;
  /** When it is due (a session: the day it took place). */
  readonly dueDate: string;
  /** Due before today and not done (a session to record is always past). */
  readonly overdue: boolean;
}

export interface WorkGroup {
  readonly pupilId: string;
  readonly pupilName: string;
  readonly yearGroup: YearGroup;
  readonly className: string | null;
  /** Most urgent first: overdue before due, the earliest date first; at most ten. */
  readonly items: readonly WorkItem[];
  /** This pupil's further items, beyond those ten. */
  readonly more: number;
}

/** A past session with a pupil whose attendance is not recorded yet. */
export interface SessionToRecord {
  readonly id: string;
  readonly date: string;
  readonly startTime: string;
  readonly title: string;
  readonly discipline: string;
  readonly pupils: readonly { readonly id: string; readonly name: string }[];
  readonly practitionerIds: readonly string[];
}

export interface Worklist {
  readonly today: string;
  /** Whose "Do next" this is: the signed-in user's (the default), or everyone's the user may see. */
  readonly everyone: boolean;
  /** The SENCo, therapy lead and headteacher may look at everyone's. */
  readonly canSeeEveryone: boolean;
  /**
   * Do next: overdue or due within the next 7 days, grouped by pupil, the pupil with the most urgent item first. A
   * session to record is in it while it is in the window (from `toRecordFrom`); earlier ones are counted only.
   */
  readonly groups: readonly WorkGroup[];
  /**
   * The rest, folded into counts: everything the user may see, not only their own. Each count is the length of the
   * list its link opens (the deadlines list by state, the open review actions, the sessions to record, the register
   * filtered to pupils whose EHC plan has golden-thread problems). Null: the role does not read that list.
   */
  readonly counts: {
    readonly clocks: ClockCounts | null;
    readonly goldenThread: { readonly pupils: number; readonly problems: number } | null;
    readonly actions: { readonly open: number; readonly overdue: number } | null;
    /** Sessions to record in the window (from `toRecordFrom`): the list the count opens. */
    readonly sessionsToRecord: number | null;
    /** Sessions still to record earlier this school year, before the window: counted here, not listed. */
    readonly sessionsToRecordEarlier: number | null;
  };
  /** The first day of the sessions-to-record window (TO_RECORD_DAYS days up to today). */
  readonly toRecordFrom: string;
  /** The sessions to record behind that count (the window), most recent first: only with `withSessions`. */
  readonly sessionsToRecord: readonly SessionToRecord[];
}

export const dashboardOps = {
  'dashboard.worklist': op<Worklist>()({
    input: z.object({ everyone: z.boolean().optional(), withSessions: z.boolean().optional() }).strict(),
    access: ['senco', 'therapy_lead', 'therapist', 'headteacher', 'teacher', 'dsl', 'office'],
    kind: 'read',
    audit: true,
  }),
} as const;
