import { describe, expect, it } from 'vitest';
import type { IppView } from '../../../../shared/contract';
import { goalSeries, levelKeyOf, liveWeeks, outsideTargeted, reviewTScore, scoreLabel, viewToFormValues } from './ipp-model';

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
  expectedOutcomes: null,
  goals: [
    { key: 'a', description: 'A', ehcpOutcomeId: null, ehcpOutcome: null, levels: { m2: null, m1: null, expected: 'x', p1: null, p2: null } },
    { key: 'b', description: 'B', ehcpOutcomeId: null, ehcpOutcome: null, levels: { m2: null, m1: null, expected: 'y', p1: null, p2: null } },
  ],
  interventions: [],
  reviews: [
    { date: '2026-02-01', note: null, mean: -1, ratings: [{ goalKey: 'a', rating: -1, note: null }] },
    { date: '2026-03-01', note: null, mean: 1, ratings: [{ goalKey: 'a', rating: 1, note: null }, { goalKey: 'b', rating: 1, note: null }] },
  ],
};

describe('ipp-model', () => {
  it('counts weeks live only for real dates in order', () => {
    expect(liveWeeks('2026-01-05', '2026-05-25')).toBe(20);
    expect(liveWeeks('2026-01-05', '')).toBeNull();
    expect(liveWeeks('2026-01-05', 'invalid')).toBeNull();
    expect(liveWeeks('2026-05-25', '2026-01-05')).toBeNull();
  });

  it('applies the Targeted 12 to 36 week rule only on Targeted', () => {
    expect(outsideTargeted('targeted', 40)).toBe(true);
    expect(outsideTargeted('targeted', 11)).toBe(true);
    expect(outsideTargeted('targeted', 12)).toBe(false);
    expect(outsideTargeted('targeted', 36)).toBe(false);
    expect(outsideTargeted('universal', 40)).toBe(false);
    expect(outsideTargeted('targeted', null)).toBe(false);
  });

  it('labels scores with signs and maps them to ladder levels', () => {
    expect([2, 1, 0, -1, -2].map(scoreLabel)).toEqual(['+2', '+1', '0', '\u22121', '\u22122']);
    expect([2, 1, 0, -1, -2].map(levelKeyOf)).toEqual(['p2', 'p1', 'expected', 'm1', 'm2']);
  });

  it('follows each goal through the reviews and scores each review', () => {
    expect(goalSeries(view)).toEqual([
      { key: 'a', ratings: [-1, 1] },
      { key: 'b', ratings: [null, 1] },
    ]);
    expect(reviewTScore(view.reviews[0]!)).toBeCloseTo(40, 6);
    expect(reviewTScore(view.reviews[1]!)).toBeCloseTo(62.4035, 4);
  });

  it('starts a revision from the current version with the same goal keys and no reason', () => {
    const v = viewToFormValues(view);
    expect(v.baseVersion).toBe(2);
    expect(v.goals.map((g) => g.key)).toEqual(['a', 'b']);
    expect(v.revisionReason).toBeNull();
  });
});
