/**
 * A connected desk's replica of one user's records (issue 16, item 3): what the school server showed that user, kept
 * so the desk keeps working when the server cannot be reached, and the outbox of what they did meanwhile.
 *
 * It is an encrypted SQLite file (libsql's cipher, as the desktop's own store: electron/core/db), one per user per
 * server, in the desk's data folder under `replicas/`. Its random key is wrapped by that user's password in a keyring
 * beside it (electron/core/crypto/keyring.ts, the same format as the store's), so only that user can open it, and
 * the desk never holds database credentials or the server's database key.
 *
 * What it holds is only what the server's dispatcher answered that user (every read is scoped and audited there), so
 * it can hold nothing outside their scope. Answers to operations that are not scoped (raising a safeguarding concern
 * is open to everyone about every pupil, and its pupil picker with it) are never kept.
 *
 *   answer     one operation's answer to one input (op + the input as canonical JSON), with the pupil it is about
 *   session    every therapy session the server showed (sessions.list / sessions.get / sessions.record answers), so
 *              the week view and a pupil's sessions can be answered for any dates offline
 *   outbox     what was done offline, in order, with the user's input exactly as given and its idempotency key
 *   meta       the change feed's cursor, the user it belongs to
 *   draft      the user's unsaved drafts of forms typed while the server could not be reached (issue 17, item 3), sent
 *              to the server (drafts.save) when it answers again, then dropped here
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { OutboxItem, SessionView, SessionInfo } from '../../shared/contract';
import {
  databaseKeyLiteral,
  emptyKeyring,
  newDatabaseKey,
  readKeyring,
  unlockWithPassword,
  withUser,
  writeKeyring,
} from '../core/crypto/keyring';
import { sqliteModule, type LibsqlDatabase } from '../core/db/sqlite-driver';

/** The JSON of a value with its object keys sorted, so the same input always makes the same key. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** The replica's name for a user of a server: a hash, so the folder listing names no one. */
export function replicaId(serverOrigin: string, username: string): string {
  return createHash('sha256').update(`${serverOrigin}\n${username.trim().toLowerCase()}`).digest('hex').slice(0, 32);
}

