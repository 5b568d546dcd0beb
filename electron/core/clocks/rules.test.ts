import { describe, expect, it } from 'vitest';
import { clocks } from '../../../shared/i18n/en-GB/clocks';
import { DEFAULT_RULES, defaultRule, mergeRules, validateRule } from './rules';
import { CLOCK_KEYS, type ClockRule } from './types';

describe('DEFAULT_RULES', () => {
  it('has one rule per clock key, in order, all valid and enabled', () => {
    expect(DEFAULT_RULES.map((r) => r.key)).toEqual([...CLOCK_KEYS]);
    for (const r of DEFAULT_RULES) {
      expect(validateRule(r), r.key).toEqual({});
      expect(r.enabled).toBe(true);
    }
  });

  it('holds the statutory and policy defaults', () => {
    const brief = Object.fromEntries(DEFAULT_RULES.map((r) => [r.key, [r.amount, r.unit]]));
    expect(brief).toEqual({
      needs_identified: [6, 'school_weeks'],
      initial_assessment: [6, 'calendar_weeks'],
      assessment_decision: [6, 'calendar_weeks'],
      assessment_issue_decision: [16, 'calendar_weeks'],
      assessment_final_plan: [20, 'calendar_weeks'],
      annual_review: [12, 'months'],
      review_invitations: [2, 'calendar_weeks'],
      review_advice: [2, 'calendar_weeks'],
      review_report: [2, 'calendar_weeks'],
      review_la_decision: [4, 'calendar_weeks'],
      review_amended_final: [12, 'calendar_weeks'],
      phase_transfer: [0, 'months'],
      phase_transfer_post16: [0, 'months'],
      preparing_for_adulthood: [0, 'months'],
    });
    expect(defaultRule('annual_review').under5Months).toBe(6);
    expect([defaultRule('phase_transfer').fixedMonth, defaultRule('phase_transfer').fixedDay]).toEqual([2, 15]);
    expect([defaultRule('phase_transfer_post16').fixedMonth, defaultRule('phase_transfer_post16').fixedDay]).toEqual([3, 31]);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(DEFAULT_RULES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RULES[0])).toBe(true);
  });

  it('every key has a label, description and source', () => {
    for (const k of CLOCK_KEYS) {
      expect(clocks.keys[k].label.length).toBeGreaterThan(0);
      expect(clocks.keys[k].source.length).toBeGreaterThan(0);
    }
  });
});

describe('validateRule', () => {
  const ar = defaultRule('annual_review');
  const ni = defaultRule('needs_identified');

  it('rejects amounts that are not whole or out of range', () => {
    expect(validateRule({ ...ni, amount: 2.5 })).toEqual({ amount: 'Enter a whole number.' });
    expect(validateRule({ ...ni, amount: 0 })).toEqual({ amount: 'Must be between 1 and 104.' });
    expect(validateRule({ ...ni, amount: 105 })).toEqual({ amount: 'Must be between 1 and 104.' });
    expect(validateRule({ ...ni, amount: 104 })).toEqual({});
    expect(validateRule({ ...ar, amount: 25 })).toEqual({ amount: 'Must be between 1 and 24.' });
    expect(validateRule({ ...ar, amount: Number.NaN })).toEqual({ amount: 'Enter a whole number.' });
    expect(validateRule({ ...ar, amount: '12' as unknown as number })).toEqual({ amount: 'Enter a whole number.' });
  });

  it('rejects units the clock does not allow', () => {
    expect(validateRule({ ...ar, unit: 'calendar_weeks', amount: 52 })).toEqual({ unit: 'This clock can be counted in: months.' });
    expect(validateRule({ ...ni, unit: 'months', amount: 2 })).toEqual({
      unit: 'This clock can be counted in: school weeks, weeks.',
    });
    expect(validateRule({ ...ni, unit: 'calendar_weeks' })).toEqual({});
    expect(validateRule({ ...ni, unit: 'fortnights' as unknown as ClockRule['unit'] }).unit).toBeDefined();
  });

  it('checks under5Months on the annual review only', () => {
    expect(validateRule({ ...ar, under5Months: 2 })).toEqual({ under5Months: 'For children under 5, reviews are every 3 to 6 months.' });
    expect(validateRule({ ...ar, under5Months: 7 })).toEqual({ under5Months: 'For children under 5, reviews are every 3 to 6 months.' });
    expect(validateRule({ ...ar, under5Months: 3 })).toEqual({});
    expect(validateRule({ ...ar, under5Months: 4.5 })).toEqual({ under5Months: 'Enter a whole number.' });
    expect(validateRule({ ...ni, under5Months: 4 })).toEqual({ under5Months: 'This clock does not use this setting.' });
  });

  it('does not let fixed clocks change, only switch off', () => {
    const pt = defaultRule('phase_transfer');
    expect(validateRule({ ...pt, enabled: false })).toEqual({});
    expect(Object.keys(validateRule({ ...pt, fixedDay: 28 }))).toEqual(['fixedDay']);
    expect(Object.keys(validateRule({ ...pt, amount: 3, unit: 'calendar_weeks' }))).toEqual(['amount', 'unit']);
    expect(Object.keys(validateRule({ ...defaultRule('preparing_for_adulthood'), amount: 6 }))).toEqual(['amount']);
  });

  it('rejects unknown keys', () => {
    expect(validateRule({ ...ni, key: 'tea_break' as unknown as ClockRule['key'] })).toEqual({
      key: 'This is not one of the clocks SENCo Desk keeps.',
    });
  });
});

describe('mergeRules', () => {
  it('returns the defaults when nothing is saved', () => {
    expect(mergeRules([])).toEqual([...DEFAULT_RULES]);
  });

  it('overlays saved fields for each key and ignores unknown keys', () => {
    const merged = mergeRules([
      { key: 'needs_identified', amount: 8, unit: 'calendar_weeks' },
      { key: 'annual_review', under5Months: 4 },
      { key: 'review_report', enabled: false },
      { key: 'nonsense', amount: 3 },
    ]);
    expect(merged).toHaveLength(CLOCK_KEYS.length);
    expect(merged.find((r) => r.key === 'needs_identified')).toEqual({
      key: 'needs_identified',
      enabled: true,
      amount: 8,
      unit: 'calendar_weeks',
    });
    expect(merged.find((r) => r.key === 'annual_review')).toEqual({
      key: 'annual_review',
      enabled: true,
      amount: 12,
      unit: 'months',
      under5Months: 4,
    });
    expect(merged.find((r) => r.key === 'review_report')?.enabled).toBe(false);
  });

  it('drops invalid saved fields in favour of the defaults', () => {
    const merged = mergeRules([
      { key: 'needs_identified', amount: 500 },
      { key: 'annual_review', unit: 'calendar_weeks', amount: 52, under5Months: 9 },
      { key: 'review_advice', amount: null as unknown as number, enabled: false },
    ]);
    expect(merged.find((r) => r.key === 'needs_identified')).toEqual(defaultRule('needs_identified'));
    expect(merged.find((r) => r.key === 'annual_review')).toEqual(defaultRule('annual_review'));
    expect(merged.find((r) => r.key === 'review_advice')).toEqual({ ...defaultRule('review_advice'), enabled: false });
  });

  it('takes only enabled for fixed clocks', () => {
    const merged = mergeRules([{ key: 'phase_transfer', enabled: false, fixedDay: 1, amount: 4 }]);
    expect(merged.find((r) => r.key === 'phase_transfer')).toEqual({ ...defaultRule('phase_transfer'), enabled: false });
  });
});
