/**
 * Checkpoints of the audit trail's head, kept outside the audit table.
 *
 * The hash chain (audit.ts) shows that no event inside the trail was changed, inserted or removed; on its own it
 * cannot show that the newest events were deleted, or that someone holding the database key rewrote events and
 * recomputed every hash after them: both leave a chain that checks. A checkpoint records the head of the chain
 * (its last event's sequence number and hash, and when) somewhere that rewriting the table does not reach:
 *
 * - the data folder: `senco-desk.audit-head.json` beside the keyring, replaced atomically (write a temporary file,
 *   rename it over the old one) after every committed operation that appended an event, so it always names an event
 *   that was committed. A crash between the commit and the write leaves it one event behind, never ahead: a
 *   checkpoint is a lower bound on the trail, so a lagging one never raises a false alarm.
 * - every backup: `senco-desk-<time>.audit-head.json` beside `senco-desk-<time>.sqlite` (and its keyring), naming the
 *   head of the trail inside that backup. Backups are meant to be copied off the machine, and so are their
 *   checkpoints: someone who rewrites the database and the data folder's checkpoint cannot reach the copies.
 * - later, the school server: the checkpoint is a small self-describing JSON document (`format`, `version`, `store`,
 *   `seq`, `hash`, `at`, `writtenAt`), and `audit.verify` takes extra checkpoints as input, so a server can keep the
 *   heads it receives and hand them back to be compared.
 *
 * `audit verify` compares the trail with every checkpoint it can find (audit.ts `verifyAuditChain`): a checkpoint
 * beyond the trail's end is truncation, and a checkpoint whose event has another hash is rewriting. A restore from a
 * backup legitimately rewinds the trail: its `backup.restore` event is written into the restored trail and the
 * data folder's checkpoint is replaced by the restored trail's head, and checkpoints of the trail it replaced (older
 * than the restore) are set aside and reported as such rather than as tampering.
 *
 * PostgreSQL: the data folder holds only database.json (or nothing, with SENCO_DATABASE_URL), and the checkpoint
 * beside it, named for the database (`senco-desk.audit-head.postgres-<fingerprint>.json`, from the server, port,
 * database and schema, never the password), so that pointing the folder at another database never mixes the two.
 * Each machine keeps its own: several machines sharing one database each hold a head they saw. There are no backup
 * sidecars there (the server's own tools take the backups).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic, writeFileAtomicAsync } from './atomic-write';
import type { StoreConfig } from './db/data-source';

export const CHECKPOINT_FORMAT = 'senco-desk-audit-checkpoint';
export const CHECKPOINT_SUFFIX = '.audit-head.json';
const BACKUPS_FOLDER = 'backups';

/** The head of a trail: its last event. seq 0 (and the genesis hash) for an empty trail. */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
  /** The last event's own time (ISO), as recorded in the trail. */
  readonly at: string;
}

/** The document written to disk. */
export interface AuditCheckpoint extends AuditHead {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: 1;
  /** Which database's trail: `sqlite` (the data folder's file), or `postgres:<fingerprint>`. */
  readonly store: string;
  /** When the checkpoint was written (ISO). */
  readonly writtenAt: string;
}

export type CheckpointSourceKind = 'data_folder' | 'backup' | 'given';

/** A checkpoint as verify uses it, with where it was found. */
export interface FoundCheckpoint extends AuditHead {
  readonly store: string;
  readonly writtenAt: string;
  readonly source: { readonly kind: CheckpointSourceKind; readonly name: string };
}

export interface CheckpointsFound {
  readonly found: readonly FoundCheckpoint[];
  /** Files named like checkpoints that could not be read as one (their names, not their contents). */
  readonly unreadable: readonly string[];
}

/** What verify needs from wherever checkpoints are kept. */
export interface CheckpointSource {
  /** The identity of the database this core has open, to tell its checkpoints from another database's. */
  readonly store: string;
  /** Waits for checkpoints still being written. */
  flush(): Promise<void>;
  find(): CheckpointsFound;
}