export function replicasDir(deskDataDir: string): string {
  return join(deskDataDir, 'replicas');
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answer (key TEXT PRIMARY KEY, op TEXT NOT NULL, input TEXT NOT NULL, pupil_id TEXT, value TEXT NOT NULL, fetched_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ix_answer_pupil ON answer (pupil_id);
CREATE TABLE IF NOT EXISTS session (id TEXT PRIMARY KEY, date TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ix_session_date ON session (date);
CREATE TABLE IF NOT EXISTS draft (key TEXT PRIMARY KEY, pupil_id TEXT, payload TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  op TEXT NOT NULL,
  input TEXT NOT NULL,
  pupil_id TEXT,
  pupil_name TEXT,
  priority INTEGER NOT NULL,
  queued_at TEXT NOT NULL,
  error TEXT
);
`;

export interface QueuedOperation {
  readonly id: string;
  readonly op: string;
  readonly input: unknown;
  readonly pupilId: string | null;
  readonly pupilName: string | null;
  /** Lower goes first: safeguarding concerns are 0, everything else 1; then in the order they were done. */
  readonly priority: number;
  readonly queuedAt: string;
}

/** A draft kept at the desk while offline (shared/contract/drafts.ts Draft). */
export interface LocalDraft {
  readonly key: string;
  readonly pupilId: string | null;
  readonly payload: string;
  readonly updatedAt: string;
}

export class ReplicaLocked extends Error {
  constructor() {
    super('The username or password is not right for this desk’s offline copy.');
    this.name = 'ReplicaLocked';
  }
}

export class Replica {
  private constructor(
    private readonly db: LibsqlDatabase,
    readonly file: string,
  ) {}

  /**
   * Opens the user's replica with their password, making it (and its keyring) on first use. Throws ReplicaLocked when
   * the password does not open an existing one.
   */
  static async open(
    deskDataDir: string,
    id: string,
    user: { readonly userId: string; readonly username: string; readonly password: string },
  ): Promise<Replica> {
    const dir = replicasDir(deskDataDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${id}.db`);
    const keyringFile = join(dir, `${id}.keyring.json`);
    let key: Buffer;
    const kr = readKeyring(keyringFile);
    if (kr && existsSync(file)) {
      try {
        key = (await unlockWithPassword(kr, user.username, user.password)).key;
      } catch {
        // The password changed on the server since this copy was made: start a new copy (what waits in the old
        // one cannot be opened without the old password, and the old one is kept for it).
        throw new ReplicaLocked();
      }
    } else {
      rmSync(file, { force: true });
      key = newDatabaseKey();
      writeKeyring(keyringFile, await withUser(emptyKeyring(), key, user));
    }
    return Replica.openWithKey(file, key);
  }

  /** The user's password changed: the replica's key is wrapped by the new one (its contents are kept as they are). */
  static async rewrap(
    deskDataDir: string,
    id: string,
    user: { readonly userId: string; readonly username: string; readonly oldPassword: string; readonly password: string },
  ): Promise<void> {
    const keyringFile = join(replicasDir(deskDataDir), `${id}.keyring.json`);
    const kr = readKeyring(keyringFile);
    if (!kr) return;
    const { key } = await unlockWithPassword(kr, user.username, user.oldPassword);
    writeKeyring(keyringFile, await withUser(emptyKeyring(), key, user));
  }

  /** Whether a replica exists for this id (a user has signed in at this desk before). */
  static exists(deskDataDir: string, id: string): boolean {
    const dir = replicasDir(deskDataDir);
    return existsSync(join(dir, `${id}.db`)) && existsSync(join(dir, `${id}.keyring.json`));
  }

  /** Unlocks a replica's key with a password (the offline sign-in's check), or throws ReplicaLocked. */
  static async unlock(deskDataDir: string, id: string, username: string, password: string): Promise<{ key: Buffer; userId: string }> {
    const kr = readKeyring(join(replicasDir(deskDataDir), `${id}.keyring.json`));
    if (!kr) throw new ReplicaLocked();
    try {
      return await unlockWithPassword(kr, username, password);
    } catch {
      throw new ReplicaLocked();
    }
  }

  static openWithKey(file: string, key: Buffer): Replica {
    const Lib = sqliteModule();
    const db = new Lib(file, { timeout: 5000 });
    try {
      db.exec(`PRAGMA key = ${JSON.stringify(databaseKeyLiteral(key))}`);
      db.exec('PRAGMA journal_mode = WAL');
      db.exec(SCHEMA);
    } catch (err) {
      db.close();
      throw err;
    }
    try {
      chmodSync(file, 0o600);
    } catch {
      // Windows: the folder's ACL (the user's profile) is what protects it.
    }
    return new Replica(db, file);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // --- meta -------------------------------------------------------------------------------------------------------
  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Who this copy belongs to, as the server said at the last online sign-in (for offline sign-in and auth.me). */
  get signedIn(): Omit<SessionInfo, 'session' | 'locked'> | null {
    const v = this.getMeta('signedIn');
    return v ? (JSON.parse(v) as Omit<SessionInfo, 'session' | 'locked'>) : null;
  }

  // --- answers ----------------------------------------------------------------------------------------------------
  putAnswer(op: string, input: unknown, value: unknown, pupilId: string | null, now: Date): void {
    const inputJson = canonicalJson(input ?? {});
    this.db
      .prepare(
        'INSERT INTO answer (key, op, input, pupil_id, value, fetched_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, pupil_id = excluded.pupil_id, fetched_at = excluded.fetched_at',
      )
      .run(`${op} ${inputJson}`, op, inputJson, pupilId, JSON.stringify(value ?? null), now.toISOString());
  }

  getAnswer(op: string, input: unknown): { value: unknown; fetchedAt: string } | null {
    const row = this.db.prepare('SELECT value, fetched_at FROM answer WHERE key = ?').get(`${op} ${canonicalJson(input ?? {})}`) as
      { value: string; fetched_at: string } | undefined;
    return row ? { value: JSON.parse(row.value) as unknown, fetchedAt: row.fetched_at } : null;
  }

  /** The answers kept, for refreshing: all of them, or those about these pupils and those about no one pupil. */
  answers(pupilIds: readonly string[] | 'all'): { op: string; input: unknown; pupilId: string | null }[] {
    const rows = this.db.prepare('SELECT op, input, pupil_id FROM answer ORDER BY fetched_at').all() as {
      op: string;
      input: string;
      pupil_id: string | null;
    }[];
    const wanted = pupilIds === 'all' ? null : new Set(pupilIds);
    return rows
      .filter((r) => !wanted || r.pupil_id === null || wanted.has(r.pupil_id))
      .map((r) => ({ op: r.op, input: JSON.parse(r.input) as unknown, pupilId: r.pupil_id }));
  }

  dropAnswer(op: string, input: unknown): void {
    this.db.prepare('DELETE FROM answer WHERE key = ?').run(`${op} ${canonicalJson(input ?? {})}`);
  }

  /** Every pupil id the replica's answers are about (for the scope check and for prefetching). */
  pupilIds(): string[] {
    return (this.db.prepare('SELECT DISTINCT pupil_id FROM answer WHERE pupil_id IS NOT NULL').all() as { pupil_id: string }[]).map(
      (r) => r.pupil_id,
    );
  }

  // --- sessions ---------------------------------------------------------------------------------------------------
  /** A draft typed offline (drafts.save's input), kept until it is sent to the server. */
  putDraft(d: LocalDraft): void {
    this.db
      .prepare(
        'INSERT INTO draft (key, pupil_id, payload, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET pupil_id = excluded.pupil_id, payload = excluded.payload, updated_at = excluded.updated_at',
      )
      .run(d.key, d.pupilId, d.payload, d.updatedAt);
  }

  getDraft(key: string): LocalDraft | null {
    const row = this.db.prepare('SELECT key, pupil_id, payload, updated_at FROM draft WHERE key = ?').get(key) as
      { key: string; pupil_id: string | null; payload: string; updated_at: string } | undefined;
    return row ? { key: row.key, pupilId: row.pupil_id, payload: row.payload, updatedAt: row.updated_at } : null;
  }

  dropDraft(key: string): boolean {
    return this.db.prepare('DELETE FROM draft WHERE key = ?').run(key).changes > 0;
  }

  drafts(): LocalDraft[] {
    return (this.db.prepare('SELECT key FROM draft ORDER BY updated_at').all() as { key: string }[])
      .map((r) => this.getDraft(r.key)!)
      .filter(Boolean);
  }

  putSessions(views: readonly SessionView[]): void {
    const stmt = this.db.prepare(
      'INSERT INTO session (id, date, value) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET date = excluded.date, value = excluded.value',
    );
    for (const v of views) stmt.run(v.id, v.date, JSON.stringify(v));
  }

  /** A session dropped from the server's answers (moved out of range, or the user no longer sees it). */
  dropSessions(ids: readonly string[]): void {
    const stmt = this.db.prepare('DELETE FROM session WHERE id = ?');
    for (const id of ids) stmt.run(id);
  }

  session(id: string): SessionView | null {
    const row = this.db.prepare('SELECT value FROM session WHERE id = ?').get(id) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as SessionView) : null;
  }

  sessionsBetween(from: string, to: string): SessionView[] {
    return (
      this.db.prepare('SELECT value FROM session WHERE date >= ? AND date <= ? ORDER BY date').all(from, to) as { value: string }[]
    ).map((r) => JSON.parse(r.value) as SessionView);
  }

  // --- outbox -----------------------------------------------------------------------------------------------------
  enqueue(item: QueuedOperation): void {
    this.db
      .prepare('INSERT INTO outbox (id, op, input, pupil_id, pupil_name, priority, queued_at, error) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)')
      .run(item.id, item.op, JSON.stringify(item.input ?? null), item.pupilId, item.pupilName, item.priority, item.queuedAt);
  }

  /** What waits to be sent, in the order it goes: concerns first, then as it was done. */
  waiting(): QueuedOperation[] {
    return (this.db.prepare('SELECT * FROM outbox WHERE error IS NULL ORDER BY priority, seq').all() as OutboxRow[]).map(toQueued);
  }

  /** Everything in the outbox as the contract shows it: failed items, or (waiting) those still to be sent. */
  items(which: 'failed' | 'waiting'): OutboxItem[] {
    const rows = this.db
      .prepare(`SELECT * FROM outbox WHERE error IS ${which === 'failed' ? 'NOT NULL' : 'NULL'} ORDER BY priority, seq`)
      .all() as OutboxRow[];
    return rows.map((r) => ({ ...toQueued(r), error: r.error ? (JSON.parse(r.error) as { code: string; message: string }) : null }));
  }

  item(id: string): (QueuedOperation & { error: { code: string; message: string } | null }) | null {
    const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    return row ? { ...toQueued(row), error: row.error ? (JSON.parse(row.error) as { code: string; message: string }) : null } : null;
  }

  counts(): { waiting: number; concernsWaiting: number; failed: number } {
    const row = this.db
      .prepare(
        "SELECT SUM(CASE WHEN error IS NULL THEN 1 ELSE 0 END) AS waiting, SUM(CASE WHEN error IS NULL AND op = 'safeguarding.raise' THEN 1 ELSE 0 END) AS concerns, SUM(CASE WHEN error IS NULL THEN 0 ELSE 1 END) AS failed FROM outbox",
      )
      .get() as { waiting: number | null; concerns: number | null; failed: number | null };
    return { waiting: Number(row.waiting ?? 0), concernsWaiting: Number(row.concerns ?? 0), failed: Number(row.failed ?? 0) };
  }

  /** Sent and accepted: gone from the outbox. */
  sent(id: string): void {
    this.db.prepare('DELETE FROM outbox WHERE id = ?').run(id);
  }

  /** Refused by the server: kept, with the reason, in the "Could not be sent" list. */
  failed(id: string, error: { code: string; message: string }): void {
    this.db.prepare('UPDATE outbox SET error = ? WHERE id = ?').run(JSON.stringify({ code: error.code, message: error.message }), id);
  }

  /** A failed item sent again with the user's corrected input (a new key: the corrected input is a new request). */
  retry(id: string, newId: string, input: unknown): void {
    this.db.prepare('UPDATE outbox SET id = ?, input = ?, error = NULL WHERE id = ?').run(newId, JSON.stringify(input ?? null), id);
  }

  discard(id: string): boolean {
    return this.db.prepare('DELETE FROM outbox WHERE id = ?').run(id).changes > 0;
  }
}

interface OutboxRow {
  seq: number;
  id: string;
  op: string;
  input: string;
  pupil_id: string | null;
  pupil_name: string | null;
  priority: number;
  queued_at: string;
  error: string | null;
}

function toQueued(r: OutboxRow): QueuedOperation {
  return {
    id: r.id,
    op: r.op,
    input: JSON.parse(r.input) as unknown,
    pupilId: r.pupil_id,
    pupilName: r.pupil_name,
    priority: Number(r.priority),
    queuedAt: r.queued_at,
  };
}
