import { z } from 'zod';
import { op } from './define';
import { dateIsBefore, id, isoDate, optionalIsoDate, optionalText, pastIsoDate, text, upn } from '../validation';
import { t } from '../i18n';
import {
  CONTACT_RELATIONSHIPS,
  NEED_CODES,
  SEN_STATUSES,
  YEAR_GROUPS,
  type ContactRelationship,
  type NeedCode,
  type SenStatus,
  type YearGroup,
} from '../domain';
import { urn } from './setup';
import { PUPIL_IMPORT_LIMITS, PUPIL_IMPORT_MAX_JSON } from './limits';
import { censusNeedProblems } from '../census';

export const contactInput = z
  .object({
    name: text(120),
    relationship: z.enum(CONTACT_RELATIONSHIPS),
    phone: optionalText(30).refine((v) => v === null || /^\+?[0-9 ()-]{6,30}$/.test(v), {
      error: () => t('validation.phone'),
    }),
    email: optionalText(200).refine((v) => v === null || z.email().safeParse(v).success, {
      error: () => t('validation.email'),
    }),
    parentalResponsibility: z.boolean(),
  })
  .strict();

/** The fields a person enters for a pupil; shared by the form (react-hook-form) and the dispatcher. */
export const pupilFields = z
  .object({
    upn,
    legalFirstName: text(100),
    legalLastName: text(100),
    preferredFirstName: optionalText(100),
    preferredLastName: optionalText(100),
    dateOfBirth: pastIsoDate,
    yearGroup: z.enum(YEAR_GROUPS),
    className: optionalText(40),
    dateJoined: isoDate,
    dateLeft: optionalIsoDate,
    homeSchoolName: optionalText(200),
    homeSchoolUrn: urn
      .nullish()
      .or(z.literal(''))
      .transform((v) => (v ? v : null)),
    senStatus: z.enum(SEN_STATUSES),
    /** When the current SEN status began; defaults to the date joined on create and today on a change. */
    senStatusFrom: optionalIsoDate,
    /** Ranked: the first is the primary need, the second the secondary need. */
    needs: z.array(z.enum(NEED_CODES)).max(4),
    contacts: z.array(contactInput).max(10),
  })
  .strict();

function refinePupil<T extends z.ZodType<z.output<typeof pupilFields>>>(schema: T) {
  return schema.superRefine((v, ctx) => {
    if (new Set(v.needs).size !== v.needs.length) {
      ctx.addIssue({ code: 'custom', path: ['needs'], message: t('validation.needsDistinct') });
    }
    // School census: E and K need a primary need, N has none, NSA only alone with K (shared/census.ts).
    for (const problem of censusNeedProblems(v.senStatus, v.needs)) {
      ctx.addIssue({ code: 'custom', path: ['needs'], message: t(`census.${problem}`) });
    }
    if (dateIsBefore(v.dateJoined, v.dateOfBirth)) {
      ctx.addIssue({ code: 'custom', path: ['dateJoined'], message: t('validation.dateBefore', { date: v.dateOfBirth }) });
    }
    if (dateIsBefore(v.dateLeft, v.dateJoined)) {
      ctx.addIssue({ code: 'custom', path: ['dateLeft'], message: t('validation.dateBefore', { date: v.dateJoined }) });
    }
  });
}

export const pupilCreateInput = refinePupil(pupilFields);
export const pupilUpdateInput = refinePupil(pupilFields.extend({ id }).strict());

export type PupilFieldsIn = z.input<typeof pupilFields>;
export type PupilFields = z.output<typeof pupilFields>;

export const PUPIL_SORT_FIELDS = ['name', 'upn', 'yearGroup', 'className', 'senStatus', 'primaryNeed', 'dateOfBirth'] as const;
export type PupilSortField = (typeof PUPIL_SORT_FIELDS)[number];

export const pupilListInput = z
  .object({
    search: z.string().trim().max(100).optional(),
    yearGroup: z.enum(YEAR_GROUPS).optional(),
    senStatus: z.enum(SEN_STATUSES).optional(),
    need: z.enum(NEED_CODES).optional(),
    className: z.string().trim().max(40).optional(),
    includeFormer: z.boolean().optional(),
    /** Only pupils whose current EHC plan has golden-thread problems (the dashboard's count opens this list). */
    thread: z.enum(['problems']).optional(),
    sort: z.enum(PUPIL_SORT_FIELDS).optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    page: z.number().int().min(0).max(100000).optional(),
    pageSize: z.number().int().min(1).max(200).optional(),
  })
  .strict();

