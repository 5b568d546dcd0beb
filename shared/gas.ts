/**
 * Goal Attainment Scaling (DOMAIN.md): each goal is rated -2 (much less than expected) .. 0 (expected) .. +2 (much
 * more than expected). Several goals combine into the Kiresuk-Sherman T-score.
 *
 * Derivation (Kiresuk and Sherman 1968, from the definition rather than any printed formula): treat each rating xᵢ
 * as a score with mean 0 and variance 1, any two goals correlated ρ. The weighted sum S = Σ wᵢxᵢ then has mean 0 and
 *   Var(S) = Σ wᵢ² + ρ·Σ_{i≠j} wᵢwⱼ = Σ wᵢ² + ρ·((Σ wᵢ)² − Σ wᵢ²) = (1 − ρ)·Σ wᵢ² + ρ·(Σ wᵢ)².
 * Standardising S and putting it on the T scale (mean 50, standard deviation 10) gives
 *
 *   T = 50 + 10 · Σ(wᵢxᵢ) / √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²),  ρ = 0.3.
 *
 * Weights say how much each goal matters (GAS_WEIGHT: whole numbers 1 to 10, 1 by default, so equal weights give
 * the unweighted score). Multiplying every weight by the same number leaves T unchanged: only their ratios count.
 * T = 50 means every goal was met as expected; about 40 to 60 covers "a little less" to "a little more". Pure:
 * no DOM or Node.
 */

/** The assumed inter-goal correlation of the standard formula. */
export const GAS_RHO = 0.3;

/** A goal's weight: a whole number from 1 to 10; 1 when the therapist gives none (every goal counts the same). */
export const GAS_WEIGHT = { min: 1, max: 10, default: 1 } as const;

/** Whether a weight is one a goal may have (a whole number from 1 to 10). */
export function gasWeightOk(w: unknown): w is number {
  return typeof w === 'number' && Number.isInteger(w) && w >= GAS_WEIGHT.min && w <= GAS_WEIGHT.max;
}

/**
 * The plan's T-score for its goals' ratings, or null when there are none. Weights default to 1 each; a weight that
 * is not a positive finite number is a programming error (the contract refuses it at the boundary), so it throws.
 */
export function gasTScore(ratings: readonly number[], weights?: readonly number[], rho: number = GAS_RHO): number | null {
  if (ratings.length === 0) return null;
  const w = weights ?? ratings.map(() => 1);
  if (w.length !== ratings.length) throw new Error('gasTScore: one weight per rating');
  let weighted = 0;
  let sumW = 0;
  let sumW2 = 0;
  ratings.forEach((x, i) => {
    const wi = w[i] as number;
    if (!(Number.isFinite(wi) && wi > 0)) throw new RangeError(`gasTScore: weight ${String(wi)} is not a positive number`);
    weighted += wi * x;
    sumW += wi;
    sumW2 += wi * wi;
  });
  const denominator = Math.sqrt((1 - rho) * sumW2 + rho * sumW * sumW);
  if (!(denominator > 0)) return null;
  return 50 + (10 * weighted) / denominator;
}

/** A rating with the weight its goal had when it was rated (absent in records from before weights: 1). */
export interface WeightedRating {
  readonly rating: number;
  readonly weight?: number | null | undefined;
}

const weightOf = (r: WeightedRating) => r.weight ?? GAS_WEIGHT.default;

/** The T-score of a review's ratings, each counted by its goal's weight. The one place every screen and print uses. */
export function reviewTScore(ratings: readonly WeightedRating[]): number | null {
  return gasTScore(
    ratings.map((r) => r.rating),
    ratings.map(weightOf),
  );
}

/**
 * The weighted mean rating Σwᵢxᵢ / Σwᵢ (the plain mean when every weight is 1), or null without ratings. It is below
 * 0 exactly when the T-score is below 50, so the mean and the T-score never disagree about "below expected".
 */
export function weightedMeanRating(ratings: readonly WeightedRating[]): number | null {
  if (!ratings.length) return null;
  let sum = 0;
  let sumW = 0;
  for (const r of ratings) {
    sum += weightOf(r) * r.rating;
    sumW += weightOf(r);
  }
  return sum / sumW;
}

/** A T-score as shown to people: one decimal place. */
export function formatTScore(t: number | null): string {
  return t === null ? '' : t.toFixed(1);
}
