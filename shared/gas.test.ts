import { describe, expect, it } from 'vitest';
import { GAS_WEIGHT, formatTScore, gasTScore, gasWeightOk, reviewTScore, weightedMeanRating } from './gas';

describe('gasTScore (Kiresuk-Sherman, rho 0.3)', () => {
  it('is 50 when every goal is met as expected', () => {
    expect(gasTScore([0, 0, 0])).toBe(50);
  });

  it('is 50 + 10x for a single goal (the denominator is 1)', () => {
    expect(gasTScore([2])).toBeCloseTo(70, 10);
    expect(gasTScore([-1])).toBeCloseTo(40, 10);
  });

  it('matches hand-worked values', () => {
    // Two goals at +1: 50 + 10·2 / √(0.7·2 + 0.3·4) = 50 + 20 / √2.6 = 62.4035…
    expect(gasTScore([1, 1])).toBeCloseTo(62.4035, 4);
    // Three goals at -2: 50 − 60 / √(0.7·3 + 0.3·9) = 50 − 60 / √4.8 = 22.6139…
    expect(gasTScore([-2, -2, -2])).toBeCloseTo(22.6139, 4);
    // Ratings that cancel out: 50.
    expect(gasTScore([-1, 0, 1])).toBeCloseTo(50, 10);
    // Four goals 1, 0, -1, 2: Σ = 2; 50 + 20 / √(0.7·4 + 0.3·16) = 50 + 20 / √7.6 = 57.2548…
    expect(gasTScore([1, 0, -1, 2])).toBeCloseTo(57.2548, 4);
  });

  it('uses weights when given', () => {
    // w = 2, 1; x = 1, -1: 50 + 10·1 / √(0.7·5 + 0.3·9) = 50 + 10 / √6.2 = 54.0161…
    expect(gasTScore([1, -1], [2, 1])).toBeCloseTo(54.0161, 4);
  });

  it('matches hand-worked weighted values', () => {
    // w = 2, 1, 1; x = +1, 0, -1. Σwx = 2 + 0 - 1 = 1; Σw² = 4 + 1 + 1 = 6; (Σw)² = 4² = 16.
    // Denominator √(0.7·6 + 0.3·16) = √(4.2 + 4.8) = √9 = 3, so T = 50 + 10/3 = 53.3333…
    expect(gasTScore([1, 0, -1], [2, 1, 1])).toBeCloseTo(53.3333, 4);
    // w = 3, 1; x = -2, +2. Σwx = -6 + 2 = -4; Σw² = 9 + 1 = 10; (Σw)² = 16.
    // √(7 + 4.8) = √11.8 = 3.43511; 40 / 3.43511 = 11.64445; T = 50 - 11.64445 = 38.3555…
    expect(gasTScore([-2, 2], [3, 1])).toBeCloseTo(38.3555, 4);
    // w = 1, 2, 3; x = +1 each. Σwx = 6; Σw² = 1 + 4 + 9 = 14; (Σw)² = 36.
    // √(9.8 + 10.8) = √20.6 = 4.53872; 60 / 4.53872 = 13.21958; T = 63.2196…
    expect(gasTScore([1, 1, 1], [1, 2, 3])).toBeCloseTo(63.2196, 4);
    // The same ratings unweighted: √(0.7·3 + 0.3·9) = √4.8 = 2.19089; 30 / 2.19089 = 13.69306; T = 63.6931…
    // so the weights really change the score.
    expect(gasTScore([1, 1, 1], [1, 1, 1])).toBeCloseTo(63.6931, 4);
    // One goal: its weight cancels out (10·w·x / √(0.7w² + 0.3w²) = 10x). w = 5, x = +2: 70.
    expect(gasTScore([2], [5])).toBeCloseTo(70, 10);
  });

  it('depends only on the ratio of the weights', () => {
    // w = 4, 2 is w = 2, 1 doubled: Σwx = 2; √(0.7·20 + 0.3·36) = √24.8 = 4.97996; 20 / 4.97996 = 4.0161.
    expect(gasTScore([1, -1], [4, 2])).toBeCloseTo(gasTScore([1, -1], [2, 1])!, 10);
  });

  it('refuses weights that are not positive numbers', () => {
    expect(() => gasTScore([1, 0], [1, 0])).toThrow(/not a positive number/);
    expect(() => gasTScore([1, 0], [1, -2])).toThrow(/not a positive number/);
    expect(() => gasTScore([1, 0], [1, Number.NaN])).toThrow(/not a positive number/);
    expect(() => gasTScore([1, 0], [1])).toThrow(/one weight per rating/);
  });

  it("scores a review from its ratings and their goals' weights, 1 where none was recorded", () => {
    expect(
      reviewTScore([
        { rating: 1, weight: 2 },
        { rating: 0, weight: 1 },
        { rating: -1, weight: 1 },
      ]),
    ).toBeCloseTo(53.3333, 4);
    // Ratings kept before weights existed count as weight 1: the unweighted score.
    expect(reviewTScore([{ rating: 1 }, { rating: 1, weight: null }])).toBeCloseTo(62.4035, 4);
    expect(reviewTScore([])).toBeNull();
  });

  it('weights the mean rating the same way, so it is below 0 exactly when T is below 50', () => {
    // (2·1 + 1·0 + 1·(-1)) / 4 = 0.25; unweighted it would be 0.
    expect(
      weightedMeanRating([
        { rating: 1, weight: 2 },
        { rating: 0, weight: 1 },
        { rating: -1, weight: 1 },
      ]),
    ).toBeCloseTo(0.25, 10);
    // (3·(-2) + 1·2) / 4 = -1, and T = 38.36 above.
    expect(
      weightedMeanRating([
        { rating: -2, weight: 3 },
        { rating: 2, weight: 1 },
      ]),
    ).toBeCloseTo(-1, 10);
    expect(weightedMeanRating([])).toBeNull();
  });

  it('allows whole-number weights from 1 to 10', () => {
    expect(GAS_WEIGHT).toEqual({ min: 1, max: 10, default: 1 });
    expect([1, 2, 10].map(gasWeightOk)).toEqual([true, true, true]);
    expect([0, -1, 11, 1.5, Number.NaN, '2', null].map(gasWeightOk)).toEqual([false, false, false, false, false, false, false]);
  });

  it('has no score without ratings', () => {
    expect(gasTScore([])).toBeNull();
    expect(formatTScore(null)).toBe('');
    expect(formatTScore(62.40351)).toBe('62.4');
  });
});
