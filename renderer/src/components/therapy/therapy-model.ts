/**
 * Pure helpers for the therapy screens: the referral's initial-assessment timing (seed policy 5: within six weeks
 * of referral), which moves a screen offers, score summaries grouped by measure, the band timeline and the
 * band distribution next to the policy's expected shares. No React and no i18n here, so they are unit-tested.
 */
import { yearGroupOrder } from '../../../../shared/domain';
import type { AssessmentRecord, BandDistribution, BandPeriod, ReferralRecord } from '../../../../shared/contract';
import {
  MEASURES,
  MEASURE_NAMES,
  REFERRAL_MOVES,
  TARGETED_WEEKS,
  type Band,
  type MeasureName,
  type ReferralState,
} from '../../../../shared/therapy';
import { addDays, daysBetween } from '../../../../shared/date-only';

/** Seed policy 5: initial assessments are conducted within six weeks of referral. */
export const INITIAL_ASSESSMENT_WEEKS = 6;

/** Date arithmetic is the one date-only module's (shared/date-only.ts); exported here too for the therapy screens. */
export { addDays as addDaysIso, daysBetween };

export function initialAssessmentDue(receivedDate: string): string {
  return addDays(receivedDate, INITIAL_ASSESSMENT_WEEKS * 7);
}

export type AssessmentTiming =
  /** Assessed: on which date, and whether that was within the six weeks. */
  | { readonly kind: 'assessed'; readonly date: string; readonly onTime: boolean }
  /** Declined or closed before an assessment: nothing is due any more. */
  | { readonly kind: 'not_needed' }
  | { readonly kind: 'overdue'; readonly due: string; readonly days: number }
  | { readonly kind: 'due_soon'; readonly due: string; readonly days: number }
  | { readonly kind: 'upcoming'; readonly due: string; readonly days: number };

/** When the initial assessment is (or was) due, relative to today. "Due soon" is the last fortnight. */
export function assessmentTiming(r: Pick<ReferralRecord, 'receivedDate' | 'state' | 'history'>, today: string): AssessmentTiming {
  const due = initialAssessmentDue(r.receivedDate);
  const assessed = r.history.find((h) => h.to === 'assessed');
  if (assessed) return { kind: 'assessed', date: assessed.date, onTime: assessed.date <= due };
  if (r.state === 'declined' || r.state === 'closed') return { kind: 'not_needed' };
  const days = daysBetween(today, due);
  if (days < 0) return { kind: 'overdue', due, days: -days };
  if (days <= 14) return { kind: 'due_soon', due, days };
  return { kind: 'upcoming', due, days };
}

/**
 * The moves a screen offers as buttons. The state machine also lets a booked assessment go back to "accepted"
 * (a cancelled booking); screens keep to the forward path and leave that to the service.
 */
export function offeredMoves(state: ReferralState): readonly ReferralState[] {
  return REFERRAL_MOVES[state].filter((to) => !(state === 'assessment_booked' && to === 'accepted'));
}

/** Moves that need a reason typed before they are sent. */
export function moveNeedsReason(to: ReferralState): boolean {
  return to === 'declined';
}

