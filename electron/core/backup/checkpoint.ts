/**
 * The checkpoint beside each backup (and each safety copy a restore makes): the head of the audit trail inside
 * that copy, in the format of electron/core/audit-checkpoint.ts, as `<name>.audit-head.json`. Backups are meant to
 * be copied off the machine; their checkpoints go with them, out of reach of anyone rewriting the live database.
 */
import { GENESIS_HASH } from '../audit';
import { checkpointDocument, checkpointPathFor, trailHead, writeCheckpoint, type AuditHead } from '../audit-checkpoint';
import type { RawDb } from './sqlite-raw';

/** The head of the audit trail in a copy; null when the copy has no audit table (not a SENCo Desk database yet). */
export async function trailHeadOf(db: RawDb): Promise<AuditHead | null> {
  const tables = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'audit_event'");
  if (!tables.length) return null;
  return trailHead((sql) => db.all(sql));
}

/** Writes the checkpoint beside `backupFile` (an empty trail is seq 0); returns its path. */
export function writeBackupCheckpoint(backupFile: string, head: AuditHead | null, at: Date): string {
  const file = checkpointPathFor(backupFile);
  writeCheckpoint(file, checkpointDocument(head ?? { seq: 0, hash: GENESIS_HASH, at: at.toISOString() }, 'sqlite', at));
  return file;
}
