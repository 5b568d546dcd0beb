/**
 * The therapy team's vocabulary and rules (seed policy sections 5-7; the alternative-provision service document):
 * referrals and their state machine, assessments and the scales of standardised measures, bands, individual
 * pupil plans and Goal Attainment Scaling, provider placements. Pure: shared by the forms and the services.
 */
import { daysBetween } from './date-only';

export const DEFAULT_DISCIPLINES = [
  'speech_language',
  'occupational_therapy',
  'physiotherapy',
  'psychology',
  'thrive',
  'counselling',
  'other',
] as const;

export const REFERRER_KINDS = ['teacher', 'senco', 'therapy_lead', 'parent', 'local_authority'] as const;
export type ReferrerKind = (typeof REFERRER_KINDS)[number];

/** Local-authority referral categories (alternative-provision service). */
export const LA_CATEGORIES = ['inclusion', 're_engagement'] as const;
export type LaCategory = (typeof LA_CATEGORIES)[number];

export const CONSENT_STATUSES = ['pending', 'given', 'refused'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const REFERRAL_STATES = ['received', 'accepted', 'declined', 'assessment_booked', 'assessed', 'closed'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

/** The moves a referral may make. Anything else is refused with the moves that are allowed. */
export const REFERRAL_MOVES: Readonly<Record<ReferralState, readonly ReferralState[]>> = {
  received: ['accepted', 'declined'],
  accepted: ['assessment_booked', 'closed'],
  assessment_booked: ['assessed', 'accepted', 'closed'],
  assessed: ['closed'],
  declined: [],
  closed: [],
};

export type MoveProblem =
  | { readonly kind: 'not_allowed'; readonly allowed: readonly ReferralState[] }
  | { readonly kind: 'consent_needed' }
  | { readonly kind: 'reason_needed' };

/**
 * Whether a referral may move from one state to another. Accepting needs consent given (seed policy 5: consent is
 * sought before assessment); declining needs a reason, which is recorded and told to the referrer.
 */
export function checkMove(from: ReferralState, to: ReferralState, consent: ConsentStatus, reason: string | null): MoveProblem | null {
  if (!REFERRAL_MOVES[from].includes(to)) return { kind: 'not_allowed', allowed: REFERRAL_MOVES[from] };
  if (to === 'accepted' && from === 'received' && consent !== 'given') return { kind: 'consent_needed' };
  if (to === 'declined' && !reason) return { kind: 'reason_needed' };
  return null;
}

export const ASSESSMENT_KINDS = ['initial', 'follow_up'] as const;
export const NEED_LEVELS = ['high', 'medium', 'low'] as const;
export type NeedLevel = (typeof NEED_LEVELS)[number];

/**
 * Standardised measures: only the numbers a licensed practitioner produced and their scales are stored, never the
 * questionnaires' copyrighted items or wording. step: the smallest increment (TOMs allows half points).
 */
export const MEASURES = {
  sdq: {
    scales: {
      emotional: { min: 0, max: 10, step: 1 },
      conduct: { min: 0, max: 10, step: 1 },
      hyperactivity: { min: 0, max: 10, step: 1 },
      peer: { min: 0, max: 10, step: 1 },
      prosocial: { min: 0, max: 10, step: 1 },
      total: { min: 0, max: 40, step: 1 },
    },
  },
  toms: {
    scales: {
      impairment: { min: 0, max: 5, step: 0.5 },
      activity: { min: 0, max: 5, step: 0.5 },
      participation: { min: 0, max: 5, step: 0.5 },
      wellbeing: { min: 0, max: 5, step: 0.5 },
    },
  },
  boxall: {
    scales: {
      developmental: { min: 0, max: 136, step: 1 },
      diagnostic: { min: 0, max: 204, step: 1 },
    },
  },
} as const;
export type MeasureName = keyof typeof MEASURES;
export const MEASURE_NAMES = Object.keys(MEASURES) as MeasureName[];

/** Checks one score against its measure's scale; returns a problem or null. */
/** What is wrong with a score (each has its message, `validation.score_<problem>`). */
export type ScoreProblem = 'unknown_measure' | 'unknown_scale' | 'out_of_range' | 'step';

export function scoreProblem(measure: string, scale: string, value: number): ScoreProblem | null {
  const m = (MEASURES as Record<string, { scales: Record<string, { min: number; max: number; step: number }> }>)[measure];
  if (!m) return 'unknown_measure';
  const s = m.scales[scale];
  if (!s) return 'unknown_scale';
  if (value < s.min || value > s.max) return 'out_of_range';
  if (Math.abs(value / s.step - Math.round(value / s.step)) > 1e-9) return 'step';
  return null;
}

/** SDQ total difficulties is the sum of the four difficulty subscales (prosocial is not part of it). */
export function sdqTotalMismatch(scores: readonly { measure: string; scale: string; value: number }[]): boolean {
  const get = (scale: string) => scores.find((s) => s.measure === 'sdq' && s.scale === scale)?.value;
  const parts = ['emotional', 'conduct', 'hyperactivity', 'peer'].map(get);
  const total = get('total');
  if (total === undefined || parts.some((p) => p === undefined)) return false;
  return parts.reduce<number>((a, b) => a + (b ?? 0), 0) !== total;
}

/** The Thrive Approach's six strands, in order. Results are recorded per strand; Thrive's statements are not. */
export const THRIVE_STRANDS = ['being', 'doing', 'thinking', 'power_identity', 'skills_structure', 'interdependence'] as const;
export type ThriveStrand = (typeof THRIVE_STRANDS)[number];
export const THRIVE_RESULTS = ['secure', 'partly_secure', 'gap'] as const;

export const BANDS = ['universal', 'targeted', 'specific'] as const;
export type Band = (typeof BANDS)[number];
/** The policy's expected distribution (seed policy 6): about 90 / 5 / 5 per cent. */
export const EXPECTED_BAND_SHARE: Readonly<Record<Band, number>> = { universal: 90, targeted: 5, specific: 5 };
/**
 * A Targeted plan is a bespoke 12 to 36 week plan (seed policy 6: "a bespoke 12–36-week intervention plan"). The
 * rule is exact: a plan's length is counted in days from its start date to its end date, so it may last from
 * 12 weeks 0 days (84 days) to 36 weeks 0 days (252 days). 11 weeks 4 days is short of 12 weeks and 36 weeks 1 day
 * is over 36, however the weeks would round. Every check of the rule (bands.set, a review's band move, the plan's
 * dates, the forms) goes through targetedWeeksOk or targetedDatesOk below.
 */
export const TARGETED_WEEKS = { min: 12, max: 36 } as const;
export const TARGETED_DAYS = { min: TARGETED_WEEKS.min * 7, max: TARGETED_WEEKS.max * 7 } as const;

/** A planned length in whole weeks (a band's planned weeks) fits a Targeted plan: a whole number from 12 to 36. */
export function targetedWeeksOk(weeks: number | null | undefined): boolean {
  return typeof weeks === 'number' && Number.isInteger(weeks) && weeks >= TARGETED_WEEKS.min && weeks <= TARGETED_WEEKS.max;
}

/** A plan from `start` to `end` (ISO dates) fits a Targeted plan: 84 to 252 days, both ends included. */
export function targetedDatesOk(start: string, end: string): boolean {
  const days = daysBetween(start, end);
  return days >= TARGETED_DAYS.min && days <= TARGETED_DAYS.max;
}

export const STAFFING_RATIOS = ['one_to_one', 'two_to_one', 'small_group'] as const;
export type StaffingRatio = (typeof STAFFING_RATIOS)[number];

export const GAS_LEVELS = [-2, -1, 0, 1, 2] as const;

/** Calendar days from `start` to `end`: the one date-only module's (date-only.ts), exported here too for its importers. */
export { daysBetween };

/**
 * A plan's length from its start date to its end date, as whole weeks and the days left over: 12 weeks is 84 days
 * later (2 November to 25 January), 81 days is 11 weeks and 4 days. Never rounded, so a length shown to someone
 * is the length the rule checked.
 */
export function planLength(start: string, end: string): { readonly days: number; readonly weeks: number; readonly extraDays: number } {
  const days = daysBetween(start, end);
  const weeks = Math.trunc(days / 7);
  return { days, weeks, extraDays: days - weeks * 7 };
}

/** Whole weeks from `start` to `end` (the days over a whole week are dropped, never rounded up). */
export function weeksBetween(start: string, end: string): number {
  return planLength(start, end).weeks;
}

/**
 * Specific without progress (seed policy 6: "Failure to make progress on the Specific band indicates that the school
 * is unable to meet needs"). The rule, exactly: the pupil's current band is Specific; there are at least two plan
 * reviews dated on or after the day the band began; and the latest of them has a mean GAS rating (each goal counted by
 * its weight, shared/gas.ts weightedMeanRating) below 0, the expected level, and no higher than the first of them.
 * Every description of the flag (the app, the CLI's `bands`, the agency export, the README) says this in words:
 * therapyRules.specific.rule.
 */
export function specificWithoutProgress(band: Band | null, reviewMeans: readonly number[]): boolean {
  if (band !== 'specific' || reviewMeans.length < 2) return false;
  const first = reviewMeans[0]!;
  const last = reviewMeans[reviewMeans.length - 1]!;
  return last < 0 && last <= first;
}

/**
 * What the flag points to. A pupil with an EHC plan (SEN status E, or a final EHC plan on record): an early review of
 * the plan or a discussion of the placement with the local authority (SEND Code of Practice 9.176-9.177, a review
 * may be brought forward when needs change). A pupil without one: a request for an EHC needs assessment (Children and
 * Families Act 2014 s.36; Code of Practice 9.14: the school can request one when needs are not being met from the
 * resources normally available), since there is no plan to review.
 */
export const SPECIFIC_NEXT_STEPS = ['ehcp_review', 'needs_assessment'] as const;
export type SpecificNextStep = (typeof SPECIFIC_NEXT_STEPS)[number];

export function specificNextStep(hasEhcPlan: boolean): SpecificNextStep {
  return hasEhcPlan ? 'ehcp_review' : 'needs_assessment';
}

export const PLACEMENT_EXTENSION = ['none', 'requested', 'approved', 'declined'] as const;
export type ExtensionStatus = (typeof PLACEMENT_EXTENSION)[number];
