/**
 * Pure helpers for the individual pupil plan (IPP) screens: the editor's values from a saved plan, live plan
 * length, the GAS ladder's rows, and the progress series per goal and per review. No React, no DOM.
 */
import type { z } from 'zod';
import type { IppView, ippInput } from '../../../../shared/contract';
import { isIsoDate } from '../../../../shared/dates';
import { GAS_WEIGHT, reviewTScore as scoreRatings } from '../../../../shared/gas';
import { planLength, targetedDatesOk, type Band } from '../../../../shared/therapy';
import { planLengthText } from '../../../../shared/plan-length';

export type IppFormIn = z.input<typeof ippInput>;
export type IppFormOut = z.output<typeof ippInput>;
export type GoalIn = IppFormIn['goals'][number];
export type InterventionIn = IppFormIn['interventions'][number];
export type LevelKey = 'm2' | 'm1' | 'expected' | 'p1' | 'p2';

/** The ladder top to bottom, as printed on GAS forms: +2 first, -2 last. */
export const LADDER: ReadonlyArray<{ readonly key: LevelKey; readonly score: -2 | -1 | 0 | 1 | 2 }> = [
  { key: 'p2', score: 2 },
  { key: 'p1', score: 1 },
  { key: 'expected', score: 0 },
  { key: 'm1', score: -1 },
  { key: 'm2', score: -2 },
];

/** "+2", "+1", "0", "−1", "−2" (a real minus sign). */
export function scoreLabel(score: number): string {
  if (score > 0) return `+${score}`;
  if (score < 0) return `\u2212${Math.abs(score)}`;
  return '0';
}

export function levelKeyOf(score: number): LevelKey {
  return LADDER.find((l) => l.score === score)?.key ?? 'expected';
}

export function emptyGoal(key: string): GoalIn {
  return {
    key,
    description: '',
    ehcpOutcomeId: null,
    levels: { m2: null, m1: null, expected: '', p1: null, p2: null },
    weight: GAS_WEIGHT.default,
  };
}

export function emptyIntervention(): InterventionIn {
  return {
    discipline: '',
    description: '',
    frequencyCount: null,
    frequencyPeriod: null,
    sessionMinutes: null,
    durationWeeks: null,
    groupSize: null,
    staffingRatio: 'one_to_one',
    deliveredBy: null,
    classroomStrategies: null,
    continues: null,
    provisionId: null,
  };
}

export function newPlanValues(pupilId: string, newKey: () => string): IppFormIn {
  return {
    id: null,
    baseVersion: null,
    pupilId,
    title: '',
    startDate: '',
    reviewDate: '',
    endDate: '',
    expectedOutcomes: null,
    revisionReason: null,
    goals: [emptyGoal(newKey())],
    interventions: [],
  };
}

/** A revision starts from the current version: same goal keys (ratings follow a goal), reason still to give. */
export function viewToFormValues(view: IppView): IppFormIn {
  return {
    id: view.id,
    baseVersion: view.currentVersion,
    pupilId: view.pupilId,
    title: view.title,
    startDate: view.startDate,
    reviewDate: view.reviewDate,
    endDate: view.endDate,
    expectedOutcomes: view.expectedOutcomes,
    revisionReason: null,
    // Each goal keeps its weight into the revision (the therapist may change it there).
    goals: view.goals.map((g) => ({
      key: g.key,
      description: g.description,
      ehcpOutcomeId: g.ehcpOutcomeId,
      levels: { ...g.levels },
      weight: g.weight,
    })),
    // The row id identifies a saved intervention for session links; a revision writes new rows, so it is not sent back.
    interventions: view.interventions.map(({ id, ...i }) => ({ ...i, continues: id })),
  };
}

/** The plan's length in words ("11 weeks and 4 days") as the dates are picked, or null until both are real dates in order. */
export function liveLength(start: string | null | undefined, end: string | null | undefined): string | null {
  if (!start || !end || !isIsoDate(start) || !isIsoDate(end) || end < start) return null;
  return planLengthText(start, end);
}

/**
 * For a pupil on Targeted: whether a plan with these dates is outside the policy's 12 to 36 weeks, checked exactly
 * as the service checks it (shared/therapy.ts targetedDatesOk: 84 to 252 days). False until both dates are real.
 */
export function outsideTargeted(band: Band | null | undefined, start: string | null | undefined, end: string | null | undefined): boolean {
  if (band !== 'targeted' || !start || !end || !isIsoDate(start) || !isIsoDate(end) || end < start) return false;
  return !targetedDatesOk(start, end);
}

/** A saved plan version's length in words, from its dates. */
export function viewLength(view: Pick<IppView, 'startDate' | 'endDate'>): string {
  return planLength(view.startDate, view.endDate).days >= 0 ? planLengthText(view.startDate, view.endDate) : '';
}

type Review = IppView['reviews'][number];

/** The plan's T-score at one review, over the goals rated then, each counted by the weight it had then. */
export function reviewTScore(review: Review): number | null {
  return scoreRatings(review.ratings);
}

export function latestReview(view: IppView): Review | null {
  return view.reviews.length ? (view.reviews[view.reviews.length - 1] as Review) : null;
}

/** For each goal of the shown version: its rating at each review (null where it was not rated). */
export function goalSeries(view: IppView): ReadonlyArray<{ readonly key: string; readonly ratings: ReadonlyArray<number | null> }> {
  return view.goals.map((g) => ({
    key: g.key,
    ratings: view.reviews.map((r) => r.ratings.find((x) => x.goalKey === g.key)?.rating ?? null),
  }));
}
