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
}

export interface AssessmentRequestInput {
  readonly id: string;
  readonly pupilId: string;
  readonly localAuthority: string;
  readonly ownerId: string | null;
  readonly requestDate: string;
  readonly decisionDate: string | null;
  readonly decision: 'assess' | 'refuse' | null;
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
  /** Effective date of the amendment that named the school for the next phase, if one was made. */
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

export interface ClockInputs {
  readonly today: string;
  readonly calendar: CalendarInput;
  readonly rules: readonly ClockRule[];
  readonly schoolLocalAuthority: string;
  readonly pupils: readonly PupilInput[];
  readonly assessmentRequests: readonly AssessmentRequestInput[];
  readonly plans: readonly PlanInput[];
  readonly reviews: readonly ReviewInput[];
  /** Therapy referrals (optional: callers that track none may leave it out). */
  readonly referrals?: readonly ReferralInput[];
}

export const CLOCK_STATES = ['overdue', 'due_this_week', 'upcoming', 'done'] as const;
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
  /** Set when the computed date fell on a day the school is closed and was moved to the last open day before. */
  readonly adjustedFrom: string | null;
  readonly state: ClockState;
  readonly doneDate: string | null;
  /** Set when school weeks were asked for but the term dates do not cover the period: counted in calendar weeks. */
  readonly calendarGap: boolean;
}
