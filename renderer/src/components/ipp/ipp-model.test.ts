import { describe, expect, it } from 'vitest';
import type { IppView } from '../../../../shared/contract';
import { goalSeries, levelKeyOf, liveLength, outsideTargeted, reviewTScore, scoreLabel, viewLength, viewToFormValues } from './ipp-model';

const view: IppView = {
  id: 'p1',
  pupilId: 'u1',
  pupilName: 'Sam Example',
  currentVersion: 2,
  closedDate: null,
  versions: [
    { number: 1, createdAt: '2026-01-05T10:00:00Z', createdBy: 'A', reason: null, reviewId: null },
    { number: 2, createdAt: '2026-02-05T10:00:00Z', createdBy: 'A', reason: 'New goal', reviewId: null },
  ],
  version: 2,
  title: 'Plan',
  startDate: '2026-01-05',
  reviewDate: '2026-03-02',
  endDate: '2026-05-25',
  weeks: 20,
  lengthDays: 140,
  expectedOutcomes: null,
  goals: [
    {
      key: 'a',
      description: 'A',
      ehcpOutcomeId: null,
      ehcpOutcome: null,
      levels: { m2: null, m1: null, expected: 'x', p1: null, p2: null },
      weight: 1,
    },
    {
      key: 'b',
      description: 'B',
      ehcpOutcomeId: null,
      ehcpOutcome: null,
      levels: { m2: null, m1: null, expected: 'y', p1: null, p2: null },
      weight: 3,
    },
  ],
  interventions: [],
  reviews: [
    { date: '2026-02-01', note: null, mean: -1, ratings: [{ goalKey: 'a', rating: -1, note: null, weight: 1 }] },
    {
      date: '2026-03-01',
      note: null,
      mean: 1,
      ratings: [
        { goalKey: 'a', rating: 1, note: null, weight: 1 },
        { goalKey: 'b', rating: 1, note: null, weight: 1 },
      ],
    },
    // After the revision that weighted goal b 3: a = -1 (weight 1), b = +1 (weight 3).
    {
      date: '2026-04-01',
      note: null,
      mean: 0.5,
      ratings: [
        { goalKey: 'a', rating: -1, note: null, weight: 1 },
        { goalKey: 'b', rating: 1, note: null, weight: 3 },
      ],
    },
  ],
};

describe('ipp-model', () => {
  it('shows the length live, exactly in weeks and days, only for real dates in order', () => {
    expect(liveLength('2026-01-05', '2026-05-25')).toBe('20 weeks');
    // 81 days: 11 weeks and 4 days, never rounded to 12 weeks.
    expect(liveLength('2026-01-05', '2026-03-27')).toBe('11 weeks and 4 days');
    expect(liveLength('2026-01-05', '2026-01-06')).toBe('1 day');
    expect(liveLength('2026-01-05', '2026-01-13')).toBe('1 week and 1 day');
    expect(liveLength('2026-01-05', '')).toBeNull();
    expect(liveLength('2026-01-05', 'invalid')).toBeNull();
    expect(liveLength('2026-05-25', '2026-01-05')).toBeNull();
    expect(viewLength(view)).toBe('20 weeks');
  });

  it('applies the Targeted 12 to 36 week rule exactly, only on Targeted', () => {
    // From Monday 5 January 2026: 12 weeks 0 days is 30 March; 36 weeks 0 days is 14 September.
    expect(outsideTargeted('targeted', '2026-01-05', '2026-03-27')).toBe(true); // 11 weeks 4 days
    expect(outsideTargeted('targeted', '2026-01-05', '2026-03-29')).toBe(true); // 11 weeks 6 days
    expect(outsideTargeted('targeted', '2026-01-05', '2026-03-30')).toBe(false); // 12 weeks 0 days
    expect(outsideTargeted('targeted', '2026-01-05', '2026-09-14')).toBe(false); // 36 weeks 0 days
    expect(outsideTargeted('targeted', '2026-01-05', '2026-09-15')).toBe(true); // 36 weeks 1 day
    expect(outsideTargeted('targeted', '2026-01-05', '2026-10-12')).toBe(true); // 40 weeks
    expect(outsideTargeted('universal', '2026-01-05', '2026-10-12')).toBe(false);
    expect(outsideTargeted('targeted', '2026-01-05', null)).toBe(false);
    expect(outsideTargeted('targeted', '2026-01-05', 'invalid')).toBe(false);
  });

  it('labels scores with signs and maps them to ladder levels', () => {
    expect([2, 1, 0, -1, -2].map(scoreLabel)).toEqual(['+2', '+1', '0', '\u22121', '\u22122']);
    expect([2, 1, 0, -1, -2].map(levelKeyOf)).toEqual(['p2', 'p1', 'expected', 'm1', 'm2']);
  });

  it('follows each goal through the reviews and scores each review', () => {
    expect(goalSeries(view)).toEqual([
      { key: 'a', ratings: [-1, 1, -1] },
      { key: 'b', ratings: [null, 1, 1] },
    ]);
    expect(reviewTScore(view.reviews[0]!)).toBeCloseTo(40, 6);
    expect(reviewTScore(view.reviews[1]!)).toBeCloseTo(62.4035, 4);
    // Weighted by the weights kept with the ratings: Σwx = -1 + 3 = 2; √(0.7·10 + 0.3·16) = √11.8 = 3.43511;
    // 20 / 3.43511 = 5.82222, so T = 55.8222 (unweighted it would be 50).
    expect(reviewTScore(view.reviews[2]!)).toBeCloseTo(55.8222, 4);
  });

  it('starts a revision from the current version with the same goal keys and no reason', () => {
    const v = viewToFormValues(view);
    expect(v.baseVersion).toBe(2);
    expect(v.goals.map((g) => g.key)).toEqual(['a', 'b']);
    // The revision carries each goal's weight.
    expect(v.goals.map((g) => g.weight)).toEqual([1, 3]);
    expect(v.revisionReason).toBeNull();
  });
});
