/** Contract for the therapy team's core: referrals, assessments, bands, individual pupil plans, placements. */
import { z } from 'zod';
import { op } from './define';
import { dateIsBefore, id, isoDate, optionalIsoDate, optionalText, text } from '../validation';
import { t } from '../i18n';
import { daysBetween } from '../date-only';
import { FREQUENCY_PERIODS } from '../ehcp';
import {
  ASSESSMENT_KINDS,
  BANDS,
  CONSENT_STATUSES,
  LA_CATEGORIES,
  NEED_LEVELS,
  PLACEMENT_EXTENSION,
  REFERRAL_STATES,
  REFERRER_KINDS,
  STAFFING_RATIOS,
  TARGETED_WEEKS,
  THRIVE_RESULTS,
  THRIVE_STRANDS,
  scoreProblem,
  sdqTotalMismatch,
  targetedWeeksOk,
  type Band,
  type ConsentStatus,
  type SpecificNextStep,
  type ExtensionStatus,
  type LaCategory,
  type NeedLevel,
  type ReferralState,
  type ReferrerKind,
  type StaffingRatio,
} from '../therapy';
import { urn } from './setup';
import { GAS_WEIGHT, gasWeightOk } from '../gas';
import { MAX_PENCE, formatPence } from '../money';

const discipline = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z_]+$/);

export const referralInput = z
  .object({
    id: id.nullable(),
    pupilId: id,
    referrerKind: z.enum(REFERRER_KINDS),
    referrerName: text(120),
    laCategory: z.enum(LA_CATEGORIES).nullable(),
    discipline,
    reason: text(2000),
    receivedDate: isoDate,
    consentStatus: z.enum(CONSENT_STATUSES),
    consentBy: optionalText(120),
    consentDate: optionalIsoDate,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.referrerKind === 'local_authority' && !v.laCategory)
      ctx.addIssue({ code: 'custom', path: ['laCategory'], message: t('validation.laCategoryNeeded') });
    if (v.referrerKind !== 'local_authority' && v.laCategory)
      ctx.addIssue({ code: 'custom', path: ['laCategory'], message: t('validation.laCategoryOnlyLa') });
    if (v.consentStatus !== 'pending' && (!v.consentBy || !v.consentDate)) {
      ctx.addIssue({ code: 'custom', path: [v.consentBy ? 'consentDate' : 'consentBy'], message: t('validation.consentWho') });
    }
    if (v.consentDate && dateIsBefore(v.consentDate, v.receivedDate)) {
      // Consent can come before the referral is logged, but not years adrift: accept up to 90 days before.
      if (daysBetween(v.consentDate, v.receivedDate) > 90)
        ctx.addIssue({ code: 'custom', path: ['consentDate'], message: t('validation.consentTooEarly') });
    }
  });

export interface ReferralEvent {
  readonly from: ReferralState | null;
  readonly to: ReferralState;
  readonly date: string;
  readonly reason: string | null;
  readonly by: string;
}
export interface ReferralRecord {
  readonly id: string;
  readonly pupilId: string;
  readonly pupilName: string;
  readonly referrerKind: ReferrerKind;
  readonly referrerName: string;
  readonly laCategory: LaCategory | null;
  readonly discipline: string;
  readonly reason: string;
  readonly receivedDate: string;
  readonly consentStatus: ConsentStatus;
  readonly consentBy: string | null;
  readonly consentDate: string | null;
  readonly state: ReferralState;
  readonly declinedReason: string | null;
  readonly history: readonly ReferralEvent[];
}

const score = z.object({ measure: z.string().max(20), scale: z.string().max(30), value: z.number().min(-1000).max(1000) }).strict();

export const assessmentInput = z
  .object({
    id: id.nullable(),
    pupilId: id,
    referralId: id.nullable(),
    kind: z.enum(ASSESSMENT_KINDS),
    discipline,
    assessorName: text(120),
    date: isoDate,
    needLevel: z.enum(NEED_LEVELS).nullable(),
    notes: optionalText(8000),
    scores: z.array(score).max(30),
    thrive: z
      .array(z.object({ strand: z.enum(THRIVE_STRANDS), result: z.enum(THRIVE_RESULTS), notes: optionalText(1000) }).strict())
      .max(6),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.scores.forEach((s, i) => {
      const p = scoreProblem(s.measure, s.scale, s.value);
      if (p)
        ctx.addIssue({
          code: 'custom',
          path: ['scores', i, 'value'],
          message: t(`validation.score_${p}`, { measure: s.measure, scale: s.scale }),
        });
      const k = `${s.measure}.${s.scale}`;
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: ['scores', i, 'scale'], message: t('validation.duplicateKey') });
      seen.add(k);
    });
    if (sdqTotalMismatch(v.scores)) {
      const i = v.scores.findIndex((s) => s.measure === 'sdq' && s.scale === 'total');
      ctx.addIssue({ code: 'custom', path: ['scores', i, 'value'], message: t('validation.sdqTotal') });
    }
    const strands = new Set<string>();
    v.thrive.forEach((r, i) => {
      if (strands.has(r.strand)) ctx.addIssue({ code: 'custom', path: ['thrive', i, 'strand'], message: t('validation.duplicateKey') });
      strands.add(r.strand);
    });
  });

