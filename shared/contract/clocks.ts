/**
 * Contract for the statutory clocks and the records that feed them: annual reviews of EHC plans, EHC needs
 * assessment requests, the date a pupil's needs were identified, the school calendar, clock settings, and the
 * SEN register summary and export.
 */
import { z } from 'zod';
import { op } from './define';
import { dateIsBefore, id, isoDate, optionalIsoDate, text } from '../validation';
import { t } from '../i18n';
import {
  CLOCK_KEYS,
  CLOCK_STATES,
  COUNT_UNITS,
  type AssessmentRequestInput,
  type ClockItem,
  type ClockKey,
  type CountUnit,
  type ReviewInput,
} from '../clock-types';
import { YEAR_GROUPS, type NeedCode, type SenStatus, type YearGroup } from '../domain';
import { academicYear } from './setup';
import { pupilListInput } from './pupils';

const LA_DECISIONS = ['maintain', 'amend', 'cease'] as const;
/** After an EHC needs assessment: the LA will issue a plan (a draft follows), or will not (the parent is told). */
export const ISSUE_DECISIONS = ['issue', 'not_issue'] as const;
export type IssueDecision = (typeof ISSUE_DECISIONS)[number];

export const reviewInput = z
  .object({
    id: id.nullable(),
    planId: id,
    meetingDate: isoDate,
    held: z.boolean(),
    invitationsSentDate: optionalIsoDate,
    adviceCirculatedDate: optionalIsoDate,
    reportSentDate: optionalIsoDate,
    laDecisionDate: optionalIsoDate,
    laDecision: z.enum(LA_DECISIONS).nullable(),
    amendedFinalDate: optionalIsoDate,
  })
  .strict()
  .superRefine((v, ctx) => {
    const after = (field: 'reportSentDate' | 'laDecisionDate' | 'amendedFinalDate') => {
      const d = v[field];
      if (dateIsBefore(d, v.meetingDate))
        ctx.addIssue({ code: 'custom', path: [field], message: t('validation.dateBefore', { date: v.meetingDate }) });
      if (d && !v.held) ctx.addIssue({ code: 'custom', path: [field], message: t('validation.reviewNotHeld') });
    };
    after('reportSentDate');
    after('laDecisionDate');
    after('amendedFinalDate');
    if (v.invitationsSentDate && v.invitationsSentDate > v.meetingDate) {
      ctx.addIssue({ code: 'custom', path: ['invitationsSentDate'], message: t('validation.beforeMeeting') });
    }
    if ((v.laDecision === null) !== (v.laDecisionDate === null)) {
      ctx.addIssue({ code: 'custom', path: ['laDecision'], message: t('validation.decisionPair') });
    }
    if (v.amendedFinalDate && v.laDecision !== 'amend') {
      ctx.addIssue({ code: 'custom', path: ['amendedFinalDate'], message: t('validation.amendOnly') });
    }
  });

/**
 * An annual review's dated steps, as `ehcp.reviews.*` returns them: the same record the clocks count from
 * (shared/clock-types.ts), written once.
 */
export type ReviewRecord = ReviewInput;

export const requestInput = z
  .object({
    id: id.nullable(),
    pupilId: id,
    localAuthority: text(100),
    ownerId: id.nullable(),
    requestDate: isoDate,
    decisionDate: optionalIsoDate,
    decision: z.enum(['assess', 'refuse']).nullable(),
    /**
     * After assessing, the LA's decision whether to issue a plan and its date: the draft plan, or the notice to the
     * parent that it will not issue one (SEND Regulations 2014 reg. 10: within 16 weeks of the request).
     * Optional in the input (older callers leave them out: nothing recorded).
     */
    issueDecision: z
      .enum(ISSUE_DECISIONS)
      .nullish()
      .transform((v) => v ?? null),
    issueDecisionDate: optionalIsoDate,
    finalPlanDate: optionalIsoDate,
    withdrawnDate: optionalIsoDate,
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const f of ['decisionDate', 'issueDecisionDate', 'finalPlanDate', 'withdrawnDate'] as const) {
      const d = v[f];
      if (dateIsBefore(d, v.requestDate))
        ctx.addIssue({ code: 'custom', path: [f], message: t('validation.dateBefore', { date: v.requestDate }) });
    }
    if ((v.decision === null) !== (v.decisionDate === null)) {
      ctx.addIssue({ code: 'custom', path: ['decision'], message: t('validation.decisionPair') });
    }
    if (v.finalPlanDate && v.decision !== 'assess') {
      ctx.addIssue({ code: 'custom', path: ['finalPlanDate'], message: t('validation.finalNeedsAssess') });
    }
    if ((v.issueDecision === null) !== (v.issueDecisionDate === null)) {
      ctx.addIssue({ code: 'custom', path: ['issueDecision'], message: t('issueDecision.pair') });
    }
    if (v.issueDecision !== null && v.decision !== 'assess') {
      ctx.addIssue({ code: 'custom', path: ['issueDecision'], message: t('issueDecision.needsAssess') });
    }
    if (dateIsBefore(v.issueDecisionDate, v.decisionDate)) {
      ctx.addIssue({ code: 'custom', path: ['issueDecisionDate'], message: t('validation.dateBefore', { date: v.decisionDate }) });
    }
    if (v.issueDecision === 'not_issue' && v.finalPlanDate) {
      ctx.addIssue({ code: 'custom', path: ['finalPlanDate'], message: t('issueDecision.noFinalPlan') });
    }
  });

/** An EHC needs assessment request, as `ehcp.requests.*` returns it: the record the clocks count from. */
export type RequestRecord = AssessmentRequestInput;