/** `sqlite`, or `postgres:` and a fingerprint of the server, port, database and schema (no user or password). */
export function storeIdentity(store: StoreConfig): string {
  if (store.kind === 'sqlite') return 'sqlite';
  let where = '';
  try {
    const u = new URL(store.url);
    where = `${u.hostname}:${u.port || '5432'}/${decodeURIComponent(u.pathname.replace(/^\//, ''))}`;
  } catch {
    // Not a URL (a connection string TypeORM still understands): hash it whole, so no part of it is written out.
    where = store.url;
  }
  return `postgres:${createHash('sha256')
    .update(`${where}#${store.schema ?? 'public'}`)
    .digest('hex')
    .slice(0, 16)}`;
}

/** `senco-desk-2026-03-14-020000.audit-head.json` for `senco-desk-2026-03-14-020000.sqlite`. */
export function checkpointPathFor(dbFile: string): string {
  return join(dirname(dbFile), `${basename(dbFile).replace(/\.sqlite$/, '')}${CHECKPOINT_SUFFIX}`);
}

/** The data folder's own checkpoint for the store it uses. */
export function dataFolderCheckpointPath(dataDir: string, store: string): string {
  const tail = store === 'sqlite' ? '' : `.${store.replace(/[^a-z0-9]+/gi, '-')}`;
  return join(dataDir, `senco-desk.audit-head${tail}.json`);
}

export function checkpointDocument(head: AuditHead, store: string, writtenAt: Date): AuditCheckpoint {
  return { format: CHECKPOINT_FORMAT, version: 1, store, seq: head.seq, hash: head.hash, at: head.at, writtenAt: writtenAt.toISOString() };
}

/** Writes a checkpoint file atomically (0600): a reader sees the old one or the new one, never half of one. */
export function writeCheckpoint(file: string, doc: AuditCheckpoint): void {
  writeFileAtomic(file, checkpointText(doc), { tempPath: checkpointTempPath(file) });
}

const checkpointText = (doc: AuditCheckpoint): string => JSON.stringify(doc, null, 2) + '\n';
const checkpointTempPath = (file: string): string => `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;

const HASH = /^[0-9a-f]{64}$/;

/** Checks a parsed document's shape; null when it is not a checkpoint. */
export function asCheckpoint(v: unknown): AuditCheckpoint | null {
  const d = v as Partial<AuditCheckpoint> | null;
  if (!d || typeof d !== 'object' || d.format !== CHECKPOINT_FORMAT || d.version !== 1) return null;
  if (typeof d.seq !== 'number' || !Number.isSafeInteger(d.seq) || d.seq < 0) return null;
  if (typeof d.hash !== 'string' || !HASH.test(d.hash)) return null;
  if (typeof d.store !== 'string' || d.store.length > 100) return null;
  for (const time of [d.at, d.writtenAt]) if (typeof time !== 'string' || time.length > 40 || Number.isNaN(Date.parse(time))) return null;
  return d as AuditCheckpoint;
}

