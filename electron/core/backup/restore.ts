/**
 * Restoring a backup over the live database, in an order where every failure before the last step leaves the
 * live database exactly as it was:
 *
 * 1. prepare: the backup is copied to a temporary file beside the live database (same folder, so the final
 *    rename is atomic) and that copy is checked, read-only: SQLite's header, `PRAGMA integrity_check`, the
 *    migrations table (every migration known to this version: a backup from a newer version is refused), and
 *    every table those migrations create. Checking the copy rather than the original means what was checked is
 *    exactly what will be installed. A damaged backup is refused here, and nothing else has been touched.
 * 2. apply: the live database's exclusive lock is taken (`PRAGMA locking_mode = EXCLUSIVE` + `BEGIN EXCLUSIVE`
 *    fails while any other connection has the file open, even one sitting idle, as the app's does in WAL mode), so
 *    a running SENCo Desk is detected and nothing is replaced under it. Holding that lock, a safety copy of the live
 *    database goes to `backups/before-restore-<time>.sqlite` (backup API, so what is still in the -wal file is in
 *    it). The checked copy is then opened as the store, which runs any migrations an older backup lacks, and its
 *    audit trail gets the restore event, all before it replaces anything: a restored database never exists without
 *    the event that says it was restored. Then the live database's -wal and -shm are removed (an old WAL must never
 *    be replayed onto the restored file) and the checked copy is renamed into place: that rename is the restore.
 *
 * A restore killed part-way leaves `.restoring-<token>` files, settled at the next start (leftovers.ts): before the
 * rename nothing happened and they are deleted; after it, the backup's keyring is put in place.
 *
 * Encrypted (encryption.ts): a backup that is not plain SQLite is read with the current database's key (a backup of
 * this installation), else with the keyring beside it and the credentials in the environment; its keyring is
 * installed with it, and the current keyring goes with the safety copy.
 */
import { chmodSync, copyFileSync, constants, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { makeDataSource, openStore, type StoreConfig } from '../db/data-source';
import { ensureDataDir } from '../data-dir';
import { sqliteStoreOf } from './backup';
import { copyKeyring, keyFromKeyring, keyringPathFor } from './encryption';
import { CIPHER, readKeyring, type KeyringFile } from '../crypto/keyring';
import { BackupError, describeError } from './errors';
import { placeFile, syncFolder } from '../atomic-write';
import {
  FILE_MODE,
  createPrivateFile,
  ensureBackupsDir,
  freeName,
  removeWithSideFiles,
  safetyCopyName,
  sideFiles,
  syncFile,
  tempBeside,
} from './files';
import { hasSqliteHeader, knownMigrationNames, summarise, tableCounts, tablesAfter, type TableCount } from './inspect';
import { keyOf, moduleOf, openRaw, rawOf, sqliteCode, type RawDb, type SqliteModule } from './sqlite-raw';
import { userInfo } from 'node:os';
import { appendAudit, auditEvent } from '../audit';
import { cleanUpLeftovers } from './leftovers';
import { checkpointDocument, checkpointPathFor, writeCheckpoint, type AuditHead } from '../audit-checkpoint';
import { trailHeadOf, writeBackupCheckpoint } from './checkpoint';
import { inTransaction } from '../db/transaction';

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown user';
  }
}

export interface BackupCheck {
  /** The backup as named by the caller. */
  readonly file: string;
  readonly bytes: number;
  readonly tables: readonly TableCount[];
  /** Migrations the backup has, in the order applied. */
  readonly migrations: readonly string[];
  /** Migrations this version has and the backup lacks: they run after the restore. */
  readonly pendingMigrations: readonly string[];
}

export interface RestoreOptions {
  readonly dataDir: string;
  readonly from: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
  /**
   * The data folder's store as the core opens it, carrying an encrypted store's key (default: storeConfigFor, no
   * key). The key is used to take the live database's lock, to make the safety copy, to read a backup that is not
   * plain SQLite, and to open the restored file. Without it an encrypted live database cannot be read, so the
   * lock check cannot see a running app, and the safety copy is a byte copy of the file and its WAL.
   */
  readonly store?: StoreConfig;
  /** Who restored it, for the audit event written into the restored database (default: the command line and OS user). */
  readonly actor?: string;
}

export interface RestoreResult {
  readonly restoredFrom: string;
  readonly database: string;
  /** The live database as it was before the restore; null when there was none. */
  readonly safetyCopy: string | null;
  readonly backup: BackupCheck;
  /** The migrations run on the restored database to bring it up to this version. */
  readonly migrationsRun: readonly string[];
  readonly tables: readonly TableCount[];
  readonly tookMs: number;
}

