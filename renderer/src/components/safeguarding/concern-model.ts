/**
 * Pure helpers for the safeguarding hand-off screens: the raise form's values and checks (date and time split for
 * typing, joined into the contract's local "yyyy-MM-ddTHH:mm"), the close form's checks, the DSL list's order and
 * filter, and dates and times as dd/mm/yyyy and 24-hour.
 */
import { format, isValid, parseISO } from 'date-fns';
import { enGB } from 'date-fns/locale';
import type { Concern, ConcernAlerts } from '../../../../shared/contract';
import { formatLongDate, isIsoDate, londonLocal } from '../../../../shared/dates';
import { t } from '../../../../shared/i18n';

export const WHAT_MAX = 4000;
export const CHILD_WORDS_MAX = 2000;
export const SYSTEM_MAX = 40;
export const REFERENCE_MAX = 60;
/** How often the DSL's screen asks for new concerns (ms). */
export const ALERTS_POLL_MS = 15_000;

export interface ConcernFormValues {
  readonly pupilId: string;
  /** ISO date, null when empty, 'invalid' when half typed (form-fields.tsx). */
  readonly date: string | null;
  /** "HH:mm", 24-hour. */
  readonly time: string;
  readonly what: string;
  readonly childWords: string;
}

export type ConcernField = 'pupilId' | 'date' | 'time' | 'what' | 'childWords';
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export interface ConcernSubmission {
  readonly pupilId: string;
  readonly happenedAt: string;
  readonly what: string;
  readonly childWords: string | null;
}

/** "2026-11-23T14:05" → { date: '2026-11-23', time: '14:05' }. */
export function splitLocal(local: string): { readonly date: string; readonly time: string } {
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/** A fresh form: the pupil if known, and now (England's wall clock, as the core compares it). */
export function newConcernValues(pupilId: string, now: Date = new Date()): ConcernFormValues {
  const { date, time } = splitLocal(londonLocal(now));
  return { pupilId, date, time, what: '', childWords: '' };
}

/** Accepts "14:05", "1405", "9:05" and "14.05"; returns "HH:mm" or null. */
export function normaliseTime(raw: string): string | null {
  const m = /^\s*(\d{1,2})[:.]?(\d{2})\s*$/.exec(raw);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** Whether a form has anything typed worth asking about before throwing it away. */
export function hasTyping(v: ConcernFormValues): boolean {
  return v.what.trim() !== '' || v.childWords.trim() !== '';
}

/**
 * Checks the raise form as the core will (concernInput, and "not in the future" against England's clock), with
 * messages that say what to do. Returns the errors, or the input to send.
 */
export function checkConcern(
  v: ConcernFormValues,
  nowLocal: string = londonLocal(new Date()),
): { readonly errors: FieldErrors<ConcernField>; readonly input: ConcernSubmission | null } {
  const errors: FieldErrors<ConcernField> = {};
  if (!v.pupilId) errors.pupilId = t('safeguardingUi.dialog.pupilRequired');
  const dateOk = v.date !== null && isIsoDate(v.date);
  if (!dateOk) errors.date = t('safeguardingUi.dialog.errors.date');
  const time = normaliseTime(v.time);
  if (time === null) errors.time = t('safeguardingUi.dialog.errors.time');
  if (dateOk && v.date! > nowLocal.slice(0, 10)) errors.date = t('safeguardingUi.dialog.errors.future');
  else if (dateOk && time !== null && `${v.date}T${time}` > nowLocal) errors.time = t('safeguardingUi.dialog.errors.future');
  const what = v.what.trim();
  if (!what) errors.what = t('safeguardingUi.dialog.errors.whatRequired');
  else if (what.length > WHAT_MAX) errors.what = t('safeguardingUi.dialog.errors.whatTooLong', { max: WHAT_MAX });
  const words = v.childWords.trim();
  if (words.length > CHILD_WORDS_MAX) errors.childWords = t('safeguardingUi.dialog.errors.childWordsTooLong', { max: CHILD_WORDS_MAX });
  if (Object.keys(errors).length > 0) return { errors, input: null };
  return { errors, input: { pupilId: v.pupilId, happenedAt: `${v.date}T${time}`, what, childWords: words || null } };
}

/** Where a field message from the core belongs on the raise form (happenedAt is typed as date and time). */
export function concernFieldFor(path: string): ConcernField | null {
  if (path === 'happenedAt') return 'time';
  return (['pupilId', 'what', 'childWords'] as const).find((f) => f === path) ?? null;
}

export interface CloseValues {
  readonly system: string;
  readonly reference: string;
}

export function checkClose(v: CloseValues): { readonly errors: FieldErrors<keyof CloseValues>; readonly input: CloseValues | null } {
  const errors: FieldErrors<keyof CloseValues> = {};
  const system = v.system.trim();
  const reference = v.reference.trim();
  if (!system) errors.system = t('safeguardingUi.close.errors.system');
  else if (system.length > SYSTEM_MAX) errors.system = t('safeguardingUi.close.errors.systemTooLong', { max: SYSTEM_MAX });
  if (!reference) errors.reference = t('safeguardingUi.close.errors.reference', { system: system || 'CPOMS' });
  else if (reference.length > REFERENCE_MAX) errors.reference = t('safeguardingUi.close.errors.referenceTooLong', { max: REFERENCE_MAX });
  return Object.keys(errors).length > 0 ? { errors, input: null } : { errors, input: { system, reference } };
}

/** A local "yyyy-MM-ddTHH:mm" as running text writes it: "23 November 2026, 14:05". */
export function formatLocalDateTime(local: string): string {
  const { date, time } = splitLocal(local);
  if (!isIsoDate(date)) return local;
  return `${formatLongDate(date)}, ${time}`;
}

/** An instant (ISO with zone, from the core) as "23 November 2026, 14:05" on this computer's clock. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = parseISO(iso);
  return isValid(d) ? format(d, 'd MMMM yyyy, HH:mm', { locale: enGB }) : '';
}

/** The acknowledge-by deadline ("2026-11-23T23:59") as its time and date, for "by 23:59 on 23 November 2026". */
export function deadlineParts(acknowledgeBy: string): { readonly time: string; readonly date: string } {
  const { date, time } = splitLocal(acknowledgeBy);
  return isIsoDate(date) ? { time, date: formatLongDate(date) } : { time: '', date: '' };
}

/** Open first (overdue, then waiting to be acknowledged, then acknowledged), closed last; newest first within each. */
export function sortConcerns(list: readonly Concern[]): Concern[] {
  const rank = (c: Concern) => (c.status === 'closed' ? 3 : c.status === 'acknowledged' ? 2 : c.overdue ? 0 : 1);
  return [...list].sort((a, b) => rank(a) - rank(b) || b.raisedAt.localeCompare(a.raisedAt));
}

export type ConcernFilter = 'open' | 'closed' | 'all';

export function filterConcerns(list: readonly Concern[], filter: ConcernFilter, search: string): Concern[] {
  const needle = search.trim().toLocaleLowerCase('en-GB');
  return list.filter(
    (c) =>
      (filter === 'all' || (filter === 'closed') === (c.status === 'closed')) &&
      (!needle || c.pupilName.toLocaleLowerCase('en-GB').includes(needle)),
  );
}

/**
 * Whether the alerts just read bring news to announce: a newer unacknowledged concern than the last one announced
 * (the first answer after signing in counts, when anything is waiting).
 */
export function isNewAlert(previous: string | null | undefined, next: ConcernAlerts | undefined): boolean {
  if (!next?.newestRaisedAt) return false;
  return !previous || next.newestRaisedAt > previous;
}
