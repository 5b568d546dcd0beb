/**
 * The audit trail: append-only, each event chained to the one before by SHA-256, so that an edited, inserted or
 * deleted event is detected by re-computing the chain (verifyAuditChain). Appends happen inside the operation's
 * own transaction, so an event exists exactly when the change it describes was committed. What is hashed is exactly
 * what the database stores (storedForm). Deleting the newest events, or rewriting events and recomputing every
 * later hash, leaves a chain that checks: checkpoints of the head kept outside the table (audit-checkpoint.ts)
 * catch those.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from './db/entities';
import type { Driver } from './db/data-source';
import { storableText } from '../../shared/storable';
import { formatUkDateTime } from '../../shared/audit-format';
import type { CheckpointSourceKind, FoundCheckpoint } from './audit-checkpoint';
import { actorLabel, type Actor } from './context';

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

/**
 * What an audit event says, in the terms its writer knows: who acted, what they did, about which pupil, how it ended
 * and a short summary. `auditEvent` turns it into the row's fields, the one way every writer does (the dispatcher, a
 * sign-in refused before the database was open, a restore, a migration, the trust's import and export).
 */
export interface AuditFacts {
  readonly at: Date | string;
  /**
   * The acting user, the CLI or nobody signed in; or, for work no actor did (a migration, a restore), the name the
   * trail records it under (no user, no role).
   */
  readonly actor: Actor | string;
  readonly operation: string;
  /** The one pupil the operation was about; none when it was about no pupil or several. */
  readonly pupilId?: string | null;
  readonly outcome: 'ok' | 'refused';
  /** A short, non-sensitive summary (counts, changed field names, a reason), stored as JSON; none when null. */
  readonly detail?: Readonly<Record<string, unknown>> | null;
}

/**
 * The event's fields from what happened: the actor's label, user and role, and the detail as JSON with the transport
 * (`via`) when it was not the app's own (the CLI), so the trail says how a change was made.
 */
export function auditEvent(f: AuditFacts): AuditInput {
  const actor = typeof f.actor === 'string' ? null : f.actor;
  const via = actor && actor.kind !== 'system' ? actor.via : undefined;
  const detail = via ? { ...(f.detail ?? {}), via } : (f.detail ?? null);
  return {
    at: typeof f.at === 'string' ? f.at : f.at.toISOString(),
    userId: actor?.kind === 'user' ? actor.userId : null,
    actor: actor ? actorLabel(actor) : (f.actor as string),
    role: actor && actor.kind !== 'anonymous' ? actor.role : null,
    operation: f.operation,
    pupilId: f.pupilId ?? null,
    outcome: f.outcome,
    detail: detail ? JSON.stringify(detail) : null,
  };
}

