/**
 * Everything the printable review pack shows, gathered by the reviews service (one pupil, one review) and drawn
 * by `renderReviewPack` (review-pack-pdf.ts). Dates are ISO yyyy-mm-dd; the renderer formats them dd/mm/yyyy.
 */
import type { ProvisionLine, PupilProgress, ReviewKind, ReviewMeeting } from '../../../shared/contract';

export interface ReviewPackData {
  /** When the pack was made (ISO date-time), printed in the footer. */
  readonly generatedAt: string;
  readonly school: { readonly name: string; readonly urn: string | null; readonly localAuthority: string | null };
  readonly pupil: {
    readonly name: string;
    readonly upn: string;
    readonly dateOfBirth: string;
    readonly yearGroup: string | null;
    readonly className: string | null;
    readonly senStatus: string;
    /** Ranked needs, e.g. "Speech, language and communication needs (primary)". */
    readonly needs: readonly string[];
    readonly band: string | null;
  };
  readonly review: ReviewMeeting & { readonly kindLabel: string; readonly previousDate: string | null };
  /** EHC plan: section B needs summary and section E outcomes (empty without a plan). */
  readonly ehcp: {
    readonly status: string;
    readonly issuedDate: string | null;
    readonly needsSummary: readonly string[];
    readonly outcomes: readonly { readonly area: string; readonly text: string }[];
  } | null;
  /** Provision specified against delivered: this term and this year, per EHC plan provision and plan intervention. */
  readonly provision: {
    readonly termName: string | null;
    readonly lines: readonly ProvisionLine[];
  };
  /** Each goal of the reviewed plan (or the pupil's current plan): its ladder, its ratings over time, the latest. */
  readonly goals: readonly {
    readonly key: string;
    readonly description: string;
    readonly expected: string;
    readonly points: PupilProgress['goals'][number]['points'];
    readonly latest: { readonly date: string; readonly rating: number } | null;
    /** The rating given at this review, if it has been held. */
    readonly ratedNow: { readonly rating: number; readonly note: string | null } | null;
    /** How much the goal counts in the T-score (1 to 10), as the plan now stands. */
    readonly weight: number;
  }[];
  readonly plan: { readonly title: string; readonly version: number; readonly startDate: string; readonly endDate: string } | null;
  /** The T-score at each review of the plan (Kiresuk-Sherman, each goal counted by its weight), oldest first. */
  readonly tScores: readonly { readonly date: string; readonly tScore: number }[];
  readonly assessments: readonly {
    readonly date: string;
    readonly kind: string;
    readonly discipline: string;
    readonly assessor: string;
    readonly scores: readonly { readonly measure: string; readonly value: string }[];
    readonly thrive: readonly { readonly strand: string; readonly result: string }[];
    readonly notes: string | null;
  }[];
  /** Attendance since the previous review (or the last twelve months), and by month. */
  readonly attendance: {
    readonly from: string;
    readonly to: string;
    readonly attended: number;
    readonly absent: number;
    readonly cancelledBySchool: number;
    readonly cancelledByTherapist: number;
    readonly cancelledByFamily: number;
    /** Sessions in the period whose date has come with no attendance outcome: neither attended nor missed. */
    readonly notRecorded: number;
    /** Sessions in the period after today (a pack printed before the meeting): booked, not yet due. */
    readonly upcoming: number;
    readonly months: PupilProgress['months'];
  };
  readonly bandHistory: PupilProgress['bands'];
  /** The previous review's actions and whether they were done. */
  readonly lastActions: readonly {
    readonly description: string;
    readonly owner: string;
    readonly dueDate: string;
    readonly doneDate: string | null;
  }[];
  readonly previousReview: { readonly kind: ReviewKind; readonly kindLabel: string; readonly date: string } | null;
}
