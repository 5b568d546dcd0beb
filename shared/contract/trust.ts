/**
 * A trust's schools on one server (issue 16, item 5). Each school is a tenant: its staff reach only its records
 * (electron/core/scope.ts). The trust's SEND lead sees figures for every school and no pupil's record; a pupil
 * moving between the trust's schools takes their whole record with them, without an export.
 */
import { z } from 'zod';
import { id, isoDate } from '../validation';
import { op } from './define';
import { schoolInput, userInput } from './setup';

/** One of the trust's schools, as a SENCo choosing where a pupil moves to sees it. */
export interface TrustSchool {
  readonly id: string;
  readonly name: string;
  readonly urn: string;
  /** The caller's own school. */
  readonly own: boolean;
}

/** A school's figures for the trust's SEND lead: counts only, never a pupil. */
export interface SchoolFigures {
  readonly id: string;
  readonly name: string;
  readonly urn: string;
  /** Pupils on roll today. */
  readonly pupils: number;
  /** On the SEN register today: with an EHC plan (E) and on SEN support (K). */
  readonly ehcp: number;
  readonly senSupport: number;
  /** Pupils on roll in each therapy band today (universal, targeted, specific, specialist...). */
  readonly bands: Readonly<Record<string, number>>;
  /** Staff accounts in use. */
  readonly staff: number;
}

export interface TrustFigures {
  readonly schools: readonly SchoolFigures[];
}

export interface SchoolMove {
  readonly pupilId: string;
  readonly from: { readonly id: string; readonly name: string };
  readonly to: { readonly id: string; readonly name: string };
  readonly date: string;
  /** Open caseload allocations to the first school's therapists, ended on the day before the move. */
  readonly allocationsEnded: number;
  /** The first school's sessions from the move date on that the pupil was taken out of. */
  readonly futureSessionsLeft: number;
}

export const trustOps = {
  /** The trust's schools (names and URNs): where a SENCo can move a pupil to. */
  'trust.schools.list': op<readonly TrustSchool[]>()({
    input: z.object({}).strict(),
    access: ['senco', 'trust_lead'],
    kind: 'read',
    audit: false,
  }),
  /** Figures for every school of the trust, side by side: for the trust's SEND lead only. */
  'trust.figures': op<TrustFigures>()({ input: z.object({}).strict(), access: ['trust_lead'], kind: 'read', audit: false }),
  /**
   * A school joins the trust's server: the school and its first SENCo (who must choose their own password when they
   * first sign in: the trust's SEND lead set this one).
   */
  'trust.schools.add': op<TrustSchool>()({
    input: z.object({ school: schoolInput, senco: userInput.omit({ role: true }) }).strict(),
    access: ['trust_lead'],
    kind: 'write',
    audit: true,
  }),
  /**
   * A pupil moves to another school of the trust, with their whole record (plans, sessions' attendance, reviews,
   * referrals, concerns...): done by the SENCo of the school they leave, audited, no export. The leaving school's
   * therapists' allocations end the day before, and the pupil leaves that school's sessions from the move date on.
   */
  'pupils.moveSchool': op<SchoolMove>()({
    input: z.object({ pupilId: id, toSchoolId: id, date: isoDate }).strict(),
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
} as const;
