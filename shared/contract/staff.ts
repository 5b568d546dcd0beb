/**
 * Staff compliance (issue 9): per staff member the enhanced DBS (certificate number, issue date, update service;
 * never a copy of the certificate), safeguarding training level and date, first aid, professional registration
 * (HCPC for therapists), Thrive licence and a CPD log. Expiry rules per item (shared/staff-rules.ts); items expiring
 * within 60 days and expired items go on the dashboard. Dates and numbers only.
 */
import { z } from 'zod';
import { t, type I18nKey } from '../i18n';
import { id, isoDate, optionalIsoDate, optionalText, text } from '../validation';
import { op } from './define';

export const SAFEGUARDING_LEVELS = ['level1', 'level2', 'level3', 'dsl'] as const;
export type SafeguardingLevel = (typeof SAFEGUARDING_LEVELS)[number];
export const REGISTRATION_BODIES = ['hcpc', 'nmc', 'gmc', 'bacp', 'ukcp', 'tra', 'other'] as const;
export type RegistrationBody = (typeof REGISTRATION_BODIES)[number];
export const COMPLIANCE_ITEMS = ['dbs', 'safeguarding', 'first_aid', 'registration', 'thrive'] as const;
export type ComplianceItem = (typeof COMPLIANCE_ITEMS)[number];
export type ComplianceState = 'ok' | 'due_soon' | 'expired' | 'missing' | 'not_required';

export const staffInput = z
  .object({
    id: id.nullable(),
    name: text(120),
    jobTitle: text(120),
    /** The SENCo Desk account, when the person has one. */
    userId: id.nullable(),
    active: z.boolean(),
    dbsNumber: z
      .string()
      .max(40)
      .trim()
      .regex(/^\d{12}$/, { error: () => t('validation.dbsNumber') })
      .nullable(),
    dbsIssueDate: optionalIsoDate,
    dbsUpdateService: z.boolean(),
    /** The last online status check on the update service. */
    dbsCheckedOn: optionalIsoDate,
    safeguardingLevel: z.enum(SAFEGUARDING_LEVELS).nullable(),
    safeguardingDate: optionalIsoDate,
    firstAidRequired: z.boolean(),
    firstAidDate: optionalIsoDate,
    /** Whether the role needs each item (a therapist needs registration; a Thrive practitioner a licence). */
    registrationRequired: z.boolean(),
    registrationBody: z.enum(REGISTRATION_BODIES).nullable(),
    registrationNumber: optionalText(40),
    registrationExpiry: optionalIsoDate,
    thriveRequired: z.boolean(),
    thriveLicence: optionalText(40),
    thriveExpiry: optionalIsoDate,
  })
  .strict()
  .superRefine((v, ctx) => {
    const need = (ok: boolean, path: string, key: I18nKey) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [path], message: t(key) });
    };
    need(v.dbsNumber === null || v.dbsIssueDate !== null, 'dbsIssueDate', 'validation.dbsIssueDateNeeded');
    need(v.safeguardingLevel === null || v.safeguardingDate !== null, 'safeguardingDate', 'validation.trainingDateNeeded');
    need(v.registrationNumber === null || v.registrationBody !== null, 'registrationBody', 'validation.registrationBodyNeeded');
    need(v.registrationNumber === null || v.registrationExpiry !== null, 'registrationExpiry', 'validation.expiryNeeded');
    need(v.thriveLicence === null || v.thriveExpiry !== null, 'thriveExpiry', 'validation.expiryNeeded');
    need(!v.dbsUpdateService || v.dbsNumber !== null, 'dbsNumber', 'validation.dbsNumberNeeded');
  });

export const cpdInput = z
  .object({
    staffId: id,
    course: text(200),
    date: isoDate,
    provider: text(200),
    hours: z
      .number({ error: () => t('validation.cpdHours') })
      .min(0.25, { error: () => t('validation.cpdHours') })
      .max(200, { error: () => t('validation.cpdHours') }),
  })
  .strict();

export interface ComplianceStatus {
  readonly item: ComplianceItem;
  readonly state: ComplianceState;
  /** When it expires or is due for renewal (null when missing or not required). */
  readonly due: string | null;
}

export interface CpdEntry {
  readonly id: string;
  readonly course: string;
  readonly date: string;
  readonly provider: string;
  readonly hours: number;
}

export interface StaffRecord {
  readonly id: string;
  readonly name: string;
  readonly jobTitle: string;
  readonly userId: string | null;
  readonly active: boolean;
  readonly dbsNumber: string | null;
  readonly dbsIssueDate: string | null;
  readonly dbsUpdateService: boolean;
  readonly dbsCheckedOn: string | null;
  readonly safeguardingLevel: SafeguardingLevel | null;
  readonly safeguardingDate: string | null;
  readonly firstAidRequired: boolean;
  readonly firstAidDate: string | null;
  readonly registrationRequired: boolean;
  readonly registrationBody: RegistrationBody | null;
  readonly registrationNumber: string | null;
  readonly registrationExpiry: string | null;
  readonly thriveRequired: boolean;
  readonly thriveLicence: string | null;
  readonly thriveExpiry: string | null;
  readonly compliance: readonly ComplianceStatus[];
  readonly cpd: readonly CpdEntry[];
  readonly cpdHoursThisYear: number;
}

/** One row of the dashboard's list: a staff member's item that has expired or expires within 60 days. */
export interface ComplianceAlert {
  readonly staffId: string;
  readonly name: string;
  readonly item: ComplianceItem;
  readonly state: 'due_soon' | 'expired' | 'missing';
  readonly due: string | null;
}

const MANAGE = ['senco', 'headteacher', 'office'] as const;
const READ = ['senco', 'headteacher', 'office', 'therapy_lead', 'dsl'] as const;

export const staffOps = {
  'staff.list': op<readonly StaffRecord[]>()({
    input: z.object({ includeInactive: z.boolean().optional() }).strict(),
    access: READ,
    kind: 'read',
    audit: false,
  }),
  'staff.save': op<StaffRecord>()({ input: staffInput, access: MANAGE, kind: 'write', audit: true }),
  'staff.cpd.add': op<StaffRecord>()({ input: cpdInput, access: MANAGE, kind: 'write', audit: true }),
  'staff.cpd.remove': op<StaffRecord>()({ input: z.object({ id }).strict(), access: MANAGE, kind: 'write', audit: true }),
  'staff.alerts': op<readonly ComplianceAlert[]>()({ input: z.object({}).strict(), access: READ, kind: 'read', audit: false }),
} as const;
