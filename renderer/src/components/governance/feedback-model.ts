/**
 * Pure helpers for complaints and feedback: the form's shape for feedback.save, what applies to each kind, the
 * policy's timescales in working days (weekdays), whether a complaint is late, the governors' report's default
 * period (this academic year) and its rows.
 */
import { addWeekdays } from '../../../../shared/date-only';
import { isIsoDate } from '../../../../shared/dates';
import type { z } from 'zod';
import {
  ACKNOWLEDGE_WORKING_DAYS,
  RESPOND_WORKING_DAYS,
  type FeedbackKind,
  type FeedbackRecord,
  type feedbackInput,
} from '../../../../shared/contract';

export type FeedbackIn = z.input<typeof feedbackInput>;

export function newFeedback(kind: FeedbackKind, today: string): FeedbackIn {
  return {
    id: null,
    kind,
    source: 'parent',
    fromName: null,
    pupilId: null,
    receivedDate: today,
    summary: '',
    sentiment: null,
    stage: kind === 'complaint' ? 'senco' : null,
    acknowledgedDate: null,
    respondedDate: null,
    escalatedDate: null,
    closedDate: null,
    outcome: null,
  };
}

export function feedbackToInput(r: FeedbackRecord): FeedbackIn {
  return {
    id: r.id,
    kind: r.kind,
    source: r.source,
    fromName: r.fromName,
    pupilId: r.pupilId,
    receivedDate: r.receivedDate,
    summary: r.summary,
    sentiment: r.sentiment,
    stage: r.stage,
    acknowledgedDate: r.acknowledgedDate,
    respondedDate: r.respondedDate,
    escalatedDate: r.escalatedDate,
    closedDate: r.closedDate,
    outcome: r.outcome,
  };
}

/**
 * What is saved for each kind (the form hides the rest): feedback has a sentiment and none of a complaint's
 * route; a complaint has its stage and dates and no sentiment. A complaint with a stage not chosen starts with
 * the SENCo (the policy's first step).
 */
export function cleanFeedback(v: FeedbackIn): FeedbackIn {
  if (v.kind === 'feedback') {
    return {
      ...v,
      stage: null,
      acknowledgedDate: null,
      respondedDate: null,
      escalatedDate: null,
      closedDate: null,
      outcome: v.outcome ?? null,
    };
  }
  return { ...v, sentiment: null, stage: v.stage ?? 'senco' };
}

/** The date `n` weekdays after `from` (Saturdays and Sundays do not count): the core's own count (shared/date-only.ts). */
export { addWeekdays as addWorkingDays };

/** When a complaint received on `receivedDate` should be acknowledged and responded to by; null for a half-typed date. */
export function complaintDeadlines(
  receivedDate: string | null | undefined,
): { readonly acknowledgeBy: string; readonly respondBy: string } | null {
  if (!receivedDate || !isIsoDate(receivedDate)) return null;
  return {
    acknowledgeBy: addWeekdays(receivedDate, ACKNOWLEDGE_WORKING_DAYS),
    respondBy: addWeekdays(receivedDate, RESPOND_WORKING_DAYS),
  };
}

export type LateReason = 'acknowledge' | 'respond';

/**
 * Why a complaint is late, as the core decides it: acknowledged (or still not, today) after the acknowledge-by
 * date; or, while it is neither closed nor escalated, responded to (or still not, today) after the respond-by date.
 */
export function lateReasons(
  v: Pick<FeedbackIn, 'kind' | 'receivedDate' | 'acknowledgedDate' | 'respondedDate' | 'escalatedDate' | 'closedDate'>,
  today: string,
): LateReason[] {
  const due = v.kind === 'complaint' ? complaintDeadlines(v.receivedDate) : null;
  if (!due) return [];
  const out: LateReason[] = [];
  if ((v.acknowledgedDate ?? today) > due.acknowledgeBy) out.push('acknowledge');
  if (!v.closedDate && !v.escalatedDate && (v.respondedDate ?? today) > due.respondBy) out.push('respond');
  return out;
}

/** The English school year holding `today`: 1 September to 31 August. */
export function academicYearRange(today: string): { readonly from: string; readonly to: string } {
  const y = Number(today.slice(0, 4));
  const start = Number(today.slice(5, 7)) >= 9 ? y : y - 1;
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
}

/** A count for every known key (zero when none), in the given order, then any other keys the report has. */
export function countRows(
  counts: Readonly<Record<string, number>>,
  keys: readonly string[],
): Array<{ readonly key: string; readonly count: number }> {
  const extra = Object.keys(counts).filter((k) => !keys.includes(k));
  return [...keys, ...extra].map((key) => ({ key, count: counts[key] ?? 0 }));
}

/** A median in working days: "2", "2.5", or null for none. */
export function formatDays(n: number): string;
export function formatDays(n: number | null): string | null;
export function formatDays(n: number | null): string | null {
  return n === null ? null : String(Math.round(n * 10) / 10);
}

/** Entries whose summary, name, pupil or outcome contains what is typed (any case). */
export function filterFeedback<T extends Pick<FeedbackRecord, 'summary' | 'fromName' | 'pupilName' | 'outcome'>>(
  rows: readonly T[],
  search: string,
): T[] {
  const q = search.trim().toLowerCase();
  if (!q) return [...rows];
  return rows.filter((r) => [r.summary, r.fromName, r.pupilName, r.outcome].some((s) => s !== null && s.toLowerCase().includes(q)));
}
