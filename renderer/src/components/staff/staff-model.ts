/**
 * Pure helpers for the staff checks and training screens: the form's shape for staff.save, what applies when a
 * box is unticked, each compliance item's state in words, CPD hours typed with a decimal point or comma, and the
 * order and filters of the lists.
 */
import type { z } from 'zod';
import type {
  ComplianceAlert,
  ComplianceItem,
  ComplianceState,
  ComplianceStatus,
  StaffRecord,
  staffInput,
} from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';

export type StaffIn = z.input<typeof staffInput>;

export function newStaff(): StaffIn {
  return {
    id: null,
    name: '',
    jobTitle: '',
    userId: null,
    active: true,
    dbsNumber: null,
    dbsIssueDate: null,
    dbsUpdateService: false,
    dbsCheckedOn: null,
    safeguardingLevel: null,
    safeguardingDate: null,
    firstAidRequired: false,
    firstAidDate: null,
    registrationRequired: false,
    registrationBody: null,
    registrationNumber: null,
    registrationExpiry: null,
    thriveRequired: false,
    thriveLicence: null,
    thriveExpiry: null,
  };
}

export function staffToInput(r: StaffRecord): StaffIn {
  return {
    id: r.id,
    name: r.name,
    jobTitle: r.jobTitle,
    userId: r.userId,
    active: r.active,
    dbsNumber: r.dbsNumber,
    dbsIssueDate: r.dbsIssueDate,
    dbsUpdateService: r.dbsUpdateService,
    dbsCheckedOn: r.dbsCheckedOn,
    safeguardingLevel: r.safeguardingLevel,
    safeguardingDate: r.safeguardingDate,
    firstAidRequired: r.firstAidRequired,
    firstAidDate: r.firstAidDate,
    registrationRequired: r.registrationRequired,
    registrationBody: r.registrationBody,
    registrationNumber: r.registrationNumber,
    registrationExpiry: r.registrationExpiry,
    thriveRequired: r.thriveRequired,
    thriveLicence: r.thriveLicence,
    thriveExpiry: r.thriveExpiry,
  };
}

/**
 * What is saved: a section whose box is unticked keeps nothing (its fields are hidden, so nothing stale or
 * unseen is kept or refused), the status check only applies on the update service, and spaces in a DBS number
 * typed in groups ("0012 3456 7890") are taken out.
 */
export function cleanStaff(v: StaffIn): StaffIn {
  const dbs = typeof v.dbsNumber === 'string' ? v.dbsNumber.replace(/\s+/g, '') : v.dbsNumber;
  return {
    ...v,
    dbsNumber: dbs === '' ? null : dbs,
    dbsCheckedOn: v.dbsUpdateService ? v.dbsCheckedOn : null,
    firstAidDate: v.firstAidRequired ? v.firstAidDate : null,
    registrationBody: v.registrationRequired ? v.registrationBody : null,
    registrationNumber: v.registrationRequired ? v.registrationNumber : null,
    registrationExpiry: v.registrationRequired ? v.registrationExpiry : null,
    thriveLicence: v.thriveRequired ? v.thriveLicence : null,
    thriveExpiry: v.thriveRequired ? v.thriveExpiry : null,
  };
}

/** The words for an item's state (an i18n key under staffUi.state) and its date as "12 March 2027" ('' when none). */
export function complianceWords(s: Pick<ComplianceStatus, 'state' | 'due'>): {
  readonly key: `staffUi.state.${ComplianceState}`;
  readonly date: string;
} {
  return { key: `staffUi.state.${s.state}`, date: s.state === 'missing' || s.state === 'not_required' ? '' : formatLongDate(s.due) };
}

/** Needs someone to act: expired, missing where required, or due within 60 days. */
export const ATTENTION_STATES: ReadonlySet<ComplianceState> = new Set(['expired', 'missing', 'due_soon']);

export function needsAttention(r: Pick<StaffRecord, 'compliance'>): boolean {
  return r.compliance.some((c) => ATTENTION_STATES.has(c.state));
}

export function statusOf(r: Pick<StaffRecord, 'compliance'>, item: ComplianceItem): ComplianceStatus {
  return r.compliance.find((c) => c.item === item) ?? { item, state: 'not_required', due: null };
}

/** Names or job titles containing what is typed (any case), and only those needing attention when asked. */
export function filterStaff<T extends Pick<StaffRecord, 'name' | 'jobTitle' | 'compliance'>>(
  rows: readonly T[],
  search: string,
  attentionOnly: boolean,
): T[] {
  const q = search.trim().toLowerCase();
  return rows.filter(
    (r) => (!q || r.name.toLowerCase().includes(q) || r.jobTitle.toLowerCase().includes(q)) && (!attentionOnly || needsAttention(r)),
  );
}

const ALERT_RANK: Readonly<Record<ComplianceAlert['state'], number>> = { expired: 0, missing: 1, due_soon: 2 };

/** Expired first, then missing, then due soon; soonest date first within each, then by name. */
export function sortAlerts(alerts: readonly ComplianceAlert[]): ComplianceAlert[] {
  return [...alerts].sort(
    (a, b) => ALERT_RANK[a.state] - ALERT_RANK[b.state] || (a.due ?? '').localeCompare(b.due ?? '') || a.name.localeCompare(b.name),
  );
}

/** "1.5", "1,5", " 2 " → a number of hours (to the nearest hundredth); anything else → null. */
export function parseHours(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : null;
}

/** 1.5 → "1.5", 12 → "12", 0.25 → "0.25", 2.1000000001 → "2.1". */
export function formatHours(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** The CPD hours of the entries between two ISO dates, inclusive. */
export function hoursBetween(entries: ReadonlyArray<{ readonly date: string; readonly hours: number }>, from: string, to: string): number {
  return Math.round(entries.filter((e) => e.date >= from && e.date <= to).reduce((n, e) => n + e.hours, 0) * 100) / 100;
}

export const STAFF_SORTS = ['name', 'cpd'] as const;
export type StaffSort = (typeof STAFF_SORTS)[number];

/** By name (A to Z) or by CPD hours this year (fewest first), either way round; ties by name. */
export function sortStaff<T extends Pick<StaffRecord, 'name' | 'cpdHoursThisYear'>>(
  rows: readonly T[],
  sort: StaffSort,
  direction: 'asc' | 'desc',
): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const byName = a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' });
    if (sort === 'cpd') return sign * (a.cpdHoursThisYear - b.cpdHoursThisYear) || byName;
    return sign * byName;
  });
}

/** The safeguarding renewal periods grouped by years, shortest first: [{ years: 2, levels: ['dsl'] }, { years: 3, levels: [...] }]. */
export function safeguardingRuleGroups<L extends string>(
  years: Readonly<Record<L, number>>,
): Array<{ readonly years: number; readonly levels: L[] }> {
  const groups = new Map<number, L[]>();
  for (const [level, y] of Object.entries(years) as Array<[L, number]>) groups.set(y, [...(groups.get(y) ?? []), level]);
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([y, levels]) => ({ years: y, levels }));
}

/** "A", "A and B", "A, B and C". */
export function listInWords(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
