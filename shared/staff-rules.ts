/**
 * When each staff compliance item expires or falls due (issue 9). The school can read these in Settings; they follow
 * common practice in English schools:
 *   DBS            not on the update service: re-checked 3 years after the certificate's issue date (school policy);
 *                  on the update service: an online status check every 12 months.
 *   safeguarding   DSL training every 2 years (Keeping Children Safe in Education); other levels every 3 years.
 *   first aid      certificates last 3 years.
 *   registration   the register's own expiry date (HCPC renews every 2 years); only where the role needs it.
 *   Thrive         the licence's expiry date; only where the role needs it.
 * "Due soon" is within 60 days.
 */
import { addDays, addYears } from './date-only';
import type { ComplianceItem, ComplianceState, ComplianceStatus, SafeguardingLevel } from './contract/staff';

export const DUE_SOON_DAYS = 60;
export const DBS_RECHECK_YEARS = 3;
export const SAFEGUARDING_YEARS: Readonly<Record<SafeguardingLevel, number>> = { level1: 3, level2: 3, level3: 3, dsl: 2 };
export const FIRST_AID_YEARS = 3;

export interface ComplianceFields {
  readonly dbsNumber: string | null;
  readonly dbsIssueDate: string | null;
  readonly dbsUpdateService: boolean;
  readonly dbsCheckedOn: string | null;
  readonly safeguardingLevel: SafeguardingLevel | null;
  readonly safeguardingDate: string | null;
  readonly firstAidRequired: boolean;
  readonly firstAidDate: string | null;
  readonly registrationRequired: boolean;
  readonly registrationNumber: string | null;
  readonly registrationExpiry: string | null;
  readonly thriveRequired: boolean;
  readonly thriveLicence: string | null;
  readonly thriveExpiry: string | null;
}

function stateOf(due: string | null, today: string): ComplianceState {
  if (due === null) return 'missing';
  if (due < today) return 'expired';
  return due <= addDays(today, DUE_SOON_DAYS) ? 'due_soon' : 'ok';
}

function item(item: ComplianceItem, due: string | null, today: string, required = true): ComplianceStatus {
  if (!required) return { item, state: 'not_required', due: null };
  return { item, state: stateOf(due, today), due };
}

export function complianceOf(s: ComplianceFields, today: string): ComplianceStatus[] {
  let dbsDue: string | null = null;
  if (s.dbsNumber && s.dbsIssueDate) {
    dbsDue = s.dbsUpdateService ? addYears(s.dbsCheckedOn ?? s.dbsIssueDate, 1) : addYears(s.dbsIssueDate, DBS_RECHECK_YEARS);
  }
  return [
    item('dbs', dbsDue, today),
    item(
      'safeguarding',
      s.safeguardingLevel && s.safeguardingDate ? addYears(s.safeguardingDate, SAFEGUARDING_YEARS[s.safeguardingLevel]) : null,
      today,
    ),
    item('first_aid', s.firstAidDate ? addYears(s.firstAidDate, FIRST_AID_YEARS) : null, today, s.firstAidRequired),
    item('registration', s.registrationNumber ? s.registrationExpiry : null, today, s.registrationRequired),
    item('thrive', s.thriveLicence ? s.thriveExpiry : null, today, s.thriveRequired),
  ];
}