export interface PreparedRestore {
  readonly check: BackupCheck;
  readonly database: string;
  readonly liveExists: boolean;
  /** Replaces the live database with the checked copy (see the top of this file). */
  apply(): Promise<RestoreResult>;
  /** Removes the checked copy; the live database was never touched. */
  discard(): void;
}

const NOTHING_CHANGED = 'Nothing was changed.';

function inUse(database: string): BackupError {
  return new BackupError(
    'in_use',
    `The database ${database} is open in SENCo Desk (or another program): close SENCo Desk on this computer first, then run the restore again. ${NOTHING_CHANGED}`,
  );
}

const isBusy = (err: unknown) => {
  const code = sqliteCode(err);
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
};

/**
 * Checks the database file `file` (a staged copy) and describes it; `shownAs` names the backup in messages.
 * Opened read-only; SQLite may create -wal/-shm beside it, which the caller removes.
 */
export async function checkDatabaseFile(
  file: string,
  shownAs: string,
  read: { readonly module?: SqliteModule; readonly key?: string } = {},
): Promise<BackupCheck> {
  const refuse = (code: 'damaged' | 'not_senco' | 'newer_version', what: string) =>
    new BackupError(code, `${shownAs} cannot be restored: ${what}. ${NOTHING_CHANGED}`);
  const bytes = statSync(file).size;
  if (bytes === 0) throw refuse('damaged', 'the file is empty');
  const plain = hasSqliteHeader(file);
  if (!plain && !read.key) throw refuse('damaged', 'it is not an SQLite database (it is damaged, encrypted, or not a SENCo Desk backup)');
  let db: RawDb | null = null;
  let summary;
  try {
    db = await openRaw(file, { readOnly: true, ...(read.module ? { module: read.module } : {}), ...(plain ? {} : { key: read.key }) });
    summary = await summarise(db);
  } catch (err) {
    throw refuse('damaged', `SQLite could not read it (${describeError(err)})`);
  } finally {
    await db?.close().catch(() => undefined);
  }
  if (!(summary.integrity.length === 1 && summary.integrity[0] === 'ok')) {
    throw refuse('damaged', `it failed SQLite's integrity check (${summary.integrity.slice(0, 3).join('; ')})`);
  }
  if (summary.migrations === null)
    throw refuse('not_senco', 'it is an SQLite database but not a SENCo Desk one (it has no migrations table)');
  const known = knownMigrationNames();
  const unknown = summary.migrations.filter((m) => !known.includes(m));
  if (unknown.length) {
    throw refuse(
      'newer_version',
      `it was made by a newer version of SENCo Desk (its database has ${unknown.length === 1 ? 'a change' : 'changes'} this version does not know: ${unknown.join(', ')}). Install the newer version of SENCo Desk, then restore`,
    );
  }
  const present = new Set(summary.tables.map((t) => t.table));
  const missing = (await tablesAfter(summary.migrations)).filter((t) => !present.has(t));
  if (missing.length) throw refuse('not_senco', `tables are missing (${missing.join(', ')}): it is incomplete, or not a SENCo Desk backup`);
  return {
    file: shownAs,
    bytes,
    tables: summary.tables,
    migrations: summary.migrations,
    pendingMigrations: known.filter((m) => !summary.migrations!.includes(m)),
  };
}

/**
 * The key that opens an encrypted backup: the current database's (a backup of this installation), else the one in
 * the keyring beside the backup, unwrapped with the credentials in the environment.
 */
async function encryptedBackupKey(
  staged: string,
  shownAs: string,
  module: SqliteModule,
  liveKey: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const opens = async (key: string) => {
    let db: RawDb | null = null;
    try {
      db = await openRaw(staged, { module, key, readOnly: true });
      await db.all('SELECT count(*) AS n FROM sqlite_master');
      return true;
    } catch {
      return false;
    } finally {
      await db?.close().catch(() => undefined);
    }
  };
  // A backup an earlier test version encrypted with SQLCipher: its keyring says so, and nothing here can read it.
  let backupKeyring: KeyringFile | null = null;
  try {
    backupKeyring = readKeyring(keyringPathFor(shownAs));
  } catch {
    backupKeyring = null;
  }
  if (backupKeyring && backupKeyring.cipher !== CIPHER) {
    throw new BackupError(
      'encrypted',
      `${shownAs} cannot be restored: it was encrypted by an earlier test version of SENCo Desk (with SQLCipher), which this version cannot read (it encrypts with SQLite3 Multiple Ciphers). ${NOTHING_CHANGED}`,
    );
  }
  if (!liveKey && !existsSync(keyringPathFor(shownAs))) {
    throw new BackupError(
      'damaged',
      `${shownAs} cannot be restored: it is not an SQLite database (it is damaged, not a SENCo Desk backup, or an encrypted backup without its key file ${basename(keyringPathFor(shownAs))}). ${NOTHING_CHANGED}`,
    );
  }
  if (liveKey && (await opens(liveKey))) return liveKey;
  const fromKeyring = await keyFromKeyring(shownAs, env);
  if (fromKeyring && (await opens(fromKeyring))) return fromKeyring;
  throw new BackupError(
    'encrypted',
    `${shownAs} cannot be restored: it is encrypted (or damaged), and ${existsSync(keyringPathFor(shownAs)) ? `its key file ${keyringPathFor(shownAs)} did not open it with the credentials given` : `there is no key file (${keyringPathFor(shownAs)}) beside it`}, nor does the current database's key. ` +
      `Set SENCO_USERNAME and SENCO_PASSWORD of a user who had access when the backup was made, or SENCO_RECOVERY_KEY. ${NOTHING_CHANGED}`,
  );
}