export interface AssessmentRecord extends Omit<z.output<typeof assessmentInput>, 'id'> {
  readonly id: string;
}

export const bandInput = z
  .object({
    pupilId: id,
    band: z.enum(BANDS),
    needLevel: z.enum(NEED_LEVELS).nullable(),
    startDate: isoDate,
    plannedWeeks: z.number().int().min(1).max(104).nullable(),
    reason: text(1000),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.band === 'universal' && !v.needLevel)
      ctx.addIssue({ code: 'custom', path: ['needLevel'], message: t('validation.needLevelUniversal') });
    if (v.band === 'targeted') {
      // Seed policy 6: 12 to 36 whole weeks (shared/therapy.ts targetedWeeksOk, the one rule).
      if (!targetedWeeksOk(v.plannedWeeks))
        ctx.addIssue({ code: 'custom', path: ['plannedWeeks'], message: t('validation.targetedWeeks', TARGETED_WEEKS) });
    }
  });

export interface BandPeriod {
  readonly band: Band;
  readonly needLevel: NeedLevel | null;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly plannedWeeks: number | null;
  readonly reason: string;
  readonly by: string;
  /** The review that decided this move, if one did. */
  readonly reviewId: string | null;
}

/** A pupil's band now and before, and whether they are on Specific without progress (and what that points to). */
export interface BandState {
  readonly current: BandPeriod | null;
  readonly history: readonly BandPeriod[];
  readonly flagged: boolean;
  /** When flagged: an EHC plan review or placement discussion (with a plan), else a request for a needs assessment. */
  readonly nextStep: SpecificNextStep | null;
}

export interface BandDistribution {
  readonly total: number;
  readonly bands: readonly { readonly band: Band; readonly count: number; readonly percent: number; readonly expectedPercent: number }[];
  readonly universalByNeed: readonly { readonly needLevel: NeedLevel | null; readonly count: number; readonly percent: number }[];
  /** Pupils on Specific without progress (shared/therapy.ts specificWithoutProgress), each with the step it points to. */
  readonly flagged: readonly {
    readonly pupilId: string;
    readonly name: string;
    readonly since: string;
    readonly reviewMeans: readonly number[];
    /** SEN status E now, or a final EHC plan on record. */
    readonly hasEhcPlan: boolean;
    /** An EHC plan review or placement discussion (with a plan); a request for an EHC needs assessment (without). */
    readonly nextStep: SpecificNextStep;
  }[];
}

const gasLevels = z
  .object({ m2: optionalText(500), m1: optionalText(500), expected: text(500), p1: optionalText(500), p2: optionalText(500) })
  .strict();

/**
 * A goal's GAS weight (shared/gas.ts): how much the goal counts in the plan's T-score. Optional: left out or empty,
 * it is 1, so every goal counts the same unless the therapist says otherwise. Whole numbers 1 to 10.
 */
const gasWeight = z
  .number()
  .nullish()
  .refine((v) => v === null || v === undefined || gasWeightOk(v), { error: () => t('therapyRules.validation.gasWeight', GAS_WEIGHT) })
  .transform((v) => v ?? GAS_WEIGHT.default);

