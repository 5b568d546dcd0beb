/**
 * The school's costed provision map (issue 18, items 1, 2 and 4): the catalogue of provision the school runs, the
 * pupils placed on it, the hourly rate of each staff role and the notional SEN threshold, and the map itself.
 *
 * Need-to-know (enforced in the core, electron/core/services/provision-map.ts): costs, rates and the threshold are the
 * SENCo's and headteacher's only (shared/provision.ts COST_ROLES): the rates and threshold operations refuse anyone
 * else, and the map and catalogue leave every cost out for them. A therapist or teacher sees who receives what only
 * for the pupils on their caseload or in their classes (electron/core/scope.ts).
 */
import { z } from 'zod';
import { op } from './define';
import { dateIsBefore, id, isoDate, optionalIsoDate, optionalText, text } from '../validation';
import { t } from '../i18n';
import { NEED_AREAS, type NeedArea } from '../ehcp';
import { NEED_CODES, YEAR_GROUPS, type NeedCode, type YearGroup } from '../domain';
import {
  DELIVERY_ROLES,
  MAP_GROUPINGS,
  MAX_HOURLY_PENCE,
  MAX_THRESHOLD_PENCE,
  WAVES,
  type DeliveryRole,
  type MapGrouping,
  type Wave,
} from '../provision';

/** A measure's value: any number a practitioner records (a reading age in months, words a minute, a strand score). */
const measureValue = z.number().finite().min(-1_000_000).max(1_000_000).nullable();
const academicYear = z
  .string()
  .max(7)
  .regex(/^\d{4}\/\d{2}$/)
  .refine((v) => (Number(v.slice(0, 4)) + 1) % 100 === Number(v.slice(5)), { error: () => t('provisionUi.errors.academicYear') });

const provisionFields = {
  name: text(120),
  area: z.enum(NEED_AREAS),
  wave: z.enum(WAVES),
  groupSize: z.number().int().min(1).max(60),
  sessionsPerWeek: z.number().int().min(1).max(25),
  minutesPerSession: z.number().int().min(5).max(480),
  staffRole: z.enum(DELIVERY_ROLES),
  startDate: isoDate,
  endDate: optionalIsoDate,
  measureName: optionalText(120),
  description: optionalText(2000),
};

const endAfterStart = (v: { startDate: string; endDate: string | null }, ctx: z.RefinementCtx) => {
  if (dateIsBefore(v.endDate, v.startDate)) ctx.addIssue({ code: 'custom', path: ['endDate'], message: t('validation.endBeforeStart') });
};

export const provisionCreateInput = z.object(provisionFields).strict().superRefine(endAfterStart);
export const provisionUpdateInput = z
  .object({ id, ...provisionFields })
  .strict()
  .superRefine(endAfterStart);

export const placementAddInput = z
  .object({
    provisionId: id,
    pupilId: id,
    startDate: isoDate,
    endDate: optionalIsoDate,
    entryValue: measureValue.default(null),
    entryDate: optionalIsoDate,
  })
  .strict()
  .superRefine(endAfterStart);

/**
 * A placement's entry and exit measures, each with the date it was taken (migration 0023). A date left empty beside a
 * value is the placement's start (entry) or its end, else today (exit); a date beside no value is not kept.
 */
export const measuresInput = z
  .object({ id, entryValue: measureValue, exitValue: measureValue, entryDate: optionalIsoDate, exitDate: optionalIsoDate })
  .strict()
  .superRefine((v, ctx) => {
    if (v.entryValue !== null && v.exitValue !== null && dateIsBefore(v.exitDate, v.entryDate)) {
      ctx.addIssue({ code: 'custom', path: ['exitDate'], message: t('provisionUi.errors.exitBeforeEntry') });
    }
  });

/** A provision as the catalogue shows it (no cost: costs are the map's, for the SENCo and headteacher). */
export interface ProvisionRecord {
  readonly id: string;
  readonly name: string;
  readonly area: NeedArea;
  readonly wave: Wave;
  readonly groupSize: number;
  readonly sessionsPerWeek: number;
  readonly minutesPerSession: number;
  /** Hours a week a pupil spends on it (sessions × minutes ÷ 60). */
  readonly hoursPerWeek: number;
  readonly staffRole: DeliveryRole;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly measureName: string | null;
  readonly description: string | null;
  /** Pupils on it today that the caller may see (their caseload or classes for a therapist or teacher). */
  readonly currentPupils: number;
}

