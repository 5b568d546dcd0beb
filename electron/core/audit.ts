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

/** What is wrong with the first event that does not check. */
export type ChainProblem = 'hash_mismatch' | 'prev_hash_mismatch' | 'missing';

export interface BrokenEvent {
  /** The event's sequence number; for `missing`, the number that is absent from the chain. */
  readonly seq: number;
  /** When the event was written, and what it records; null for a missing event. */
  readonly at: string | null;
  readonly operation: string | null;
  readonly problem: ChainProblem;
  /** The same in plain words, for a person reading a report. */
  readonly reason: string;
  /** For a missing event: the next event that is there (the chain jumps from seq - 1 to this). */
  readonly nextSeq: number | null;
}

export interface ChainReport {
  readonly ok: boolean;
  /** Events that were checked and found to follow from the ones before. */
  readonly checked: number;
  /** Every event in the trail. */
  readonly events: number;
  /** The first event that does not follow from the one before, or null. */
  readonly firstBroken: BrokenEvent | null;
}

/** Events read per query while checking, so a large trail is never held in memory at once. */
const VERIFY_BATCH = 2000;

function broken(r: Pick<AuditEventEntity, 'seq' | 'at' | 'operation'>, problem: 'hash_mismatch' | 'prev_hash_mismatch'): BrokenEvent {
  const reason =
    problem === 'hash_mismatch'
      ? `event ${r.seq} was changed after it was written: its contents no longer match its hash`
      : `event ${r.seq} does not follow the event before it: its previous-hash does not match, so the event before it was changed, removed or inserted`;
  return { seq: r.seq, at: r.at, operation: r.operation, problem, reason, nextSeq: null };
}

/**
 * Re-computes the whole chain from the first event, oldest first, and names the first event that does not
 * follow: an edited event (hash mismatch), an event whose predecessor was replaced (previous-hash mismatch), or a
 * gap in the sequence numbers (a deleted event). Deleting the newest events leaves a shorter chain that still
 * checks: compare `events` with an earlier run to see that.
 */
export async function verifyAuditChain(em: EntityManager): Promise<ChainReport> {
  const repo = em.getRepository(AuditEventEntity);
  const events = await repo.count();
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let after = 0;
  for (;;) {
    const rows = await repo.createQueryBuilder('a').where('a.seq > :after', { after }).orderBy('a.seq', 'ASC').limit(VERIFY_BATCH).getMany();
    for (const r of rows) {
      const checked = expectedSeq - 1;
      if (r.seq !== expectedSeq) {
        const reason = `event ${expectedSeq} is missing (deleted): the trail goes from event ${expectedSeq - 1} to event ${r.seq}`;
        return { ok: false, checked, events, firstBroken: { seq: expectedSeq, at: null, operation: null, problem: 'missing', reason, nextSeq: r.seq } };
      }
      if (r.prevHash !== prevHash) return { ok: false, checked, events, firstBroken: broken(r, 'prev_hash_mismatch') };
      if (auditHash(prevHash, r.seq, r) !== r.hash) return { ok: false, checked, events, firstBroken: broken(r, 'hash_mismatch') };
      prevHash = r.hash;
      expectedSeq++;
    }
    if (rows.length < VERIFY_BATCH) break;
    after = rows[rows.length - 1]!.seq;
  }
  return { ok: true, checked: expectedSeq - 1, events, firstBroken: null };
}
