/**
 * Test fixtures for the clocks: a realistic English school calendar for 2025/26 and 2026/27, and builders for
 * inputs. Used only by the *.test.ts files beside it.
 *
 * 2025/26: autumn 1 Mon 1 Sep - Fri 24 Oct 2025 (INSET Mon 1 and Tue 2 Sep); autumn 2 Mon 3 Nov - Fri 19 Dec;
 *          spring 1 Mon 5 Jan - Fri 13 Feb 2026 (INSET Mon 5 Jan); spring 2 Mon 23 Feb - Fri 27 Mar;
 *          summer 1 Mon 13 Apr - Fri 22 May (early May bank holiday Mon 4 May); summer 2 Mon 1 Jun - Wed 22 Jul.
 * 2026/27: autumn 1 Tue 1 Sep - Fri 23 Oct 2026 (INSET Tue 1 Sep and Fri 23 Oct); autumn 2 Mon 2 Nov - Fri 18 Dec
 *          (closed Thu 12 Nov: boiler failure); spring 1 Mon 4 Jan - Fri 12 Feb 2027 (INSET Mon 4 Jan);
 *          spring 2 Mon 22 Feb - Thu 25 Mar (Good Friday 26 Mar in the holiday); summer 1 Mon 12 Apr - Fri 28 May
 *          (early May bank holiday Mon 3 May); summer 2 Mon 7 Jun - Wed 21 Jul 2027.
 * Known span: 2025-09-01 .. 2027-07-21.
 */
import { DEFAULT_RULES } from './rules';
import type { AssessmentRequestInput, CalendarInput, ClockInputs, PlanInput, PupilInput, ReviewInput, TransferInput } from './types';

export const CALENDAR: CalendarInput = {
  terms: [
    { startDate: '2025-09-01', endDate: '2025-10-24' },
    { startDate: '2025-11-03', endDate: '2025-12-19' },
    { startDate: '2026-01-05', endDate: '2026-02-13' },
    { startDate: '2026-02-23', endDate: '2026-03-27' },
    { startDate: '2026-04-13', endDate: '2026-05-22' },
    { startDate: '2026-06-01', endDate: '2026-07-22' },
    // Given out of order on purpose: the calendar must sort them.
    { startDate: '2027-06-07', endDate: '2027-07-21' },
    { startDate: '2026-09-01', endDate: '2026-10-23' },
    { startDate: '2026-11-02', endDate: '2026-12-18' },
    { startDate: '2027-01-04', endDate: '2027-02-12' },
    { startDate: '2027-02-22', endDate: '2027-03-25' },
    { startDate: '2027-04-12', endDate: '2027-05-28' },
  ],
  closures: [
    { date: '2025-09-01', kind: 'inset', name: 'INSET day' },
    { date: '2025-09-02', kind: 'inset', name: 'INSET day' },
    { date: '2026-01-05', kind: 'inset', name: 'INSET day' },
    { date: '2026-05-04', kind: 'bank_holiday', name: 'Early May bank holiday' },
    { date: '2026-09-01', kind: 'inset', name: 'INSET day' },
    { date: '2026-10-23', kind: 'inset', name: 'INSET day' },
    { date: '2026-11-12', kind: 'closure', name: 'Boiler failure' },
    { date: '2027-01-04', kind: 'inset', name: 'INSET day' },
    { date: '2027-05-03', kind: 'bank_holiday', name: 'Early May bank holiday' },
  ],
};

export function pupil(over: Partial<PupilInput> & { id: string }): PupilInput {
  return {
    name: `Pupil ${over.id}`,
    yearGroup: '7',
    className: '7A',
    dateOfBirth: '2014-05-10',
    dateJoined: '2020-09-01',
    senStatus: 'E',
    needsIdentifiedOn: null,
    ...over,
  };
}

export function plan(over: Partial<PlanInput> & { id: string; pupilId: string }): PlanInput {
  return {
    localAuthority: 'Devon',
    ownerId: 'u-senco',
    status: 'final',
    issuedDate: '2025-01-15',
    ceasedDate: null,
    pfaOutcomes: 0,
    phaseTransferNamedDate: null,
    phaseTransferVersionId: null,
    ...over,
  };
}

export function review(over: Partial<ReviewInput> & { id: string; planId: string; meetingDate: string }): ReviewInput {
  return {
    held: false,
    invitationsSentDate: null,
    adviceCirculatedDate: null,
    reportSentDate: null,
    laDecisionDate: null,
    laDecision: null,
    amendedFinalDate: null,
    ...over,
  };
}

export function request(over: Partial<AssessmentRequestInput> & { id: string; pupilId: string }): AssessmentRequestInput {
  return {
    localAuthority: 'Somerset',
    ownerId: 'u-senco',
    requestDate: '2026-10-05',
    decisionDate: null,
    decision: null,
    issueDecision: null,
    issueDecisionDate: null,
    finalPlanDate: null,
    withdrawnDate: null,
    ...over,
  };
}

export function inputs(over: Partial<ClockInputs>): ClockInputs {
  return {
    today: '2026-11-23',
    calendar: CALENDAR,
    rules: DEFAULT_RULES,
    schoolLocalAuthority: 'Devon',
    pupils: [],
    assessmentRequests: [],
    plans: [],
    reviews: [],
    ...over,
  };
}

export function transfer(over: Partial<TransferInput> & { pupilId: string }): TransferInput {
  return {
    kind: 'primary_to_secondary',
    transferDate: '2027-09-01',
    nextSetting: null,
    ...over,
  };
}
