/**
 * EHC plan vocabulary and the golden thread (SEND Code of Practice 9.61-9.69): every need in section B should have
 * an outcome in E and provision in F serving it; every provision should serve an outcome and be specific and
 * quantified (how often, and for how long); every outcome should answer a need. Pure, so the plan editor shows the
 * same warnings as the dashboard counts while the SENCo types.
 */

/** The four broad areas of need (CoP 6.28-6.35). */
export const NEED_AREAS = ['communication_interaction', 'cognition_learning', 'semh', 'sensory_physical'] as const;
export type NeedArea = (typeof NEED_AREAS)[number];

export const PLAN_STATUSES = ['draft', 'final', 'ceased'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const FREQUENCY_PERIODS = ['day', 'week', 'fortnight', 'half_term', 'term', 'year'] as const;
export type FrequencyPeriod = (typeof FREQUENCY_PERIODS)[number];

/** Preparing-for-adulthood outcome areas (CoP 8.9-8.12), from Year 9. */
export const PFA_AREAS = ['employment', 'independent_living', 'community', 'health'] as const;
export type PfaArea = (typeof PFA_AREAS)[number];

/** Sections held as lists of short items: C health needs, D social care needs, G health provision, H1/H2 social care. */
export const ITEM_SECTIONS = ['C', 'D', 'G', 'H1', 'H2'] as const;
export type ItemSection = (typeof ITEM_SECTIONS)[number];

export interface ThreadNeed {
  readonly key: string;
}
export interface ThreadOutcome {
  readonly key: string;
  readonly needKeys: readonly string[];
}
export interface ThreadProvision {
  readonly key: string;
  readonly outcomeKeys: readonly string[];
  readonly frequencyCount: number | null;
  readonly frequencyPeriod: string | null;
  readonly sessionMinutes: number | null;
}

export interface GoldenThread {
  readonly needsWithoutOutcome: readonly string[];
  readonly needsWithoutProvision: readonly string[];
  readonly provisionWithoutOutcome: readonly string[];
  readonly outcomesWithoutNeed: readonly string[];
  readonly provisionNotQuantified: readonly string[];
  readonly problems: number;
}

export function isQuantified(p: Pick<ThreadProvision, 'frequencyCount' | 'frequencyPeriod' | 'sessionMinutes'>): boolean {
  return (
    p.frequencyCount !== null && p.frequencyCount > 0 && p.frequencyPeriod !== null && p.sessionMinutes !== null && p.sessionMinutes > 0
  );
}

export function goldenThread(content: {
  readonly needs: readonly ThreadNeed[];
  readonly outcomes: readonly ThreadOutcome[];
  readonly provision: readonly ThreadProvision[];
}): GoldenThread {
  const needKeys = new Set(content.needs.map((n) => n.key));
  const outcomeKeys = new Set(content.outcomes.map((o) => o.key));
  const servedOutcomes = new Set(content.provision.flatMap((p) => p.outcomeKeys.filter((k) => outcomeKeys.has(k))));
  const needsWithOutcome = new Set<string>();
  const needsWithProvision = new Set<string>();
  for (const o of content.outcomes) {
    for (const n of o.needKeys) {
      if (!needKeys.has(n)) continue;
      needsWithOutcome.add(n);
      if (servedOutcomes.has(o.key)) needsWithProvision.add(n);
    }
  }
  const needsWithoutOutcome = content.needs.filter((n) => !needsWithOutcome.has(n.key)).map((n) => n.key);
  // A need with no outcome has no provision either; list it once, under the first missing link.
  const needsWithoutProvision = content.needs
    .filter((n) => needsWithOutcome.has(n.key) && !needsWithProvision.has(n.key))
    .map((n) => n.key);
  const provisionWithoutOutcome = content.provision.filter((p) => !p.outcomeKeys.some((k) => outcomeKeys.has(k))).map((p) => p.key);
  const outcomesWithoutNeed = content.outcomes.filter((o) => !o.needKeys.some((k) => needKeys.has(k))).map((o) => o.key);
  const provisionNotQuantified = content.provision.filter((p) => !isQuantified(p)).map((p) => p.key);
  return {
    needsWithoutOutcome,
    needsWithoutProvision,
    provisionWithoutOutcome,
    outcomesWithoutNeed,
    provisionNotQuantified,
    problems:
      needsWithoutOutcome.length +
      needsWithoutProvision.length +
      provisionWithoutOutcome.length +
      outcomesWithoutNeed.length +
      provisionNotQuantified.length,
  };
}
