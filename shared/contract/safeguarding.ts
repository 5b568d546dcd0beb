/**
 * The safeguarding hand-off (issue 9; seed policy 12: "reported immediately to the DSL and recorded timely on
 * CPOMS"). Anyone raises a concern in a few fields; the DSL is alerted at once, acknowledges it, records that it was
 * logged on CPOMS (or the school's system) with its reference, and closes the hand-off. SENCo Desk is not a second
 * child-protection file: it keeps the minimum, and the concern's text is visible only to the DSL and the person
 * who raised it.
 */
import { z } from 'zod';
import { t } from '../i18n';
import { id, optionalText, text } from '../validation';
import { op } from './define';

export const CONCERN_STATUSES = ['raised', 'acknowledged', 'closed'] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];

/** A local date and time, "2026-11-23T14:05" (what was seen or said, when). */
export const localDateTime = z
  .string()
  .max(40)
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: () => t('validation.dateTime') })
  .refine((v) => !Number.isNaN(Date.parse(`${v}:00Z`)), { error: () => t('validation.dateTime') });

export const concernInput = z
  .object({
    pupilId: id,
    /** When it was seen or said. */
    happenedAt: localDateTime,
    /** What was seen or said: facts, not opinions. */
    what: text(4000),
    /** The child's own words, exactly as said, if they said anything. */
    childWords: optionalText(2000),
  })
  .strict();

export interface Concern {
  readonly id: string;
  readonly pupilId: string;
  readonly pupilName: string;
  readonly yearGroup: string;
  readonly raisedBy: string;
  readonly raisedByUserId: string | null;
  readonly raisedAt: string;
  readonly happenedAt: string;
  readonly status: ConcernStatus;
  /** The text: present for the DSL and the person who raised it, null for anyone else. */
  readonly what: string | null;
  readonly childWords: string | null;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedBy: string | null;
  readonly cpomsReference: string | null;
  readonly closedAt: string | null;
  readonly closedBy: string | null;
  /** Not acknowledged within the same working day (the end of the school day it was raised on, or the next). */
  readonly overdue: boolean;
  readonly acknowledgeBy: string;
}

export interface ConcernAlerts {
  readonly open: number;
  readonly unacknowledged: number;
  readonly overdue: number;
  /** The newest unacknowledged concern's time, so the app can tell a new one from one already shown. */
  readonly newestRaisedAt: string | null;
}

export const safeguardingOps = {
  /** Any signed-in user, about any pupil (record scope does not apply). */
  'safeguarding.raise': op<Concern>()({ input: concernInput, access: 'signed_in', kind: 'write', audit: true, scoped: false }),
  /** The DSL: every concern. Anyone else: the concerns they raised themselves (and their status). */
  'safeguarding.list': op<readonly Concern[]>()({
    input: z.object({ status: z.enum(CONCERN_STATUSES).optional(), pupilId: id.optional() }).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: true,
    scoped: false,
  }),
  'safeguarding.alerts': op<ConcernAlerts>()({ input: z.object({}).strict(), access: ['dsl'], kind: 'read', audit: false, passive: true }),
  'safeguarding.acknowledge': op<Concern>()({ input: z.object({ id }).strict(), access: ['dsl'], kind: 'write', audit: true }),
  'safeguarding.close': op<Concern>()({
    input: z
      .object({
        id,
        /** The system it was logged on ("CPOMS", "MyConcern") and its reference there. */
        system: text(40),
        reference: text(60),
      })
      .strict(),
    access: ['dsl'],
    kind: 'write',
    audit: true,
  }),
} as const;
