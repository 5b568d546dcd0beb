/**
 * Contract for reviews (plan, band, provider midpoint and EHC plan annual reviews) with their attendees, views,
 * goal ratings, decisions that act on the records, and actions; a pupil's progress over time; parent updates; and
 * the printable review pack.
 */
import { z } from 'zod';
import { op } from './define';
import { dateIsBefore, id, isoDate, optionalIsoDate, optionalText, text } from '../validation';
import { t } from '../i18n';
import { BANDS, NEED_LEVELS, type Band, type NeedLevel, type ThriveStrand } from '../therapy';

export const REVIEW_KINDS = ['plan', 'band', 'midpoint', 'annual'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_STATUSES = ['planned', 'held'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const ATTENDEE_ROLES = ['pupil', 'parent_carer', 'senco', 'therapy_lead', 'therapist', 'teacher', 'external'] as const;
export type AttendeeRole = (typeof ATTENDEE_ROLES)[number];
export const DECISION_KINDS = ['continue', 'revise_plan', 'band_up', 'band_down', 'request_extension', 'close'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const LA_DECISIONS = ['maintain', 'amend', 'cease'] as const;
export type LaDecision = (typeof LA_DECISIONS)[number];
/** The sections of an EHC plan (SEND Regulations 2014 reg. 12), as an annual review names them in amendments. */
export const EHCP_SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'] as const;
export type EhcpSection = (typeof EHCP_SECTIONS)[number];
/** Progress towards a Section E outcome, as the annual review records it (CoP 9.176: the report sets out progress). */
export const OUTCOME_PROGRESS = ['achieved', 'partly', 'not_yet', 'no_longer_relevant'] as const;
export type OutcomeProgress = (typeof OUTCOME_PROGRESS)[number];
export const PARENT_UPDATE_METHODS = ['meeting', 'phone', 'email', 'letter', 'report', 'app'] as const;
export type ParentUpdateMethod = (typeof PARENT_UPDATE_METHODS)[number];

/** Which decisions each kind of review can take. */
export const DECISIONS_BY_KIND: Readonly<Record<ReviewKind, readonly DecisionKind[]>> = {
  plan: ['continue', 'revise_plan', 'band_up', 'band_down', 'close'],
  band: ['continue', 'band_up', 'band_down'],
  midpoint: ['continue', 'request_extension', 'close'],
  annual: ['continue', 'revise_plan', 'band_up', 'band_down'],
};

/** Universal < Targeted < Specific: "up" means more support. */
export const BAND_ORDER: Readonly<Record<Band, number>> = { universal: 0, targeted: 1, specific: 2 };

const attendee = z
  .object({ role: z.enum(ATTENDEE_ROLES), name: text(120), organisation: optionalText(120), present: z.boolean() })
  .strict();
const rating = z.object({ goalKey: z.string().min(1).max(64), rating: z.number().int().min(-2).max(2), note: optionalText(1000) }).strict();
const decision = z
  .object({
    kind: z.enum(DECISION_KINDS),
    /** For a band move: the band, its need level (Universal) and planned weeks (Targeted). */
    band: z.enum(BANDS).nullable(),
    needLevel: z.enum(NEED_LEVELS).nullable(),
    plannedWeeks: z.number().int().min(1).max(104).nullable(),
    note: optionalText(1000),
  })
  .strict()
  .superRefine((v, ctx) => {
    const move = v.kind === 'band_up' || v.kind === 'band_down';
    if (move && !v.band) ctx.addIssue({ code: 'custom', path: ['band'], message: t('validation.decisionBand') });
    if (!move && v.band) ctx.addIssue({ code: 'custom', path: ['band'], message: t('validation.decisionBandOnly') });
  });
const action = z
  .object({
    id: id.nullable(),
    description: text(500),
    ownerUserId: id.nullable(),
    /** Someone outside the app (a parent, an agency): their name instead of a user. */
    ownerName: optionalText(120),
    dueDate: isoDate,
    doneDate: optionalIsoDate,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.ownerUserId && !v.ownerName) ctx.addIssue({ code: 'custom', path: ['ownerName'], message: t('validation.actionOwner') });
  });
const statutory = z
  .object({
    invitationsSentDate: optionalIsoDate,
    adviceCirculatedDate: optionalIsoDate,
    reportSentDate: optionalIsoDate,
    laDecisionDate: optionalIsoDate,
    laDecision: z.enum(LA_DECISIONS).nullable(),
    amendedFinalDate: optionalIsoDate,
  })
  .strict();

const outcomeProgress = z
  .object({
    /** The Section E outcome's key in the plan reviewed (its row id). */
    outcomeKey: z.string().min(1).max(64),
    progress: z.enum(OUTCOME_PROGRESS),
    note: optionalText(1000),
  })
  .strict();
const amendment = z.object({ section: z.enum(EHCP_SECTIONS), text: text(2000) }).strict();
/**
 * What an EHC plan annual review concludes (SEND Regulations 2014 reg. 20(10); CoP 9.176): progress against each
 * Section E outcome, the amendments it recommends section by section, and its recommendation to the local
 * authority (maintain, amend or cease). The LA's own decision is a statutory step (`statutory.laDecision`).
 */
export const annualReviewInput = z
  .object({
    outcomes: z.array(outcomeProgress).max(60),
    amendments: z.array(amendment).max(24),
    recommendation: z.enum(LA_DECISIONS).nullable(),
  })
  .strict();

export const meetingInput = z
  .object({
    id: id.nullable(),
    pupilId: id,
    kind: z.enum(REVIEW_KINDS),
    date: isoDate,
    status: z.enum(REVIEW_STATUSES),
    /** The plan reviewed (plan reviews; optional for band and annual reviews, whose goals can be rated too). */
    ippId: id.nullable(),
    /** The placement (provider midpoint reviews). */
    placementId: id.nullable(),
    /** The EHC plan (annual reviews). */
    ehcPlanId: id.nullable(),
    attendees: z.array(attendee).max(30),
    pupilViews: optionalText(4000),
    parentViews: optionalText(4000),
    discussion: optionalText(8000),
    ratings: z.array(rating).max(20),
    decisions: z.array(decision).max(6),
    actions: z.array(action).max(30),
    /** Annual reviews: the statutory steps as they happen (SEND Regulations 2014 reg. 20); they feed the clocks. */
    statutory: statutory.nullable(),
    /** Annual reviews: progress against Section E, amendments recommended and the recommendation to the LA. */
    annual: annualReviewInput.nullable().default(null),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (v.kind === 'plan' && !v.ippId) issue(['ippId'], t('validation.reviewNeedsPlan'));
    if (v.kind === 'midpoint' && !v.placementId) issue(['placementId'], t('validation.reviewNeedsPlacement'));
    if (v.kind === 'annual' && !v.ehcPlanId) issue(['ehcPlanId'], t('validation.reviewNeedsEhcp'));
    if (v.kind !== 'annual' && v.statutory) issue(['statutory'], t('validation.statutoryAnnualOnly'));
    if (v.ratings.length && !v.ippId) issue(['ratings'], t('validation.ratingsNeedPlan'));
    const seen = new Set<string>();
    v.ratings.forEach((r, i) => {
      if (seen.has(r.goalKey)) issue(['ratings', i, 'goalKey'], t('validation.duplicateKey'));
      seen.add(r.goalKey);
    });
    if (v.status === 'planned' && v.decisions.length) issue(['decisions'], t('validation.decisionsWhenHeld'));
    if (v.status === 'planned' && v.ratings.length) issue(['ratings'], t('validation.ratingsWhenHeld'));
    const allowed = DECISIONS_BY_KIND[v.kind];
    const kinds = new Set<string>();
    v.decisions.forEach((d, i) => {
      if (!allowed.includes(d.kind)) issue(['decisions', i, 'kind'], t('validation.decisionNotForKind'));
      if (kinds.has(d.kind)) issue(['decisions', i, 'kind'], t('validation.decisionTwice'));
      kinds.add(d.kind);
    });
    if (kinds.has('band_up') && kinds.has('band_down')) issue(['decisions'], t('validation.decisionUpAndDown'));
    if (kinds.has('continue') && kinds.has('close')) issue(['decisions'], t('validation.decisionContinueClose'));
    const a = v.annual;
    if (a && v.kind !== 'annual') issue(['annual'], t('reviewsUi.validation.annualOnly'));
    if (a && v.kind === 'annual') {
      const recorded = a.outcomes.length > 0 || a.amendments.length > 0 || a.recommendation !== null;
      if (recorded && v.status !== 'held') issue(['annual', 'recommendation'], t('reviewsUi.validation.annualWhenHeld'));
      const outcomes = new Set<string>();
      a.outcomes.forEach((o, i) => {
        if (outcomes.has(o.outcomeKey)) issue(['annual', 'outcomes', i, 'outcomeKey'], t('validation.duplicateKey'));
        outcomes.add(o.outcomeKey);
      });
      // Amendments are what an "amend" recommendation proposes: one without the other is a report that contradicts itself.
      if (a.amendments.length && a.recommendation !== 'amend')
        issue(['annual', 'recommendation'], t('reviewsUi.validation.amendmentsNeedAmend'));
      if (a.recommendation === 'amend' && !a.amendments.length)
        issue(['annual', 'amendments'], t('reviewsUi.validation.amendNeedsAmendments'));
    }
    const s = v.statutory;
    if (s) {
      for (const f of ['reportSentDate', 'laDecisionDate', 'amendedFinalDate'] as const) {
        const d = s[f];
        if (dateIsBefore(d, v.date)) issue(['statutory', f], t('validation.dateBefore', { date: v.date }));
        if (d && v.status !== 'held') issue(['statutory', f], t('validation.reviewNotHeld'));
      }
      if (s.invitationsSentDate && s.invitationsSentDate > v.date)
        issue(['statutory', 'invitationsSentDate'], t('validation.beforeMeeting'));
      if ((s.laDecision === null) !== (s.laDecisionDate === null)) issue(['statutory', 'laDecision'], t('validation.decisionPair'));
      if (s.amendedFinalDate && s.laDecision !== 'amend') issue(['statutory', 'amendedFinalDate'], t('validation.amendOnly'));
    }
  });

export interface ReviewDecision {
  readonly kind: DecisionKind;
  readonly band: Band | null;
  readonly needLevel: NeedLevel | null;
  readonly plannedWeeks: number | null;
  readonly note: string | null;
  /** When the decision changed the records (a band moved, a plan revised, an extension requested), and what. */
  readonly actedAt: string | null;
  readonly actedOn: string | null;
}

export interface ReviewAction {
  readonly id: string;
  readonly reviewId: string;
  readonly pupilId: string;
  readonly pupilName: string;
  readonly reviewKind: ReviewKind;
  readonly reviewDate: string;
  readonly description: string;
  readonly ownerUserId: string | null;
  readonly ownerName: string;
  readonly dueDate: string;
  readonly doneDate: string | null;
  readonly overdue: boolean;
}

export interface ReviewMeeting {
  readonly id: string;
  readonly pupilId: string;
  readonly kind: ReviewKind;
  readonly date: string;
  readonly status: ReviewStatus;
  readonly ippId: string | null;
  readonly ippTitle: string | null;
  readonly placementId: string | null;
  readonly ehcPlanId: string | null;
  readonly attendees: readonly z.output<typeof attendee>[];
  readonly pupilViews: string | null;
  readonly parentViews: string | null;
  readonly discussion: string | null;
  /** The ratings, each with the weight its goal had in the plan when the review was saved (1 before weights). */
  readonly ratings: readonly (z.output<typeof rating> & { readonly weight: number })[];
  /** The Kiresuk-Sherman T-score of the ratings, each goal counted by its weight (shared/gas.ts), or null without ratings. */
  readonly tScore: number | null;
  readonly decisions: readonly ReviewDecision[];
  readonly actions: readonly ReviewAction[];
  readonly statutory: z.output<typeof statutory> | null;
  /**
   * An annual review's conclusions; each outcome carries the words of the outcome as the plan had them when the
   * review was saved, so the record still reads after the plan is amended.
   */
  readonly annual: {
    readonly outcomes: readonly (z.output<typeof outcomeProgress> & { readonly outcome: string })[];
    readonly amendments: readonly z.output<typeof amendment>[];
    readonly recommendation: LaDecision | null;
  } | null;
  readonly recordedBy: string;
  readonly updatedAt: string;
}

/** A pupil's progress over time, for the charts on the profile and in the review pack. */
export interface PupilProgress {
  readonly goals: readonly {
    readonly ippId: string;
    readonly planTitle: string;
    readonly goalKey: string;
    readonly description: string;
    /** Ratings over time: at reviews and, where the therapist rated the goal, at sessions. */
    readonly points: readonly { readonly date: string; readonly rating: number; readonly source: 'review' | 'session' }[];
    readonly latest: { readonly date: string; readonly rating: number } | null;
  }[];
  readonly tScores: readonly {
    readonly ippId: string;
    readonly planTitle: string;
    readonly date: string;
    readonly tScore: number;
    readonly goals: number;
  }[];
  readonly bands: readonly {
    readonly band: Band;
    readonly startDate: string;
    readonly endDate: string | null;
    readonly reason: string;
    readonly reviewId: string | null;
  }[];
  readonly thrive: readonly { readonly date: string; readonly strand: ThriveStrand; readonly result: string }[];
  readonly months: readonly {
    readonly month: string;
    readonly attended: number;
    readonly absent: number;
    readonly cancelled: number;
    /** Sessions dated today or earlier with no attendance outcome: not attended, not missed (shared/attendance.ts). */
    readonly notRecorded: number;
    /** Sessions after today, not yet due. */
    readonly upcoming: number;
    readonly minutesPlanned: number;
    readonly minutesDelivered: number;
  }[];
}

export interface ParentUpdate {
  readonly id: string;
  readonly pupilId: string;
  readonly date: string;
  readonly method: ParentUpdateMethod;
  readonly summary: string;
  readonly sentBy: string;
}

/** What the parent summary prints: plain language, no clinical notes, scores or assessments. */
export interface ParentSummary {
  readonly schoolName: string;
  readonly pupilName: string;
  readonly yearGroup: string | null;
  readonly band: Band | null;
  readonly goals: readonly { readonly description: string; readonly expected: string; readonly latest: number | null }[];
  readonly support: readonly { readonly description: string; readonly frequency: string | null; readonly discipline: string }[];
  readonly classroomStrategies: readonly string[];
  /** Attended of planned so far this term, and the past sessions with no attendance recorded (not counted as missed). */
  readonly sessionsThisTerm: { readonly attended: number; readonly planned: number; readonly notRecorded: number } | null;
  readonly nextReview: { readonly kind: ReviewKind; readonly date: string } | null;
  readonly lastUpdate: { readonly date: string; readonly method: ParentUpdateMethod } | null;
}

/** A row of the school-wide reviews list. */
export interface ReviewListRow {
  readonly id: string;
  readonly pupilId: string;
  readonly pupilName: string;
  readonly yearGroup: string;
  readonly kind: ReviewKind;
  readonly date: string;
  readonly status: ReviewStatus;
  readonly tScore: number | null;
  readonly decisions: readonly DecisionKind[];
  readonly openActions: number;
}

const REVIEWERS = ['senco', 'therapy_lead', 'therapist'] as const;
const READERS = ['senco', 'therapy_lead', 'therapist', 'headteacher'] as const;

export const reviewOps = {
  'reviews.list': op<readonly ReviewListRow[]>()({
    input: z
      .object({
        from: isoDate.optional(),
        to: isoDate.optional(),
        status: z.enum(REVIEW_STATUSES).optional(),
        kind: z.enum(REVIEW_KINDS).optional(),
      })
      .strict()
      .refine((v) => !v.from || !v.to || v.to >= v.from, { error: () => t('validation.endBeforeStart'), path: ['to'] }),
    access: READERS,
    kind: 'read',
    audit: true,
  }),
  'reviews.listForPupil': op<readonly ReviewMeeting[]>()({
    input: z.object({ pupilId: id }).strict(),
    access: REVIEWERS,
    kind: 'read',
    audit: true,
  }),
  'reviews.get': op<ReviewMeeting>()({ input: z.object({ id }).strict(), access: REVIEWERS, kind: 'read', audit: true }),
  'reviews.save': op<ReviewMeeting>()({ input: meetingInput, access: REVIEWERS, kind: 'write', audit: true }),
  'reviews.actions': op<readonly ReviewAction[]>()({
    input: z.object({ ownerUserId: id.optional(), includeDone: z.boolean().optional() }).strict(),
    access: READERS,
    kind: 'read',
    audit: true,
  }),
  'reviews.completeAction': op<ReviewAction>()({
    input: z.object({ id, doneDate: isoDate.nullable() }).strict(),
    access: [...REVIEWERS, 'teacher'],
    kind: 'write',
    audit: true,
  }),
  'reviews.pack': op<{ readonly filename: string; readonly pdfBase64: string; readonly pages: number }>()({
    input: z.object({ reviewId: id }).strict(),
    access: REVIEWERS,
    kind: 'read',
    audit: true,
  }),
  'progress.forPupil': op<PupilProgress>()({ input: z.object({ pupilId: id }).strict(), access: REVIEWERS, kind: 'read', audit: true }),
  'parentUpdates.list': op<readonly ParentUpdate[]>()({
    input: z.object({ pupilId: id }).strict(),
    access: [...READERS, 'office'],
    kind: 'read',
    audit: true,
  }),
  'parentUpdates.save': op<ParentUpdate>()({
    input: z.object({ pupilId: id, date: isoDate, method: z.enum(PARENT_UPDATE_METHODS), summary: text(2000) }).strict(),
    access: [...REVIEWERS, 'office'],
    kind: 'write',
    audit: true,
  }),
  'parentUpdates.summary': op<ParentSummary>()({
    input: z.object({ pupilId: id }).strict(),
    access: [...READERS, 'office'],
    kind: 'read',
    audit: true,
  }),
} as const;
