/**
 * Contract for therapy sessions: scheduling (one-off or recurring over the school calendar, with clash checks),
 * the calendar, recording attendance and progress, provision delivered against planned, caseloads, iCalendar.
 */
import { z } from 'zod';
import { op } from './define';
import { id, isoDate, optionalText, text, time } from '../validation';
import { t } from '../i18n';
import { YEAR_GROUPS } from '../domain';
import { timeAfter } from '../dates';
import { daysBetween } from '../date-only';

const discipline = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z_]+$/);

export const ATTENDANCE = ['pending', 'attended', 'absent', 'cancelled'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const CANCELLED_BY = ['school', 'therapist', 'family'] as const;
export type CancelledBy = (typeof CANCELLED_BY)[number];

export const scheduleInput = z
  .object({
    title: text(200),
    discipline,
    location: optionalText(100),
    firstDate: isoDate,
    startTime: time,
    durationMinutes: z.number().int().min(5).max(480),
    recurrence: z.enum(['none', 'weekly', 'every_n_weeks']),
    intervalWeeks: z.number().int().min(1).max(12),
    until: isoDate.nullable(),
    count: z.number().int().min(1).max(200).nullable(),
    exceptions: z.array(isoDate).max(100),
    practitionerIds: z.array(id).min(1).max(2),
    pupils: z
      .array(z.object({ pupilId: id, ehcpProvisionId: id.nullable(), ippInterventionId: id.nullable() }).strict())
      .min(1)
      .max(12),
    /** Booking over a pupil's protected lesson is refused unless the person confirms they have checked it. */
    overrideProtected: z.boolean(),
    /** The school's catalogue provision these sessions deliver (the provision map); null: none. */
    provisionId: id.nullable().default(null),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (timeAfter(v.startTime, v.durationMinutes) === null)
      ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: t('validation.sessionPastMidnight') });
    if (v.recurrence !== 'none' && v.until === null && v.count === null)
      ctx.addIssue({ code: 'custom', path: ['until'], message: t('validation.untilOrCount') });
    if (v.recurrence !== 'none' && v.until !== null && v.until < v.firstDate)
      ctx.addIssue({ code: 'custom', path: ['until'], message: t('validation.endBeforeStart') });
    if (new Set(v.pupils.map((p) => p.pupilId)).size !== v.pupils.length)
      ctx.addIssue({ code: 'custom', path: ['pupils'], message: t('validation.duplicateKey') });
    if (new Set(v.practitionerIds).size !== v.practitionerIds.length)
      ctx.addIssue({ code: 'custom', path: ['practitionerIds'], message: t('validation.duplicateKey') });
  });

export interface SessionPupil {
  readonly pupilId: string;
  readonly name: string;
  readonly initials: string;
  readonly ehcpProvisionId: string | null;
  readonly ippInterventionId: string | null;
  readonly attendance: Attendance;
  readonly cancelledBy: CancelledBy | null;
  readonly reason: string | null;
  readonly deliveredMinutes: number | null;
  readonly notes: string | null;
}

export interface SessionView {
  readonly id: string;
  readonly seriesId: string | null;
  readonly title: string;
  readonly discipline: string;
  readonly location: string | null;
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly durationMinutes: number;
  readonly practitioners: readonly { readonly id: string; readonly name: string }[];
  readonly pupils: readonly SessionPupil[];
  /** 'scheduled' until every pupil is recorded. */
  readonly recorded: boolean;
  /** The school's catalogue provision the session delivers (the booking's choice); null: none. */
  readonly provisionId: string | null;
}

export interface ScheduleResult {
  readonly seriesId: string | null;
  readonly sessions: number;
  readonly dates: readonly string[];
  readonly skipped: readonly { readonly date: string; readonly reason: 'holiday' | 'closure' | 'weekend' | 'exception' }[];
  readonly calendarGap: boolean;
}

