import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { releaseClosedConnections, sqliteModule } from './sqlite-driver';

/** Only the raw-key form: TypeORM puts the key inside PRAGMA key = "…", so anything else could break the quoting. */
function checkedKey(key: string): string {
  if (!/^x'[0-9a-f]{64}'$/i.test(key)) throw new Error("A store key must be the form x'<64 hex digits>' (see databaseKeyLiteral).");
  return key;
}

/** The key given does not open this SQLite file (SQLITE_NOTADB on the first read). */
export class WrongDatabaseKeyError extends Error {
  constructor(file: string) {
    super(`The key does not open the database ${file}: it is encrypted with another key, or damaged.`);
    this.name = 'WrongDatabaseKeyError';
  }
}

async function checkKey(ds: DataSource): Promise<void> {
  try {
    await ds.query('SELECT count(*) AS n FROM sqlite_master');
  } catch (err) {
    await ds.destroy().catch(() => undefined);
    if (/SQLITE_NOTADB|file is not a database/i.test(String(err))) throw new WrongDatabaseKeyError(String(ds.options.database));
    throw err;
  }
}

/**
 * The SQLite file was not closed properly last time and SQLite's check of it found damage. libsql's cipher
 * (AES-256-CBC) has no per-page authentication code, so a page torn or garbled on disk decrypts to noise without an
 * error of its own: the check after an unclean shutdown is what catches it before anything is read or written.
 */
export class DamagedDatabaseError extends Error {
  constructor(
    file: string,
    readonly problems: readonly string[],
  ) {
    super(
      `The database ${file} was not closed properly last time (the computer or SENCo Desk stopped suddenly), and SQLite's check of it found damage ` +
        `(${problems.slice(0, 3).join('; ')}). Nothing has been changed and it has not been opened. Restore your latest backup ` +
        'with senco-desk restore --from <backup file> (close SENCo Desk first), or ask school IT.',
    );
    this.name = 'DamagedDatabaseError';
  }
}

/**
 * Whether the last process to open `file` ended without closing it: SQLite keeps `<file>-wal` beside the file (WAL
 * mode) while any connection has it open and removes it when the last one closes cleanly; a `-journal` is a
 * rollback journal left by a write that never finished. Either one found before opening means a crash, a kill or a
 * power cut (or another process has the file open right now: then the check costs time, never data).
 */
export function uncleanShutdown(file: string): boolean {
  return existsSync(file) && (existsSync(`${file}-wal`) || existsSync(`${file}-journal`));
}

/**
 * `PRAGMA quick_check` (every page of every table and index read and its structure checked, in one pass; unlike
 * integrity_check it does not cross-check each index against its table, which is O(N log N) and several times
 * slower on a school's five years of sessions, while a garbled page fails either). Throws DamagedDatabaseError.
 */
async function checkAfterUncleanShutdown(ds: DataSource, file: string): Promise<void> {
  let problems: string[];
  try {
    const rows = (await ds.query('PRAGMA quick_check')) as { quick_check: string }[];
    problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
  } catch (err) {
    problems = [String((err as { driverError?: unknown }).driverError ?? err).replace(/^\w*Error: /, '')];
  }
  if (problems.length) {
    await ds.destroy().catch(() => undefined);
    throw new DamagedDatabaseError(file, problems);
  }
}

export type StoreConfig =
  /**
   * A SQLite file (libsql, db/sqlite-driver.ts). With `key` the file is encrypted (AES-256-CBC, SQLite3 Multiple
   * Ciphers; electron/core/crypto); without it the same driver writes an ordinary SQLite file (tests that ask for
   * plain, and an earlier version's file before it is migrated). The key is the literal `x'<64 hex>'`
   * (databaseKeyLiteral), the form TypeORM's `key` option sends as PRAGMA key first on the connection.
   */
  | { readonly kind: 'sqlite'; readonly file: string; readonly key?: string }
  /** A trust that shares one database: a PostgreSQL URL, and optionally a schema (tests use one each). */
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string };

export type Driver = StoreConfig['kind'];

/**
 * A TypeORM DataSource whose `destroy()` resolves once the SQLite file is really closed: libsql 0.5.29 closes it only
 * when the statements prepared on it have been garbage-collected (sqlite-driver.ts, releaseClosedConnections).
 */