export interface ScaleSpec {
  readonly measure: MeasureName;
  readonly scale: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** The scales of a measure, in the order MEASURES lists them. */
export function measureScales(measure: MeasureName): readonly ScaleSpec[] {
  const scales = MEASURES[measure].scales as Record<string, { min: number; max: number; step: number }>;
  return Object.entries(scales).map(([scale, s]) => ({ measure, scale, ...s }));
}

export function scaleSpec(measure: string, scale: string): ScaleSpec | null {
  if (!(MEASURE_NAMES as string[]).includes(measure)) return null;
  return measureScales(measure as MeasureName).find((s) => s.scale === scale) ?? null;
}

/** Scores grouped by measure in MEASURES order, each group's scales in their defined order; unknown ones last. */
export function groupScores(
  scores: AssessmentRecord['scores'],
): { readonly measure: string; readonly items: { readonly scale: string; readonly value: number }[] }[] {
  const order = (m: string) => {
    const i = (MEASURE_NAMES as string[]).indexOf(m);
    return i === -1 ? MEASURE_NAMES.length : i;
  };
  const scaleOrder = (m: string, s: string) => {
    if (!(MEASURE_NAMES as string[]).includes(m)) return 0;
    const i = measureScales(m as MeasureName).findIndex((x) => x.scale === s);
    return i === -1 ? 99 : i;
  };
  const measures = [...new Set(scores.map((s) => s.measure))].sort((a, b) => order(a) - order(b));
  return measures.map((measure) => ({
    measure,
    items: scores
      .filter((s) => s.measure === measure)
      .map((s) => ({ scale: s.scale, value: s.value }))
      .sort((a, b) => scaleOrder(measure, a.scale) - scaleOrder(measure, b.scale)),
  }));
}

/** The measures already present in a list of scores (the form adds and removes a measure's scales together). */
export function measuresIn(scores: readonly { readonly measure: string }[]): MeasureName[] {
  return MEASURE_NAMES.filter((m) => scores.some((s) => s.measure === m));
}

/** A score as a person writes it: 2.5, 3, never 3.0. */
export function formatScore(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** A mean GAS rating with its sign: +0.5, 0, −1.25 (a real minus sign reads better than a hyphen). */
export function formatMean(value: number): string {
  const r = Math.round(value * 100) / 100;
  if (r === 0) return '0';
  return r > 0 ? `+${r}` : `−${Math.abs(r)}`;
}

/** The band history newest first, marking the current period. */
export function bandTimeline(history: readonly BandPeriod[]): (BandPeriod & { readonly current: boolean })[] {
  return [...history]
    .sort((a, b) => (a.startDate === b.startDate ? 0 : a.startDate < b.startDate ? 1 : -1))
    .map((p) => ({ ...p, current: p.endDate === null }));
}

/** When a Targeted or Specific period's planned weeks end (start + weeks), or null. */
export function plannedEnd(p: Pick<BandPeriod, 'startDate' | 'plannedWeeks'>): string | null {
  return p.plannedWeeks ? addDays(p.startDate, p.plannedWeeks * 7) : null;
}

/** Whether a planned length suits the band (Targeted: 12 to 36 weeks, seed policy 6). For hints only. */
export function weeksHintRange(band: Band): { readonly min: number; readonly max: number } | null {
  return band === 'targeted' ? TARGETED_WEEKS : null;
}

export interface DistributionRow {
  readonly band: Band;
  readonly count: number;
  readonly percent: number;
  readonly expectedPercent: number;
  /** School share minus the policy's, in percentage points (positive: more pupils here than expected). */
  readonly difference: number;
}

export function distributionRows(d: BandDistribution): DistributionRow[] {
  return d.bands.map((b) => ({ ...b, difference: Math.round((b.percent - b.expectedPercent) * 10) / 10 }));
}

/** A percentage as shown beside a count: 62.5%, 5%, 0%. */
export function formatPercent(value: number): string {
  return `${Math.round(value * 10) / 10}%`;
}

export const CASELOAD_SORTS = ['name', 'yearGroup', 'band', 'bandSince', 'planEnds', 'lastAssessed'] as const;
export type CaseloadSort = (typeof CASELOAD_SORTS)[number];

const BAND_ORDER: Readonly<Record<Band, number>> = { universal: 0, targeted: 1, specific: 2 };

/**
 * Sorts caseload rows; empty dates go last whichever the direction, names break ties. Band sorts by intensity
 * (Universal, Targeted, Specific), year groups in school order.
 */
export function sortCaseload<R extends CaseloadRowLike>(rows: readonly R[], sort: CaseloadSort, direction: 'asc' | 'desc'): R[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = (a: R, b: R) => a.name.localeCompare(b.name, 'en-GB');
  const cmp = (a: R, b: R): number => {
    switch (sort) {
      case 'name':
        return sign * byName(a, b);
      case 'yearGroup':
        return sign * (yearGroupOrder(a.yearGroup) - yearGroupOrder(b.yearGroup)) || byName(a, b);
      case 'band':
        return sign * (BAND_ORDER[a.band] - BAND_ORDER[b.band]) || byName(a, b);
      default: {
        const x = a[sort];
        const y = b[sort];
        if (x === y) return byName(a, b);
        if (x === null) return 1;
        if (y === null) return -1;
        return sign * (x < y ? -1 : 1);
      }
    }
  };
  return [...rows].sort(cmp);
}

export interface CaseloadRowLike {
  readonly name: string;
  readonly yearGroup: string;
  readonly band: Band;
  readonly bandSince: string;
  readonly planEnds: string | null;
  readonly lastAssessed: string | null;
}
