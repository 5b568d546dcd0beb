/**
 * The statutory and policy clocks: plain data in, items out. No database and no Electron here, so every rule is
 * unit-tested on its own. The services load these inputs with a few read queries and call computeClocks().
 * All dates are ISO calendar dates (yyyy-mm-dd).
 */
import type { SenStatus, YearGroup } from './domain';

export const CLOCK_KEYS = [
  'needs_identified',
  'initial_assessment',
  'assessment_decision',
  'assessment_issue_decision',
  'assessment_final_plan',
  'annual_review',
  'review_invitations',
  'review_advice',
  'review_report',
  'review_la_decision',
  'review_amended_final',
  'phase_transfer',
  'phase_transfer_post16',
  'preparing_for_adulthood',
] as const;
export type ClockKey = (typeof CLOCK_KEYS)[number];

/**
 * The moves between phases of education that SEND Regulations 2014 reg. 18 sets a deadline for: the EHC plan is
 * reviewed and amended to name the next school by 15 February of the calendar year of the transfer, or by
 * 31 March for a move from secondary school to post-16 education. Which move (if any) a pupil makes depends on the
 * schools, not the year group (a Year 6 pupil in an all-through school does not transfer), so the SENCo records it.
 */
export const PHASE_TRANSFER_KINDS = [
  'early_years_to_school',
  'infant_to_junior',
  'primary_to_middle',
  'primary_to_secondary',
  'middle_to_secondary',
  'secondary_to_post16',
] as const;
export type PhaseTransferKind = (typeof PHASE_TRANSFER_KINDS)[number];

/** The clock a kind of move runs on: 31 March for secondary to post-16, 15 February for every other move. */
export function phaseTransferClock(kind: PhaseTransferKind): 'phase_transfer' | 'phase_transfer_post16' {
  return kind === 'secondary_to_post16' ? 'phase_transfer_post16' : 'phase_transfer';
}

/** A move between phases the SENCo recorded for a pupil with an EHC plan. */
export interface TransferInput {
  readonly pupilId: string;
  readonly kind: PhaseTransferKind;
  /** When the pupil moves (usually the September start of the new school). */
  readonly transferDate: string;
  /** The next school or setting, once known (free text). */
  readonly nextSetting: string | null;
}

/** What a clock item says about the transfer it runs on, or was brought forward for. */
export interface TransferNote {
  readonly kind: PhaseTransferKind;
  readonly transferDate: string;
  readonly nextSetting: string | null;
  /** 15 February (31 March for post-16) of the calendar year of the transfer. */
  readonly deadline: string;
}

/** Why a due date is not the one the period gave: the school is closed that day, or a phase transfer. */
export const ADJUSTED_REASONS = ['school_closed', 'phase_transfer'] as const;
export type AdjustedReason = (typeof ADJUSTED_REASONS)[number];

/** How a clock counts its period. School weeks skip holidays, INSET days and bank holidays (see calendar.ts). */
export const COUNT_UNITS = ['calendar_weeks', 'school_weeks', 'months'] as const;
export type CountUnit = (typeof COUNT_UNITS)[number];

export interface ClockRule {
  readonly key: ClockKey;
  readonly enabled: boolean;
  /** Length of the period, in `unit`. Ignored by fixed-date clocks (phase transfer: day and month below). */
  readonly amount: number;
  readonly unit: CountUnit;
  /** For annual_review only: months between reviews for children under 5 (CoP 9.178: every 3 to 6 months). */
  readonly under5Months?: number;
  /** For phase_transfer clocks: the fixed deadline as month and day (15 February; 31 March for post-16). */
  readonly fixedMonth?: number;
  readonly fixedDay?: number;
}

export interface CalendarInput {
  /** Every term and half-term as a date range the school is open (inclusive). Gaps between them are holidays. */
  readonly terms: readonly { readonly startDate: string; readonly endDate: string }[];
  /** Days inside terms when pupils are not in: INSET days, bank holidays, other closures. */
  readonly closures: readonly { readonly date: string; readonly kind: 'inset' | 'bank_holiday' | 'closure'; readonly name: string }[];
}

export interface PupilInput {
  readonly id: string;
  readonly name: string;
  readonly yearGroup: YearGroup;
  readonly className: string | null;
  readonly dateOfBirth: string;
  readonly dateJoined: string;
  readonly senStatus: SenStatus;
  /** When the SENCo recorded that the pupil's needs were identified after joining (null: not yet). */
  readonly needsIdentifiedOn: string | null;
  /** The pupil's school, when the inputs hold several schools' (`ClockInputs.schools`). */
  readonly schoolId?: string;
}

export interface AssessmentRequestInput {
  readonly id: string;
  readonly pupilId: string;
  readonly localAuthority: string;
  readonly ownerId: string | null;
  readonly requestDate: string;
  readonly decisionDate: string | null;
  readonly decision: 'assess' | 'refuse' | null;
  /**
   * After assessing, whether the LA will issue a plan, and when it said so: the draft plan, or the notice to the
   * parent that it will not issue one (SEND Regulations 2014 reg. 10: within 16 weeks of the request).
   */
  readonly issueDecision: 'issue' | 'not_issue' | null;
  readonly issueDecisionDate: string | null;
  readonly finalPlanDate: string | null;
  readonly withdrawnDate: string | null;
}