export interface PupilRow {
  readonly id: string;
  readonly upn: string;
  /** Preferred names where given, else legal names: "Sam Okafor". */
  readonly name: string;
  readonly legalName: string;
  readonly yearGroup: YearGroup;
  readonly className: string | null;
  readonly dateOfBirth: string;
  readonly senStatus: SenStatus;
  readonly primaryNeed: NeedCode | null;
  readonly former: boolean;
}

export interface SenStatusPeriod {
  readonly status: SenStatus;
  readonly startDate: string;
  readonly endDate: string | null;
}

export interface Contact {
  readonly name: string;
  readonly relationship: ContactRelationship;
  readonly phone: string | null;
  readonly email: string | null;
  readonly parentalResponsibility: boolean;
}

export interface PupilProfile extends Omit<PupilFields, 'senStatusFrom' | 'contacts'> {
  readonly id: string;
  readonly name: string;
  readonly senHistory: readonly SenStatusPeriod[];
  readonly contacts: readonly Contact[];
  /** When the SENCo recorded the pupil's needs as identified after joining. */
  readonly needsIdentifiedOn: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ImportRejection {
  readonly line: number;
  readonly field: string;
  readonly reason: string;
  readonly upn: string | null;
}

/** A row imported as given, with something worth checking (a year group that does not fit the date of birth). */
export interface ImportWarning {
  readonly line: number;
  readonly field: string;
  readonly reason: string;
  readonly upn: string | null;
}

export interface ImportReport {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: readonly ImportRejection[];
  /** Rows that were imported but should be checked; nothing in them was changed or dropped. */
  readonly warnings: readonly ImportWarning[];
}

export const pupilImportInput = z
  .object({
    rows: z
      .array(
        z
          .object({
            line: z.number().int().min(1).max(10_000_000),
            values: z
              .record(z.string().max(PUPIL_IMPORT_LIMITS.columnName), z.string().max(PUPIL_IMPORT_LIMITS.value))
              .refine((v) => Object.keys(v).length <= PUPIL_IMPORT_LIMITS.columns, {
                error: () => t('integrity.importColumns', { max: PUPIL_IMPORT_LIMITS.columns }),
              }),
          })
          .strict(),
      )
      .max(PUPIL_IMPORT_LIMITS.rows),
  })
  .strict()
  // The columns are the school's file's, so the size is capped as a whole (shared/contract/limits.ts).
  .refine(
    (input) => {
      let chars = 0;
      for (const row of input.rows) for (const [k, v] of Object.entries(row.values)) chars += k.length + v.length;
      return chars <= PUPIL_IMPORT_LIMITS.text;
    },
    { error: () => t('integrity.importText', { max: PUPIL_IMPORT_LIMITS.text.toLocaleString('en-GB') }), path: ['rows'] },
  )
  .meta({ maxJsonBytes: PUPIL_IMPORT_MAX_JSON });

export const pupilOps = {
  'pupils.list': op<{ readonly total: number; readonly rows: readonly PupilRow[] }>()({
    input: pupilListInput,
    access: 'signed_in',
    kind: 'read',
    audit: true,
  }),
  /** The class names on the register (current pupils), for choosing a teacher's classes. */
  'pupils.classes': op<readonly string[]>()({
    input: z.object({}).strict(),
    access: ['senco', 'therapy_lead', 'headteacher', 'office'],
    kind: 'read',
    audit: false,
  }),
  'pupils.get': op<PupilProfile>()({
    input: z.object({ id }).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: true,
  }),
  'pupils.create': op<PupilProfile>()({
    input: pupilCreateInput,
    access: ['senco', 'office'],
    kind: 'write',
    audit: true,
  }),
  'pupils.update': op<PupilProfile>()({
    input: pupilUpdateInput,
    access: ['senco', 'office'],
    kind: 'write',
    audit: true,
  }),
  'pupils.import': op<ImportReport>()({
    input: pupilImportInput,
    access: ['senco', 'office'],
    kind: 'write',
    audit: true,
  }),
} as const;