export const recordInput = z
  .object({
    sessionId: id,
    pupils: z
      .array(
        z
          .object({
            pupilId: id,
            attendance: z.enum(['attended', 'absent', 'cancelled']),
            cancelledBy: z.enum(CANCELLED_BY).nullable(),
            reason: optionalText(500),
            deliveredMinutes: z.number().int().min(0).max(480).nullable(),
            notes: optionalText(4000),
            goals: z
              .array(
                z
                  .object({
                    ippId: id,
                    goalKey: z.string().min(1).max(64),
                    rating: z.number().int().min(-2).max(2).nullable(),
                    note: optionalText(1000),
                  })
                  .strict(),
              )
              .max(20),
          })
          .strict(),
      )
      .min(1)
      .max(12),
  })
  .strict()
  .superRefine((v, ctx) => {
    v.pupils.forEach((p, i) => {
      if (p.attendance === 'cancelled' && !p.cancelledBy)
        ctx.addIssue({ code: 'custom', path: ['pupils', i, 'cancelledBy'], message: t('validation.cancelledBy') });
      if (p.attendance === 'cancelled' && !p.reason)
        ctx.addIssue({ code: 'custom', path: ['pupils', i, 'reason'], message: t('validation.cancelReason') });
      if (p.attendance !== 'cancelled' && p.cancelledBy)
        ctx.addIssue({ code: 'custom', path: ['pupils', i, 'cancelledBy'], message: t('validation.cancelledOnly') });
      if (p.attendance !== 'attended' && p.deliveredMinutes)
        ctx.addIssue({ code: 'custom', path: ['pupils', i, 'deliveredMinutes'], message: t('validation.deliveredOnlyAttended') });
      p.goals.forEach((g, j) => {
        if (g.rating === null && !g.note)
          ctx.addIssue({ code: 'custom', path: ['pupils', i, 'goals', j, 'note'], message: t('validation.ratingOrNote') });
      });
    });
  });

export interface ProvisionLine {
  readonly pupilId: string;
  readonly pupilName: string;
  readonly yearGroup: string;
  readonly source: 'ehcp' | 'ipp';
  /** The EHC plan provision or plan intervention id. */
  readonly sourceId: string;
  readonly description: string;
  readonly frequency: string;
  readonly term: ProvisionFigures;
  readonly year: ProvisionFigures;
}

export interface ProvisionFigures {
  readonly plannedSessions: number;
  readonly plannedMinutes: number;
  readonly sessionsDelivered: number;
  readonly minutesDelivered: number;
  readonly shortfallMinutes: number;
  readonly absent: number;
  readonly cancelledBySchool: number;
  readonly cancelledByTherapist: number;
  readonly cancelledByFamily: number;
  /** Sessions dated today or earlier with no attendance outcome: neither delivered nor missed (shared/attendance.ts). */
  readonly notRecorded: number;
  /** The minutes booked in those sessions: part of the shortfall that may have been delivered but is not known. */
  readonly minutesNotRecorded: number;
}

export interface ProvisionReport {
  readonly today: string;
  readonly term: { readonly name: string | null; readonly from: string; readonly to: string } | null;
  readonly year: { readonly name: string; readonly from: string; readonly to: string };
  readonly lines: readonly ProvisionLine[];
}

export interface PractitionerCaseload {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  readonly pupils: number;
  readonly weeklyMinutes: number;
  readonly sessionsThisWeek: number;
}

export interface SessionStats {
  /** One bucket per month of the academic year so far: sessions and minutes scheduled against delivered. */
  readonly months: readonly {
    readonly month: string;
    readonly scheduled: number;
    readonly attended: number;
    readonly absent: number;
    readonly cancelled: number;
    /** Sessions dated today or earlier with no attendance outcome: not attended, not missed (shared/attendance.ts). */
    readonly notRecorded: number;
    /** Sessions still to come. */
    readonly upcoming: number;
    readonly minutesScheduled: number;
    readonly minutesDelivered: number;
  }[];
}

/** A time every person chosen is free (sessions.freeSlots). */
export interface FreeSlot {
  readonly date: string;
  readonly start: string;
  readonly end: string;
  /** Outside the term dates entered, so whether school is open that day is not known. */
  readonly calendarGap: boolean;
}

export interface FreeSlots {
  readonly slots: readonly FreeSlot[];
  /** The last date looked at: when there are fewer slots than asked for, none was free up to then. */
  readonly searchedTo: string;
  /** The school day searched, "HH:MM". */
  readonly dayStart: string;
  readonly dayEnd: string;
}

const THERAPY = ['senco', 'therapy_lead', 'therapist'] as const;
/** Teachers and TAs see the timetable of pupils in their classes (notes withheld, see shared/access.ts). */
const READ = ['senco', 'therapy_lead', 'therapist', 'headteacher', 'office', 'teacher'] as const;

