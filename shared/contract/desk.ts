/**
 * A desk connected to the school server (issue 16, items 2 and 3). These operations are answered by the desk
 * itself (electron/connect/connected-desk.ts), never forwarded to the server: whether the desk is online, what waits
 * in its outbox, and the "Could not be sent" list. A standalone desk's core answers them too (mode 'standalone',
 * nothing waiting), so the renderer asks the same questions everywhere.
 *
 * They are all 'read' to the dispatcher: on a standalone desk they change nothing; on a connected desk what they send
 * goes through the server's dispatcher, which audits it there.
 *
 * `sync.changes` is the server's change feed: answered by the core (the server's dispatcher), scoped like every read.
 */
import { z } from 'zod';
import { id } from '../validation';
import { op } from './define';
import { concernInput } from './safeguarding';
import { recordInput } from './sessions';

export const DESK_MODES = ['standalone', 'online', 'offline'] as const;
export type DeskMode = (typeof DESK_MODES)[number];

export interface DeskStatus {
  readonly mode: DeskMode;
  /** The school server's address when connected ("https://senco.school.example:8443"), null when standalone. */
  readonly server: string | null;
  /** Operations done offline, waiting in the outbox to be sent (in order). */
  readonly waiting: number;
  /** Of those, safeguarding concerns: they have NOT reached the DSL yet. */
  readonly concernsWaiting: number;
  /** Operations the server refused on replay, kept with the user's input in the "Could not be sent" list. */
  readonly failed: number;
  /**
   * Goes up whenever records changed elsewhere (another desk, through the server): the renderer refreshes what it
   * shows when it changes. Always 0 on a standalone desk.
   */
  readonly changes: number;
  /** When the outbox is being sent now. */
  readonly sending: boolean;
  /** The newest time the desk heard from the server (ISO), null if never. */
  readonly lastContactAt: string | null;
}

export interface OutboxItem {
  readonly id: string;
  /** The operation, as in the contract ('sessions.record', 'safeguarding.raise', ...). */
  readonly op: string;
  /** The user's input, exactly as they gave it (so nothing they typed is lost). */
  readonly input: unknown;
  /** When it was done on the desk (ISO). */
  readonly queuedAt: string;
  /** The pupil it is about, when there is one (for the list). */
  readonly pupilId: string | null;
  readonly pupilName: string | null;
  /** Why the server refused it (its error, as any other operation's error). Null while it is still waiting. */
  readonly error: { readonly code: string; readonly message: string } | null;
}

export const deskOps = {
  'desk.status': op<DeskStatus>()({ input: z.object({}).strict(), access: 'public', kind: 'read', audit: false, passive: true }),
  /** The "Could not be sent" list (and, with waiting: true, what still waits): the signed-in user's own items only. */
  'desk.outbox.list': op<readonly OutboxItem[]>()({
    input: z.object({ waiting: z.boolean().optional() }).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: false,
    scoped: false,
  }),
  /** Drops a refused item for good (the user chose to). */
  'desk.outbox.discard': op<{ readonly discarded: boolean }>()({
    input: z.object({ id }).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: false,
    scoped: false,
  }),
  /**
   * Sends a refused item again, with the user's corrected input (or as it was); its answer is the operation's own.
   * The input is one of the operations a desk does offline (recording a session, raising a concern): the desk checks it
   * against that operation's own schema, with its field messages, before sending.
   */
  'desk.outbox.resend': op<unknown>()({
    input: z.object({ id, input: z.union([recordInput, concernInput]).optional() }).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: false,
    scoped: false,
  }),
  /**
   * The change feed (the server's dispatcher answers it): which of the caller's pupils changed after `since` (an
   * opaque cursor from the last answer; null: from now). `all` when something not about one pupil changed, or the
   * feed was too long: refresh everything. Only pupils in the caller's scope count, and none is named: each is given
   * as its pupil key for the caller (pupilKey: a digest of the caller's and the pupil's ids), which a desk matches
   * against the pupils whose records it already holds (read, and audited, when it fetched them). So the poll, every
   * few seconds, reads no pupil's data and needs no audit event of its own.
   */
  'sync.changes': op<{ readonly cursor: number; readonly pupilKeys: readonly string[]; readonly all: boolean }>()({
    input: z.object({ since: z.number().int().min(0).max(1e12).nullable() }).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: false,
    scoped: false,
    passive: true,
  }),
} as const;
