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

/**
 * What is wrong with the first event that does not check (see electron/core/audit.ts): inside the trail
 * (`hash_mismatch`, `prev_hash_mismatch`, `missing`), or against a checkpoint of its head kept outside it: the trail
 * ends before an event a checkpoint recorded (`truncated`), or an event's hash differs from a checkpoint's
 * (`rewritten`).
 */
export type AuditChainProblem = 'hash_mismatch' | 'prev_hash_mismatch' | 'missing' | 'truncated' | 'rewritten';

/** A checkpoint of the trail's head kept outside it (electron/core/audit-checkpoint.ts). */
export interface AuditCheckpointRef {
  readonly seq: number;
  readonly hash: string;
  /** The time of the event it recorded (ISO). */
  readonly at: string;
  /** When the checkpoint was written (ISO). */
  readonly writtenAt: string;
  /** Where it was kept: the data folder, beside a backup, or a file given to the check. */
  readonly sourceKind: 'data_folder' | 'backup' | 'given';
  /** The file's name (the backup's, for a backup's checkpoint). */
  readonly source: string;
}

export interface AuditBrokenEvent {
  /** The event's sequence number; for `missing`, the number that is absent; for `truncated`, the first one gone. */
  readonly seq: number;
  readonly at: string | null;
  readonly operation: string | null;
  readonly problem: AuditChainProblem;
  readonly reason: string;
  /** For a missing event: the next event that is there. */
  readonly nextSeq: number | null;
  /** For `truncated` and `rewritten`: the checkpoint the trail disagrees with; null otherwise. */
  readonly checkpoint: AuditCheckpointRef | null;
}

export interface AuditCheckpointSummary {
  /** Checkpoints of this database's trail compared with it. */
  readonly compared: number;
  /** The newest of them (recording the furthest event; of those, the last written); null when there was none. */
  readonly newest: AuditCheckpointRef | null;
  /** Checkpoints of a trail that a later restore from a backup replaced: set aside, not compared. */
  readonly supersededByRestore: number;
  /** Checkpoints of another database: not compared. */
  readonly otherDatabase: number;
  /** Checkpoint files that could not be read (their names). */
  readonly unreadable: readonly string[];
}

export interface AuditChainResult {
  readonly ok: boolean;
  /** How many events the trail holds. */
  readonly events: number;
  readonly firstBroken: AuditBrokenEvent | null;
  readonly checkpoints: AuditCheckpointSummary;
  /** Restores from a backup that the trail records (their backup.restore events), oldest first. */
  readonly restores: readonly { readonly seq: number; readonly at: string }[];
}

/** A checkpoint kept elsewhere (a backup's copied off the machine, later the school server's), to compare too. */
const givenCheckpoint = z
  .object({
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    hash: z
      .string()
      .length(64)
      .regex(/^[0-9a-f]{64}$/),
    at: z.string().max(40),
    writtenAt: z.string().max(40),
    /** Which database's trail (electron/core/audit-checkpoint.ts `storeIdentity`). */
    store: z.string().max(100),
    /** Where it came from, to name in the report (a file name). */
    source: z.string().min(1).max(300),
  })
  .strict();

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
  /**
   * Re-computes the whole hash chain, compares it with the checkpoints of its head kept outside it (the data
   * folder's, the backups', and any given), and names the first event that does not follow (none when intact).
   */
  'audit.verify': op<AuditChainResult>()({
    input: z.object({ checkpoints: z.array(givenCheckpoint).max(1000).optional() }).strict(),
    access: ['senco', 'headteacher'],
    kind: 'read',
    audit: false,
  }),
} as const;
