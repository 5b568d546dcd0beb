import { z } from 'zod';
import { op } from './define';
import { isoDate } from '../validation';

export interface AuditEntry {
  readonly seq: number;
  /** When, as an ISO instant (UTC). */
  readonly at: string;
  /** The signed-in user's id; null for the CLI, first-run setup and sign-in attempts (nobody is signed in yet). */
  readonly userId: string | null;
  /** Who, as recorded: "Display Name (username)", "senco-desk CLI (account)" or "not signed in". */
  readonly actor: string;
  readonly role: string | null;
  readonly operation: string;
  readonly pupilId: string | null;
  /** The pupil's name now, when the event names a pupil who is still on record. */
  readonly pupilName: string | null;
  readonly outcome: 'ok' | 'refused';
  /** A short, non-sensitive summary (JSON): counts, changed field names, the username signing in. */
  readonly detail: string | null;
}

/** What is wrong with the first event that does not check (see electron/core/audit.ts). */
export type AuditChainProblem = 'hash_mismatch' | 'prev_hash_mismatch' | 'missing';

export interface AuditBrokenEvent {
  /** The event's sequence number; for `missing`, the number that is absent. */
  readonly seq: number;
  readonly at: string | null;
  readonly operation: string | null;
  readonly problem: AuditChainProblem;
  readonly reason: string;
  /** For a missing event: the next event that is there. */
  readonly nextSeq: number | null;
}

export interface AuditChainResult {
  readonly ok: boolean;
  /** How many events the trail holds. */
  readonly events: number;
  readonly firstBroken: AuditBrokenEvent | null;
}

export const auditOps = {
  'audit.list': op<{ readonly total: number; readonly rows: readonly AuditEntry[] }>()({
    input: z
      .object({
        /** Events by this user, including their sign-ins (recorded before they were signed in). */
        userId: z.string().max(64).optional(),
        pupilId: z.string().max(64).optional(),
        operation: z.string().max(60).optional(),
        /** Whole days in the school's time (UK): from the start of `from` to the end of `to`. */
        from: isoDate.optional(),
        to: isoDate.optional(),
        page: z.number().int().min(0).max(100000).optional(),
        pageSize: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    access: ['senco', 'headteacher'],
    kind: 'read',
    audit: true,
  }),
  /** Re-computes the whole hash chain and names the first event that does not follow (none when intact). */
  'audit.verify': op<AuditChainResult>()({
    input: z.object({}).strict(),
    access: ['senco', 'headteacher'],
    kind: 'read',
    audit: false,
  }),
} as const;
