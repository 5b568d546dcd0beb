import { describe, expect, it } from 'vitest';
import { formatTScore, gasTScore } from './gas';

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

  it('has no score without ratings', () => {
    expect(gasTScore([])).toBeNull();
    expect(formatTScore(null)).toBe('');
    expect(formatTScore(62.40351)).toBe('62.4');
  });
});
