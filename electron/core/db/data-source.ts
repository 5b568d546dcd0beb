import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { requireSqlcipher, sqlcipherModule } from './sqlite-driver';

/** Only the raw-key form: TypeORM puts the key inside PRAGMA key = "…", so anything else could break the quoting. */
function checkedKey(key: string): string {
  if (!/^x'[0-9a-f]{64}'$/i.test(key)) throw new Error("A SQLCipher store key must be the raw-key form x'<64 hex digits>' (see sqlcipherKey).");
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

export type StoreConfig =
  /**
   * A SQLite file. With `key` the file is encrypted with SQLCipher (electron/core/crypto); without it the same
   * driver writes an ordinary SQLite file (tests that ask for plain, and an earlier version's file before it is
   * migrated). The key is SQLCipher's raw-key literal `x'<64 hex>'` (sqlcipherKey), the form TypeORM's `key` takes.
   */
  | { readonly kind: 'sqlite'; readonly file: string; readonly key?: string }
  /** A trust that shares one database: a PostgreSQL URL, and optionally a schema (tests use one each). */
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string };

export type Driver = StoreConfig['kind'];

export function makeDataSource(config: StoreConfig): DataSource {
  switch (config.kind) {
    case 'sqlite':
      return new DataSource({
        type: 'sqlite',
        // SQLCipher's build of node-sqlite3 is the one SQLite driver where it is installed: with no key it reads and
        // writes plain files. Without it (Windows, for now) TypeORM loads node-sqlite3, and a key is refused.
        driver: config.key ? requireSqlcipher() : (sqlcipherModule() ?? undefined),
        database: config.file,
        // The raw-key form x'<64 hex>' (TypeORM sends PRAGMA key = "<this>" first on the connection): no passphrase
        // derivation, so opening costs no PBKDF2 rounds; the key is already random.
        ...(config.key ? { key: checkedKey(config.key) } : {}),
        entities: ENTITIES,
        migrations: MIGRATIONS,
        // Never synchronize: it can drop columns and their data. Schema changes are numbered migrations.
        synchronize: false,
        migrationsRun: false,
        enableWAL: true,
        logging: false,
      });
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
 * encrypted). With a key, a wrong key is reported as WrongDatabaseKeyError (SQLCipher only notices on the first read).
 */
export async function openStore(config: StoreConfig): Promise<DataSource> {
  await prepareStore(config);
  const ds = makeDataSource(config);
  try {
    await ds.initialize();
  } catch (err) {
    if (config.kind === 'sqlite' && /SQLITE_NOTADB|file is not a database/i.test(String(err))) throw new WrongDatabaseKeyError(config.file);
    throw err;
  }
  if (config.kind === 'sqlite') {
    // SQLCipher accepts any key at PRAGMA key; a wrong key (or a plain file given a key) fails on the first read.
    if (config.key) await checkKey(ds);
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
