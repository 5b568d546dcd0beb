/**
 * The default clock rules (SEND Code of Practice 2015, SEND Regulations 2014 and the school's own policy), the
 * limits a school may set them to, and merging saved per-school settings over the defaults.
 * Citations for each default are in shared/i18n/en-GB/clocks.ts (shown to users beside each setting).
 */
import { clocks as clockText } from '../../../shared/i18n/en-GB/clocks';
import { CLOCK_KEYS, COUNT_UNITS, type ClockKey, type ClockRule, type CountUnit } from './types';

/** One rule per clock key, in CLOCK_KEYS order. */
export const DEFAULT_RULES: readonly ClockRule[] = Object.freeze(
  [
    // School policy section 5: needs identified within 6 weeks of joining (counted in school weeks).
    { key: 'needs_identified', enabled: true, amount: 6, unit: 'school_weeks' },
    // School policy section 5: the initial assessment within 6 weeks of the referral.
    { key: 'initial_assessment', enabled: true, amount: 6, unit: 'calendar_weeks' },
    // CoP 9.14: the LA decides whether to assess within 6 weeks of the request.
    { key: 'assessment_decision', enabled: true, amount: 6, unit: 'calendar_weeks' },
    // SEND Regs reg. 10(1); CoP 9.39-9.40: after assessing, an LA that decides not to issue a plan tells the parent
    // within 16 weeks of the request (if it will issue one, the draft comes in time for the final plan by week 20).
    { key: 'assessment_issue_decision', enabled: true, amount: 16, unit: 'calendar_weeks' },
    // CoP 9.40: the final EHC plan is issued within 20 weeks of the request.
    { key: 'assessment_final_plan', enabled: true, amount: 20, unit: 'calendar_weeks' },
    // CoP 9.166 / SEND Regs reg. 2: within 12 months of issue or of the last review; CoP 9.178: under-5s every 3-6 months.
    { key: 'annual_review', enabled: true, amount: 12, unit: 'months', under5Months: 6 },
    // SEND Regs reg. 20(4): invitations at least 2 weeks before the meeting (counted backwards from the meeting).
    { key: 'review_invitations', enabled: true, amount: 2, unit: 'calendar_weeks' },
    // SEND Regs reg. 20(6): advice circulated at least 2 weeks before the meeting (counted backwards).
    { key: 'review_advice', enabled: true, amount: 2, unit: 'calendar_weeks' },
    // SEND Regs reg. 20(8): report to everyone invited within 2 weeks after the meeting.
    { key: 'review_report', enabled: true, amount: 2, unit: 'calendar_weeks' },
    // CoP 9.176; SEND Regs reg. 20(10): LA decides to maintain, amend or cease within 4 weeks of the meeting.
    { key: 'review_la_decision', enabled: true, amount: 4, unit: 'calendar_weeks' },
    // CoP 9.176 and R (L) v Devon CC [2022] EWHC 493 (Admin): amended final plan within 12 weeks of the meeting.
    { key: 'review_amended_final', enabled: true, amount: 12, unit: 'calendar_weeks' },
    // SEND Regs reg. 18(1)(a): plan amended naming the new school by 15 February of the year of transfer.
    { key: 'phase_transfer', enabled: true, amount: 0, unit: 'months', fixedMonth: 2, fixedDay: 15 },
    // SEND Regs reg. 18(1)(b): by 31 March for a move from secondary school to post-16.
    { key: 'phase_transfer_post16', enabled: true, amount: 0, unit: 'months', fixedMonth: 3, fixedDay: 31 },
    // CoP 8.9-8.12: from Year 9 reviews include preparing for adulthood. Follows the annual review date: amount unused.
    { key: 'preparing_for_adulthood', enabled: true, amount: 0, unit: 'months' },
  ].map((r) => Object.freeze(r as ClockRule)),
);

/** Keys run on fixed dates or follow another clock: a school may switch them on or off but not change the period. */
export const FIXED_CLOCK_KEYS: readonly ClockKey[] = ['phase_transfer', 'phase_transfer_post16', 'preparing_for_adulthood'];

/** Which units each clock may be counted in. Empty for fixed clocks. */
export const ALLOWED_UNITS: Readonly<Record<ClockKey, readonly CountUnit[]>> = {
  needs_identified: ['school_weeks', 'calendar_weeks'],
  initial_assessment: ['calendar_weeks', 'school_weeks'],
  assessment_decision: ['calendar_weeks'],
  assessment_issue_decision: ['calendar_weeks'],
  assessment_final_plan: ['calendar_weeks'],
  annual_review: ['months'],
  review_invitations: ['calendar_weeks', 'school_weeks'],
  review_advice: ['calendar_weeks', 'school_weeks'],
  review_report: ['calendar_weeks', 'school_weeks'],
  review_la_decision: ['calendar_weeks'],
  review_amended_final: ['calendar_weeks'],
  phase_transfer: [],
  phase_transfer_post16: [],
  preparing_for_adulthood: [],
};

/**
 * Deadlines for something the school itself does (arrange the review meeting, send invitations, circulate advice,
 * send the report, identify needs, assess a referral): they need the school open, so one that falls on a closed
 * day (weekend, holiday, INSET day, bank holiday or other closure in the school calendar) moves to the school day
 * before, as the annual review meeting always has. The local authority's deadlines (assessment decisions, final
 * plans, decisions after review, phase transfer) are its own and stay on the date the law gives.
 */
