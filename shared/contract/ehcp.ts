import { z } from 'zod';
import { op } from './define';
import { dateIsBefore, id, isoDate, optionalIsoDate, optionalText, text } from '../validation';
import { t } from '../i18n';
import {
  FREQUENCY_PERIODS,
  ITEM_SECTIONS,
  NEED_AREAS,
  PFA_AREAS,
  PLAN_STATUSES,
  isQuantified,
  type FrequencyPeriod,
  type GoldenThread,
  type ItemSection,
  type NeedArea,
  type PfaArea,
  type PlanStatus,
} from '../ehcp';
import { urn } from './setup';

/** Keys link outcomes to needs and provision to outcomes inside one plan document (row ids once saved). */
const key = z.string().trim().min(1).max(64);
const longText = (max = 4000) => optionalText(max);
const count = (max: number) => z.number().int().min(1).max(max).nullable();

export const planContentInput = z
  .object({
    sectionA: z.object({ views: longText(), interests: longText(), aspirations: longText() }).strict(),
    needs: z.array(z.object({ key, area: z.enum(NEED_AREAS), description: text(4000) }).strict()).max(60),
    items: z.array(z.object({ section: z.enum(ITEM_SECTIONS), description: text(4000), provider: optionalText(200) }).strict()).max(120),
    outcomes: z
      .array(
        z
          .object({
            key,
            description: text(4000),
            targetDate: optionalIsoDate,
            needKeys: z.array(key).max(60),
            pfaArea: z.enum(PFA_AREAS).nullable(),
          })
          .strict(),
      )
      .max(60),
    provision: z
      .array(
        z
          .object({
            key,
            description: text(4000),
            frequencyCount: count(100),
            frequencyPeriod: z.enum(FREQUENCY_PERIODS).nullable(),
            sessionMinutes: count(1440),
            durationWeeks: count(104),
            groupSize: count(60),
            deliveredBy: optionalText(200),
            expertise: optionalText(400),
            markedQuantified: z.boolean(),
            outcomeKeys: z.array(key).max(60),
            /** The school's catalogue provision this line is (the provision map: typed once, in the catalogue); null: none. */
            provisionId: id.nullable().default(null),
          })
          .strict(),
      )
      .max(80),
    placement: z
      .object({
        name: optionalText(200),
        urn: urn
          .nullish()
          .or(z.literal(''))
          .transform((v) => (v ? v : null)),
        type: optionalText(100),
      })
      .strict(),
    personalBudget: longText(),
    advice: z.array(z.object({ title: text(200), author: text(200), date: isoDate }).strict()).max(60),
  })
  .strict()
  .superRefine((c, ctx) => {
    const dup = (keys: string[], path: string) => {
      const seen = new Set<string>();
      keys.forEach((k, i) => {
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [path, i, 'key'], message: t('validation.duplicateKey') });
        seen.add(k);
      });
    };
    dup(
      c.needs.map((n) => n.key),
      'needs',
    );
    dup(
      c.outcomes.map((o) => o.key),
      'outcomes',
    );
    dup(
      c.provision.map((p) => p.key),
      'provision',
    );
    const needKeys = new Set(c.needs.map((n) => n.key));
    const outcomeKeys = new Set(c.outcomes.map((o) => o.key));
    c.outcomes.forEach((o, i) => {
      o.needKeys.forEach((k, j) => {
        if (!needKeys.has(k))
          ctx.addIssue({ code: 'custom', path: ['outcomes', i, 'needKeys', j], message: t('validation.outcomeNeedElsewhere') });
      });
    });
    c.provision.forEach((p, i) => {
      p.outcomeKeys.forEach((k, j) => {
        if (!outcomeKeys.has(k))
          ctx.addIssue({ code: 'custom', path: ['provision', i, 'outcomeKeys', j], message: t('validation.provisionOutcomeElsewhere') });
      });
      if (p.markedQuantified && !isQuantified(p)) {
        ctx.addIssue({ code: 'custom', path: ['provision', i, 'markedQuantified'], message: t('validation.notQuantified') });
      }
      if ((p.frequencyCount === null) !== (p.frequencyPeriod === null)) {
        ctx.addIssue({ code: 'custom', path: ['provision', i, 'frequencyPeriod'], message: t('validation.frequencyPair') });
      }
    });
  });

export type PlanContentIn = z.input<typeof planContentInput>;
export type PlanContent = z.output<typeof planContentInput>;

const planDates = z
  .object({
    status: z.enum(PLAN_STATUSES),
    draftDate: optionalIsoDate,
    issuedDate: optionalIsoDate,
    ceasedDate: optionalIsoDate,
    ceasedReason: optionalText(500),
  })
  .strict();

