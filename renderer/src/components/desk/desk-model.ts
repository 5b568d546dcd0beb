/**
 * What the screens of a connected desk show, as plain functions (tested without a browser): the connection banner
 * from `desk.status`, when a colleague's change means the screens should read again, an outbox item in words, and
 * the generic editor for a refused item's input (its written fields, changed without losing anything else).
 */
import type { DeskStatus, OutboxItem } from '../../../../shared/contract/desk';
import { formatLongDate, londonLocal } from '../../../../shared/dates';
import { t, type I18nKeyUnder } from '../../../../shared/i18n';
import { qk } from '../../lib/query-keys';

/** How often the shell asks the desk how it is (a passive operation: it never keeps the screen lock away). */
export const DESK_POLL_MS = 2000;

export const DESK_STATUS_KEY = qk('desk.status');

/**
 * How long until the next question: every 2 seconds, except on a standalone desk, which stays standalone until the
 * app is started again (the connection is chosen at start), so one answer is enough.
 */
export function deskPollInterval(status: DeskStatus | undefined): number | false {
  return status?.mode === 'standalone' ? false : DESK_POLL_MS;
}

export type BannerModel =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'online';
      readonly waiting: number;
      readonly sending: boolean;
      readonly failed: number;
    }
  | {
      readonly kind: 'offline';
      readonly waiting: number;
      readonly concernsWaiting: number;
      readonly failed: number;
      readonly lastContactAt: string | null;
    };

/** A standalone desk (or one whose status is not known yet) shows nothing at all. */
export function bannerFor(status: DeskStatus | undefined): BannerModel {
  if (!status || status.mode === 'standalone') return { kind: 'none' };
  if (status.mode === 'online') return { kind: 'online', waiting: status.waiting, sending: status.sending, failed: status.failed };
  return {
    kind: 'offline',
    waiting: status.waiting,
    concernsWaiting: status.concernsWaiting,
    failed: status.failed,
    lastContactAt: status.lastContactAt,
  };
}

/**
 * Whether what the screens show should be read again: the desk's change counter moved since the last answer
 * (records changed on another desk). The first answer is a baseline, not a change; a counter that went back (the
 * desk restarted) is a change too.
 */
export function changesMoved(previous: number | undefined, next: number): boolean {
  return previous !== undefined && next !== previous;
}

/** Whether the "Could not be sent" page belongs in the navigation. */
export function showOutboxNav(status: DeskStatus | undefined): boolean {
  return !!status && status.mode !== 'standalone' && status.failed > 0;
}

/** Whether a concern raised now would wait on this desk instead of reaching the DSL. */
export function concernWouldWait(status: DeskStatus | undefined): boolean {
  return !!status && status.mode === 'offline';
}

const OP_WORDS: Readonly<Record<string, I18nKeyUnder<'connectedUi.ops'>>> = {
  'sessions.record': 'sessionsRecord',
  'safeguarding.raise': 'safeguardingRaise',
  'parentUpdates.save': 'parentUpdatesSave',
  'ipps.review': 'ippsReview',
  'assessments.save': 'assessmentsSave',
  'sessions.schedule': 'sessionsSchedule',
  'sessions.move': 'sessionsMove',
  'referrals.save': 'referralsSave',
  'reviews.save': 'reviewsSave',
};

/** The operations named in words ("session recorded"); anything else still says what it was. */
export const NAMED_OPS: readonly string[] = Object.keys(OP_WORDS);

/** An operation in words, lower case for the middle of a sentence ("Discard the session recorded for …"). */
export function opInWords(op: string): string {
  const key = OP_WORDS[op];
  return key ? t(`connectedUi.ops.${key}`) : t('connectedUi.ops.other', { op });
}

/** The same, starting with a capital, for a list's first column. */
export function opTitle(op: string): string {
  const words = opInWords(op);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An ISO instant as "14 March 2026" and "14:05" in England's time. */
export function whenParts(iso: string): { readonly date: string; readonly time: string } {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return { date: iso, time: '' };
  const local = londonLocal(at);
  return { date: formatLongDate(local.slice(0, 10)), time: local.slice(11, 16) };
}

export function whenText(iso: string): string {
  const { date, time } = whenParts(iso);
  return time ? t('connectedUi.outbox.at', { date, time }) : date;
}

/** Refused items first in the order they were done; concerns first among what waits (they are sent first). */
export function sortWaiting(items: readonly OutboxItem[]): OutboxItem[] {
  return [...items].sort(
    (a, b) => Number(b.op === 'safeguarding.raise') - Number(a.op === 'safeguarding.raise') || a.queuedAt.localeCompare(b.queuedAt),
  );
}

// ---- the generic editor: the written fields of any input ----

export type FieldPath = readonly (string | number)[];

export interface TextField {
  readonly path: FieldPath;
  readonly value: string;
}

/** Keys that hold identifiers or codes, never a person's writing: left alone by the editor. */
function isIdKey(key: string | number): boolean {
  return typeof key === 'string' && (key === 'id' || /Id$/.test(key) || /Key$/.test(key));
}

/** Every string in the input a person wrote (not ids), in order, with where it is. */
export function textFields(input: unknown, path: FieldPath = []): TextField[] {
  if (typeof input === 'string') return isIdKey(path[path.length - 1] ?? '') ? [] : [{ path, value: input }];
  if (Array.isArray(input)) return input.flatMap((v, i) => textFields(v, [...path, i]));
  if (input && typeof input === 'object')
    return Object.entries(input as Record<string, unknown>).flatMap(([k, v]) => textFields(v, [...path, k]));
  return [];
}

/** A copy of the input with one value replaced; everything else exactly as it was. */
export function setAt(input: unknown, path: FieldPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(input)) {
    const copy = [...(input as unknown[])];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy;
  }
  const obj = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  return { ...obj, [head]: setAt(obj[head as string], rest, value) };
}

/** A field's path as a label: "pupils 1 notes" reads "Pupils 1: notes"; camelCase is split into words. */
export function fieldLabel(path: FieldPath): string {
  const words = path.map((p) => (typeof p === 'number' ? String(p + 1) : p.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()));
  const text = words.reduce((acc, w, i) => (i === 0 ? w : /^\d+$/.test(w) ? `${acc} ${w}` : `${acc}: ${w}`), '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The field path of a server's field message ("pupils.0.notes") as the editor's path. */
export function pathKey(path: FieldPath): string {
  return path.join('.');
}