export const CLOSURE_KINDS = ['inset', 'bank_holiday', 'closure'] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number];

export interface CalendarDay {
  readonly date: string;
  readonly kind: ClosureKind;
  readonly name: string;
}

export interface ClockRuleView {
  readonly key: ClockKey;
  readonly enabled: boolean;
  readonly amount: number;
  readonly unit: CountUnit;
  readonly under5Months: number | null;
  /** Whether the school changed it from the default. */
  readonly custom: boolean;
  readonly allowedUnits: readonly CountUnit[];
  /** Fixed-date clocks (phase transfer) and the year-9 check take no period. */
  readonly hasPeriod: boolean;
}

export interface ClockItemView extends ClockItem {
  readonly ownerName: string | null;
}

export interface ClockCounts {
  readonly overdue: number;
  readonly due_this_week: number;
  readonly upcoming: number;
  readonly done: number;
}

export interface ClockList {
  readonly today: string;
  readonly items: readonly ClockItemView[];
  readonly counts: ClockCounts;
  readonly byLocalAuthority: readonly ({ readonly localAuthority: string } & ClockCounts)[];
  readonly localAuthorities: readonly string[];
  readonly owners: readonly { readonly id: string; readonly name: string }[];
  /** Golden-thread problems across current plans (needs without provision, and so on), and the plans affected. */
  readonly goldenThreadProblems: number;
  readonly plansWithProblems: number;
  /** True when some school-week clock ran past the term dates entered and was counted in calendar weeks. */
  readonly calendarGaps: boolean;
}

export const registerFilter = pupilListInput.pick({
  search: true,
  yearGroup: true,
  senStatus: true,
  need: true,
  className: true,
  includeFormer: true,
  thread: true,
});

export interface RegisterSummary {
  readonly total: number;
  readonly byStatus: Readonly<Record<SenStatus, number>>;
  readonly byNeed: readonly { readonly need: NeedCode | null; readonly count: number }[];
  readonly byYearGroup: readonly { readonly yearGroup: YearGroup; readonly count: number }[];
  readonly byClass: readonly { readonly className: string | null; readonly count: number }[];
}

const CLOCK_READERS = ['senco', 'therapy_lead', 'headteacher'] as const;

export const clockOps = {
  'ehcp.reviews.list': op<readonly ReviewRecord[]>()({
    input: z.object({ planId: id }).strict(),
    access: ['senco', 'therapy_lead', 'therapist', 'headteacher'],
    kind: 'read',
    audit: true,
  }),
  'ehcp.reviews.save': op<ReviewRecord>()({ input: reviewInput, access: ['senco'], kind: 'write', audit: true }),
  'ehcp.requests.list': op<readonly RequestRecord[]>()({
    input: z.object({ pupilId: id }).strict(),
    access: ['senco', 'therapy_lead', 'headteacher'],
    kind: 'read',
    audit: true,
  }),
  'ehcp.requests.save': op<RequestRecord>()({ input: requestInput, access: ['senco'], kind: 'write', audit: true }),
  'pupils.markNeedsIdentified': op<{ readonly needsIdentifiedOn: string | null }>()({
    input: z.object({ pupilId: id, date: optionalIsoDate }).strict(),
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
  'calendar.listDays': op<readonly CalendarDay[]>()({
    input: z.object({ academicYear: academicYear.optional() }).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: false,
  }),
  'calendar.replaceDays': op<readonly CalendarDay[]>()({
    input: z
      .object({
        academicYear,
        days: z.array(z.object({ date: isoDate, kind: z.enum(CLOSURE_KINDS), name: text(100) }).strict()).max(100),
      })
      .strict(),
    access: ['senco', 'office'],
    kind: 'write',
    audit: true,
  }),
  'calendar.import': op<{
    readonly years: readonly string[];
    readonly terms: number;
    readonly days: number;
    readonly rejected: readonly { readonly line: number; readonly reason: string }[];
  }>()({
    input: z.object({ csv: z.string().max(50_000), dryRun: z.boolean().optional() }).strict(),
    access: ['senco', 'office'],
    kind: 'write',
    audit: true,
  }),
  'clocks.rules': op<readonly ClockRuleView[]>()({
    input: z.object({}).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: false,
  }),
  'clocks.saveRule': op<readonly ClockRuleView[]>()({
    input: z
      .object({
        key: z.enum(CLOCK_KEYS),
        enabled: z.boolean(),
        amount: z.number().int().min(1).max(104),
        unit: z.enum(COUNT_UNITS),
        under5Months: z.number().int().min(3).max(6).nullable(),
      })
      .strict(),
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
  'clocks.list': op<ClockList>()({
    input: z
      .object({
        localAuthority: z.string().trim().max(100).optional(),
        yearGroup: z.enum(YEAR_GROUPS).optional(),
        ownerId: id.optional(),
        pupilId: id.optional(),
        states: z.array(z.enum(CLOCK_STATES)).max(4).optional(),
        keys: z.array(z.enum(CLOCK_KEYS)).max(20).optional(),
      })
      .strict(),
    access: CLOCK_READERS,
    kind: 'read',
    audit: true,
  }),
  'register.summary': op<RegisterSummary>()({
    input: registerFilter.strict(),
    access: ['senco', 'therapy_lead', 'headteacher', 'office'],
    kind: 'read',
    audit: false,
  }),
  'register.export': op<{ readonly filename: string; readonly csv: string; readonly rows: number }>()({
    input: registerFilter.strict(),
    access: ['senco', 'headteacher', 'office'],
    kind: 'read',
    audit: true,
  }),
} as const;
