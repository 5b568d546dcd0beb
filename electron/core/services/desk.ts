/**
 * The desk's own questions (shared/contract/desk.ts) as a standalone desk's core answers them, and the school
 * server's change feed.
 *
 * A standalone desk has no server and no outbox: it is never offline, nothing waits, nothing failed. A connected
 * desk answers the `desk.*` operations itself (electron/connect/connected-desk.ts) and never sends them on.
 *
 * The change feed reads the audit trail, which already has one order (its sequence) and one event for every write
 * that committed: the events after the cursor, writes that succeeded, give the pupils that changed. Only pupils in
 * the caller's scope count, and each is given as a pupil key (pupilKey below), never its id: the desk matches keys
 * against the pupils it holds already, so the poll reads no pupil's data. A write about no single pupil (a setting,
 * a term date, a concern, whose audit event names no pupil on purpose) says `all`, so the desk refreshes what it
 * shows without learning what it was.
 */
import { createHash } from 'node:crypto';
import { contract, isOpName } from '../../../shared/contract';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import type { ServiceFn } from '../context';
import { placeholder } from '../db/raw';
import { inScope } from '../scope';

export const deskStatus: ServiceFn<'desk.status'> = () =>
  Promise.resolve({
    mode: 'standalone',
    server: null,
    waiting: 0,
    concernsWaiting: 0,
    failed: 0,
    changes: 0,
    sending: false,
    lastContactAt: null,
  });

export const deskOutboxList: ServiceFn<'desk.outbox.list'> = () => Promise.resolve([]);

export const deskOutboxDiscard: ServiceFn<'desk.outbox.discard'> = () => Promise.resolve({ discarded: false });

export const deskOutboxResend: ServiceFn<'desk.outbox.resend'> = () =>
  Promise.reject(new AppFailure('not_found', t('connected.standaloneOutbox')));

/** A pupil as the change feed gives it to one user: a digest of the user's and the pupil's ids. */
export function pupilKey(userId: string, pupilId: string): string {
  return createHash('sha256').update(`senco-desk change feed\n${userId}\n${pupilId}`).digest('hex').slice(0, 32);
}

/** At most this many events are read per answer; beyond that the desk is told to refresh everything. */
export const CHANGE_FEED_PAGE = 2000;

/** Writes that change no record a desk shows (signing in and out, locking): not changes. */
// A user's own unsaved drafts (issue 17, item 3) change no record anyone else reads: saved every few seconds while
// someone types, they would otherwise send every desk to fetch again.
const NOT_CHANGES: ReadonlySet<string> = new Set([
  'auth.signIn',
  'auth.signOut',
  'auth.lock',
  'auth.unlock',
  'auth.changePassword',
  'drafts.save',
  'drafts.discard',
]);

export const syncChanges: ServiceFn<'sync.changes'> = async (ctx, input) => {
  const ph = placeholder(ctx.em);
  const head = (await ctx.em.query(`SELECT MAX(seq) AS seq FROM audit_event`)) as { seq: number | string | null }[];
  const cursor = Number(head[0]?.seq ?? 0);
  if (input.since === null || input.since >= cursor) return { cursor, pupilKeys: [], all: false };
  const rows = (await ctx.em.query(
    `SELECT seq, operation, pupil_id FROM audit_event WHERE seq > ${ph(1)} AND seq <= ${ph(2)} AND outcome = 'ok' ORDER BY seq LIMIT ${CHANGE_FEED_PAGE + 1}`,
    [input.since, cursor],
  )) as { seq: number; operation: string; pupil_id: string | null }[];
  if (rows.length > CHANGE_FEED_PAGE) return { cursor, pupilKeys: [], all: true };
  const pupils = new Set<string>();
  let all = false;
  for (const r of rows) {
    if (!isOpName(r.operation) || contract[r.operation].kind !== 'write' || NOT_CHANGES.has(r.operation)) continue;
    if (r.pupil_id === null) all = true;
    else if (inScope(ctx.scope, r.pupil_id)) pupils.add(r.pupil_id);
  }
  const me = ctx.actor.kind === 'user' ? ctx.actor.userId : '';
  return { cursor, pupilKeys: [...pupils].map((id) => pupilKey(me, id)).sort(), all };
};