export const ippInput = z
  .object({
    id: id.nullable(),
    /** For a revision: the version the editor started from (refused if another revision was saved since). */
    baseVersion: z.number().int().min(1).max(10_000).nullable(),
    pupilId: id,
    title: text(200),
    startDate: isoDate,
    reviewDate: isoDate,
    endDate: isoDate,
    expectedOutcomes: optionalText(4000),
    revisionReason: optionalText(500),
    /** A revision decided at a review: the review, whose "revise the plan" decision this carries out. */
    reviewId: id.nullable().default(null),
    goals: z
      .array(
        z
          .object({
            key: z.string().min(1).max(64),
            description: text(1000),
            ehcpOutcomeId: id.nullable(),
            levels: gasLevels,
            weight: gasWeight,
          })
          .strict(),
      )
      .min(1)
      .max(20),
    interventions: z
      .array(
        z
          .object({
            discipline,
            description: text(1000),
            frequencyCount: z.number().int().min(1).max(100).nullable(),
            frequencyPeriod: z.enum(FREQUENCY_PERIODS).nullable(),
            sessionMinutes: z.number().int().min(1).max(1440).nullable(),
            durationWeeks: z.number().int().min(1).max(104).nullable(),
            groupSize: z.number().int().min(1).max(60).nullable(),
            staffingRatio: z.enum(STAFFING_RATIOS),
            deliveredBy: optionalText(200),
            classroomStrategies: optionalText(2000),
            /** On a revision: the intervention of the previous version this one continues (its sessions carry over). */
            continues: id.nullable().default(null),
            /** The school's catalogue provision this intervention is (the provision map); null: none. */
            provisionId: id.nullable().default(null),
          })
          .strict(),
      )
      .max(30),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (dateIsBefore(v.endDate, v.startDate)) ctx.addIssue({ code: 'custom', path: ['endDate'], message: t('validation.endBeforeStart') });
    if (v.reviewDate < v.startDate || v.reviewDate > v.endDate)
      ctx.addIssue({ code: 'custom', path: ['reviewDate'], message: t('validation.reviewInPlan') });
    if (v.id !== null && v.baseVersion === null) ctx.addIssue({ code: 'custom', path: ['baseVersion'], message: t('validation.required') });
    if (v.id !== null && !v.revisionReason)
      ctx.addIssue({ code: 'custom', path: ['revisionReason'], message: t('validation.revisionReason') });
  });

export interface IppGoal {
  readonly key: string;
  readonly description: string;
  readonly ehcpOutcomeId: string | null;
  readonly ehcpOutcome: string | null;
  readonly levels: z.output<typeof gasLevels>;
  /** How much the goal counts in the T-score (1 to 10; 1 unless the therapist set it). Kept per plan version. */
  readonly weight: number;
}
export interface IppView {
  readonly id: string;
  readonly pupilId: string;
  readonly pupilName: string;
  readonly currentVersion: number;
  /** Closed by a review's decision on this date; a closed plan is kept but not revised. */
  readonly closedDate: string | null;
  /** Each version, with the review whose decision it carried out, if any. */
  readonly versions: readonly {
    readonly number: number;
    readonly createdAt: string;
    readonly createdBy: string;
    readonly reason: string | null;
    readonly reviewId: string | null;
  }[];
  readonly version: number;
  readonly title: string;
  readonly startDate: string;
  readonly reviewDate: string;
  readonly endDate: string;
  /** Whole weeks from start to end (the days over a whole week are in lengthDays, never rounded into weeks). */
  readonly weeks: number;
  /** Days from start to end: the exact length the 12-to-36-week rule checks. */
  readonly lengthDays: number;
  readonly expectedOutcomes: string | null;
  readonly goals: readonly IppGoal[];
  readonly interventions: readonly (Omit<z.output<typeof ippInput>['interventions'][number], 'continues'> & { readonly id: string })[];
  /**
   * The plan's reviews. Each rating keeps the weight its goal had when it was rated (1 for ratings from before
   * weights), so a later revision of the weights does not rewrite past scores; mean is the weighted mean rating.
   */
  readonly reviews: readonly {
    readonly date: string;
    readonly note: string | null;
    readonly mean: number;
    readonly ratings: readonly {
      readonly goalKey: string;
      readonly rating: number;
      readonly note: string | null;
      readonly weight: number;
    }[];
  }[];
}

export const ippReviewInput = z
  .object({
    ippId: id,
    date: isoDate,
    note: optionalText(2000),
    ratings: z
      .array(z.object({ goalKey: z.string().min(1).max(64), rating: z.number().int().min(-2).max(2), note: optionalText(500) }).strict())
      .min(1)
      .max(20),
  })
  .strict();

/** An amount in whole pence, more than nothing and at most £1,000,000 (shared/money.ts); empty is null. */
const fundingPence = z
  .number({ error: () => t('therapyRules.validation.fundingAmount', { max: formatPence(MAX_PENCE) }) })
  .nullish()
  .refine((v) => v === null || v === undefined || (Number.isInteger(v) && v >= 1 && v <= MAX_PENCE), {
    error: () => t('therapyRules.validation.fundingAmount', { max: formatPence(MAX_PENCE) }),
  })
  .transform((v) => v ?? null);