export const SCHOOL_DAY_CLOCK_KEYS: readonly ClockKey[] = [
  'needs_identified',
  'initial_assessment',
  'annual_review',
  'review_invitations',
  'review_advice',
  'review_report',
  'preparing_for_adulthood',
];

export const AMOUNT_LIMITS: Readonly<Record<CountUnit, { readonly min: number; readonly max: number }>> = {
  calendar_weeks: { min: 1, max: 104 },
  school_weeks: { min: 1, max: 104 },
  months: { min: 1, max: 24 },
};

export const UNDER5_LIMITS = { min: 3, max: 6 } as const;

const isClockKey = (k: unknown): k is ClockKey => typeof k === 'string' && (CLOCK_KEYS as readonly string[]).includes(k);
const isUnit = (u: unknown): u is CountUnit => typeof u === 'string' && (COUNT_UNITS as readonly string[]).includes(u);

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** The default rule for a key. */
export function defaultRule(key: ClockKey): ClockRule {
  const r = DEFAULT_RULES.find((d) => d.key === key);
  if (!r) throw new Error(`No default clock rule for ${key}`);
  return r;
}

/**
 * Checks a rule a school wants to save. Returns field name → message (en-GB) for each problem; empty when valid.
 * Checked at run time as well as by type, since rules arrive from the database and the interface.
 */
export function validateRule(rule: ClockRule): Record<string, string> {
  const v = clockText.validation;
  const errors: Record<string, string> = {};
  if (!isClockKey(rule.key)) {
    errors.key = v.unknownClock;
    return errors;
  }
  if (typeof rule.enabled !== 'boolean') errors.enabled = v.enabled;
  const def = defaultRule(rule.key);

  if (FIXED_CLOCK_KEYS.includes(rule.key)) {
    if (rule.amount !== def.amount) errors.amount = v.fixedClock;
    if (rule.unit !== def.unit) errors.unit = v.fixedClock;
    if (rule.fixedMonth !== def.fixedMonth) errors.fixedMonth = v.fixedClock;
    if (rule.fixedDay !== def.fixedDay) errors.fixedDay = v.fixedClock;
    if (rule.under5Months !== undefined) errors.under5Months = v.notUsed;
    return errors;
  }

  const allowed = ALLOWED_UNITS[rule.key];
  const unitOk = isUnit(rule.unit) && allowed.includes(rule.unit);
  if (!unitOk) errors.unit = fill(v.unit, { units: allowed.map((u) => clockText.units[u]).join(', ') });

  if (typeof rule.amount !== 'number' || !Number.isInteger(rule.amount)) {
    errors.amount = v.wholeNumber;
  } else if (unitOk) {
    const { min, max } = AMOUNT_LIMITS[rule.unit];
    if (rule.amount < min || rule.amount > max) errors.amount = fill(v.range, { min, max });
  }

  if (rule.key === 'annual_review') {
    const u5 = rule.under5Months;
    if (u5 === undefined) errors.under5Months = v.under5Required;
    else if (typeof u5 !== 'number' || !Number.isInteger(u5)) errors.under5Months = v.wholeNumber;
    else if (u5 < UNDER5_LIMITS.min || u5 > UNDER5_LIMITS.max) errors.under5Months = fill(v.under5Range, UNDER5_LIMITS);
  } else if (rule.under5Months !== undefined) {
    errors.under5Months = v.notUsed;
  }
  if (rule.fixedMonth !== undefined) errors.fixedMonth = v.notUsed;
  if (rule.fixedDay !== undefined) errors.fixedDay = v.notUsed;
  return errors;
}

/** A rule as saved for one school: the key plus whichever fields the school changed. */
export type SavedClockRule = { readonly key: string } & Partial<Omit<ClockRule, 'key'>>;

/**
 * The complete rule set for a school: each default, overlaid with the school's saved fields for that key.
 * Unknown keys are ignored. Fixed clocks take only `enabled` from what was saved. A saved field that would make
 * the rule invalid (see validateRule) is dropped in favour of the default, so a bad row in the database can never
 * produce nonsense deadlines. Null or undefined saved fields mean "use the default". Returned in CLOCK_KEYS order.
 */
export function mergeRules(saved: readonly SavedClockRule[]): ClockRule[] {
  return DEFAULT_RULES.map((def) => {
    const row = saved.find((s) => s.key === def.key);
    if (!row) return def;
    const enabled = typeof row.enabled === 'boolean' ? row.enabled : def.enabled;
    if (FIXED_CLOCK_KEYS.includes(def.key)) return { ...def, enabled };

    const overlay: Record<string, unknown> = {};
    for (const field of ['amount', 'unit', 'under5Months'] as const) {
      const value = row[field];
      if (value !== undefined && value !== null) overlay[field] = value;
    }
    let merged = { ...def, ...overlay, enabled } as ClockRule;
    const errors = validateRule(merged);
    // amount is judged against the unit: if the unit is bad, drop both; if only the amount is bad, drop it.
    if (errors.unit) merged = { ...merged, unit: def.unit, amount: def.amount };
    if (errors.amount) merged = { ...merged, amount: def.amount };
    if (errors.under5Months) merged = { ...merged, under5Months: def.under5Months };
    return Object.keys(validateRule(merged)).length === 0 ? merged : { ...def, enabled };
  });
}