function closingForReal(ds: DataSource): DataSource {
  const destroy = ds.destroy.bind(ds);
  ds.destroy = async () => {
    try {
      await destroy();
    } finally {
      await releaseClosedConnections();
    }
  };
  return ds;
}

export function makeDataSource(config: StoreConfig): DataSource {
  switch (config.kind) {
    case 'sqlite':
      return closingForReal(
        new DataSource({
          // libsql through TypeORM's better-sqlite3 driver (sqlite-driver.ts): the same library with or without a key.
          type: 'better-sqlite3',
          driver: sqliteModule(),
          database: config.file,
          // x'<64 hex>' (TypeORM sends PRAGMA key = "<this>" first on the connection, before any read): the random
          // 32-byte school key, so SQLite3 Multiple Ciphers' own derivation adds nothing a guesser could exploit.
          ...(config.key ? { key: checkedKey(config.key) } : {}),
          entities: ENTITIES,
          migrations: MIGRATIONS,
          // Never synchronize: it can drop columns and their data. Schema changes are numbered migrations.
          synchronize: false,
          migrationsRun: false,
          enableWAL: true,
          // TypeORM's default; libsql takes it in milliseconds, as SQLite's busy_timeout.
          timeout: 5000,
          logging: false,
        }),
      );
    case 'postgres':
      return new DataSource({
        type: 'postgres',
        url: config.url,
        ...(config.schema ? { schema: config.schema } : {}),
        entities: ENTITIES,
        migrations: MIGRATIONS,
        synchronize: false,
        migrationsRun: false,
        logging: false,
        // Raw read queries (the register) name tables unqualified: point every pooled connection at the schema.
        extra: { max: 8, ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}) },
      });
  }
}

/** Creates the PostgreSQL schema named in the config, if any (the SQLite file is created on open). */
export async function prepareStore(config: StoreConfig): Promise<void> {
  if (config.kind === 'postgres' && config.schema) {
    const bootstrap = new DataSource({ type: 'postgres', url: config.url });
    await bootstrap.initialize();
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${config.schema.replace(/"/g, '')}"`);
    await bootstrap.destroy();
  }
}

/**
 * Opens the store and brings its schema up to date. On SQLite: WAL so readers never block the writer and a
 * crash loses nothing acknowledged; foreign keys on (SQLite leaves them off by default); synchronous=NORMAL
 * is durable in WAL mode apart from the last transactions before a power cut; a 32 MB page cache (64 MB when
 * encrypted). With a key, a wrong key is reported as WrongDatabaseKeyError (SQLite only notices on the first read).
 * After an unclean shutdown (uncleanShutdown) the file is checked before use, and a damaged one refused
 * (DamagedDatabaseError).
 */
export async function openStore(config: StoreConfig): Promise<DataSource> {
  await prepareStore(config);
  const unclean = config.kind === 'sqlite' && uncleanShutdown(config.file);
  const ds = makeDataSource(config);
  try {
    await ds.initialize();
  } catch (err) {
    if (config.kind === 'sqlite') {
      // A failed initialize leaves its connection open: close it (for real, see closingForReal) before reporting.
      try {
        (ds.driver as unknown as { databaseConnection?: { close(): void } }).databaseConnection?.close();
      } catch {
        // already closed
      }
      await releaseClosedConnections();
      if (/SQLITE_NOTADB|file is not a database/i.test(String(err))) throw new WrongDatabaseKeyError(config.file);
    }
    throw err;
  }
  if (config.kind === 'sqlite') {
    // PRAGMA key accepts any key; a wrong key (or a plain file given a key) fails on the first read.
    if (config.key) await checkKey(ds);
    if (unclean) await checkAfterUncleanShutdown(ds, config.file);
    await ds.query('PRAGMA foreign_keys = ON');
    await ds.query('PRAGMA synchronous = NORMAL');
    await ds.query('PRAGMA busy_timeout = 5000');
    // 32 MB of page cache (the default is 2 MB): a school's five years of sessions is a few hundred megabytes, and
    // the calendar and reports read the same pages again and again.
    // An encrypted file gets 64 MB: SQLite's cache holds decrypted pages, while the operating system's cache holds
    // only ciphertext, so every miss costs a decryption. The provision report's scan of a year's session
    // attendances (five years of sessions) took 2x the plain file's time with 32 MB, and the same time with 64 MB.
    await ds.query(`PRAGMA cache_size = ${config.key ? -65536 : -32768}`);
  }
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