export const placementInput = z
  .object({
    id: id.nullable(),
    pupilId: id,
    commissioningLa: text(100),
    laCategory: z.enum(LA_CATEGORIES),
    homeSchoolName: text(200),
    homeSchoolUrn: urn
      .nullish()
      .or(z.literal(''))
      .transform((v) => (v ? v : null)),
    startDate: isoDate,
    staffingRatio: z.enum(['one_to_one', 'two_to_one']),
    extensionStatus: z.enum(PLACEMENT_EXTENSION),
    extensionRequestedDate: optionalIsoDate,
    extensionEndDate: optionalIsoDate,
    /**
     * The funding of an agreed extension (second seed: "may be extended ... if funding is available"): where it comes
     * from, the amount in pence (exact GBP), who approved it and when. Required once the extension is approved.
     */
    extensionFundingSource: optionalText(200),
    extensionFundingPence: fundingPence,
    extensionFundingApprovedBy: optionalText(120),
    extensionFundingApprovedDate: optionalIsoDate,
    closurePlan: optionalText(4000),
    closedDate: optionalIsoDate,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.extensionStatus !== 'none' && !v.extensionRequestedDate)
      ctx.addIssue({ code: 'custom', path: ['extensionRequestedDate'], message: t('validation.required') });
    const funding = [
      'extensionFundingSource',
      'extensionFundingPence',
      'extensionFundingApprovedBy',
      'extensionFundingApprovedDate',
    ] as const;
    for (const f of funding) {
      if (v.extensionStatus === 'approved' && v[f] === null)
        ctx.addIssue({ code: 'custom', path: [f], message: t(`therapyRules.validation.${f}`) });
      if (v.extensionStatus !== 'approved' && v[f] !== null)
        ctx.addIssue({ code: 'custom', path: [f], message: t('therapyRules.validation.fundingApprovedOnly') });
    }
    const approved = v.extensionFundingApprovedDate;
    if (dateIsBefore(approved, v.extensionRequestedDate)) {
      ctx.addIssue({
        code: 'custom',
        path: ['extensionFundingApprovedDate'],
        message: t('therapyRules.validation.fundingBeforeRequest', { date: v.extensionRequestedDate }),
      });
    }
    if (v.extensionStatus === 'approved' && !v.extensionEndDate)
      ctx.addIssue({ code: 'custom', path: ['extensionEndDate'], message: t('validation.required') });
    if (v.extensionStatus !== 'approved' && v.extensionEndDate)
      ctx.addIssue({ code: 'custom', path: ['extensionEndDate'], message: t('validation.extensionApprovedOnly') });
    for (const f of ['extensionRequestedDate', 'extensionEndDate', 'extensionFundingApprovedDate', 'closedDate'] as const) {
      const d = v[f];
      if (dateIsBefore(d, v.startDate))
        ctx.addIssue({ code: 'custom', path: [f], message: t('validation.dateBefore', { date: v.startDate }) });
    }
  });

export interface PlacementRecord extends Omit<z.output<typeof placementInput>, 'id'> {
  readonly id: string;
  readonly plannedEndDate: string;
  readonly midpointDate: string;
  readonly calendarGap: boolean;
  readonly extensionStatus: ExtensionStatus;
  readonly staffingRatio: Extract<StaffingRatio, 'one_to_one' | 'two_to_one'>;
}

export interface CaseloadRow {
  readonly pupilId: string;
  readonly name: string;
  readonly yearGroup: string;
  readonly band: Band;
  readonly needLevel: NeedLevel | null;
  readonly bandSince: string;
  readonly disciplines: readonly string[];
  readonly activePlan: string | null;
  readonly planEnds: string | null;
  readonly lastAssessed: string | null;
  readonly flagged: boolean;
  /** When flagged: the step the flag points to (see BandDistribution.flagged). */
  readonly nextStep: SpecificNextStep | null;
}

/**
 * A therapist allocated to a pupil by the SENCo or therapy lead. A therapist sees only their own caseload: the pupils
 * allocated to them (allocation open today) and the pupils in their own sessions from the last 12 months onwards.
 */
export interface Allocation {
  readonly id: string;
  readonly pupilId: string;
  readonly userId: string;
  readonly practitionerName: string;
  readonly discipline: string | null;
  readonly startDate: string;
  readonly endDate: string | null;
}

