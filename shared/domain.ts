/** Domain vocabulary shared by both processes. Values are what is stored; labels live in i18n. */

/**
 * Roles at a school. `trust_lead` (a trust's SEND lead, issue 16 item 5) works across the trust's schools: figures for
 * each school, never a pupil's record (electron/core/scope.ts); to open a school's records they need an account of that
 * school with a role there.
 */
export const ROLES = ['senco', 'therapy_lead', 'therapist', 'teacher', 'headteacher', 'dsl', 'office', 'trust_lead'] as const;
export type Role = (typeof ROLES)[number];

/** DfE SEN provision codes used in the school census: E = EHC plan, K = SEN support, N = no SEN. */
export const SEN_STATUSES = ['E', 'K', 'N'] as const;
export type SenStatus = (typeof SEN_STATUSES)[number];

/** DfE primary/secondary need type codes (school census). */
export const NEED_CODES = ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA'] as const;
export type NeedCode = (typeof NEED_CODES)[number];

/**
 * National Curriculum year groups as the census records them (NCyearActual): N1, N2, R, 1..14, and X for pupils
 * who do not follow National Curriculum year groups (DfE school census guide). In school order, X last.
 */
export const YEAR_GROUPS = ['N1', 'N2', 'R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', 'X'] as const;
export type YearGroup = (typeof YEAR_GROUPS)[number];

/** A year group's place in school order (N1 first, X last), for sorting; unknown values sort after X. */
export function yearGroupOrder(y: string): number {
  const i = (YEAR_GROUPS as readonly string[]).indexOf(y);
  return i < 0 ? YEAR_GROUPS.length : i;
}

export const CONTACT_RELATIONSHIPS = ['mother', 'father', 'carer', 'guardian', 'grandparent', 'social_worker', 'other'] as const;
export type ContactRelationship = (typeof CONTACT_RELATIONSHIPS)[number];

export const TERM_NAMES = ['autumn1', 'autumn2', 'spring1', 'spring2', 'summer1', 'summer2'] as const;
export type TermName = (typeof TERM_NAMES)[number];

/** Exhaustiveness helper for `switch` over unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
