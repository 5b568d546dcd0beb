import { describe, expect, it } from 'vitest';
import {
  bandSegments,
  goalRows,
  goingKey,
  hours,
  newestFirst,
  oneYearBefore,
  tReading,
  thriveGrid,
  updatesInLastYear,
} from './progress-model';

describe('goalRows', () => {
  it('puts review and session ratings on the same date in one row, oldest first, the review leading the line', () => {
    const rows = goalRows({
      points: [
        { date: '2026-11-16', rating: 1, source: 'review' },
        { date: '2026-10-01', rating: -1, source: 'session' },
        { date: '2026-11-16', rating: 0, source: 'session' },
      ],
    });
    expect(rows).toEqual([
      { date: '2026-10-01', rating: -1, review: null, session: -1 },
      { date: '2026-11-16', rating: 1, review: 1, session: 0 },
    ]);
  });

  it('is empty without points', () => {
    expect(goalRows({ points: [] })).toEqual([]);
  });
});

describe('bandSegments', () => {
  const bands = [
    { band: 'targeted' as const, startDate: '2026-01-01', endDate: null, reason: 'b', reviewId: null },
    { band: 'universal' as const, startDate: '2025-01-01', endDate: '2026-01-01', reason: 'a', reviewId: null },
  ];
  it('orders oldest first and shares the whole width', () => {
    const s = bandSegments(bands, '2026-07-02');
    expect(s.map((x) => x.band)).toEqual(['universal', 'targeted']);
    expect(s.reduce((a, x) => a + x.share, 0)).toBeCloseTo(1);
    expect(s[0]?.offset).toBe(0);
    expect(s[0]?.share).toBeGreaterThan(s[1]?.share as number);
  });

  it('gives a short period enough room for its label', () => {
    const s = bandSegments(
      [
        { band: 'universal', startDate: '2020-01-01', endDate: '2026-01-01', reason: 'a', reviewId: null },
        { band: 'specific', startDate: '2026-01-01', endDate: null, reason: 'b', reviewId: null },
      ],
      '2026-01-08',
    );
    expect(s[1]?.share).toBeGreaterThanOrEqual(0.12 - 1e-9);
  });
});

describe('thriveGrid', () => {
  it('lists strands in Thrive order against dates', () => {
    const g = thriveGrid([
      { date: '2026-03-01', strand: 'doing', result: 'gap' },
      { date: '2026-01-01', strand: 'being', result: 'secure' },
      { date: '2026-03-01', strand: 'being', result: 'secure' },
    ]);
    expect(g.dates).toEqual(['2026-01-01', '2026-03-01']);
    expect(g.rows).toEqual([
      { strand: 'being', results: ['secure', 'secure'] },
      { strand: 'doing', results: [null, 'gap'] },
    ]);
  });
});

describe('parent updates', () => {
  it('counts updates in the last 12 months', () => {
    expect(oneYearBefore('2028-02-29')).toBe('2027-02-28');
    const u = [{ date: '2025-03-14' }, { date: '2025-03-15' }, { date: '2026-03-14' }, { date: '2026-03-15' }];
    expect(updatesInLastYear(u, '2026-03-14')).toBe(2);
  });

  it('sorts newest first, keeping the order it was given on the same date', () => {
    const u = [
      { id: 'a', date: '2026-01-01' },
      { id: 'b', date: '2026-02-01' },
      { id: 'c', date: '2026-01-01' },
    ];
    expect(newestFirst(u).map((x) => x.id)).toEqual(['b', 'a', 'c']);
  });
});

describe('words and numbers', () => {
  it('turns minutes into hours to one decimal place', () => {
    expect(hours(90)).toBe(1.5);
    expect(hours(100)).toBe(1.7);
  });

  it('says how a goal is going without a score', () => {
    expect([2, 1, 0, -1, -2, null].map(goingKey)).toEqual(['better', 'better', 'asHoped', 'working', 'working', 'notYet']);
  });

  it('reads a T-score against 50', () => {
    expect(tReading(56.2)).toBe('above');
    expect(tReading(50.04)).toBe('at');
    expect(tReading(43.8)).toBe('below');
  });
});