export function auditHash(prevHash: string, seq: number, e: Omit<AuditInput, 'outcome'> & { readonly outcome: string }): string {
  // JSON of a fixed-order array: unambiguous, unlike joining fields with a separator that could occur in them.
  const canonical = JSON.stringify([prevHash, seq, e.at, e.userId, e.actor, e.role, e.operation, e.pupilId, e.outcome, e.detail]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The widths of audit_event's columns (PostgreSQL refuses a longer value; SQLite would keep it). */
const WIDTHS = { at: 30, userId: 36, actor: 140, role: 20, operation: 60, pupilId: 36 } as const;

function fit(s: string, max: number): string {
  const text = storableText(s);
  if (text.length <= max) return text;
  // Cut on a character boundary (never between the halves of a pair), and mark the cut.
  let cut = max - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut--;
  return `${text.slice(0, cut)}\u2026`;
}

const fitOrNull = (s: string | null, max: number) => (s === null ? null : fit(s, max));

/**
 * The event exactly as the database will store it, so that the hash is computed over what is stored and a later
 * check re-computes the same hash from what it reads: each string is made storable (shared/storable.ts: a lone
 * surrogate or U+0000 becomes U+FFFD, as the database would store it) and cut to its column's width. The dispatcher
 * refuses such input before it gets here; this is for every other way a string reaches the trail.
 */
export function storedForm(e: AuditInput): AuditInput {
  return {
    at: fit(e.at, WIDTHS.at),
    userId: fitOrNull(e.userId, WIDTHS.userId),
    actor: fit(e.actor, WIDTHS.actor),
    role: fitOrNull(e.role, WIDTHS.role),
    operation: fit(e.operation, WIDTHS.operation),
    pupilId: fitOrNull(e.pupilId, WIDTHS.pupilId),
    outcome: e.outcome,
    detail: e.detail === null ? null : storableText(e.detail),
  };
}

export async function appendAudit(em: EntityManager, driver: Driver, input: AuditInput): Promise<AuditEventEntity> {
  if (driver === 'postgres') {
    // Several app instances may share one PostgreSQL database: serialise appends so the chain has one order.
    await em.query('SELECT pg_advisory_xact_lock(727274)');
  }
  const e = storedForm(input);
  // Raw SQL: this runs on every audited operation, including every read of a pupil record.
  const last: { seq: number | string; hash: string }[] = await em.query('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1');
  const prev = last[0];
  const seq = prev ? Number(prev.seq) + 1 : 1;
  const prevHash = prev ? prev.hash : GENESIS_HASH;
  const row = { ...e, seq, prevHash, hash: auditHash(prevHash, seq, e) } as AuditEventEntity;
  const values = [
    row.seq,
    row.at,
    row.userId,
    row.actor,
    row.role,
    row.operation,
    row.pupilId,
    row.outcome,
    row.detail,
    row.prevHash,
    row.hash,
  ];
  const marks = values.map((_, i) => (driver === 'postgres' ? `$${i + 1}` : '?')).join(', ');
  await em.query(
    `INSERT INTO audit_event (seq, at, user_id, actor, role, operation, pupil_id, outcome, detail, prev_hash, hash) VALUES (${marks})`,
    values,
  );
  return row;
}

/**
 * What is wrong with the first event that does not check: inside the trail (an edited event, one that does not
 * follow the event before it, a gap), or against a checkpoint kept outside it (audit-checkpoint.ts): the trail ends
 * before an event a checkpoint recorded (`truncated`), or an event's hash is not the one a checkpoint recorded
 * (`rewritten`: it or an earlier event was changed and the hashes after it recomputed).
 */
export type ChainProblem = 'hash_mismatch' | 'prev_hash_mismatch' | 'missing' | 'truncated' | 'rewritten';

/** A checkpoint as a report names it. */
export interface CheckpointRef {
  readonly seq: number;
  readonly hash: string;
  /** The time of the event it recorded (ISO). */
  readonly at: string;
  /** When the checkpoint was written (ISO). */
  readonly writtenAt: string;
  /** Where it was kept: the data folder, beside a backup, or a file given to the check. */
  readonly sourceKind: CheckpointSourceKind;
  /** The file's name (the backup's, for a backup's checkpoint). */
  readonly source: string;
}

export interface BrokenEvent {
  /**
   * The event's sequence number; for `missing`, the number that is absent from the chain; for `truncated`, the
   * first event that is gone (one after the trail's last).
   */
  readonly seq: number;
  /** When the event was written, and what it records; null for a missing or truncated event. */
  readonly at: string | null;
  readonly operation: string | null;
  readonly problem: ChainProblem;
  /** The same in plain words, for a person reading a report. */
  readonly reason: string;
  /** For a missing event: the next event that is there (the chain jumps from seq - 1 to this). */
  readonly nextSeq: number | null;
  /** For `truncated` and `rewritten`: the checkpoint the trail disagrees with; null otherwise. */
  readonly checkpoint: CheckpointRef | null;
}

/** How the trail compares with the checkpoints kept outside it. */
export interface CheckpointSummary {
  /** Checkpoints of this database's trail that were compared with it. */
  readonly compared: number;
  /** The newest checkpoint compared (the one recording the furthest event; of those, the last written), or null. */
  readonly newest: CheckpointRef | null;
  /** Checkpoints of a trail that a later restore from a backup replaced: set aside, not compared. */
  readonly supersededByRestore: number;
  /** Checkpoints of another database (another PostgreSQL server or schema, or SQLite vs PostgreSQL): not compared. */
  readonly otherDatabase: number;
  /** Checkpoint files that could not be read (their names). */
  readonly unreadable: readonly string[];
}

/** A restore from a backup recorded in the trail (its `backup.restore` event). */
export interface RestoreMark {
  readonly seq: number;
  readonly at: string;
}

export interface ChainReport {
  readonly ok: boolean;
  /** Events that were checked and found to follow from the ones before. */
  readonly checked: number;
  /** Every event in the trail. */
  readonly events: number;
  /** The first event that does not follow from the one before, or disagrees with a checkpoint; null when intact. */
  readonly firstBroken: BrokenEvent | null;
  readonly checkpoints: CheckpointSummary;
  /** Restores the trail records, oldest first. */
  readonly restores: readonly RestoreMark[];
}

/** Events read per query while checking, so a large trail is never held in memory at once. */
const VERIFY_BATCH = 2000;

function broken(r: Pick<AuditEventEntity, 'seq' | 'at' | 'operation'>, problem: 'hash_mismatch' | 'prev_hash_mismatch'): BrokenEvent {
  const reason =
    problem === 'hash_mismatch'
      ? `event ${r.seq} was changed after it was written: its contents no longer match its hash`
      : `event ${r.seq} does not follow the event before it: its previous-hash does not match, so the event before it was changed, removed or inserted`;
  return { seq: r.seq, at: r.at, operation: r.operation, problem, reason, nextSeq: null, checkpoint: null };
}

function refOf(c: FoundCheckpoint): CheckpointRef {
  return { seq: c.seq, hash: c.hash, at: c.at, writtenAt: c.writtenAt, sourceKind: c.source.kind, source: c.source.name };
}

/** "the data folder", "the backup senco-desk-2026-03-14-020000.sqlite", "the file given (head.json)". */
export function describeCheckpointSource(c: Pick<CheckpointRef, 'sourceKind' | 'source'>): string {
  switch (c.sourceKind) {
    case 'data_folder':
      return 'kept in the data folder';
    case 'backup':
      return `kept with the backup ${c.source}`;
    case 'given':
      return `from ${c.source}`;
  }
}

const later = (a: FoundCheckpoint, b: FoundCheckpoint) => (Date.parse(a.writtenAt) > Date.parse(b.writtenAt) ? a : b);

export interface VerifyOptions {
  /** Checkpoints kept outside the trail (audit-checkpoint.ts): the data folder's, the backups', any given. */
  readonly checkpoints?: readonly FoundCheckpoint[];
  /** The identity of this database (audit-checkpoint.ts `storeIdentity`): checkpoints of another are not compared. */
  readonly store?: string;
  readonly unreadable?: readonly string[];
}

/**
 * Re-computes the whole chain from the first event, oldest first, and names the first event that does not
 * follow: an edited event (hash mismatch), an event whose predecessor was replaced (previous-hash mismatch), or a
 * gap in the sequence numbers (a deleted event). Then compares the trail with the checkpoints of its head kept
 * outside it, which catches what the chain alone cannot: the newest events deleted (`truncated`), and events
 * rewritten with every later hash recomputed (`rewritten`). The first problem by sequence number is reported.
 */
export async function verifyAuditChain(em: EntityManager, opts: VerifyOptions = {}): Promise<ChainReport> {
  const repo = em.getRepository(AuditEventEntity);
  const events = await repo.count();
  const all = opts.checkpoints ?? [];
  const mine = opts.store === undefined ? all : all.filter((c) => c.store === opts.store);
  // The hash the trail holds at each sequence number some checkpoint names.
  const wanted = new Set(mine.map((c) => c.seq));
  const found = new Map<number, Pick<AuditEventEntity, 'seq' | 'at' | 'operation' | 'hash'>>();
  const restores: RestoreMark[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let after = 0;
  let inside: BrokenEvent | null = null;
  walk: for (;;) {
    const rows = await repo
      .createQueryBuilder('a')
      .where('a.seq > :after', { after })
      .orderBy('a.seq', 'ASC')
      .limit(VERIFY_BATCH)
      .getMany();
    for (const r of rows) {
      if (r.seq !== expectedSeq) {
        const reason = `event ${expectedSeq} is missing (deleted): the trail goes from event ${expectedSeq - 1} to event ${r.seq}`;
        inside = { seq: expectedSeq, at: null, operation: null, problem: 'missing', reason, nextSeq: r.seq, checkpoint: null };
        break walk;
      }
      if (r.prevHash !== prevHash) {
        inside = broken(r, 'prev_hash_mismatch');
        break walk;
      }
      if (auditHash(prevHash, r.seq, r) !== r.hash) {
        inside = broken(r, 'hash_mismatch');
        break walk;
      }
      if (wanted.has(r.seq)) found.set(r.seq, { seq: r.seq, at: r.at, operation: r.operation, hash: r.hash });
      // Only the restore tool writes this event (no user, no role; it is not an operation anyone can call).
      if (r.operation === 'backup.restore' && r.outcome === 'ok' && r.userId === null && r.role === null)
        restores.push({ seq: r.seq, at: r.at });
      prevHash = r.hash;
      expectedSeq++;
    }
    if (rows.length < VERIFY_BATCH) break;
    after = rows[rows.length - 1]!.seq;
  }
  const checked = expectedSeq - 1;

  // Each checkpoint the trail disagrees with. A checkpoint of an event older than a restore recorded in the trail
  // describes the trail that restore replaced: it is set aside (and counted), not reported as tampering.
  const restoredAfter = (c: FoundCheckpoint) => restores.some((m) => Date.parse(m.at) >= Date.parse(c.at));
  const setAside = new Set<FoundCheckpoint>();
  let rewritten: FoundCheckpoint | null = null;
  let truncated: FoundCheckpoint | null = null;
  // A checkpoint whose event number the trail holds, but in an event written later than the one it recorded there:
  // the trail was cut back past it and new events were appended after the cut (the app went on recording). That is
  // truncation. (A rewrite keeps the event's time, or sets any: either way the checkpoint's hash disagrees.)
  let cutThenContinued: FoundCheckpoint | null = null;
  const writtenAfter = (c: FoundCheckpoint) => {
    const e = found.get(c.seq);
    return e !== undefined && Date.parse(e.at) > Date.parse(c.at);
  };
  for (const c of mine) {
    if (c.seq === 0) continue;
    let conflict: 'rewritten' | 'truncated' | 'cut' | null = null;
    if (c.seq <= checked) conflict = found.get(c.seq)?.hash === c.hash ? null : writtenAfter(c) ? 'cut' : 'rewritten';
    else if (!inside) conflict = 'truncated';
    if (!conflict) continue;
    if (restoredAfter(c)) {
      setAside.add(c);
      continue;
    }
    if (conflict === 'rewritten') {
      if (!rewritten || c.seq < rewritten.seq || (c.seq === rewritten.seq && later(c, rewritten) === c)) rewritten = c;
    } else if (conflict === 'cut') {
      if (!cutThenContinued || c.seq < cutThenContinued.seq || (c.seq === cutThenContinued.seq && later(c, cutThenContinued) === c))
        cutThenContinued = c;
    } else if (!truncated || c.seq > truncated.seq || (c.seq === truncated.seq && later(c, truncated) === c)) {
      truncated = c;
    }
  }

  let firstBroken: BrokenEvent | null = inside;
  const earliest = [rewritten, cutThenContinued].filter((c): c is FoundCheckpoint => c !== null).sort((a, b) => a.seq - b.seq)[0] ?? null;
  if (earliest && (!firstBroken || earliest.seq < firstBroken.seq)) {
    const r = found.get(earliest.seq)!;
    if (earliest === rewritten) {
      const reason =
        `event ${r.seq}'s hash differs from the checkpoint from ${formatUkDateTime(earliest.writtenAt)} (${describeCheckpointSource(refOf(earliest))}): ` +
        `event ${r.seq} or an event before it was rewritten, and the hashes after it recomputed`;
      firstBroken = {
        seq: r.seq,
        at: r.at,
        operation: r.operation,
        problem: 'rewritten',
        reason,
        nextSeq: null,
        checkpoint: refOf(earliest),
      };
    } else {
      const reason =
        `a checkpoint from ${formatUkDateTime(earliest.writtenAt)} (${describeCheckpointSource(refOf(earliest))}) recorded event ${earliest.seq}, ` +
        `but the trail's event ${r.seq} is another one, written later (${formatUkDateTime(r.at)}): the trail was cut back, event ${earliest.seq} ` +
        `(and any after it) deleted from its end, and new events were recorded after the cut`;
      firstBroken = {
        seq: r.seq,
        at: r.at,
        operation: r.operation,
        problem: 'truncated',
        reason,
        nextSeq: null,
        checkpoint: refOf(earliest),
      };
    }
  } else if (truncated && !firstBroken) {
    const gone = truncated.seq - checked;
    const reason =
      `${checked === 0 ? 'the trail is empty' : `the trail ends at event ${checked}`} but a checkpoint from ${formatUkDateTime(truncated.writtenAt)} ` +
      `(${describeCheckpointSource(refOf(truncated))}) recorded event ${truncated.seq}: ` +
      `${gone === 1 ? `event ${truncated.seq} was` : `events ${checked + 1} to ${truncated.seq} were`} deleted from the end of the trail, or the database was replaced by an older copy`;
    firstBroken = {
      seq: checked + 1,
      at: null,
      operation: null,
      problem: 'truncated',
      reason,
      nextSeq: null,
      checkpoint: refOf(truncated),
    };
  }

  // The newest: the one recording the furthest point of the trail (of those, the last written).
  const newest = mine
    .filter((c) => !setAside.has(c))
    .reduce<FoundCheckpoint | null>((a, c) => (!a || c.seq > a.seq || (c.seq === a.seq && later(c, a) === c) ? c : a), null);
  return {
    ok: firstBroken === null,
    checked,
    events,
    firstBroken,
    checkpoints: {
      compared: mine.length - setAside.size,
      newest: newest ? refOf(newest) : null,
      supersededByRestore: setAside.size,
      otherDatabase: all.length - mine.length,
      unreadable: opts.unreadable ?? [],
    },
    restores,
  };
}
