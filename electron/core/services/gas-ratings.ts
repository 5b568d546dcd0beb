/**
 * GAS ratings as they are kept with a plan review (ipp_review.ratings_json): each rating with the weight its goal had
 * in the plan version rated. Shared by plan reviews (ipps.ts), review meetings (reviews.ts) and progress (progress.ts).
 */
import type { IppView } from '../../../shared/contract';
import { GAS_WEIGHT } from '../../../shared/gas';
import type { IppGoalEntity } from '../db/entities';

/**
 * Each rating with the weight its goal has in the plan version rated, kept with the rating (ipp_review.ratings_json):
 * the T-score and the weighted mean of a past review stay what they were when a later revision changes the weights.
 */
export function withWeights<R extends { readonly goalKey: string; readonly rating: number; readonly note: string | null }>(
  ratings: readonly R[],
  goals: readonly Pick<IppGoalEntity, 'goalKey' | 'weight'>[],
): { goalKey: string; rating: number; note: string | null; weight: number }[] {
  const weight = new Map(goals.map((g) => [g.goalKey, g.weight]));
  return ratings.map((r) => ({ goalKey: r.goalKey, rating: r.rating, note: r.note, weight: weight.get(r.goalKey) ?? GAS_WEIGHT.default }));
}

/** A plan review's stored ratings; those kept before weights existed (migration 0009) count 1. */
export function storedRatings(json: string): IppView['reviews'][number]['ratings'] {
  return (JSON.parse(json) as { goalKey: string; rating: number; note: string | null; weight?: number }[]).map((r) => ({
    goalKey: r.goalKey,
    rating: r.rating,
    note: r.note ?? null,
    weight: r.weight ?? GAS_WEIGHT.default,
  }));
}
