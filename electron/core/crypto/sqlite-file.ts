/**
 * The SQLite file on disk: is it plain or encrypted, and turning an earlier version's plain file into an encrypted
 * one in place without losing a row.
 *
 * Migration: SQLCipher's documented way (sqlcipher_export into an attached encrypted database), then the copy is
 * opened with the key and every table's row count compared with the original, then the files are swapped by rename:
 *   file → file.plain-old, copy → file, then file.plain-old (and its -wal/-shm) deleted.
 * A crash between the two renames leaves file.plain-old and no file: `recoverInterruptedSwap` puts it back.
 * (Deleting the plain file does not overwrite its disk blocks; full-disk encryption covers that, see the README.)
 */
import type { Database } from 'sqlite3';
import { requireSqlcipher } from '../db/sqlite-driver';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { sqlcipherKey } from './keyring';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** 'missing', 'empty' (0 bytes), 'plain' (the SQLite header) or 'encrypted' (anything else: SQLCipher's random salt). */
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

/** A small promise wrapper over node-sqlite3's callback API, for the few raw steps here. */
class Raw {
  private constructor(private readonly db: Database) {}
  static open(file: string): Promise<Raw> {
    const lib = requireSqlcipher();
    return new Promise((resolve, reject) => {
      const db: Database = new lib.Database(file, (err) => (err ? reject(err) : resolve(new Raw(db))));
    });
  }
  run(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.run(sql, (err) => (err ? reject(err) : resolve())));
  }
  all<T>(sql: string): Promise<T[]> {
    return new Promise((resolve, reject) => this.db.all(sql, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }
}

async function rowCounts(db: Raw): Promise<Map<string, number>> {
  const tables = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  const counts = new Map<string, number>();
  for (const { name } of tables) {
    const [row] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    counts.set(name, row?.n ?? 0);
  }
  return counts;
}

/** Opens a file with the key and returns its table row counts (throws SQLITE_NOTADB on a wrong key). */
export async function countRows(file: string, key: Buffer | null): Promise<Map<string, number>> {
  const db = await Raw.open(file);
  try {
    if (key) await db.run(`PRAGMA key = "${sqlcipherKey(key)}"`);
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
  const src = await Raw.open(file);
  let before: Map<string, number>;
  try {
    // Fold the write-ahead log into the file first, so the export sees every committed row.
    await src.run('PRAGMA wal_checkpoint(TRUNCATE)');
    before = await rowCounts(src);
    const [uv] = await src.all<{ user_version: number }>('PRAGMA user_version');
    await src.run(`ATTACH DATABASE '${tmp.replace(/'/g, "''")}' AS encrypted KEY "${sqlcipherKey(key)}"`);
    await src.all("SELECT sqlcipher_export('encrypted')");
    await src.run(`PRAGMA encrypted.user_version = ${Number(uv?.user_version ?? 0)}`);
    await src.run('DETACH DATABASE encrypted');
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
