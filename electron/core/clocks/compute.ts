/**
 * computeClocks(): every statutory and policy deadline that applies to the school's records, with its state on
 * `today`. Pure: plain inputs in (see types.ts), items out. Each rule's section below says which records it runs
 * on, where its period starts, and what satisfies it.
 */
import { ageOn } from '../../../shared/dates';
import { expectedYearGroup } from '../../../shared/census';
import type { YearGroup } from '../../../shared/domain';
import { addDays, addPeriod, lastSchoolDayOnOrBefore } from './calendar';
import { SCHOOL_DAY_CLOCK_KEYS, defaultRule } from './rules';
import {
  CLOCK_KEYS,
  phaseTransferClock,
  type AdjustedReason,
  type ClockInputs,
  type ClockItem,
  type ClockKey,
  type ClockRule,
  type ClockState,
  type PlanInput,
  type PupilInput,
  type ReviewInput,
  type Superseded,
  type TransferInput,
  type TransferNote,
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

/**
 * Year groups as numbers for comparisons: nursery and reception count as below Year 1. A pupil in X (not
 * following National Curriculum year groups) counts as the year their age gives on `today` (shared/census.ts).
 */
function yearNumber(pupil: PupilInput, today: string): number {
  const y: YearGroup | 'younger' | 'older' = pupil.yearGroup === 'X' ? expectedYearGroup(pupil.dateOfBirth, today) : pupil.yearGroup;
  switch (y) {
    case 'younger':
      return -3;
    case 'older':
      return 15;
    case 'N1':
      return -2;
    case 'N2':
      return -1;
    case 'R':
      return 0;
    case 'X':
      return 0; // not reached: X was replaced by the year from the date of birth
    default:
      return Number(y);
  }
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * The reg. 18 deadline of a recorded transfer: 15 February (31 March for secondary to post-16) of the calendar
 * year of the transfer date, from the clock's rule (fixed by law; the defaults if the rule carries none).
 */
export function transferDeadline(transfer: Pick<TransferInput, 'kind' | 'transferDate'>, rule?: ClockRule): string {
  const def = defaultRule(phaseTransferClock(transfer.kind));
  const month = rule?.fixedMonth ?? def.fixedMonth ?? 2;
  const day = rule?.fixedDay ?? def.fixedDay ?? 15;
  return `${transfer.transferDate.slice(0, 4)}-${pad2(month)}-${pad2(day)}`;
}

/**
 * The latest date the annual review meeting of a transferring pupil can be held so that the review ends, the
 * LA's steps included, by the transfer deadline: the deadline counted back by the longest of the steps after the
 * meeting (the report, the LA's decision, and the amended final plan, since a transfer review always amends the
 * plan to name the next school: CoP 9.176, R (L) v Devon CC [2022] EWHC 493), each as long as the school's clock
 * settings make it, then moved to a school day. The steps are counted whether or not their clocks are shown: the
 * law still asks for them.
 */
export function latestTransferReview(deadline: string, rules: ReadonlyMap<ClockKey, ClockRule>, calendar: ClockInputs['calendar']): string {
  let latest = deadline;
  for (const key of ['review_report', 'review_la_decision', 'review_amended_final'] as const) {
    const rule = rules.get(key) ?? defaultRule(key);
    const back = addPeriod(deadline, -rule.amount, rule.unit, calendar).date;
    if (back < latest) latest = back;
  }
  return lastSchoolDayOnOrBefore(latest, calendar);
}

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
  readonly adjustedReason: AdjustedReason | null;
  readonly transfer: TransferNote | null;
}

/** A recorded transfer as the annual review reads it: its deadline, and the latest the meeting can be. */
export interface TransferTiming {
  readonly note: TransferNote;
  readonly latestMeeting: string;
}

/**
 * Computes every clock item for the inputs. Disabled rules produce nothing. A key missing from `inputs.rules`
 * uses its default rule. Records whose pupil is not in `inputs.pupils` (left the school, or outside the caller's
 * scope) are skipped. Output is sorted by due date, then pupil name, then clock (CLOCK_KEYS order), then id.
 */
export function computeClocks(inputs: ClockInputs): ClockItem[] {
  if (!inputs.schools) return sortItems(computeForSchool(inputs));
  // Several schools: each school's pupils (and so their records) counted with that school's calendar and rules.
  const items: ClockItem[] = [];
  for (const school of inputs.schools) {
    const pupils = inputs.pupils.filter((p) => p.schoolId === school.schoolId);
    if (!pupils.length) continue;
    const ids = new Set(pupils.map((p) => p.id));
    const plans = inputs.plans.filter((p) => ids.has(p.pupilId));
    const planIds = new Set(plans.map((p) => p.id));
    items.push(
      ...computeForSchool({
        ...inputs,
        calendar: school.calendar,
        rules: school.rules,
        schoolLocalAuthority: school.schoolLocalAuthority,
        schools: undefined,
        pupils,
        plans,
        reviews: inputs.reviews.filter((r) => planIds.has(r.planId)),
        assessmentRequests: inputs.assessmentRequests.filter((r) => ids.has(r.pupilId)),
        ...(inputs.referrals ? { referrals: inputs.referrals.filter((r) => ids.has(r.pupilId)) } : {}),
        ...(inputs.transfers ? { transfers: inputs.transfers.filter((r) => ids.has(r.pupilId)) } : {}),
      }),
    );
  }
  return sortItems(items);
}

function computeForSchool(inputs: ClockInputs): ClockItem[] {
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
    d: {
      from: string;
      due: string;
      adjustedFrom?: string | null;
      adjustedReason?: AdjustedReason | null;
      transfer?: TransferNote | null;
      doneDate: string | null;
      calendarGap?: boolean;
      /** The later steps of the same record, in order: the first one done makes this one moot if it is not done. */
      later?: readonly (Superseded | null)[];
    },
  ): void => {
    // A deadline for something the school does moves off a closed day to the school day before (rules.ts).
    let due = d.due;
    let adjustedFrom = d.adjustedFrom ?? null;
    let adjustedReason = d.adjustedReason ?? (adjustedFrom ? 'school_closed' : null);
    if (SCHOOL_DAY_CLOCK_KEYS.includes(key)) {
      const open = lastSchoolDayOnOrBefore(due, calendar);
      if (open !== due) {
        adjustedFrom ??= due;
        adjustedReason ??= 'school_closed';
        due = open;
      }
    }
    const supersededBy = d.doneDate ? null : (d.later?.find((l): l is Superseded => l !== null) ?? null);
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
      dueDate: due,
      adjustedFrom,
      adjustedReason,
      transfer: d.transfer ?? null,
      state: supersededBy ? 'done' : stateFor(due, d.doneDate, today),
      doneDate: d.doneDate,
      supersededBy,
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
  // After a decision to assess: the decision whether to issue a plan, by 16 weeks (reg. 10: the parent is told by
  // then if the LA will not issue one). Done when either answer is recorded, or when the final plan was issued
  // (the decision to issue was made by then). No final-plan clock once the LA decided not to issue.
  const decision = enabled('assessment_decision');
  const issueDecision = enabled('assessment_issue_decision');
  const finalPlan = enabled('assessment_final_plan');
  for (const req of inputs.assessmentRequests) {
    if (req.withdrawnDate) continue;
    const pupil = pupils.get(req.pupilId);
    if (!pupil) continue;
    const base: Base = { pupil, localAuthority: req.localAuthority, ownerId: req.ownerId, recordType: 'assessment', recordId: req.id };
    if (decision) {
      const due = addPeriod(req.requestDate, decision.amount, decision.unit, calendar);
      push('assessment_decision', base, {
        from: req.requestDate,
        due: due.date,
        doneDate: req.decisionDate,
        calendarGap: due.calendarGap,
        later: [step('assessment_issue_decision', req.issueDecisionDate), step('assessment_final_plan', req.finalPlanDate)],
      });
    }
    if (issueDecision && req.decision === 'assess') {
      const due = addPeriod(req.requestDate, issueDecision.amount, issueDecision.unit, calendar);
      const doneDate = req.issueDecisionDate ?? req.finalPlanDate;
      push('assessment_issue_decision', base, { from: req.requestDate, due: due.date, doneDate, calendarGap: due.calendarGap });
    }
    if (finalPlan && req.decision !== 'refuse' && req.issueDecision !== 'not_issue') {
      const due = addPeriod(req.requestDate, finalPlan.amount, finalPlan.unit, calendar);
      push('assessment_final_plan', base, {
        from: req.requestDate,
        due: due.date,
        doneDate: req.finalPlanDate,
        calendarGap: due.calendarGap,
      });
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
  const transfers = new Map((inputs.transfers ?? []).map((t) => [t.pupilId, t]));

  for (const plan of inputs.plans) {
    if (!isCurrent(plan, today) || plan.issuedDate === null) continue;
    const pupil = pupils.get(plan.pupilId);
    if (!pupil) continue;
    const planBase: Base = { pupil, localAuthority: plan.localAuthority, ownerId: plan.ownerId, recordType: 'plan', recordId: plan.id };
    const reviews = reviewsByPlan.get(plan.id) ?? [];

    // The phase transfer the SENCo recorded for the pupil, if any (SEND Regs 2014 reg. 18): its deadline is
    // 15 February, or 31 March for secondary to post-16, of the calendar year of the transfer. The year group
    // alone says nothing: a Year 6 pupil in an all-through school does not transfer.
    const recorded = transfers.get(pupil.id);
    const transferKey = recorded ? phaseTransferClock(recorded.kind) : null;
    const transferRule = transferKey ? (rules.get(transferKey) ?? defaultRule(transferKey)) : null;
    const timing: TransferTiming | null =
      recorded && transferRule
        ? (() => {
            const deadline = transferDeadline(recorded, transferRule);
            const note: TransferNote = {
              kind: recorded.kind,
              transferDate: recorded.transferDate,
              nextSetting: recorded.nextSetting,
              deadline,
            };
            return { note, latestMeeting: latestTransferReview(deadline, rules, calendar) };
          })()
        : null;

    // annual_review: the next review is due 12 months (under-5s: under5Months) after the last HELD review, or
    // after the issue date if none has been held. Amendments (including the phase-transfer amendment) do not
    // restart it: only issuedDate and held reviews are read. The due date is moved back to the last school day on
    // or before it, since the meeting has to happen while the school is open. A planned (not yet held) review
    // does not satisfy the clock: the item stays open until the meeting is recorded as held, which moves `from`.
    // For a transferring pupil, the review of the transfer year is brought forward so that it ends before the
    // transfer deadline (annualReviewDates).
    const ar = annualReviewDates(plan.issuedDate, reviews, pupil, annualRule, calendar, timing);
    if (annual) push('annual_review', planBase, { ...ar, doneDate: null });

    // preparing_for_adulthood: from Year 9, the same date as the next annual review; done when the current plan
    // version has at least one PfA outcome. doneDate is then the annual review's `from` date (the last review or
    // issue, i.e. when the current plan content was last confirmed), since the inputs do not carry the date the
    // outcomes were added, and a done item must have a date.
    if (pfa && yearNumber(pupil, today) >= 9) {
      push('preparing_for_adulthood', planBase, { ...ar, doneDate: plan.pfaOutcomes > 0 ? ar.from : null });
    }

    // phase_transfer / phase_transfer_post16: only for a transfer the SENCo recorded. Due on the reg. 18 deadline
    // (a date in law, not moved for school closures: it is the LA's); counted from the start of the school year
    // it falls in (1 September before it). Done when an amendment naming the next phase took effect from then on.
    if (timing && transferKey && transferRule?.enabled) {
      const from = academicYear(timing.note.deadline).start;
      const named = plan.phaseTransferNamedDate;
      const doneDate = named !== null && named >= from ? named : null;
      push(transferKey, planBase, { from, due: timing.note.deadline, doneDate, transfer: timing.note });
    }

    // Per-review clocks, for every review (planned or held) of a current plan.
    for (const review of reviews) {
      const reviewBase: Base = { ...planBase, recordType: 'review', recordId: review.id };
      const m = review.meetingDate;
      // The steps of a review in order: invitations and advice before the meeting, then the meeting, the report,
      // the LA's decision and the amended final plan. A step not recorded is moot once a later one is done (the
      // meeting held, the LA decided...): it is no longer overdue (Superseded).
      const held = review.held ? step('review_held', m) : null;
      const report = step('review_report', review.reportSentDate);
      const decided = step('review_la_decision', review.laDecisionDate);
      const amended = review.laDecision === 'amend' ? step('review_amended_final', review.amendedFinalDate) : null;
      const before = (key: ClockKey, doneDate: string | null): void => {
        const rule = enabled(key);
        if (!rule) return;
        const due = addPeriod(m, -rule.amount, rule.unit, calendar);
        push(key, reviewBase, { from: m, due: due.date, doneDate, calendarGap: due.calendarGap, later: [held, report, decided, amended] });
      };
      const after = (key: ClockKey, doneDate: string | null, later: readonly (Superseded | null)[]): void => {
        const rule = enabled(key);
        if (!rule) return;
        const due = addPeriod(m, rule.amount, rule.unit, calendar);
        push(key, reviewBase, { from: m, due: due.date, doneDate, calendarGap: due.calendarGap, later });
      };
      // Invitations and advice: due the period BEFORE the meeting; fromDate is the meeting they count back from.
      before('review_invitations', review.invitationsSentDate);
      before('review_advice', review.adviceCirculatedDate);
      if (review.held) {
        after('review_report', review.reportSentDate, [decided, amended]);
        after('review_la_decision', review.laDecisionDate, [amended]);
        if (review.laDecision === 'amend') after('review_amended_final', review.amendedFinalDate, []);
      }
    }
  }

  return items;
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });
const keyOrder = (k: ClockKey): number => CLOCK_KEYS.indexOf(k);

function sortItems(items: ClockItem[]): ClockItem[] {
  return items.sort(
    (a, b) =>
      (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
      collator.compare(a.pupilName, b.pupilName) ||
      keyOrder(a.key) - keyOrder(b.key) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** A later step of a record, when it is done (for Superseded); null while it is not. */
function step(by: Superseded['by'], date: string | null): Superseded | null {
  return date ? { by, date } : null;
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
  transfer: TransferTiming | null = null,
): AnnualReviewDates {
  let from = issuedDate;
  for (const r of reviews) if (r.held && r.meetingDate > from) from = r.meetingDate;
  const months = ageOn(pupil.dateOfBirth, from) < 5 ? (rule.under5Months ?? rule.amount) : rule.amount;
  const raw = addPeriod(from, months, 'months', calendar).date;
  // Phase transfer (SEND Regs 2014 reg. 18): the review of the transfer year, the first one not yet held since
  // the school year of the deadline began, must end (meeting, report, LA decision, amended plan naming the next
  // school) by the deadline, so it is due by the latest meeting date that allows that, if the usual date is later.
  if (transfer && from < academicYear(transfer.note.deadline).start && raw > transfer.latestMeeting) {
    return { from, due: transfer.latestMeeting, adjustedFrom: raw, adjustedReason: 'phase_transfer', transfer: transfer.note };
  }
  const due = lastSchoolDayOnOrBefore(raw, calendar);
  return { from, due, adjustedFrom: due === raw ? null : raw, adjustedReason: due === raw ? null : 'school_closed', transfer: null };
}
