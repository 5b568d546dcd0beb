/**
 * computeClocks(): every statutory and policy deadline that applies to the school's records, with its state on
 * `today`. Pure: plain inputs in (see types.ts), items out. Each rule's section below says which records it runs
 * on, where its period starts, and what satisfies it.
 */
import { ageOn } from '../../../shared/dates';
import type { YearGroup } from '../../../shared/domain';
import { addDays, addPeriod, lastSchoolDayOnOrBefore } from './calendar';
import { defaultRule } from './rules';
import {
  CLOCK_KEYS,
  type ClockInputs,
  type ClockItem,
  type ClockKey,
  type ClockRule,
  type ClockState,
  type PlanInput,
  type PupilInput,
  type ReviewInput,
} from './types';

/**
 * The state of one deadline on `today` (all ISO dates, compared as strings, which orders yyyy-mm-dd correctly):
 * done when `doneDate` is set (however late); overdue when today is after the due date; due this week when the
 * due date is today or within the next 6 days (today <= due <= today + 6); otherwise upcoming.
 */
export function stateFor(dueDate: string, doneDate: string | null, today: string): ClockState {
  if (doneDate) return 'done';
  if (today > dueDate) return 'overdue';
  if (dueDate <= addDays(today, 6)) return 'due_this_week';
  return 'upcoming';
}

/** Joiners further back than this many days before today are out of scope for needs_identified. */
export const NEEDS_IDENTIFIED_LOOKBACK_DAYS = 365;

/** Academic years run 1 September to 31 August. Returns the first and last day of the one containing `date`. */
export function academicYear(date: string): { readonly start: string; readonly end: string } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const startYear = month >= 9 ? year : year - 1;
  return { start: `${startYear}-09-01`, end: `${startYear + 1}-08-31` };
}