export function readCheckpoint(file: string): AuditCheckpoint | null {
  try {
    return asCheckpoint(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Reads each checkpoint file, sorting them into what was found and what could not be read. */
export function readCheckpoints(
  files: readonly { readonly file: string; readonly kind: CheckpointSourceKind; readonly name: string }[],
): CheckpointsFound {
  const found: FoundCheckpoint[] = [];
  const unreadable: string[] = [];
  for (const f of files) {
    const doc = readCheckpoint(f.file);
    if (!doc) unreadable.push(f.name);
    else
      found.push({
        seq: doc.seq,
        hash: doc.hash,
        at: doc.at,
        store: doc.store,
        writtenAt: doc.writtenAt,
        source: { kind: f.kind, name: f.name },
      });
  }
  return { found, unreadable };
}

/** The checkpoint files in a folder of backups (sidecars of backups and of the safety copies made by restores). */
export function backupCheckpointFiles(backupsDir: string): { file: string; kind: 'backup'; name: string }[] {
  let names: string[];
  try {
    names = readdirSync(backupsDir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(CHECKPOINT_SUFFIX))
    .sort()
    .map((n) => ({ file: join(backupsDir, n), kind: 'backup' as const, name: `${n.slice(0, -CHECKPOINT_SUFFIX.length)}.sqlite` }));
}

/** writeCheckpoint, off the event loop (the app's main process answers the window meanwhile). */
export async function writeCheckpointAsync(file: string, doc: AuditCheckpoint): Promise<void> {
  await writeFileAtomicAsync(file, checkpointText(doc), { tempPath: checkpointTempPath(file) });
}

/**
 * The running core's checkpoints: it records the head after each committed audited operation, and finds the data
 * folder's checkpoint and the backups' for verify.
 *
 * Writing happens off the operation's path: `record` notes the head and one writer replaces the file (atomically)
 * with the newest head noted, so a burst of reads costs one write, not one each, and no operation waits for the
 * disk. The file therefore lags the trail by at most the write in progress (a few milliseconds), and a lag only
 * ever makes a checkpoint an earlier, still true, point of the trail. `flush` waits for the writer (the core does
 * before closing, and verify before reading). Writing is best effort: a failure (a read-only or full disk) is
 * reported once through `onError` and never fails an operation, which has already committed.
 */
export class DataFolderCheckpoints implements CheckpointSource {
  /** The furthest head noted: an older one (a concurrent commit on PostgreSQL) never replaces it. */
  private lastSeq = -1;
  private pending: AuditCheckpoint | null = null;
  private writing: Promise<void> | null = null;
  private failing = false;
  /** The trail no longer holds the anchor's event as recorded: nothing is written over that evidence until a restore. */
  private diverged = false;
  /** The pending checkpoint replaces the trail's on purpose (a restore): written whatever the file holds. */
  private pendingRewind = false;

  /**
   * `hashAt`: the hash of the trail's event `seq` now, or null when there is none (the core reads it from the
   * database). Without it a checkpoint is only ever moved to a later event number.
   */
  constructor(
    readonly dataDir: string,
    readonly store: string,
    private readonly onError: (err: unknown) => void = () => undefined,
    private readonly clock: () => Date = () => new Date(),
    private readonly hashAt: ((seq: number) => Promise<string | null>) | null = null,
  ) {}

  get file(): string {
    return dataFolderCheckpointPath(this.dataDir, this.store);
  }

  /**
   * Notes `head` as the newest checkpoint, to be written at once. Only ever moves forward, and only along the trail
   * the checkpoint on disk recorded: a head at or before it (the trail was cut back: events deleted from its end,
   * then new ones appended) or a trail whose event at the checkpoint's number now has another hash (rewritten) is
   * NOT written, so the evidence stays on disk for `audit verify`. `rewind` is for a restore, which replaces the
   * trail on purpose.
   */
  record(head: AuditHead, opts: { readonly rewind?: boolean } = {}): void {
    if (opts.rewind) this.diverged = false;
    else if (this.diverged || head.seq <= this.lastSeq) return;
    this.lastSeq = head.seq;
    this.pending = checkpointDocument(head, this.store, this.clock());
    this.pendingRewind = opts.rewind === true;
    if (!this.writing) this.writing = this.drain();
  }

  /** Whether `doc` extends the checkpoint on disk (see `record`). */
  private async extendsAnchor(doc: AuditCheckpoint): Promise<boolean> {
    // Read each time: another process on this machine (the CLI beside the app, a second server on PostgreSQL) may
    // have moved it on since.
    const onDisk = existsSync(this.file) ? readCheckpoint(this.file) : null;
    const anchor = onDisk && onDisk.store === this.store ? onDisk : null;
    if (!anchor) return true;
    if (doc.seq === anchor.seq && doc.hash === anchor.hash) return false; // already there
    if (!this.hashAt) return doc.seq > anchor.seq;
    const now = await this.hashAt(anchor.seq);
    if (now === anchor.hash) return doc.seq > anchor.seq; // an earlier head noted late is not news
    this.divergedFrom(anchor, now === null ? 'shorter' : 'other');
    return false;
  }

  private divergedFrom(anchor: AuditHead, how: 'shorter' | 'other'): void {
    this.diverged = true;
    this.onError(
      new Error(
        `The audit trail no longer holds event ${anchor.seq} as its checkpoint in ${this.file} recorded it (${how === 'shorter' ? 'the trail was cut back' : 'the event has another hash'}). ` +
          'The checkpoint is kept as it is: run senco-desk audit verify, and tell your data protection officer.',
      ),
    );
  }

  private async drain(): Promise<void> {
    await null; // `writing` is assigned before anything below runs
    while (this.pending) {
      const doc = this.pending;
      const rewind = this.pendingRewind;
      this.pending = null;
      this.pendingRewind = false;
      try {
        if (!rewind && !(await this.extendsAnchor(doc))) continue;
        if (!existsSync(this.dataDir)) await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
        await writeCheckpointAsync(this.file, doc);
        this.failing = false;
      } catch (err) {
        if (!this.failing) this.onError(err);
        this.failing = true;
      }
    }
    this.writing = null;
  }

  /** Waits until every head noted so far is on disk (or its write failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  find(): CheckpointsFound {
    const files: { file: string; kind: CheckpointSourceKind; name: string }[] = [];
    if (existsSync(this.file)) files.push({ file: this.file, kind: 'data_folder', name: basename(this.file) });
    files.push(...backupCheckpointFiles(join(this.dataDir, BACKUPS_FOLDER)));
    return readCheckpoints(files);
  }
}

/** The head of the trail as a query sees it (any driver: the SQL is plain). */
export async function trailHead(query: (sql: string) => Promise<unknown[]>): Promise<AuditHead | null> {
  const rows = (await query('SELECT seq, hash, at FROM audit_event ORDER BY seq DESC LIMIT 1')) as {
    seq: number | string;
    hash: string;
    at: string;
  }[];
  const r = rows[0];
  return r ? { seq: Number(r.seq), hash: r.hash, at: r.at } : null;
}
