/**
 * An online backup of the SQLite store, safe while the app is running and writing.
 *
 * How, and why:
 * - The source is a connection of its own, opened through the core's own functions (the same driver, pragmas
 *   and, for an encrypted store, the same key as the app). It must not be the app's connection:
 *   the copy reads through the source connection, and the app's connection may be inside a transaction whose
 *   writes are not committed yet. A separate connection sees only committed data.
 * - `VACUUM INTO` copies the database inside one read transaction (see sqlite-raw.ts `backupTo`): in WAL mode that
 *   is a consistent snapshot that never blocks the app's writes, it includes what is still in the -wal file, which
 *   a plain file copy would miss, and an encrypted store's copy is encrypted with the same key.
 * - The copy is written to a temporary name in the target folder, switched to rollback-journal mode (so the
 *   backup is one self-contained file with no -wal or -shm beside it), checked with `PRAGMA integrity_check`,
 *   flushed to disk, and only then given its name. Nobody ever sees half a backup under a backup's name.
 * - Mode 0600 in a 0700 folder: a backup is as sensitive as the database it copies.
 * - Beside it, `<name>.audit-head.json`: a checkpoint of the head of the audit trail inside the backup
 *   (electron/core/audit-checkpoint.ts), so that a copy of the backups kept elsewhere can show, later, that the
 *   live trail was cut short or rewritten.
 */
import { chmodSync, existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { openCoreAt } from '../core';
import { openStore, type StoreConfig } from '../db/data-source';
import { storeConfigFor } from '../data-dir';
import { copyKeyring } from './encryption';
import { BackupError, describeError } from './errors';
import { FileExistsError, placeFile, syncFolder } from '../atomic-write';
import {
  FILE_MODE,
  backupFileName,
  createPrivateFile,
  ensureBackupsDir,
  freeName,
  removeWithSideFiles,
  sideFiles,
  syncFile,
  tempBeside,
} from './files';
import { isIntact, summarise, type TableCount } from './inspect';
import { keyOf, moduleOf, openRaw, rawOf, type SqliteModule } from './sqlite-raw';
import { trailHeadOf, writeBackupCheckpoint } from './checkpoint';

export interface BackupOptions {
  readonly dataDir: string;
  /** Where to write the backup; default `<dataDir>/backups/senco-desk-YYYY-MM-DD-HHMMSS.sqlite`. */
  readonly out?: string;
  /** Replace `out` if it exists (never done otherwise). */
  readonly replace?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
  /**
   * The store to copy, opened again on a connection of its own (the app passes its core's config, which carries
   * an encrypted store's key); default: the data folder's store, opened as the CLI opens it.
   */
  readonly store?: StoreConfig;
}

export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
  readonly integrity: 'ok';
  readonly tables: readonly TableCount[];
  readonly migrations: readonly string[];
  readonly createdAt: string;
  /** Encrypted with the store's key (AES-256-CBC): restoring it needs its keyring and a user's password, or the recovery key. */
  readonly encrypted: boolean;
  /** An encrypted backup's copy of the keyring (encryption.ts), beside it; null for a plain backup. */
  readonly keyring: string | null;
  /** The checkpoint of the audit trail's head inside the backup (electron/core/audit-checkpoint.ts), beside it. */
  readonly checkpoint: string;
  readonly tookMs: number;
}

/** The SQLite file behind a data folder, or a BackupError for PostgreSQL. */
export function sqliteStoreOf(dataDir: string, env: NodeJS.ProcessEnv = process.env): Extract<StoreConfig, { kind: 'sqlite' }> {
  const store = storeConfigFor(dataDir, env);
  if (store.kind !== 'sqlite') {
    throw new BackupError(
      'postgres',
      `The data folder ${dataDir} uses a PostgreSQL database (SENCO_DATABASE_URL or database.json): back it up with the server's own tools, such as pg_dump.`,
    );
  }
  return store;
}

function outputTarget(opts: BackupOptions, liveFile: string, at: Date): string {
  if (opts.out === undefined) return freeName(ensureBackupsDir(opts.dataDir), backupFileName(at));
  const target = resolve(opts.out);
  let folderOk = false;
  try {
    folderOk = statSync(dirname(target)).isDirectory();
  } catch {
    folderOk = false;
  }
  if (!folderOk) throw new BackupError('bad_output', `Cannot write ${opts.out}: the folder ${dirname(target)} does not exist.`);
  const live = resolve(liveFile);
  if (target === live || sideFiles(live).includes(target)) {
    throw new BackupError('bad_output', `${opts.out} is the live database itself: choose another file for the backup.`);
  }
  if (existsSync(target)) {
    if (statSync(target).isDirectory())
      throw new BackupError(
        'bad_output',
        `Cannot write ${opts.out}: it is a folder. Give a file name, such as ${join(opts.out, backupFileName(at))}.`,
      );
    if (!opts.replace)
      throw new BackupError(
        'file_exists',
        `${opts.out} already exists: nothing was written. Choose another name, or add --force to replace it.`,
      );
  }
  return target;
}