/** Opens the live database and takes its exclusive lock; null (with why) when the file itself cannot be read. */
async function lockLive(
  database: string,
  module: SqliteModule,
  key: string | undefined,
): Promise<{ readonly db: RawDb | null; readonly unreadable: string | null }> {
  let db: RawDb;
  try {
    db = await openRaw(database, { busyTimeoutMs: 250, module, key });
  } catch (err) {
    if (isBusy(err)) throw inUse(database);
    return { db: null, unreadable: describeError(err) };
  }
  try {
    await db.exec('PRAGMA locking_mode = EXCLUSIVE');
    await db.exec('BEGIN EXCLUSIVE');
    await db.exec('COMMIT');
    return { db, unreadable: null };
  } catch (err) {
    await db.close().catch(() => undefined);
    if (isBusy(err)) throw inUse(database);
    // Damaged (or not a database at all): nobody can be using it either, and a restore is the remedy.
    return { db: null, unreadable: describeError(err) };
  }
}

/** Copies the live database to `backups/before-restore-<time>.sqlite`, through `db` when it can be read. */
async function safetyCopy(
  dataDir: string,
  database: string,
  db: RawDb | null,
  at: Date,
  module: SqliteModule,
  key: string | undefined,
): Promise<string> {
  const target = freeName(ensureBackupsDir(dataDir), safetyCopyName(at));
  const tmp = tempBeside(target);
  let head: AuditHead | null = null;
  try {
    if (db) {
      createPrivateFile(tmp);
      // As in backup.ts: VACUUM INTO (sqlite-raw.ts), encrypted with the same key when the database is.
      await db.backupTo(tmp);
      const copy = await openRaw(tmp, { module, key });
      try {
        await copy.exec('PRAGMA journal_mode = DELETE');
        head = await trailHeadOf(copy).catch(() => null);
      } finally {
        await copy.close();
      }
    } else {
      // The live file cannot be read as a database: keep its bytes (and its WAL) exactly as they are.
      copyFileSync(database, tmp, constants.COPYFILE_EXCL);
    }
    chmodSync(tmp, FILE_MODE);
    syncFile(tmp);
    placeFile(tmp, target, false);
    if (!db && existsSync(`${database}-wal`)) {
      copyFileSync(`${database}-wal`, `${target}-wal`, constants.COPYFILE_EXCL);
      chmodSync(`${target}-wal`, FILE_MODE);
    }
    // An encrypted database's keyring goes with its safety copy, or the copy could never be opened.
    copyKeyring(database, target);
    // Like any backup, the checkpoint of the trail it holds (a byte copy of an unreadable file has none).
    if (head) writeBackupCheckpoint(target, head, at);
    syncFolder(dirname(target));
    return target;
  } catch (err) {
    removeWithSideFiles(tmp);
    throw new BackupError(
      'failed',
      `The safety copy of the current database could not be written to ${target} (${describeError(err)}). ${NOTHING_CHANGED}`,
    );
  }
}

