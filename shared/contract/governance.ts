/**
 * Complaints and feedback, and the policy review reminder (issue 9; seed policy 12-13). Complaints follow the
 * policy's route: to the SENCo first, then the school's formal complaints procedure; each records when it was
 * received, acknowledged, responded to, escalated and closed. Feedback from pupils, parents and staff is logged. The
 * governors' report counts them without names. The therapy policy's next review date shows on the dashboard.
 */
import { z } from 'zod';
import { t, type I18nKey, type I18nKeyUnder } from '../i18n';
import { id, isoDate, optionalIsoDate, optionalText, text } from '../validation';
import { op } from './define';

export const FEEDBACK_KINDS = ['feedback', 'complaint'] as const;
export const FEEDBACK_SOURCES = ['pupil', 'parent', 'staff', 'agency', 'other'] as const;
export const COMPLAINT_STAGES = ['senco', 'formal'] as const;
export const FEEDBACK_SENTIMENTS = ['positive', 'mixed', 'negative', 'suggestion'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];
export type ComplaintStage = (typeof COMPLAINT_STAGES)[number];

/** Working days the SENCo aims to acknowledge (2) and respond (10) in; a school sets its own in its complaints policy. */
export const ACKNOWLEDGE_WORKING_DAYS = 2;
export const RESPOND_WORKING_DAYS = 10;

export const feedbackInput = z
  .object({
    id: id.nullable(),
    kind: z.enum(FEEDBACK_KINDS),
    source: z.enum(FEEDBACK_SOURCES),
    /** The person's name (for a complaint); leave out for anonymous feedback. */
    fromName: optionalText(120),
    pupilId: id.nullable(),
    receivedDate: isoDate,
    summary: text(4000),
    sentiment: z.enum(FEEDBACK_SENTIMENTS).nullable(),
    /** Complaints only. */
    stage: z.enum(COMPLAINT_STAGES).nullable(),
    acknowledgedDate: optionalIsoDate,
    respondedDate: optionalIsoDate,
    escalatedDate: optionalIsoDate,
    closedDate: optionalIsoDate,
    outcome: optionalText(4000),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (path: string, key: I18nKey, opts?: Record<string, unknown>) =>
      ctx.addIssue({ code: 'custom', path: [path], message: t(key, opts) });
    if (v.kind === 'complaint') {
      if (v.stage === null) issue('stage', 'validation.complaintStage');
      const order: [keyof typeof v, I18nKeyUnder<'feedbackSteps'>][] = [
        ['receivedDate', 'received'],
        ['acknowledgedDate', 'acknowledged'],
        ['respondedDate', 'responded'],
        ['escalatedDate', 'escalated'],
        ['closedDate', 'closed'],
      ];
      let last: [string, I18nKeyUnder<'feedbackSteps'>] | null = null;
      for (const [key, name] of order) {
        const d = v[key] as string | null;
        if (d === null) continue;
        if (last && d < last[0])
          issue(key, 'validation.complaintDateOrder', { step: t(`feedbackSteps.${name}`), before: t(`feedbackSteps.${last[1]}`) });
        last = [d, name];
      }
      if (v.escalatedDate !== null && v.stage !== 'formal') issue('stage', 'validation.escalatedIsFormal');
      if (v.closedDate !== null && v.outcome === null) issue('outcome', 'validation.outcomeNeeded');
    } else {
      for (const key of ['stage', 'acknowledgedDate', 'respondedDate', 'escalatedDate', 'closedDate'] as const) {
        if (v[key] !== null) issue(key, 'validation.complaintOnly');
      }
    }
  });

export interface FeedbackRecord {
  readonly id: string;
  readonly kind: FeedbackKind;
  readonly source: FeedbackSource;
  readonly fromName: string | null;
  readonly pupilId: string | null;
  readonly pupilName: string | null;
  readonly receivedDate: string;
  readonly summary: string;
  readonly sentiment: (typeof FEEDBACK_SENTIMENTS)[number] | null;
  readonly stage: ComplaintStage | null;
  readonly acknowledgedDate: string | null;
  readonly respondedDate: string | null;
  readonly escalatedDate: string | null;
  readonly closedDate: string | null;
  readonly outcome: string | null;
  /** Complaints: the current step, and whether acknowledging or responding is past the working days above. */
  readonly status: 'received' | 'acknowledged' | 'responded' | 'escalated' | 'closed' | 'logged';
  readonly acknowledgeBy: string | null;
  readonly respondBy: string | null;
  readonly late: boolean;
  readonly recordedBy: string;
}

export interface GovernorsReport {
  readonly from: string;
  readonly to: string;
  readonly feedback: {
    readonly total: number;
    readonly bySource: Readonly<Record<string, number>>;
    readonly bySentiment: Readonly<Record<string, number>>;
  };
  readonly complaints: {
    readonly total: number;
    readonly bySource: Readonly<Record<string, number>>;
    readonly resolvedAtSenco: number;
    readonly escalated: number;
    readonly open: number;
    readonly closed: number;
    /** Medians in working days, null when none. */
    readonly medianDaysToAcknowledge: number | null;
    readonly medianDaysToRespond: number | null;
    readonly acknowledgedLate: number;
  };
}

export const policyInput = z
  .object({
    id: id.nullable(),
    title: text(200),
    holder: text(120),
    approvedBy: text(120),
    approvedDate: isoDate,
    nextReviewDate: isoDate,
  })
  .strict()
  .refine((v) => v.nextReviewDate > v.approvedDate, { error: () => t('validation.reviewAfterApproval'), path: ['nextReviewDate'] });

export interface PolicyRecord {
  readonly id: string;
  readonly title: string;
  readonly holder: string;
  readonly approvedBy: string;
  readonly approvedDate: string;
  readonly nextReviewDate: string;
  readonly state: 'ok' | 'due_soon' | 'overdue';
}

const RECORDERS = ['senco', 'therapy_lead', 'headteacher', 'office'] as const;

export const governanceOps = {
  'feedback.list': op<readonly FeedbackRecord[]>()({
    input: z.object({ kind: z.enum(FEEDBACK_KINDS).optional(), openOnly: z.boolean().optional() }).strict(),
    access: RECORDERS,
    kind: 'read',
    audit: true,
  }),
  'feedback.save': op<FeedbackRecord>()({ input: feedbackInput, access: RECORDERS, kind: 'write', audit: true }),
  'feedback.report': op<GovernorsReport>()({
    input: z
      .object({ from: isoDate, to: isoDate })
      .strict()
      .refine((v) => v.to >= v.from, { error: () => t('validation.endBeforeStart'), path: ['to'] }),
    access: ['senco', 'therapy_lead', 'headteacher'],
    kind: 'read',
    audit: false,
  }),
  'policies.list': op<readonly PolicyRecord[]>()({ input: z.object({}).strict(), access: 'signed_in', kind: 'read', audit: false }),
  'policies.save': op<PolicyRecord>()({ input: policyInput, access: ['senco', 'headteacher'], kind: 'write', audit: true }),
} as const;