export interface ProvisionPlacementView {
  readonly id: string;
  readonly provisionId: string;
  readonly pupilId: string;
  readonly pupilName: string;
  readonly yearGroup: YearGroup;
  readonly className: string | null;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly entryValue: number | null;
  readonly exitValue: number | null;
  /** When each measure was taken (null while its value is). */
  readonly entryDate: string | null;
  readonly exitDate: string | null;
}

export interface ProvisionDetail extends ProvisionRecord {
  /** Every placement on it, past and present, of the pupils the caller may see; newest first. */
  readonly placements: readonly ProvisionPlacementView[];
  /** What links to it (counts of the caller's visible pupils' records): Section F lines, plan interventions, sessions booked. */
  readonly links: { readonly ehcpProvision: number; readonly ippInterventions: number; readonly sessions: number };
}

export interface RateView {
  readonly role: DeliveryRole;
  /** Null: not set, so provision this role delivers cannot be costed (the map says which). */
  readonly hourlyPence: number | null;
}

export interface ThresholdView {
  readonly thresholdPence: number;
  /** True when the school has not set its own: the national £6,000. */
  readonly isDefault: boolean;
}

export const mapInput = z
  .object({
    /** Default: the school year today falls in. */
    academicYear: academicYear.optional(),
    yearGroup: z.enum(YEAR_GROUPS).optional(),
    className: z.string().trim().min(1).max(40).optional(),
    /** Pupils with this need (DfE code, at any rank). */
    need: z.enum(NEED_CODES).optional(),
    /** Provision in this broad area of need. */
    area: z.enum(NEED_AREAS).optional(),
    wave: z.enum(WAVES).optional(),
    provisionId: id.optional(),
    pupilId: id.optional(),
    groupBy: z.enum(MAP_GROUPINGS).optional(),
  })
  .strict();

/** What one placement costs the school this year (SENCo and headteacher only). */
export interface PlacementCost {
  /** School days of the placement inside the school year (term days, not INSET days or bank holidays). */
  readonly schoolDays: number;
  /** Null: the delivering role has no hourly rate yet. */
  readonly costPence: number | null;
}

export interface MapPlacement {
  readonly placementId: string;
  readonly provisionId: string;
  readonly pupilId: string;
  /** The placement's days inside the school year (and the provision's dates, and the pupil's time on roll). */
  readonly from: string;
  readonly to: string;
  readonly hoursPerWeek: number;
  readonly entryValue: number | null;
  readonly exitValue: number | null;
  /** Exit minus entry, when both are recorded. */
  readonly measureChange: number | null;
  /** The change in mean GAS rating between the first and last plan review over the placement, of plans linked to the provision. */
  readonly gasChange: number | null;
  readonly cost?: PlacementCost;
}

export interface Effectiveness {
  /** The provision's measure: its name, how many placements have both values, and the mean change. */
  readonly measure: { readonly name: string; readonly placements: number; readonly meanChange: number | null } | null;
  /** GAS ratings of the pupil plans linked to the provision: placements with two reviews or more, and the mean change. */
  readonly gas: { readonly placements: number; readonly meanChange: number | null };
}

export interface MapProvision {
  readonly id: string;
  readonly name: string;
  readonly area: NeedArea;
  readonly wave: Wave;
  readonly groupSize: number;
  readonly sessionsPerWeek: number;
  readonly minutesPerSession: number;
  readonly hoursPerWeek: number;
  readonly staffRole: DeliveryRole;
  readonly startDate: string;
  readonly endDate: string | null;
  /** Pupils placed on it in the school year (after the filters). */
  readonly pupils: number;
  readonly effectiveness: Effectiveness;
  /** SENCo and headteacher only: its cost this year, and that divided by its pupils. */
  readonly cost?: {
    readonly hourlyPence: number | null;
    readonly yearPence: number;
    readonly perPupilPence: number | null;
    readonly complete: boolean;
  };
}

export interface MapPupil {
  readonly pupilId: string;
  readonly name: string;
  readonly upn: string;
  readonly yearGroup: YearGroup;
  readonly className: string | null;
  readonly needs: readonly NeedCode[];
  readonly placements: readonly MapPlacement[];
  /** Hours a week of the provision they are on at the map's date. */
  readonly hoursPerWeek: number;
  /** SENCo and headteacher only: the year's total cost of their additional provision, and the part above the threshold. */
  readonly cost?: { readonly totalPence: number; readonly aboveThresholdPence: number; readonly complete: boolean };
}

export interface MapGroup {
  readonly key: string;
  readonly label: string;
  readonly pupils: number;
  readonly placements: number;
  readonly costPence?: number;
}