/** How a copy is read back: the source's SQLite module and key (an encrypted store's backup is encrypted too). */
export interface CopyReader {
  readonly module: SqliteModule;
  readonly key: string | undefined;
}

/**
 * Copies the database behind `ds` to `tmp` (created here, 0600) and makes the copy a single self-contained file.
 * The copy is `VACUUM INTO` (sqlite-raw.ts `backupTo`: libsql has no backup API): one read transaction, so one
 * consistent snapshot while the app goes on writing, and on an encrypted store written encrypted with the same key.
 */
export async function copyDatabase(ds: DataSource, tmp: string): Promise<CopyReader> {
  const reader: CopyReader = { module: moduleOf(ds), key: keyOf(ds) };
  createPrivateFile(tmp);
  // TypeORM's SQLite driver keeps one libsql connection: the copy reads through it.
  const source = rawOf((ds.driver as unknown as { databaseConnection: unknown }).databaseConnection);
  await source.backupTo(tmp);
  const copy = await openRaw(tmp, reader);
  try {
    await copy.exec('PRAGMA journal_mode = DELETE');
    // No signed-in session travels in a backup (electron/core/sessions.ts): restored, it would bring back sessions
    // that had since been signed out or ended by an account change.
    const sessions = (await copy.all("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sign_in_session'")) as unknown[];
    if (sessions.length) await copy.exec('DELETE FROM sign_in_session');
  } finally {
    await copy.close();
  }
  return reader;
}

/**
 * Opens the data folder's store on a connection of its own: through the given config (the app passes its own
 * core's, which carries the key of an encrypted store), or as the CLI opens it (openCoreAt: credentials from the
 * environment).
 */
async function openSource(opts: BackupOptions): Promise<{ readonly ds: DataSource; readonly close: () => Promise<void> }> {
  if (opts.store) {
    const ds = await openStore(opts.store);
    return { ds, close: () => ds.destroy() };
  }
  const core = await openCoreAt(opts.dataDir, opts.env ?? process.env);
  return { ds: core.ds, close: () => core.close() };
}

export async function createBackup(opts: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const now = (opts.now ?? (() => new Date()))();
  const store = sqliteStoreOf(opts.dataDir, opts.env);
  if (!existsSync(store.file)) {
    throw new BackupError('no_database', `There is no SENCo Desk database in ${opts.dataDir} to back up (no ${basename(store.file)}).`);
  }
  const target = outputTarget(opts, store.file, now);
  // Opened before anything is written: an encrypted store without credentials fails here with the keyring's message.
  const source = await openSource(opts);
  const tmp = tempBeside(target);
  try {
    let reader: CopyReader;
    try {
      reader = await copyDatabase(source.ds, tmp);
    } finally {
      await source.close();
    }
    const copy = await openRaw(tmp, { ...reader, readOnly: true });
    let summary;
    let head;
    try {
      summary = await summarise(copy);
      head = isIntact(summary) ? await trailHeadOf(copy) : null;
    } finally {
      await copy.close();
    }
    if (!isIntact(summary)) {
      throw new BackupError(
        'damaged',
        `The copy failed SQLite's integrity check (${summary.integrity.slice(0, 3).join('; ')}): no backup was written. The live database may be damaged: run senco-desk restore from an earlier backup, or ask your IT team.`,
      );
    }
    chmodSync(tmp, FILE_MODE);
    syncFile(tmp);
    placeFile(tmp, target, opts.replace === true);
    const keyring = reader.key ? copyKeyring(store.file, target) : null;
    const checkpoint = writeBackupCheckpoint(target, head ?? null, now);
    syncFolder(dirname(target));
    return {
      file: target,
      bytes: statSync(target).size,
      integrity: 'ok',
      tables: summary.tables,
      migrations: summary.migrations ?? [],
      createdAt: now.toISOString(),
      encrypted: reader.key !== undefined,
      keyring,
      checkpoint,
      tookMs: Date.now() - started,
    };
  } catch (err) {
    removeWithSideFiles(tmp);
    if (err instanceof BackupError) throw err;
    if (err instanceof FileExistsError)
      throw new BackupError(
        'file_exists',
        `${opts.out ?? target} already exists: nothing was written. Choose another name, or add --force to replace it.`,
      );
    throw new BackupError('failed', `The backup could not be written to ${target}: ${describeError(err)}.`);
  }
}
