/**
 * The SQLite file on disk: is it plain or encrypted, and turning an earlier version's plain file into an encrypted
 * one in place without losing a row.
 *
 * Migration: a plain copy of the whole file (`VACUUM INTO`, one read transaction), encrypted where it lies with
 * SQLite3 Multiple Ciphers' `PRAGMA rekey` (it rewrites every page with the key; the copy is in rollback-journal
 * mode, which rekey needs), then opened with the key and every table's row count compared with the original, then
 * the files are swapped by rename:
 *   file → file.plain-old, copy → file, then file.plain-old (and its -wal/-shm) deleted.
 * A crash between the two renames leaves file.plain-old and no file: `recoverInterruptedSwap` puts it back.
 * (Deleting the plain file does not overwrite its disk blocks; full-disk encryption covers that, see the README.)
 */
import type { RawDb } from '../backup/sqlite-raw';
import { openRaw } from '../backup/sqlite-raw';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { databaseKeyLiteral } from './keyring';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** 'missing', 'empty' (0 bytes), 'plain' (the SQLite header) or 'encrypted' (anything else: an encrypted first page). */
export function fileState(file: string): 'missing' | 'empty' | 'plain' | 'encrypted' {
  if (!existsSync(file)) return 'missing';
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n === 0) return 'empty';
    return n === 16 && head.equals(SQLITE_HEADER) ? 'plain' : 'encrypted';
  } finally {
    closeSync(fd);
  }
}

const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

export function removeDatabaseFiles(file: string): void {
  for (const s of SIDE_FILES) rmSync(file + s, { force: true });
}

async function rowCounts(db: RawDb): Promise<Map<string, number>> {
  const tables = await db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const counts = new Map<string, number>();
  for (const { name } of tables) {
    const [row] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    counts.set(name, row?.n ?? 0);
  }
  return counts;
}

/** Opens a file with the key and returns its table row counts (throws SQLITE_NOTADB on a wrong key). */
export async function countRows(file: string, key: Buffer | null): Promise<Map<string, number>> {
  const db = await openRaw(file, key ? { key: databaseKeyLiteral(key) } : {});
  try {
    return await rowCounts(db);
  } finally {
    await db.close();
  }
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Encrypts a plain SQLite file in place with `key`. Nothing else may have the file open. Returns the row counts
 * (the same before and after: checked). `beforeSwap` runs once the encrypted copy is verified and before it replaces
 * the plain file: the keyring must be written there, so the encrypted file never exists without its key file.
 */
export async function encryptInPlace(file: string, key: Buffer, beforeSwap: () => void = () => undefined): Promise<Map<string, number>> {
  if (fileState(file) !== 'plain') throw new MigrationError(`${file} is not a plain SQLite database.`);
  const tmp = `${file}.encrypting`;
  removeDatabaseFiles(tmp);
  const src = await openRaw(file);
  let before: Map<string, number>;
  try {
    // Fold the write-ahead log into the file first, so the copy sees every committed row.
    await src.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    before = await rowCounts(src);
    await writeEncryptedCopy(src, tmp, key);
  } catch (err) {
    await src.close().catch(() => undefined);
    removeDatabaseFiles(tmp);
    throw err;
  }
  await src.close();

  let after: Map<string, number>;
  try {
    if (fileState(tmp) !== 'encrypted') throw new MigrationError('The encrypted copy was not written.');
    after = await countRows(tmp, key);
  } catch (err) {
    removeDatabaseFiles(tmp);
    throw err;
  }
  const differs = [...before].filter(([t, n]) => after.get(t) !== n).map(([t]) => t);
  if (differs.length || after.size !== before.size) {
    removeDatabaseFiles(tmp);
    throw new MigrationError(`The encrypted copy did not match the database (${differs.join(', ') || 'tables'}): nothing was changed.`);
  }

  beforeSwap();
  const old = `${file}.plain-old`;
  removeDatabaseFiles(old);
  renameSync(file, old);
  renameSync(tmp, file);
  removeDatabaseFiles(old);
  return after;
}

/**
 * Writes an encrypted copy of the plain database open on `src` to `dest` (which must not exist): `VACUUM INTO` a
 * plain copy (one read transaction: the committed state, schema, indexes and user_version), then `PRAGMA rekey` on
 * it, which encrypts every page in place with `key`. Leaves `dest` in rollback-journal mode.
 */
export async function writeEncryptedCopy(src: RawDb, dest: string, key: Buffer): Promise<void> {
  // Created empty and owner-only first: VACUUM INTO takes an empty file, and the copy is never readable by others.
  writeFileSync(dest, '', { mode: 0o600, flag: 'wx' });
  await src.backupTo(dest);
  const copy = await openRaw(dest);
  try {
    await copy.exec('PRAGMA journal_mode = DELETE');
    await copy.exec(`PRAGMA rekey = ${JSON.stringify(databaseKeyLiteral(key))}`);
  } finally {
    await copy.close();
  }
  if (fileState(dest) !== 'encrypted') throw new MigrationError('The encrypted copy was not written.');
}

/** Puts a plain file back if a crash came between encryptInPlace's two renames. */
export function recoverInterruptedSwap(file: string): void {
  const old = `${file}.plain-old`;
  if (!existsSync(file) && existsSync(old)) {
    if (existsSync(`${file}.encrypting`)) {
      // The verified copy exists too: finish the swap.
      renameSync(`${file}.encrypting`, file);
      removeDatabaseFiles(old);
    } else {
      renameSync(old, file);
    }
  } else if (existsSync(file) && existsSync(old) && fileState(file) === 'encrypted') {
    removeDatabaseFiles(old);
  }
  removeDatabaseFiles(`${file}.encrypting`);
}