export const sessionOps = {
  'sessions.schedule': op<ScheduleResult>()({ input: scheduleInput, access: [...THERAPY, 'office'], kind: 'write', audit: true }),
  'sessions.list': op<readonly SessionView[]>()({
    input: z
      .object({ from: isoDate, to: isoDate, practitionerId: id.optional(), pupilId: id.optional(), discipline: discipline.optional() })
      .strict()
      .refine((v) => v.to >= v.from, { error: () => t('validation.endBeforeStart'), path: ['to'] })
      .refine((v) => daysBetween(v.from, v.to) <= 62, { error: () => t('validation.rangeTooLong'), path: ['to'] }),
    access: READ,
    kind: 'read',
    audit: true,
  }),
  /** The next times the practitioners and pupils chosen are all free: school days, protected lessons and clashes respected. */
  'sessions.freeSlots': op<FreeSlots>()({
    input: z
      .object({
        practitionerIds: z.array(id).min(1).max(2),
        pupilIds: z.array(id).max(12),
        durationMinutes: z.number().int().min(5).max(480),
        from: isoDate.nullable(),
      })
      .strict(),
    access: [...THERAPY, 'office'],
    kind: 'read',
    audit: true,
  }),
  'sessions.get': op<SessionView>()({ input: z.object({ id }).strict(), access: THERAPY, kind: 'read', audit: true }),
  'sessions.move': op<SessionView>()({
    input: z.object({ id, date: isoDate, startTime: time, overrideProtected: z.boolean() }).strict(),
    access: [...THERAPY, 'office'],
    kind: 'write',
    audit: true,
  }),
  'sessions.record': op<SessionView>()({ input: recordInput, access: THERAPY, kind: 'write', audit: true }),
  'sessions.protected.list': op<
    readonly {
      readonly id: string;
      readonly pupilId: string | null;
      readonly className: string | null;
      readonly weekday: number;
      readonly start: string;
      readonly end: string;
      readonly label: string;
    }[]
  >()({
    input: z.object({ pupilId: id.optional(), className: z.string().max(40).optional() }).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: true,
  }),
  'sessions.protected.save': op<{ readonly id: string }>()({
    input: z
      .object({
        id: id.nullable(),
        pupilId: id.nullable(),
        className: optionalText(40),
        weekday: z.number().int().min(1).max(5),
        start: time,
        end: time,
        label: text(100),
        remove: z.boolean(),
      })
      .strict()
      .refine((v) => (v.pupilId === null) !== (v.className === null), { error: () => t('validation.pupilOrClass'), path: ['className'] })
      .refine((v) => v.end > v.start, { error: () => t('validation.endBeforeStart'), path: ['end'] }),
    access: ['senco', 'therapy_lead', 'office'],
    kind: 'write',
    audit: true,
  }),
  'provision.delivered': op<ProvisionReport>()({
    input: z.object({ pupilId: id.optional(), yearGroup: z.enum(YEAR_GROUPS).optional() }).strict(),
    access: ['senco', 'therapy_lead', 'headteacher'],
    kind: 'read',
    audit: true,
  }),
  'practitioners.caseload': op<readonly PractitionerCaseload[]>()({
    input: z.object({}).strict(),
    access: ['senco', 'therapy_lead', 'headteacher'],
    kind: 'read',
    audit: false,
  }),
  'sessions.stats': op<SessionStats>()({
    input: z
      .object({ pupilId: id.optional(), practitionerId: id.optional() })
      .strict()
      .refine((v) => (v.pupilId === undefined) !== (v.practitionerId === undefined), {
        error: () => t('validation.pupilOrPractitioner'),
        path: ['pupilId'],
      }),
    access: THERAPY,
    kind: 'read',
    audit: true,
  }),
  'sessions.ics': op<{ readonly filename: string; readonly ics: string; readonly events: number }>()({
    input: z
      .object({ practitionerId: id, from: isoDate, to: isoDate })
      .strict()
      .refine((v) => v.to >= v.from, { error: () => t('validation.endBeforeStart'), path: ['to'] })
      .refine((v) => daysBetween(v.from, v.to) <= 366, { error: () => t('validation.rangeYear'), path: ['to'] }),
    access: [...THERAPY],
    kind: 'read',
    audit: true,
  }),
} as const;