export interface PlanInput {
  readonly id: string;
  readonly pupilId: string;
  readonly localAuthority: string;
  readonly ownerId: string | null;
  readonly status: 'draft' | 'final' | 'ceased';
  /** Date the final plan was issued (null while draft). */
  readonly issuedDate: string | null;
  readonly ceasedDate: string | null;
  /** Number of outcomes in the current version tagged as preparing-for-adulthood outcomes. */
  readonly pfaOutcomes: number;
  /** Effective date of the latest amendment that named the school for the next phase, if one was made. */
  readonly phaseTransferNamedDate: string | null;
  readonly phaseTransferVersionId: string | null;
}

export interface ReviewInput {
  readonly id: string;
  readonly planId: string;
  /** The annual review meeting's date (planned or held). */
  readonly meetingDate: string;
  /** True once the meeting has taken place (recorded by the SENCo). */
  readonly held: boolean;
  readonly invitationsSentDate: string | null;
  readonly adviceCirculatedDate: string | null;
  readonly reportSentDate: string | null;
  readonly laDecisionDate: string | null;
  readonly laDecision: 'maintain' | 'amend' | 'cease' | null;
  /** Date the amended final plan was issued after this review (when the decision was to amend). */
  readonly amendedFinalDate: string | null;
}

/** A referral to the therapy team: the initial assessment is due a set time after it was received (policy 5). */
export interface ReferralInput {
  readonly id: string;
  readonly pupilId: string;
  readonly receivedDate: string;
  /** declined and closed-without-assessment referrals have no clock. */
  readonly state: 'received' | 'accepted' | 'declined' | 'assessment_booked' | 'assessed' | 'closed';
  /** When the referral reached "assessed" (null if it has not). */
  readonly assessedDate: string | null;
}

/** One school's calendar and clock rules (a trust's server: each school has its own; migration 0017). */
export interface SchoolClockInputs {
  readonly schoolId: string;
  readonly calendar: CalendarInput;
  readonly rules: readonly ClockRule[];
  readonly schoolLocalAuthority: string;
}

export interface ClockInputs {
  readonly today: string;
  /** The calendar, rules and local authority of the pupils' school (of every pupil without `schoolId`). */
  readonly calendar: CalendarInput;
  readonly rules: readonly ClockRule[];
  readonly schoolLocalAuthority: string;
  /**
   * Several schools (a trust's server): each pupil's clocks are counted with THEIR school's calendar, rules and local
   * authority, found by the pupil's `schoolId`; the top-level three are then unused.
   */
  readonly schools?: readonly SchoolClockInputs[];
  readonly pupils: readonly PupilInput[];
  readonly assessmentRequests: readonly AssessmentRequestInput[];
  readonly plans: readonly PlanInput[];
  readonly reviews: readonly ReviewInput[];
  /** Therapy referrals (optional: callers that track none may leave it out). */
  readonly referrals?: readonly ReferralInput[];
  /** Phase transfers the SENCo recorded (optional: none means no phase-transfer clocks). One per pupil. */
  readonly transfers?: readonly TransferInput[];
}

export const CLOCK_STATES = ['overdue', 'due_this_week', 'upcoming', 'done'] as const;

/**
 * A later step that is done and makes an earlier, unrecorded one moot: the review meeting was held (its invitations
 * and advice can no longer go out before it), the LA decided after the review (the report reached it), the amended
 * final plan was issued (the decision was made), the LA answered whether it will issue a plan (it decided to
 * assess). Such a step is no longer "overdue": there is nothing left to do about it.
 */
export const SUPERSEDING_STEPS = [
  'review_held',
  'review_report',
  'review_la_decision',
  'review_amended_final',
  'assessment_issue_decision',
  'assessment_final_plan',
] as const satisfies readonly (ClockKey | 'review_held')[];
/** The steps that can make an earlier one moot (each has its wording, `clocksUi.relative.supersededBy.<step>`). */
export type SupersedingStep = (typeof SUPERSEDING_STEPS)[number];

export interface Superseded {
  readonly by: SupersedingStep;
  readonly date: string;
}
export type ClockState = (typeof CLOCK_STATES)[number];

export interface ClockItem {
  /** Stable id: key + record id, so the interface can link and de-duplicate. */
  readonly id: string;
  readonly key: ClockKey;
  readonly pupilId: string;
  readonly pupilName: string;
  readonly yearGroup: YearGroup;
  readonly className: string | null;
  readonly localAuthority: string;
  readonly ownerId: string | null;
  /** The record the clock runs on and the one that satisfies it: 'pupil' | 'assessment' | 'plan' | 'review'. */
  readonly recordType: 'pupil' | 'assessment' | 'plan' | 'review' | 'referral';
  readonly recordId: string;
  /** When the period started (the date the clock counts from). */
  readonly fromDate: string;
  readonly dueDate: string;
  /**
   * The date the period gave, when the due date is earlier: it fell on a day the school is closed (moved to the
   * last open day before), or the annual review was brought forward for a phase transfer (see adjustedReason).
   */
  readonly adjustedFrom: string | null;
  readonly adjustedReason: AdjustedReason | null;
  /** The recorded phase transfer, on the phase-transfer item and on an annual review brought forward for it. */
  readonly transfer: TransferNote | null;
  /** 'done' when doneDate is set, or when a later step that is done made this one moot (supersededBy). */
  readonly state: ClockState;
  readonly doneDate: string | null;
  /** Not recorded, but made moot by a later step that is done (see Superseded): state 'done', doneDate null. */
  readonly supersededBy: Superseded | null;
  /** Set when school weeks were asked for but the term dates do not cover the period: counted in calendar weeks. */
  readonly calendarGap: boolean;
}