export async function prepareRestore(opts: RestoreOptions): Promise<PreparedRestore> {
  const started = Date.now();
  const now = opts.now ?? (() => new Date());
  const store: StoreConfig = opts.store ?? sqliteStoreOf(opts.dataDir, opts.env);
  if (store.kind !== 'sqlite')
    throw new BackupError(
      'postgres',
      `The data folder ${opts.dataDir} uses a PostgreSQL database: restore it with the server's own tools, such as pg_restore.`,
    );
  const database = store.file;
  // The SQLite module the store uses (a second copy of SQLite in this process must not open the same file), and
  // its key in the form SQLite takes, both as TypeORM would open the store.
  const shape = makeDataSource(store);
  const module = moduleOf(shape);
  const key = keyOf(shape);
  const from = resolve(opts.from);
  let isFile = false;
  try {
    isFile = statSync(from).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) throw new BackupError('no_file', `There is no backup file at ${opts.from}. ${NOTHING_CHANGED}`);
  if (statSync(from).size === 0) throw new BackupError('damaged', `${opts.from} cannot be restored: the file is empty. ${NOTHING_CHANGED}`);
  if (from === resolve(database))
    throw new BackupError('no_file', `${opts.from} is the live database itself: give a backup file. ${NOTHING_CHANGED}`);

  // A restore or backup killed earlier: finish or undo it first (leftovers.ts).
  cleanUpLeftovers(database);
  const liveExists = existsSync(database);
  if (liveExists) {
    // Refuse early, before copying a large file, when the app is running; apply() checks again, holding the lock.
    const probe = await lockLive(database, module, key);
    await probe.db?.close();
  } else {
    ensureDataDir(opts.dataDir);
  }

  // The checked copy, and the backup's keyring beside the live one under the same token (leftovers.ts relies on it).
  const staged = tempBeside(database, 'restoring');
  const token = staged.slice(database.length);
  let stagedKeyring: string | null = null;
  let backupKey: string | undefined;
  const discard = () => {
    // The keyring first: a staged keyring without its checked copy means the copy was renamed into place.
    if (stagedKeyring) rmSync(stagedKeyring, { force: true });
    removeWithSideFiles(staged);
  };
  let check: BackupCheck;
  try {
    copyFileSync(from, staged, constants.COPYFILE_EXCL);
    chmodSync(staged, FILE_MODE);
    // A copy of a live database taken with its -wal: the WAL holds committed transactions, so bring it along.
    if (existsSync(`${from}-wal`) && statSync(`${from}-wal`).size > 0)
      copyFileSync(`${from}-wal`, `${staged}-wal`, constants.COPYFILE_EXCL);
    backupKey = hasSqliteHeader(staged) ? undefined : await encryptedBackupKey(staged, opts.from, module, key, opts.env ?? process.env);
    check = await checkDatabaseFile(staged, opts.from, { module, ...(backupKey ? { key: backupKey } : {}) });
    // One self-contained file: fold any WAL into it, and leave it in rollback mode until the store opens it.
    const db = await openRaw(staged, { module, key: backupKey });
    try {
      await db.exec('PRAGMA journal_mode = DELETE');
    } finally {
      await db.close();
    }
    for (const f of sideFiles(staged)) rmSync(f, { force: true });
    syncFile(staged);
    // An encrypted backup's keyring goes in with it (encryption.ts): the users in the backup are the ones it names.
    if (backupKey && existsSync(keyringPathFor(from))) {
      stagedKeyring = `${keyringPathFor(database)}${token}`;
      copyFileSync(keyringPathFor(from), stagedKeyring, constants.COPYFILE_EXCL);
      chmodSync(stagedKeyring, FILE_MODE);
    }
  } catch (err) {
    discard();
    if (err instanceof BackupError) throw err;
    throw new BackupError('failed', `Could not read ${opts.from} (${describeError(err)}). ${NOTHING_CHANGED}`);
  }

  let used = false;
  return {
    check,
    database,
    liveExists,
    discard,
    async apply() {
      if (used) throw new Error('apply() was already called');
      used = true;
      const liveKeyring = keyringPathFor(database);
      // A plain backup over an encrypted database: the live keyring (copied beside the safety copy) is moved aside.
      const aside = `${liveKeyring}${token}-old`;
      let safety: string | null = null;
      let migrationsRun: string[] = [];
      let tables: TableCount[] = [];
      let restoredHead: AuditHead | null = null;
      try {
        if (existsSync(database)) {
          const live = await lockLive(database, module, key);
          try {
            safety = await safetyCopy(opts.dataDir, database, live.db, now(), module, key);
          } finally {
            // Closing the last connection checkpoints the WAL into the file and removes it.
            await live.db?.close();
          }
        }
        // The checked copy is brought up to this version and given its restore event before it replaces anything, so
        // a restored database never appears without the event that says so (a crash before the rename below leaves
        // the live database as it was; leftovers.ts deletes the copy at the next start).
        ({
          migrationsRun,
          tables,
          head: restoredHead,
        } = await stampRestore(staged, { ...store, key: backupKey } as StoreConfig, module, backupKey, check, {
          at: now(),
          actor: opts.actor ?? `senco-desk restore (command line, ${osUser()})`,
          from: basename(opts.from),
          safetyCopy: safety ? basename(safety) : null,
        }));
        if (!backupKey && safety && existsSync(liveKeyring)) renameSync(liveKeyring, aside);
      } catch (err) {
        if (existsSync(aside) && !existsSync(liveKeyring)) renameSync(aside, liveKeyring);
        discard();
        if (err instanceof BackupError) throw err;
        throw new BackupError('failed', `The restore failed before the database was replaced (${describeError(err)}). ${NOTHING_CHANGED}`);
      }
      try {
        // An old WAL must never be replayed onto the restored file: remove the side files first, then rename.
        for (const f of sideFiles(database)) rmSync(f, { force: true });
        renameSync(staged, database);
      } catch (err) {
        if (existsSync(staged)) {
          if (existsSync(aside) && !existsSync(liveKeyring)) renameSync(aside, liveKeyring);
          discard();
          throw new BackupError(
            'failed',
            `The restore failed before the database was replaced (${describeError(err)}). ${NOTHING_CHANGED}`,
          );
        }
        throw err;
      }
      // The data folder's checkpoint now names the restored trail's head (its restore event). Checkpoints of the trail
      // it replaced are older than this event, so verify sets them aside (audit-checkpoint.ts). Best effort: if it
      // cannot be written, the old checkpoint is set aside in the same way.
      try {
        if (restoredHead) writeCheckpoint(checkpointPathFor(database), checkpointDocument(restoredHead, 'sqlite', now()));
      } catch {
        // See above: nothing is lost.
      }
      // The restore has happened. Its keyring goes in with it; the old one (kept beside the safety copy) goes.
      try {
        if (stagedKeyring) renameSync(stagedKeyring, liveKeyring);
        rmSync(aside, { force: true });
        syncFolder(dirname(database));
      } catch (err) {
        throw new BackupError(
          'failed',
          `The backup was restored to ${database}, but its key file could not be put in place (${describeError(err)}). Start SENCo Desk (or any senco-desk command) to finish it. ` +
            (safety ? `The database as it was before is in ${safety}.` : ''),
        );
      }
      return { restoredFrom: opts.from, database, safetyCopy: safety, backup: check, migrationsRun, tables, tookMs: Date.now() - started };
    },
  };
}

