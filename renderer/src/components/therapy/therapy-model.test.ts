import { describe, expect, it } from 'vitest';
import type { BandPeriod, ReferralRecord } from '../../../../shared/contract';
import {
  addDaysIso,
  assessmentTiming,
  bandTimeline,
  distributionRows,
  formatMean,
  formatPercent,
  formatScore,
  groupScores,
  initialAssessmentDue,
  measureScales,
  measuresIn,
  offeredMoves,
  plannedEnd,
  sortCaseload,
} from './therapy-model';

type Timed = Pick<ReferralRecord, 'receivedDate' | 'state' | 'history'>;
const referral = (over: Partial<Timed>): Timed => ({
  receivedDate: '2026-03-02',
  state: 'received',
  history: [{ from: null, to: 'received', date: '2026-03-02', reason: null, by: 'Alex Morgan' }],
  ...over,
});

describe('initial assessment timing (policy 5: within six weeks)', () => {
  it('is due 42 days after the referral was received, across month ends', () => {
    expect(initialAssessmentDue('2026-03-02')).toBe('2026-04-13');
    expect(initialAssessmentDue('2026-12-28')).toBe('2027-02-08');
    expect(addDaysIso('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('is upcoming, due soon (last fortnight) or overdue by days', () => {
    expect(assessmentTiming(referral({}), '2026-03-10')).toEqual({ kind: 'upcoming', due: '2026-04-13', days: 34 });
    expect(assessmentTiming(referral({}), '2026-04-01')).toEqual({ kind: 'due_soon', due: '2026-04-13', days: 12 });
    expect(assessmentTiming(referral({}), '2026-04-13')).toEqual({ kind: 'due_soon', due: '2026-04-13', days: 0 });
    expect(assessmentTiming(referral({}), '2026-04-20')).toEqual({ kind: 'overdue', due: '2026-04-13', days: 7 });
  });

  it('is done once assessed (on time or late), and not needed once declined or closed unassessed', () => {
    const assessed = (date: string) =>
      referral({
        state: 'closed',
        history: [...referral({}).history, { from: 'assessment_booked', to: 'assessed', date, reason: null, by: 'A' }],
      });
    expect(assessmentTiming(assessed('2026-04-13'), '2026-06-01')).toEqual({ kind: 'assessed', date: '2026-04-13', onTime: true });
    expect(assessmentTiming(assessed('2026-04-14'), '2026-06-01')).toEqual({ kind: 'assessed', date: '2026-04-14', onTime: false });
    expect(assessmentTiming(referral({ state: 'declined' }), '2026-06-01')).toEqual({ kind: 'not_needed' });
  });
});

describe('offered moves', () => {
  it('offers the forward moves of the state machine only', () => {
    expect(offeredMoves('received')).toEqual(['accepted', 'declined']);
    expect(offeredMoves('accepted')).toEqual(['assessment_booked', 'closed']);
    expect(offeredMoves('assessment_booked')).toEqual(['assessed', 'closed']);
    expect(offeredMoves('assessed')).toEqual(['closed']);
    expect(offeredMoves('declined')).toEqual([]);
    expect(offeredMoves('closed')).toEqual([]);
  });
});

describe('scores', () => {
  it('lists a measure’s scales in order with their ranges', () => {
    expect(measureScales('toms').map((s) => `${s.scale} ${s.min}-${s.max}/${s.step}`)).toEqual([
      'impairment 0-5/0.5',
      'activity 0-5/0.5',
      'participation 0-5/0.5',
      'wellbeing 0-5/0.5',
    ]);
    expect(measureScales('sdq').at(-1)).toMatchObject({ scale: 'total', max: 40 });
  });

  it('groups scores by measure in the defined order and formats values', () => {
    const groups = groupScores([
      { measure: 'toms', scale: 'wellbeing', value: 3 },
      { measure: 'sdq', scale: 'total', value: 12 },
      { measure: 'toms', scale: 'impairment', value: 2.5 },
      { measure: 'sdq', scale: 'emotional', value: 4 },
    ]);
    expect(groups.map((g) => [g.measure, g.items.map((i) => i.scale)])).toEqual([
      ['sdq', ['emotional', 'total']],
      ['toms', ['impairment', 'wellbeing']],
    ]);
    expect(measuresIn([{ measure: 'toms' }, { measure: 'boxall' }])).toEqual(['toms', 'boxall']);
    expect([formatScore(2.5), formatScore(3), formatScore(1 / 3)]).toEqual(['2.5', '3', '0.33']);
    expect([formatMean(0.5), formatMean(0), formatMean(-1.25)]).toEqual(['+0.5', '0', '−1.25']);
  });
});

describe('bands', () => {
  const period = (band: BandPeriod['band'], startDate: string, endDate: string | null, plannedWeeks: number | null = null): BandPeriod => ({
    band,
    needLevel: null,
    startDate,
    endDate,
    plannedWeeks,
    reason: 'r',
    by: 'A',
    reviewId: null,
  });

  it('shows the history newest first and marks the open period as current', () => {
    const items = bandTimeline([period('universal', '2025-09-01', '2026-01-04'), period('targeted', '2026-01-05', null, 20)]);
    expect(items.map((p) => [p.band, p.current])).toEqual([
      ['targeted', true],
      ['universal', false],
    ]);
    expect(plannedEnd(items[0]!)).toBe('2026-05-25');
    expect(plannedEnd(items[1]!)).toBeNull();
  });

  it('puts the school’s share beside the policy’s with the difference', () => {
    const rows = distributionRows({
      total: 8,
      bands: [
        { band: 'universal', count: 6, percent: 75, expectedPercent: 90 },
        { band: 'targeted', count: 1, percent: 12.5, expectedPercent: 5 },
        { band: 'specific', count: 1, percent: 12.5, expectedPercent: 5 },
      ],
      universalByNeed: [],
      flagged: [],
    });
    expect(rows.map((r) => r.difference)).toEqual([-15, 7.5, 7.5]);
    expect(formatPercent(12.5)).toBe('12.5%');
    expect(formatPercent(5)).toBe('5%');
  });
});

describe('caseload sorting', () => {
  const row = (name: string, band: BandPeriod['band'], yearGroup: string, lastAssessed: string | null) => ({
    name,
    band,
    yearGroup,
    bandSince: '2026-01-01',
    planEnds: null,
    lastAssessed,
  });
  const rows = [row('Cara', 'specific', '10', null), row('Ali', 'targeted', 'R', '2026-02-01'), row('Ben', 'universal', '3', '2026-01-01')];

  it('sorts by band intensity, year group in school order, and dates with blanks last', () => {
    expect(sortCaseload(rows, 'band', 'asc').map((r) => r.name)).toEqual(['Ben', 'Ali', 'Cara']);
    expect(sortCaseload(rows, 'yearGroup', 'asc').map((r) => r.name)).toEqual(['Ali', 'Ben', 'Cara']);
    expect(sortCaseload(rows, 'lastAssessed', 'desc').map((r) => r.name)).toEqual(['Ali', 'Ben', 'Cara']);
    expect(sortCaseload(rows, 'lastAssessed', 'asc').map((r) => r.name)).toEqual(['Ben', 'Ali', 'Cara']);
    expect(sortCaseload(rows, 'name', 'desc').map((r) => r.name)).toEqual(['Cara', 'Ben', 'Ali']);
  });
});
