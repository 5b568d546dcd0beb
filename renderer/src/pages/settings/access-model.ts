/**
 * The "Who can do what" table's model: which group each operation's area sits in, its readable name, and the
 * rows left after the role filter and the search.
 */
import type { AccessRow } from '../../../../shared/contract';
import type { Role } from '../../../../shared/domain';
import { accessAllows } from '../../auth/use-can';
import { codeLabel } from '../../../../shared/i18n';

export const ACCESS_GROUPS = [
  'account',
  'pupils',
  'ehcp',
  'therapy',
  'plans',
  'sessions',
  'reviews',
  'parents',
  'sharing',
  'safeguarding',
  'staff',
  'governance',
  'school',
  'records',
  'desk',
  'other',
] as const;
export type AccessGroup = (typeof ACCESS_GROUPS)[number];

/** Each operation's area (the part of its name before the first dot) and the group it is shown under. */
export const AREA_GROUP: Readonly<Record<string, AccessGroup>> = {
  setup: 'account',
  auth: 'account',
  pupils: 'pupils',
  register: 'pupils',
  ehcp: 'ehcp',
  clocks: 'ehcp',
  referrals: 'therapy',
  assessments: 'therapy',
  bands: 'therapy',
  caseload: 'therapy',
  disciplines: 'therapy',
  ipps: 'plans',
  placements: 'plans',
  sessions: 'sessions',
  provision: 'sessions',
  provisions: 'sessions',
  practitioners: 'sessions',
  reviews: 'reviews',
  progress: 'reviews',
  parentUpdates: 'parents',
  school: 'school',
  terms: 'school',
  calendar: 'school',
  users: 'school',
  audit: 'records',
  access: 'records',
  exports: 'sharing',
  transfers: 'sharing',
  safeguarding: 'safeguarding',
  staff: 'staff',
  feedback: 'governance',
  policies: 'governance',
  desk: 'desk',
  sync: 'desk',
  // A trust's schools on one server (issue 16, item 5): with the school's set-up.
  trust: 'school',
  // The dashboard's worklist (issue 17, item 1): with the deadlines it is built on.
  dashboard: 'ehcp',
  // Pupil passports (issue 18, item 3): with the plans their strategies are drawn from.
  passports: 'plans',
  // A user's own unsaved drafts (issue 17, item 3): theirs, as their sign-in is.
  drafts: 'account',
};

export function groupOf(row: Pick<AccessRow, 'area'>): AccessGroup {
  return AREA_GROUP[row.area] ?? 'other';
}

/** The i18n key of an operation's readable name: `sessions.protected.list` → `accessUi.operations.sessions_protected_list`. */
export function operationLabelKey(operation: string): string {
  return `accessUi.operations.${operation.replace(/\./g, '_')}`;
}

/** An operation's readable name; the operation itself while it has none (a test checks every operation has one). */
export function operationName(operation: string): string {
  return codeLabel('accessUi.operations', operation.replace(/\./g, '_'), operation);
}

export interface AccessFilter {
  readonly role: Role | null;
  /** With a role chosen: leave out what that role cannot do. */
  readonly onlyAllowed: boolean;
  readonly search: string;
}

export interface AccessGroupRows {
  readonly group: AccessGroup;
  readonly rows: readonly AccessRow[];
}

/** Groups the rows in ACCESS_GROUPS order (the contract's order within a group), after the filter. */
export function groupRows(rows: readonly AccessRow[], filter: AccessFilter, label: (operation: string) => string): AccessGroupRows[] {
  const words = filter.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const kept = rows.filter((r) => {
    if (filter.role && filter.onlyAllowed && !accessAllows(r.access, filter.role)) return false;
    if (words.length === 0) return true;
    const text = `${label(r.operation)} ${r.operation}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  return ACCESS_GROUPS.map((group) => ({ group, rows: kept.filter((r) => groupOf(r) === group) })).filter((g) => g.rows.length > 0);
}