/**
 * Opens the checked copy as the store (which runs any migrations the backup lacks), appends the restore event to its
 * audit trail (chained like any event), and leaves it one self-contained file again, flushed to disk.
 */
async function stampRestore(
  staged: string,
  store: StoreConfig,
  module: SqliteModule,
  key: string | undefined,
  check: BackupCheck,
  event: { readonly at: Date; readonly actor: string; readonly from: string; readonly safetyCopy: string | null },
): Promise<{ migrationsRun: string[]; tables: TableCount[]; head: AuditHead }> {
  let migrationsRun: string[] = [];
  let tables: TableCount[] = [];
  let head: AuditHead;
  try {
    const ds = await openStore({ ...store, file: staged } as StoreConfig);
    try {
      const raw = rawOf((ds.driver as unknown as { databaseConnection: unknown }).databaseConnection);
      const applied: { name: string }[] = await ds.query('SELECT name FROM migrations ORDER BY id');
      migrationsRun = applied.map((r) => r.name).filter((m) => !check.migrations.includes(m));
      tables = await tableCounts(raw);
      // The restored database's audit trail says it was restored, by whom and from what.
      head = await inTransaction(ds, (em) =>
        appendAudit(
          em,
          'sqlite',
          auditEvent({
            at: event.at,
            actor: event.actor,
            operation: 'backup.restore',
            outcome: 'ok',
            detail: { from: event.from, safetyCopy: event.safetyCopy, migrationsRun },
          }),
        ),
      );
    } finally {
      await ds.destroy();
    }
    // Everything into the file itself (closing the last connection does this too; this makes sure of it), so the
    // rename moves the whole database: the live one's -wal is removed before it.
    const db = await openRaw(staged, { module, key });
    try {
      await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      await db.close();
    }
    if (existsSync(`${staged}-wal`) && statSync(`${staged}-wal`).size > 0)
      throw new Error('its write-ahead log could not be folded into it');
  } catch (err) {
    throw new BackupError('failed', `Bringing the backup up to this version failed (${describeError(err)}). ${NOTHING_CHANGED}`);
  }
  for (const f of sideFiles(staged)) rmSync(f, { force: true });
  syncFile(staged);
  return { migrationsRun, tables, head };
}

/** Checks and restores in one call (the CLI asks for confirmation between the two; the tests need not). */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const prepared = await prepareRestore(opts);
  return prepared.apply();
}
