import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export type StoreConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  /** A trust that shares one database: a PostgreSQL URL, and optionally a schema (tests use one each). */
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string };

export type Driver = StoreConfig['kind'];

export function makeDataSource(config: StoreConfig): DataSource {
  switch (config.kind) {
    case 'sqlite':
      return new DataSource({
        type: 'sqlite',
        database: config.file,
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
 * is durable in WAL mode apart from the last transactions before a power cut; a 32 MB page cache.
 */
export async function openStore(config: StoreConfig): Promise<DataSource> {
  await prepareStore(config);
  const ds = makeDataSource(config);
  await ds.initialize();
  if (config.kind === 'sqlite') {
    await ds.query('PRAGMA foreign_keys = ON');
    await ds.query('PRAGMA synchronous = NORMAL');
    await ds.query('PRAGMA busy_timeout = 5000');
    // 32 MB of page cache (the default is 2 MB): a school's five years of sessions is a few hundred megabytes, and
    // the calendar and reports read the same pages again and again.
    await ds.query('PRAGMA cache_size = -32768');
  }
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