const THERAPY = ['senco', 'therapy_lead', 'therapist'] as const;
const THERAPY_READ = ['senco', 'therapy_lead', 'therapist', 'headteacher'] as const;

export const therapyOps = {
  'disciplines.list': op<readonly { readonly code: string; readonly label: string; readonly active: boolean }[]>()({
    input: z.object({}).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: false,
  }),
  'disciplines.save': op<readonly { readonly code: string; readonly label: string; readonly active: boolean }[]>()({
    input: z.object({ code: discipline, label: text(80), active: z.boolean() }).strict(),
    access: ['senco', 'therapy_lead'],
    kind: 'write',
    audit: true,
  }),
  'referrals.list': op<readonly ReferralRecord[]>()({
    input: z.object({ pupilId: id.optional(), state: z.enum(REFERRAL_STATES).optional() }).strict(),
    access: THERAPY,
    kind: 'read',
    audit: true,
  }),
  'referrals.save': op<ReferralRecord>()({
    input: referralInput,
    access: ['senco', 'therapy_lead', 'therapist', 'teacher'],
    kind: 'write',
    audit: true,
  }),
  'referrals.move': op<ReferralRecord>()({
    input: z.object({ id, to: z.enum(REFERRAL_STATES), date: isoDate, reason: optionalText(1000) }).strict(),
    access: ['senco', 'therapy_lead'],
    kind: 'write',
    audit: true,
  }),
  'assessments.list': op<readonly AssessmentRecord[]>()({
    input: z.object({ pupilId: id }).strict(),
    access: THERAPY,
    kind: 'read',
    audit: true,
  }),
  'assessments.save': op<AssessmentRecord>()({ input: assessmentInput, access: THERAPY, kind: 'write', audit: true }),
  'bands.history': op<BandState>()({
    input: z.object({ pupilId: id }).strict(),
    access: THERAPY_READ,
    kind: 'read',
    audit: true,
  }),
  'bands.set': op<BandState>()({
    input: bandInput,
    access: ['senco', 'therapy_lead'],
    kind: 'write',
    audit: true,
  }),
  'bands.distribution': op<BandDistribution>()({ input: z.object({}).strict(), access: THERAPY_READ, kind: 'read', audit: true }),
  'caseload.list': op<readonly CaseloadRow[]>()({
    input: z
      .object({ band: z.enum(BANDS).optional(), discipline: discipline.optional(), search: z.string().trim().max(100).optional() })
      .strict(),
    access: THERAPY_READ,
    kind: 'read',
    audit: true,
  }),
  'caseload.allocations': op<readonly Allocation[]>()({
    input: z.object({ pupilId: id }).strict(),
    access: THERAPY_READ,
    kind: 'read',
    audit: true,
  }),
  'caseload.allocate': op<Allocation>()({
    input: z.object({ pupilId: id, userId: id, discipline: discipline.optional(), startDate: isoDate }).strict(),
    access: ['senco', 'therapy_lead'],
    kind: 'write',
    audit: true,
  }),
  'caseload.endAllocation': op<Allocation>()({
    input: z.object({ id, endDate: isoDate }).strict(),
    access: ['senco', 'therapy_lead'],
    kind: 'write',
    audit: true,
  }),
  'ipps.listForPupil': op<readonly IppView[]>()({
    input: z.object({ pupilId: id }).strict(),
    access: [...THERAPY_READ, 'teacher'],
    kind: 'read',
    audit: true,
  }),
  'ipps.get': op<IppView>()({
    input: z.object({ id, version: z.number().int().min(1).max(10_000).optional() }).strict(),
    access: [...THERAPY_READ, 'teacher'],
    kind: 'read',
    audit: true,
  }),
  'ipps.save': op<IppView>()({ input: ippInput, access: THERAPY, kind: 'write', audit: true }),
  'ipps.review': op<IppView>()({ input: ippReviewInput, access: THERAPY, kind: 'write', audit: true }),
  'placements.listForPupil': op<readonly PlacementRecord[]>()({
    input: z.object({ pupilId: id }).strict(),
    access: ['senco', 'therapy_lead', 'headteacher', 'office'],
    kind: 'read',
    audit: true,
  }),
  'placements.save': op<PlacementRecord>()({ input: placementInput, access: ['senco', 'therapy_lead'], kind: 'write', audit: true }),
  'placements.preview': op<{ readonly plannedEndDate: string; readonly midpointDate: string; readonly calendarGap: boolean }>()({
    input: z.object({ startDate: isoDate }).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: false,
  }),
} as const;