export interface ProvisionMap {
  readonly academicYear: string;
  /** The school year as the map counts it: 1 September to 31 August. */
  readonly from: string;
  readonly to: string;
  /** The date "on it now" is read at: today, or the year's last day for a past year (its first for a future one). */
  readonly asOf: string;
  /** School days in the year by the school's own term dates (or the estimate below). */
  readonly schoolDays: number;
  /** True when the school has no term dates for the year: school days are estimated (weekdays scaled to 190 a year). */
  readonly calendarGap: boolean;
  readonly groupBy: MapGrouping;
  readonly costsShown: boolean;
  readonly provisions: readonly MapProvision[];
  readonly pupils: readonly MapPupil[];
  readonly groups: readonly MapGroup[];
  readonly totals: {
    readonly pupils: number;
    readonly placements: number;
    readonly cost?: {
      readonly totalPence: number;
      readonly aboveThresholdPence: number;
      readonly pupilsAboveThreshold: number;
      readonly thresholdPence: number;
    };
  };
  /** SENCo and headteacher only: the delivering roles with provision in the map but no hourly rate (their cost is left out). */
  readonly missingRates?: readonly DeliveryRole[];
}

const CATALOGUE_READ = ['senco', 'therapy_lead', 'therapist', 'teacher', 'headteacher', 'office'] as const;
const CATALOGUE_WRITE = ['senco', 'therapy_lead'] as const;
const MEASURERS = ['senco', 'therapy_lead', 'therapist', 'teacher'] as const;
const COSTS = ['senco', 'headteacher'] as const;
const MAP_READ = ['senco', 'therapy_lead', 'therapist', 'teacher', 'headteacher'] as const;

export const provisionOps = {
  'provisions.list': op<readonly ProvisionRecord[]>()({
    input: z.object({ includeEnded: z.boolean().optional() }).strict(),
    access: CATALOGUE_READ,
    kind: 'read',
    audit: false,
  }),
  'provisions.get': op<ProvisionDetail>()({ input: z.object({ id }).strict(), access: CATALOGUE_READ, kind: 'read', audit: true }),
  'provisions.create': op<ProvisionRecord>()({ input: provisionCreateInput, access: CATALOGUE_WRITE, kind: 'write', audit: true }),
  'provisions.update': op<ProvisionRecord>()({ input: provisionUpdateInput, access: CATALOGUE_WRITE, kind: 'write', audit: true }),
  /** Ends the provision on a date; its placements still open then end with it. */
  'provisions.end': op<ProvisionRecord>()({
    input: z.object({ id, endDate: isoDate }).strict(),
    access: CATALOGUE_WRITE,
    kind: 'write',
    audit: true,
  }),
  'provisions.placements.add': op<ProvisionPlacementView>()({
    input: placementAddInput,
    access: CATALOGUE_WRITE,
    kind: 'write',
    audit: true,
  }),
  'provisions.placements.end': op<ProvisionPlacementView>()({
    input: z.object({ id, endDate: isoDate, exitValue: measureValue.optional(), exitDate: optionalIsoDate }).strict(),
    access: CATALOGUE_WRITE,
    kind: 'write',
    audit: true,
  }),
  'provisions.placements.measures': op<ProvisionPlacementView>()({
    input: measuresInput,
    access: MEASURERS,
    kind: 'write',
    audit: true,
  }),
  'provision.rates.get': op<readonly RateView[]>()({ input: z.object({}).strict(), access: COSTS, kind: 'read', audit: false }),
  'provision.rates.set': op<readonly RateView[]>()({
    input: z
      .object({
        rates: z
          .array(z.object({ role: z.enum(DELIVERY_ROLES), hourlyPence: z.number().int().min(1).max(MAX_HOURLY_PENCE).nullable() }).strict())
          .min(1)
          .max(DELIVERY_ROLES.length),
      })
      .strict()
      .refine((v) => new Set(v.rates.map((r) => r.role)).size === v.rates.length, {
        error: () => t('validation.duplicateKey'),
        path: ['rates'],
      }),
    access: COSTS,
    kind: 'write',
    audit: true,
  }),
  'provision.threshold.get': op<ThresholdView>()({ input: z.object({}).strict(), access: COSTS, kind: 'read', audit: false }),
  'provision.threshold.set': op<ThresholdView>()({
    input: z.object({ thresholdPence: z.number().int().min(0).max(MAX_THRESHOLD_PENCE).nullable() }).strict(),
    access: COSTS,
    kind: 'write',
    audit: true,
  }),
  'provision.map': op<ProvisionMap>()({ input: mapInput, access: MAP_READ, kind: 'read', audit: true }),
} as const;
