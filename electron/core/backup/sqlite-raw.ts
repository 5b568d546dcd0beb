/**
 * A small promise wrapper over node-sqlite3 for what TypeORM does not offer: SQLite's online backup API, opening a
 * file read-only, and taking the database's exclusive lock. Every raw open of a SENCo Desk file goes through
 * `openRaw`, which takes the SQLite build the store itself uses (`moduleOfStore`): two copies of SQLite in one
 * process must not open the same file, because closing a file in one releases the other's POSIX locks (SQLite,
 * "How To Corrupt An SQLite Database File", 2.2.1). With a `key` (SQLCipher) it is applied first, as TypeORM does.
 *
 * node-sqlite3 6 has `Database#backup` but its bundled type declarations do not describe it: the shape below
 * follows lib/sqlite3.js and src/backup.cc.
 */
import type sqlite3 from 'sqlite3';
import type { DataSource } from 'typeorm';
import { makeDataSource, type StoreConfig } from '../db/data-source';

/** node-sqlite3's module, or a build of it with the same API (@journeyapps/sqlcipher). */
export type SqliteModule = typeof sqlite3;

interface NativeBackup {
  readonly completed: boolean;
  readonly failed: boolean;
  readonly remaining: number;
  readonly pageCount: number;
  step(pages: number, cb: (err: Error | null) => void): void;
  finish(cb?: (err: Error | null) => void): void;
}

type NativeDatabase = sqlite3.Database & {
  backup(filename: string, cb?: (err: Error | null) => void): NativeBackup;
};

/** SQLite result codes the callers tell apart (the `code` on node-sqlite3's errors). */
export type SqliteCode = 'SQLITE_BUSY' | 'SQLITE_LOCKED' | 'SQLITE_CORRUPT' | 'SQLITE_NOTADB' | 'SQLITE_CANTOPEN' | 'SQLITE_IOERR' | string;

export function sqliteCode(err: unknown): SqliteCode | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

export interface RawDb {
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  /** Copies the whole database (the committed state this connection sees) to a new file with the backup API. */
  backupTo(file: string): Promise<{ readonly pages: number }>;
  close(): Promise<void>;
}

export interface RawOpenOptions {
  readonly readOnly?: boolean;
  /** The SQLite build to open it with (default: the one the SQLite store uses, see moduleOfStore). */
  readonly module?: SqliteModule;
  /** A SQLCipher key, in the form TypeORM's `key` option takes. */
  readonly key?: string;
  /** Milliseconds to wait for another connection's lock before SQLITE_BUSY (default 5000, as the store uses). */
  readonly busyTimeoutMs?: number;
}

function wrap(db: NativeDatabase): RawDb {
  return {
    all: <T>(sql: string, params: readonly unknown[] = []) =>
      new Promise<T[]>((resolve, reject) => db.all(sql, [...params], (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)))),
    exec: (sql) => new Promise<void>((resolve, reject) => db.exec(sql, (err: Error | null) => (err ? reject(err) : resolve()))),
    backupTo: (file) =>
      new Promise((resolve, reject) => {
        let settled = false;
        const b = db.backup(file, (err) => {
          if (err && !settled) {
            settled = true;
            reject(err);
          }
        });
        // All pages in one step: the copy is made inside one read transaction, so it is one consistent snapshot
        // even while another connection writes (WAL readers never block writers). Stepping a few pages at a time
        // would restart the copy whenever another connection commits.
        b.step(-1, (err) => {
          if (settled) return;
          if (err) {
            settled = true;
            b.finish();
            reject(err);
            return;
          }
          const pages = b.pageCount;
          const completed = b.completed;
          b.finish((finishErr) => {
            if (settled) return;
            settled = true;
            if (finishErr) reject(finishErr);
            else if (!completed) reject(new Error('the backup did not complete'));
            else resolve({ pages });
          });
        });
      }),
    close: () => new Promise<void>((resolve, reject) => db.close((err: Error | null) => (err ? reject(err) : resolve()))),
  };
}

/** The SQLite module a TypeORM DataSource uses (its driver loads it in the constructor). */
export function moduleOf(ds: DataSource): SqliteModule {
  return (ds.driver as unknown as { sqlite: SqliteModule }).sqlite;
}

let sqliteStoreModule: SqliteModule | null = null;

/** The SQLite module the store for `store` would use, without opening anything (TypeORM loads it eagerly). */
export function moduleOfStore(store: StoreConfig): SqliteModule {
  if (store.kind !== 'sqlite') throw new Error('not a SQLite store');
  sqliteStoreModule ??= moduleOf(makeDataSource(store));
  return sqliteStoreModule;
}

/** The SQLCipher key a DataSource was opened with, if any. */
export function keyOf(ds: DataSource): string | undefined {
  const key = (ds.options as { key?: unknown }).key;
  return typeof key === 'string' && key ? key : undefined;
}

/** Opens a SQLite file directly (never creating it). */
export async function openRaw(file: string, opts: RawOpenOptions = {}): Promise<RawDb> {
  const lib = opts.module ?? moduleOfStore({ kind: 'sqlite', file });
  const mode = opts.readOnly ? lib.OPEN_READONLY : lib.OPEN_READWRITE;
  const db = await new Promise<NativeDatabase>((resolve, reject) => {
    const d = new lib.Database(file, mode, (err: Error | null) => (err ? reject(err) : resolve(d as NativeDatabase)));
  });
  const raw = wrap(db);
  try {
    // The key before anything else: SQLCipher reads the first page with it.
    if (opts.key) await raw.exec(`PRAGMA key = ${JSON.stringify(opts.key)}`);
    await raw.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
  } catch (err) {
    await raw.close().catch(() => undefined);
    throw err;
  }
  return raw;
}

/** The node-sqlite3 handle under a TypeORM SQLite DataSource (its driver keeps one connection). */
export function rawOf(connection: unknown): RawDb {
  return wrap(connection as NativeDatabase);
}
