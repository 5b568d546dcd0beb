/**
 * A small promise-shaped wrapper over libsql (db/sqlite-driver.ts) for what TypeORM does not offer: copying the
 * database while it is in use, opening a file read-only, and taking the database's exclusive lock. Every raw open
 * of a SENCo Desk file goes through `openRaw`, which takes the SQLite module the store itself uses: two copies of
 * SQLite in one process must not open the same file, because closing a file in one releases the other's POSIX locks
 * (SQLite, "How To Corrupt An SQLite Database File", 2.2.1). With a `key` it is applied first, as TypeORM does.
 *
 * libsql's API is synchronous; the promises keep the callers as they were and turn a thrown error into a rejection.
 * libsql has no online backup API (its `backup()` throws "not implemented"): `backupTo` is `VACUUM INTO`, which
 * copies the committed state in one read transaction (WAL readers never block writers) and, on an encrypted
 * database, writes the copy encrypted with the same key.
 */
import type { DataSource } from 'typeorm';
import { releaseClosedConnections, sqliteModule, type LibsqlDatabase, type SqliteModule } from '../db/sqlite-driver';

export type { SqliteModule } from '../db/sqlite-driver';

/** SQLite result codes the callers tell apart (the `code` on libsql's errors). */
export type SqliteCode = 'SQLITE_BUSY' | 'SQLITE_LOCKED' | 'SQLITE_CORRUPT' | 'SQLITE_NOTADB' | 'SQLITE_CANTOPEN' | 'SQLITE_IOERR' | string;

export function sqliteCode(err: unknown): SqliteCode | null {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.code ?? e?.driverError?.code;
  return typeof code === 'string' ? code : null;
}

export interface RawDb {
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  /** Copies the whole database (the committed state this connection sees) to a new file, in one read transaction. */
  backupTo(file: string): Promise<{ readonly pages: number }>;
  close(): Promise<void>;
}

export interface RawOpenOptions {
  readonly readOnly?: boolean;
  /** The SQLite module to open it with (default: the one the SQLite store uses). */
  readonly module?: SqliteModule;
  /** The store key, in the form TypeORM's `key` option takes (x'<64 hex>'). */
  readonly key?: string;
  /** Milliseconds to wait for another connection's lock before SQLITE_BUSY (default 5000, as the store uses). */
  readonly busyTimeoutMs?: number;
}

const attempt = <T>(fn: () => T): Promise<T> => {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
};

const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

function wrap(db: LibsqlDatabase): RawDb {
  return {
    all: <T>(sql: string, params: readonly unknown[] = []) => attempt(() => db.prepare(sql).all([...params]) as T[]),
    exec: (sql) => attempt(() => void db.exec(sql)),
    backupTo: (file) =>
      attempt(() => {
        // VACUUM INTO refuses an existing non-empty file; the callers create the target empty (0600) first.
        db.exec(`VACUUM INTO ${quoted(file)}`);
        const [row] = db.prepare('PRAGMA page_count').all([]) as { page_count: number }[];
        return { pages: Number(row?.page_count ?? 0) };
      }),
    close: async () => {
      await attempt(() => db.close());
      // libsql closes the file only once the statements prepared on it are collected (sqlite-driver.ts).
      await releaseClosedConnections();
    },
  };
}

/** The SQLite module a TypeORM DataSource uses (its better-sqlite3 driver keeps it as `sqlite`). */
export function moduleOf(ds: DataSource): SqliteModule {
  return (ds.driver as unknown as { sqlite: SqliteModule }).sqlite;
}

/** The store key a DataSource was opened with, if any. */
export function keyOf(ds: DataSource): string | undefined {
  const key = (ds.options as { key?: unknown }).key;
  return typeof key === 'string' && key ? key : undefined;
}

/** Opens a SQLite file directly (never creating it). */
export async function openRaw(file: string, opts: RawOpenOptions = {}): Promise<RawDb> {
  const Lib = opts.module ?? sqliteModule();
  const db = await attempt(
    () =>
      new Lib(file, {
        readonly: opts.readOnly === true,
        fileMustExist: true,
        timeout: Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000)),
      }),
  );
  const raw = wrap(db);
  try {
    // The key before anything else: the first page is read with it.
    if (opts.key) await raw.exec(`PRAGMA key = ${JSON.stringify(opts.key)}`);
    await raw.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
  } catch (err) {
    await raw.close().catch(() => undefined);
    throw err;
  }
  return raw;
}

/** The libsql connection under a TypeORM SQLite DataSource (its driver keeps one connection). */
export function rawOf(connection: unknown): RawDb {
  return wrap(connection as LibsqlDatabase);
}