/** Year groups as numbers for comparisons: nursery and reception count as below Year 1. */
function yearNumber(y: YearGroup): number {
  if (y === 'N1') return -2;
  if (y === 'N2') return -1;
  if (y === 'R') return 0;
  return Number(y);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

interface Base {
  readonly pupil: PupilInput;
  readonly localAuthority: string;
  readonly ownerId: string | null;
  readonly recordType: ClockItem['recordType'];
  readonly recordId: string;
}

interface AnnualReviewDates {
  readonly from: string;
  readonly due: string;
  readonly adjustedFrom: string | null;
}

/**
 * Computes every clock item for the inputs. Disabled rules produce nothing. A key missing from `inputs.rules`
 * uses its default rule. Records whose pupil is not in `inputs.pupils` (left the school, or outside the caller's
 * scope) are skipped. Output is sorted by due date, then pupil name, then clock (CLOCK_KEYS order), then id.
 */
export function computeClocks(inputs: ClockInputs): ClockItem[] {
  const { today, calendar } = inputs;
  const rules = new Map<ClockKey, ClockRule>(CLOCK_KEYS.map((k) => [k, defaultRule(k)]));
  for (const r of inputs.rules) rules.set(r.key, r);
  const enabled = (k: ClockKey): ClockRule | null => {
    const r = rules.get(k);
    return r && r.enabled ? r : null;
  };
  const pupils = new Map(inputs.pupils.map((p) => [p.id, p]));
  const items: ClockItem[] = [];

  const push = (
    key: ClockKey,
    base: Base,
    d: { from: string; due: string; adjustedFrom?: string | null; doneDate: string | null; calendarGap?: boolean },
  ): void => {
    items.push({
      id: `${key}:${base.recordId}`,
      key,
      pupilId: base.pupil.id,
      pupilName: base.pupil.name,
      yearGroup: base.pupil.yearGroup,
      className: base.pupil.className,
      localAuthority: base.localAuthority,
      ownerId: base.ownerId,
      recordType: base.recordType,
      recordId: base.recordId,
      fromDate: d.from,
      dueDate: d.due,
      adjustedFrom: d.adjustedFrom ?? null,
      state: stateFor(d.due, d.doneDate, today),
      doneDate: d.doneDate,
      calendarGap: d.calendarGap ?? false,
    });
  };

  // --- needs_identified: pupils who joined in the last 365 days (or will join), from the joining date. ---------
  const needs = enabled('needs_identified');
  if (needs) {
    const earliest = addDays(today, -NEEDS_IDENTIFIED_LOOKBACK_DAYS);
    for (const pupil of inputs.pupils) {
      if (pupil.dateJoined < earliest) continue;
      const due = addPeriod(pupil.dateJoined, needs.amount, needs.unit, calendar);
      push(
        'needs_identified',
        { pupil, localAuthority: inputs.schoolLocalAuthority, ownerId: null, recordType: 'pupil', recordId: pupil.id },
        { from: pupil.dateJoined, due: due.date, doneDate: pupil.needsIdentifiedOn, calendarGap: due.calendarGap },
      );
    }
  }

  // --- initial_assessment: therapy referrals, from the date received, done when assessed (policy section 5). ---
  const initial = enabled('initial_assessment');
  if (initial) {
    for (const ref of inputs.referrals ?? []) {
      if (ref.state === 'declined' || (ref.state === 'closed' && !ref.assessedDate)) continue;
      const pupil = pupils.get(ref.pupilId);
      if (!pupil) continue;
      const due = addPeriod(ref.receivedDate, initial.amount, initial.unit, calendar);
      push(
        'initial_assessment',
        { pupil, localAuthority: inputs.schoolLocalAuthority, ownerId: null, recordType: 'referral', recordId: ref.id },
        { from: ref.receivedDate, due: due.date, doneDate: ref.assessedDate, calendarGap: due.calendarGap },
      );
    }
  }

  // --- EHC needs assessment requests (not withdrawn): decision, then final plan unless the LA refused. ---------
  const decision = enabled('assessment_decision');
  const finalPlan = enabled('assessment_final_plan');
  for (const req of inputs.assessmentRequests) {
    if (req.withdrawnDate) continue;
    const pupil = pupils.get(req.pupilId);
    if (!pupil) continue;
    const base: Base = { pupil, localAuthority: req.localAuthority, ownerId: req.ownerId, recordType: 'assessment', recordId: req.id };
    if (decision) {
      const due = addPeriod(req.requestDate, decision.amount, decision.unit, calendar);
      push('assessment_decision', base, { from: req.requestDate, due: due.date, doneDate: req.decisionDate, calendarGap: due.calendarGap });
    }
    if (finalPlan && req.decision !== 'refuse') {
      const due = addPeriod(req.requestDate, finalPlan.amount, finalPlan.unit, calendar);
      push('assessment_final_plan', base, { from: req.requestDate, due: due.date, doneDate: req.finalPlanDate, calendarGap: due.calendarGap });
    }
  }

  // --- Plans that are current on `today`, and their reviews. -----------------------------------------------------
  const reviewsByPlan = new Map<string, ReviewInput[]>();
  for (const r of inputs.reviews) {
    const list = reviewsByPlan.get(r.planId) ?? [];
    list.push(r);
    reviewsByPlan.set(r.planId, list);
  }
  const annualRule = rules.get('annual_review') ?? defaultRule('annual_review');
  const annual = enabled('annual_review');
  const pfa = enabled('preparing_for_adulthood');
  const transfer = enabled('phase_transfer');
  const transfer16 = enabled('phase_transfer_post16');
  const ay = academicYear(today);
  const ayEndYear = Number(ay.end.slice(0, 4));

  for (const plan of inputs.plans) {
    if (!isCurrent(plan, today) || plan.issuedDate === null) continue;
    const pupil = pupils.get(plan.pupilId);
    if (!pupil) continue;
    const planBase: Base = { pupil, localAuthority: plan.localAuthority, ownerId: plan.ownerId, recordType: 'plan', recordId: plan.id };
    const reviews = reviewsByPlan.get(plan.id) ?? [];

    // annual_review: the next review is due 12 months (under-5s: under5Months) after the last HELD review, or
    // after the issue date if none has been held. Amendments (including the phase-transfer amendment) do not
    // restart it: only issuedDate and held reviews are read. The due date is moved back to the last school day on
    // or before it, since the meeting has to happen while the school is open. A planned (not yet held) review
    // does not satisfy the clock: the item stays open until the meeting is recorded as held, which moves `from`.
    const ar = annualReviewDates(plan.issuedDate, reviews, pupil, annualRule, calendar);
    if (annual) push('annual_review', planBase, { ...ar, doneDate: null });

    // preparing_for_adulthood: from Year 9, the same date as the next annual review; done when the current plan
    // version has at least one PfA outcome. doneDate is then the annual review's `from` date (the last review or
    // issue, i.e. when the current plan content was last confirmed), since the inputs do not carry the date the
    // outcomes were added, and a done item must have a date.
    if (pfa && yearNumber(pupil.yearGroup) >= 9) {
      push('preparing_for_adulthood', planBase, { ...ar, doneDate: plan.pfaOutcomes > 0 ? ar.from : null });
    }

    // phase_transfer (Year 6, moving to secondary next September: 15 February) and phase_transfer_post16
    // (Year 11: 31 March), in the calendar year the current academic year ends. The clock counts from the start of
    // the academic year. Done when the amendment naming the next school took effect within this academic year.
    const phase: readonly [ClockRule | null, ClockKey, YearGroup][] = [
      [transfer, 'phase_transfer', '6'],
      [transfer16, 'phase_transfer_post16', '11'],
    ];
    for (const [rule, key, year] of phase) {
      if (!rule || pupil.yearGroup !== year) continue;
      const def = defaultRule(key);
      const due = `${ayEndYear}-${pad2(rule.fixedMonth ?? def.fixedMonth ?? 1)}-${pad2(rule.fixedDay ?? def.fixedDay ?? 1)}`;
      const named = plan.phaseTransferNamedDate;
      const doneDate = named !== null && named >= ay.start && named <= ay.end ? named : null;
      push(key, planBase, { from: ay.start, due, doneDate });
    }

    // Per-review clocks, for every review (planned or held) of a current plan.
    for (const review of reviews) {
      const reviewBase: Base = { ...planBase, recordType: 'review', recordId: review.id };
      const m = review.meetingDate;
      const before = (key: ClockKey, doneDate: string | null): void => {
        const rule = enabled(key);
        if (!rule) return;
        const due = addPeriod(m, -rule.amount, rule.unit, calendar);
        push(key, reviewBase, { from: m, due: due.date, doneDate, calendarGap: due.calendarGap });
      };
      const after = (key: ClockKey, doneDate: string | null): void => {
        const rule = enabled(key);
        if (!rule) return;
        const due = addPeriod(m, rule.amount, rule.unit, calendar);
        push(key, reviewBase, { from: m, due: due.date, doneDate, calendarGap: due.calendarGap });
      };
      // Invitations and advice: due the period BEFORE the meeting; fromDate is the meeting they count back from.
      before('review_invitations', review.invitationsSentDate);
      before('review_advice', review.adviceCirculatedDate);
      if (review.held) {
        after('review_report', review.reportSentDate);
        after('review_la_decision', review.laDecisionDate);
        if (review.laDecision === 'amend') after('review_amended_final', review.amendedFinalDate);
      }
    }
  }

  const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });
  const keyOrder = (k: ClockKey): number => CLOCK_KEYS.indexOf(k);
  return items.sort(
    (a, b) =>
      (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
      collator.compare(a.pupilName, b.pupilName) ||
      keyOrder(a.key) - keyOrder(b.key) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * A plan is current on `today` when it has been issued and has not ceased: status 'final' with no cease date or
 * a cease date after today; a plan marked 'ceased' whose cease date is still after today also counts (the LA has
 * decided to cease it but it remains in force until then). Drafts are never current.
 */
export function isCurrent(plan: PlanInput, today: string): boolean {
  if (plan.issuedDate === null || plan.status === 'draft') return false;
  if (plan.ceasedDate !== null) return plan.ceasedDate > today;
  return plan.status === 'final';
}

/** The annual review clock of one plan: start, practical due date and the raw date when it was moved. */
export function annualReviewDates(
  issuedDate: string,
  reviews: readonly ReviewInput[],
  pupil: PupilInput,
  rule: ClockRule,
  calendar: ClockInputs['calendar'],
): AnnualReviewDates {
  let from = issuedDate;
  for (const r of reviews) if (r.held && r.meetingDate > from) from = r.meetingDate;
  const months = ageOn(pupil.dateOfBirth, from) < 5 ? (rule.under5Months ?? rule.amount) : rule.amount;
  const raw = addPeriod(from, months, 'months', calendar).date;
  const due = lastSchoolDayOnOrBefore(raw, calendar);
  return { from, due, adjustedFrom: due === raw ? null : raw };
}
