/**
 * School census rules on a pupil's SEN record and year group, shared by the pupil form, the contract (so the
 * dispatcher refuses what the form refuses), the MIS import and the transfer-in of a pupil record.
 *
 * Sources: DfE, *Complete the school census* (school census guide, "SEN provision" and "SEN type"), and the
 * domain handbook (docs: DOMAIN.md, "Words"):
 * - SEN provision E (EHC plan) or K (SEN support) must have a primary SEN type (rank 1); a secondary type
 *   (rank 2) is optional.
 * - SEN provision N (no special educational need) has no SEN type at all.
 * - NSA ("SEN support but no specialist assessment of type of need") is valid only with provision K, as the
 *   primary type, and with no secondary type: a pupil whose type of need is known has that type instead.
 * - The year group is the National Curriculum year the pupil is taught in (census NCyearActual): N1, N2, R,
 *   1 to 14, or X for pupils not following National Curriculum year groups (often in special schools).
 *   The year a pupil would normally be in follows from the date of birth and the school year, which starts on
 *   1 September: a child who is 4 on 31 August starts Reception that September, 5 is Year 1, and so on; 3 is
 *   the nursery year before Reception (N2) and 2 the one before that (N1). A year group that does not fit is
 *   allowed (pupils are taught out of their chronological year group) but worth a second look, so it is a
 *   warning, never a refusal; X never warns.
 */
import { YEAR_GROUPS, type NeedCode, type SenStatus, type YearGroup } from './domain';
import { t, yearGroupLabel } from './i18n';

/** A census rule a pupil's SEN status and ranked needs break, as the key of its message (validation.*). */
export type CensusNeedProblem = 'needRequired' | 'noNeedsForN' | 'nsaOnlyK' | 'nsaAlone';

/**
 * The census rules on SEN provision and type that `needs` (ranked: primary first) breaks for `status`, in the
 * order a person would fix them; empty when the record is valid for the census.
 */
export function censusNeedProblems(status: SenStatus, needs: readonly NeedCode[]): CensusNeedProblem[] {
  const problems: CensusNeedProblem[] = [];
  switch (status) {
    case 'N':
      if (needs.length > 0) problems.push('noNeedsForN');
      return problems;
    case 'E':
    case 'K':
      if (needs.length === 0) problems.push('needRequired');
      break;
  }
  if (needs.includes('NSA')) {
    if (status !== 'K') problems.push('nsaOnlyK');
    else if (needs.length > 1) problems.push('nsaAlone');
  }
  return problems;
}

/** The first day of the school year (1 September) that `date` falls in. */
export function schoolYearStart(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return `${month >= 9 ? year : year - 1}-09-01`;
}

/** "2026/27" for the school year starting 1 September 2026. */
export function schoolYearLabel(start: string): string {
  const y = Number(start.slice(0, 4));
  return `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
}

/**
 * The year group a pupil born on `dateOfBirth` would normally be in during the school year containing `on`,
 * counted from their age on 31 August before it (4: Reception). 'younger' or 'older' when no year group fits
 * (younger than Nursery 1, older than Year 14).
 */
export function expectedYearGroup(dateOfBirth: string, on: string): YearGroup | 'younger' | 'older' {
  const start = Number(schoolYearStart(on).slice(0, 4));
  const birthYear = Number(dateOfBirth.slice(0, 4));
  const birthMonth = Number(dateOfBirth.slice(5, 7));
  // Age on 31 August of the year the school year starts: a birthday from 1 September on has not come yet.
  const age = start - birthYear - (birthMonth >= 9 ? 1 : 0);
  const nc = age - 4;
  if (nc < -2) return 'younger';
  if (nc > 14) return 'older';
  if (nc === -2) return 'N1';
  if (nc === -1) return 'N2';
  if (nc === 0) return 'R';
  return String(nc) as YearGroup;
}

export interface YearGroupMismatch {
  readonly yearGroup: YearGroup;
  readonly expected: YearGroup | 'younger' | 'older';
  /** The school year the comparison is for, and its first day. */
  readonly schoolYear: string;
  readonly schoolYearStart: string;
}

/**
 * Whether `yearGroup` fits `dateOfBirth` in the school year containing `on`; null when it does, or for X.
 * `on` is today for a current pupil, and the leaving date for a former one (their year group stopped there).
 */
export function yearGroupMismatch(yearGroup: YearGroup, dateOfBirth: string, on: string): YearGroupMismatch | null {
  if (yearGroup === 'X') return null;
  const expected = expectedYearGroup(dateOfBirth, on);
  if (expected === yearGroup) return null;
  const start = schoolYearStart(on);
  return { yearGroup, expected, schoolYear: schoolYearLabel(start), schoolYearStart: start };
}

/** The warning shown in the form and reported by the import when the year group does not fit; null when it does. */
export function yearGroupWarning(yearGroup: YearGroup, dateOfBirth: string, on: string): string | null {
  const m = yearGroupMismatch(yearGroup, dateOfBirth, on);
  if (!m) return null;
  const values = { dob: dateOfBirth, yearGroup: yearGroupLabel(yearGroup), schoolYear: m.schoolYear };
  switch (m.expected) {
    case 'younger':
      return t('census.yearGroupYounger', values);
    case 'older':
      return t('census.yearGroupOlder', values);
    default:
      return t('census.yearGroupMismatch', { ...values, expected: yearGroupLabel(m.expected) });
  }
}

/** The date a pupil's year group is judged on: today, or the leaving date if they have left. */
export function yearGroupReferenceDate(dateLeft: string | null, today: string): string {
  return dateLeft !== null && dateLeft < today ? dateLeft : today;
}

/**
 * Reads a year group as MIS exports and people write it: "Year 7", "Y07", "7", "Reception", "R", "N1", "X".
 * "Nursery" alone is the nursery year before Reception (N2). Null when it is none of them.
 */
export function parseYearGroup(v: string): YearGroup | null {
  const s = v
    .trim()
    .toUpperCase()
    .replace(/^(YEAR|YR|Y)\s*/, '');
  if (s === 'RECEPTION') return 'R';
  if (s === 'NURSERY') return 'N2';
  const n = /^0*\d+$/.test(s) ? String(Number(s)) : s;
  return (YEAR_GROUPS as readonly string[]).includes(n) ? (n as YearGroup) : null;
}
