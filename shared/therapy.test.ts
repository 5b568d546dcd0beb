import { describe, expect, it } from 'vitest';
import {
  REFERRAL_MOVES,
  REFERRAL_STATES,
  TARGETED_DAYS,
  checkMove,
  daysBetween,
  planLength,
  scoreProblem,
  sdqTotalMismatch,
  specificNextStep,
  specificWithoutProgress,
  targetedDatesOk,
  targetedWeeksOk,
  weeksBetween,
} from './therapy';
import { planLengthText } from './plan-length';

describe('referral state machine', () => {
  it('allows the policy route and refuses everything else', () => {
    expect(checkMove('received', 'accepted', 'given', null)).toBeNull();
    expect(checkMove('accepted', 'assessment_booked', 'given', null)).toBeNull();
    expect(checkMove('assessment_booked', 'assessed', 'given', null)).toBeNull();
    expect(checkMove('assessed', 'closed', 'given', null)).toBeNull();
    expect(checkMove('received', 'assessed', 'given', null)).toEqual({ kind: 'not_allowed', allowed: ['accepted', 'declined'] });
    expect(checkMove('declined', 'accepted', 'given', null)).toEqual({ kind: 'not_allowed', allowed: [] });
    expect(checkMove('closed', 'received', 'given', null)).toEqual({ kind: 'not_allowed', allowed: [] });
  });
  it('needs consent to accept and a reason to decline', () => {
    expect(checkMove('received', 'accepted', 'pending', null)).toEqual({ kind: 'consent_needed' });
    expect(checkMove('received', 'accepted', 'refused', null)).toEqual({ kind: 'consent_needed' });
    expect(checkMove('received', 'declined', 'refused', null)).toEqual({ kind: 'reason_needed' });
    expect(checkMove('received', 'declined', 'refused', 'Consent refused by parent')).toBeNull();
  });
  it('has no move into "received" and ends in declined or closed', () => {
    for (const s of REFERRAL_STATES) expect(REFERRAL_MOVES[s]).not.toContain('received');
    expect(REFERRAL_MOVES.declined).toEqual([]);
    expect(REFERRAL_MOVES.closed).toEqual([]);
  });
});

describe('scores of standardised measures', () => {
  it('checks ranges and steps', () => {
    expect(scoreProblem('sdq', 'emotional', 10)).toBeNull();
    expect(scoreProblem('sdq', 'emotional', 11)).toBe('out_of_range');
    expect(scoreProblem('sdq', 'total', 40)).toBeNull();
    expect(scoreProblem('sdq', 'total', 2.5)).toBe('step');
    expect(scoreProblem('toms', 'wellbeing', 3.5)).toBeNull();
    expect(scoreProblem('toms', 'wellbeing', 3.25)).toBe('step');
    expect(scoreProblem('toms', 'wellbeing', 6)).toBe('out_of_range');
    expect(scoreProblem('sdq', 'happiness', 1)).toBe('unknown_scale');
    expect(scoreProblem('iq', 'total', 1)).toBe('unknown_measure');
  });
  it('requires the SDQ total to be the sum of the four difficulty subscales', () => {
    const s = (emotional: number, total: number) => [
      { measure: 'sdq', scale: 'emotional', value: emotional },
      { measure: 'sdq', scale: 'conduct', value: 2 },
      { measure: 'sdq', scale: 'hyperactivity', value: 5 },
      { measure: 'sdq', scale: 'peer', value: 1 },
      { measure: 'sdq', scale: 'prosocial', value: 9 },
      { measure: 'sdq', scale: 'total', value: total },
    ];
    expect(sdqTotalMismatch(s(4, 12))).toBe(false);
    expect(sdqTotalMismatch(s(4, 21))).toBe(true);
    expect(sdqTotalMismatch([{ measure: 'sdq', scale: 'total', value: 9 }])).toBe(false);
  });
});

describe('bands', () => {
  it('counts whole weeks between dates', () => {
    expect(weeksBetween('2026-11-02', '2027-01-25')).toBe(12);
    expect(weeksBetween('2026-11-02', '2027-07-12')).toBe(36);
    expect(weeksBetween('2026-11-02', '2027-08-09')).toBe(40);
    // Whole weeks are never rounded up: 81 days is 11 whole weeks (and 4 days), not 12.
    expect(weeksBetween('2026-11-02', '2027-01-22')).toBe(11);
  });

  it('measures a plan exactly, in days and in weeks and days', () => {
    expect(daysBetween('2026-11-02', '2027-01-22')).toBe(81);
    expect(daysBetween('2026-03-27', '2026-03-30')).toBe(3); // across the clocks going forward: still whole days
    expect(daysBetween('2026-10-23', '2026-10-26')).toBe(3); // and back
    expect(planLength('2026-11-02', '2027-01-22')).toEqual({ days: 81, weeks: 11, extraDays: 4 });
    expect(planLength('2026-11-02', '2027-07-13')).toEqual({ days: 253, weeks: 36, extraDays: 1 });
    expect(planLengthText('2026-11-02', '2027-01-22')).toBe('11 weeks and 4 days');
    expect(planLengthText('2026-11-02', '2027-07-13')).toBe('36 weeks and 1 day');
    expect(planLengthText('2026-11-02', '2027-01-25')).toBe('12 weeks');
    expect(planLengthText('2026-11-02', '2026-11-09')).toBe('1 week');
    expect(planLengthText('2026-11-02', '2026-11-05')).toBe('3 days');
  });

  it('holds a Targeted plan to 12 weeks 0 days .. 36 weeks 0 days exactly (seed policy 6)', () => {
    expect(TARGETED_DAYS).toEqual({ min: 84, max: 252 });
    // From Monday 2 November 2026.
    const cases: [string, boolean][] = [
      ['2027-01-22', false], // 11 weeks 4 days (rounded, once "12 weeks")
      ['2027-01-24', false], // 11 weeks 6 days
      ['2027-01-25', true], // 12 weeks 0 days
      ['2027-01-26', true], // 12 weeks 1 day
      ['2027-07-11', true], // 35 weeks 6 days
      ['2027-07-12', true], // 36 weeks 0 days
      ['2027-07-13', false], // 36 weeks 1 day (rounded, once "36 weeks")
      ['2027-08-09', false], // 40 weeks
    ];
    for (const [end, ok] of cases) expect(targetedDatesOk('2026-11-02', end), end).toBe(ok);
    expect(targetedDatesOk('2026-11-02', 'not a date')).toBe(false);
    expect([11, 12, 36, 37].map(targetedWeeksOk)).toEqual([false, true, true, false]);
    expect([11.6, 12.5, null, undefined, Number.NaN].map(targetedWeeksOk)).toEqual([false, false, false, false, false]);
  });

  it('points Specific without progress to an EHC plan review with a plan, and to a needs assessment without one', () => {
    expect(specificNextStep(true)).toBe('ehcp_review');
    expect(specificNextStep(false)).toBe('needs_assessment');
  });
  it('flags Specific without progress only on Specific, after two reviews, below expected and not improving', () => {
    expect(specificWithoutProgress('specific', [-1, -1])).toBe(true);
    expect(specificWithoutProgress('specific', [-0.5, -1.5])).toBe(true);
    expect(specificWithoutProgress('specific', [-1.5, -0.5])).toBe(false);
    expect(specificWithoutProgress('specific', [-1, 0])).toBe(false);
    expect(specificWithoutProgress('specific', [-1])).toBe(false);
    expect(specificWithoutProgress('targeted', [-2, -2])).toBe(false);
    expect(specificWithoutProgress(null, [-2, -2])).toBe(false);
  });
});