function refineDates(v: z.output<typeof planDates>, ctx: z.RefinementCtx): void {
  if (v.status !== 'draft' && !v.issuedDate)
    ctx.addIssue({ code: 'custom', path: ['issuedDate'], message: t('validation.issuedRequired') });
  if (v.status === 'ceased' && !v.ceasedDate)
    ctx.addIssue({ code: 'custom', path: ['ceasedDate'], message: t('validation.ceasedRequired') });
  if (dateIsBefore(v.issuedDate, v.draftDate)) {
    ctx.addIssue({ code: 'custom', path: ['issuedDate'], message: t('validation.dateBefore', { date: v.draftDate }) });
  }
  if (dateIsBefore(v.ceasedDate, v.issuedDate)) {
    ctx.addIssue({ code: 'custom', path: ['ceasedDate'], message: t('validation.endBeforeStart') });
  }
}

export const planCreateInput = z
  .object({
    pupilId: id,
    localAuthority: text(100),
    ownerId: id.nullable(),
    ...planDates.shape,
    content: planContentInput,
  })
  .strict()
  .superRefine(refineDates);

export const planUpdateInput = z
  .object({
    planId: id,
    /** The version the editor started from: refused if someone saved another since (no lost updates). */
    baseVersion: z.number().int().min(1).max(10_000),
    localAuthority: text(100),
    ownerId: id.nullable(),
    ...planDates.shape,
    content: planContentInput,
    /** Required once the plan is final: a change to a final plan is an amendment, kept as a new version. */
    amendment: z
      .object({ effectiveDate: isoDate, reason: text(500), namesNextPhase: z.boolean() })
      .strict()
      .nullable(),
  })
  .strict()
  .superRefine(refineDates);

export interface PlanVersionSummary {
  readonly number: number;
  readonly kind: 'original' | 'amendment';
  readonly effectiveDate: string;
  readonly reason: string | null;
  readonly namesNextPhase: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface PlanSummary {
  readonly id: string;
  readonly pupilId: string;
  readonly localAuthority: string;
  readonly ownerId: string | null;
  readonly status: PlanStatus;
  readonly draftDate: string | null;
  readonly issuedDate: string | null;
  readonly ceasedDate: string | null;
  readonly ceasedReason: string | null;
  readonly currentVersion: number;
  readonly versions: readonly PlanVersionSummary[];
}

export interface PlanNeed {
  readonly key: string;
  readonly area: NeedArea;
  readonly description: string;
}
export interface PlanItem {
  readonly section: ItemSection;
  readonly description: string;
  readonly provider: string | null;
}
export interface PlanOutcome {
  readonly key: string;
  readonly description: string;
  readonly targetDate: string | null;
  readonly needKeys: readonly string[];
  readonly pfaArea: PfaArea | null;
}
export interface PlanProvision {
  readonly key: string;
  readonly description: string;
  readonly frequencyCount: number | null;
  readonly frequencyPeriod: FrequencyPeriod | null;
  readonly sessionMinutes: number | null;
  readonly durationWeeks: number | null;
  readonly groupSize: number | null;
  readonly deliveredBy: string | null;
  readonly expertise: string | null;
  readonly markedQuantified: boolean;
  readonly outcomeKeys: readonly string[];
  /** The school's catalogue provision this line is (migration 0020); null: not linked. */
  readonly provisionId: string | null;
}

export interface PlanView {
  readonly plan: PlanSummary;
  readonly pupilName: string;
  readonly version: PlanVersionSummary;
  readonly content: {
    readonly sectionA: { readonly views: string | null; readonly interests: string | null; readonly aspirations: string | null };
    readonly needs: readonly PlanNeed[];
    readonly items: readonly PlanItem[];
    readonly outcomes: readonly PlanOutcome[];
    readonly provision: readonly PlanProvision[];
    readonly placement: { readonly name: string | null; readonly urn: string | null; readonly type: string | null };
    readonly personalBudget: string | null;
    readonly advice: readonly { readonly title: string; readonly author: string; readonly date: string }[];
  };
  readonly goldenThread: GoldenThread;
}

const EHCP_READERS = ['senco', 'therapy_lead', 'therapist', 'headteacher'] as const;

export const ehcpOps = {
  'ehcp.listForPupil': op<readonly PlanSummary[]>()({
    input: z.object({ pupilId: id }).strict(),
    access: EHCP_READERS,
    kind: 'read',
    audit: true,
  }),
  'ehcp.get': op<PlanView>()({
    input: z.object({ planId: id, version: z.number().int().min(1).max(10_000).optional() }).strict(),
    access: EHCP_READERS,
    kind: 'read',
    audit: true,
  }),
  'ehcp.create': op<PlanView>()({
    input: planCreateInput,
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
  'ehcp.update': op<PlanView>()({
    input: planUpdateInput,
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
} as const;
