/**
 * The audit trail: append-only, each event chained to the one before by SHA-256, so that an edited, inserted or
 * deleted event is detected by re-computing the chain (verifyAuditChain). Appends happen inside the operation's
 * own transaction, so an event exists exactly when the change it describes was committed.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from './db/entities';
import type { Driver } from './db/data-source';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  readonly at: string;
  readonly userId: string | null;
  readonly actor: string;
  readonly role: string | null;
  readonly operation: string;
  readonly pupilId: string | null;
  readonly outcome: 'ok' | 'refused';
  readonly detail: string | null;
}

export function auditHash(prevHash: string, seq: number, e: Omit<AuditInput, 'outcome'> & { readonly outcome: string }): string {
  // JSON of a fixed-order array: unambiguous, unlike joining fields with a separator that could occur in them.
  const canonical = JSON.stringify([prevHash, seq, e.at, e.userId, e.actor, e.role, e.operation, e.pupilId, e.outcome, e.detail]);
  return createHash('sha256').update(canonical).digest('hex');
}

export async function appendAudit(em: EntityManager, driver: Driver, e: AuditInput): Promise<AuditEventEntity> {
  if (driver === 'postgres') {
    // Several app instances may share one PostgreSQL database: serialise appends so the chain has one order.
    await em.query('SELECT pg_advisory_xact_lock(727274)');
  }
  // Raw SQL: this runs on every audited operation, including every read of a pupil record.
  const last: { seq: number | string; hash: string }[] = await em.query('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1');
  const prev = last[0];
  const seq = prev ? Number(prev.seq) + 1 : 1;
  const prevHash = prev ? prev.hash : GENESIS_HASH;
  const row = { ...e, seq, prevHash, hash: auditHash(prevHash, seq, e) } as AuditEventEntity;
  const values = [row.seq, row.at, row.userId, row.actor, row.role, row.operation, row.pupilId, row.outcome, row.detail, row.prevHash, row.hash];
  const marks = values.map((_, i) => (driver === 'postgres' ? `$${i + 1}` : '?')).join(', ');
  await em.query(
    `INSERT INTO audit_event (seq, at, user_id, actor, role, operation, pupil_id, outcome, detail, prev_hash, hash) VALUES (${marks})`,
    values,
  );
  return row;
}

export interface ChainReport {
  readonly ok: boolean;
  readonly checked: number;
  /** The first event that does not follow from the one before, or null. */
  readonly firstBroken: { readonly seq: number; readonly reason: string } | null;
}

export async function verifyAuditChain(em: EntityManager): Promise<ChainReport> {
  const rows = await em.getRepository(AuditEventEntity).find({ order: { seq: 'ASC' } });
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of rows) {
    if (r.seq !== expectedSeq) return { ok: false, checked: expectedSeq - 1, firstBroken: { seq: r.seq, reason: `event ${expectedSeq} is missing` } };
    if (r.prevHash !== prevHash) return { ok: false, checked: r.seq - 1, firstBroken: { seq: r.seq, reason: 'does not follow the event before it' } };
    if (auditHash(prevHash, r.seq, r) !== r.hash) return { ok: false, checked: r.seq - 1, firstBroken: { seq: r.seq, reason: 'its contents were changed' } };
    prevHash = r.hash;
    expectedSeq++;
  }
  return { ok: true, checked: rows.length, firstBroken: null };
}
