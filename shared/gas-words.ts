/**
 * The T-score in words a parent understands (issue 14): what 50, above and below mean, and how the goals' weights
 * count, in place of "Kiresuk-Sherman, rho 0.3". Used by the review pack and by every screen that shows a T-score,
 * so they all say the same thing.
 */
import { t } from './i18n';

/** "A score of 50 means the goals were met as expected. Above 50, ..." */
export function tScorePlainWords(): string {
  return t('therapyRules.tScore.plain');
}

/**
 * How the goals' weights count, for the goals in order (goal 1 first): "Every goal counts the same." when they all
 * have one weight, else the rule and each goal's weight ("goal 1 has weight 2, goal 2 has weight 1").
 */
export function tScoreWeightsWords(weights: readonly number[]): string {
  if (weights.every((w) => w === weights[0])) return t('therapyRules.tScore.weightsEqual');
  const list = weights.map((weight, i) => t('therapyRules.tScore.weightOf', { n: i + 1, weight })).join(', ');
  return t('therapyRules.tScore.weightsHere', { list });
}
