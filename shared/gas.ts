/**
 * Goal Attainment Scaling (DOMAIN.md): each goal is rated -2 (much less than expected) .. 0 (expected) .. +2 (much
 * more than expected). Several goals combine into the Kiresuk-Sherman T-score, derived from its definition:
 *
 *   T = 50 + 10 · Σ(wᵢxᵢ) / √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²),  ρ = 0.3, weights 1 by default.
 *
 * T = 50 means every goal was met as expected; about 40 to 60 covers "a little less" to "a little more". Pure:
 * no DOM or Node.
 */

/** The assumed inter-goal correlation of the standard formula. */
export const GAS_RHO = 0.3;

/** The plan's T-score for its goals' ratings, or null when there are none (or the weights are unusable). */
export function gasTScore(ratings: readonly number[], weights?: readonly number[], rho: number = GAS_RHO): number | null {
  if (ratings.length === 0) return null;
  const w = weights ?? ratings.map(() => 1);
  if (w.length !== ratings.length) throw new Error('gasTScore: one weight per rating');
  let weighted = 0;
  let sumW = 0;
  let sumW2 = 0;
  ratings.forEach((x, i) => {
    const wi = w[i] as number;
    weighted += wi * x;
    sumW += wi;
    sumW2 += wi * wi;
  });
  const denominator = Math.sqrt((1 - rho) * sumW2 + rho * sumW * sumW);
  if (!(denominator > 0)) return null;
  return 50 + (10 * weighted) / denominator;
}

/** A T-score as shown to people: one decimal place. */
export function formatTScore(t: number | null): string {
  return t === null ? '' : t.toFixed(1);
}
