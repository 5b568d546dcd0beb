/**
 * For the test of one migration (migration-00NN.test.ts): a real store (SQLite, or PostgreSQL when
 * SENCO_TEST_PG_URL is set) migrated to just before it, where the test puts the rows the migration must keep, then
 * the same store with the migration to run, undo and run again. Everything is closed and removed after the test.
 */
import type { DataSource } from 'typeorm';
import { afterEach } from 'vitest';
import { makeDataSource, prepareStore, type Driver, type StoreConfig } from '../db/data-source';
import { MIGRATIONS } from '../db/migrations';
import { storeFor } from './harness';

export interface MigrationStep {
  readonly store: StoreConfig;
  /** Open, with every migration before this one run: insert the rows to keep, then destroy it. */
  readonly before: DataSource;
  /** The store opened again with this migration listed last (not yet run); closed after the test. */
  withMigration(): Promise<DataSource>;
}

const cleanups: (() => Promise<void>)[] = [];

/** Call once at the top of a migration test file: closes and removes what migrationStep opened, after each test. */
export function cleanUpMigrationSteps(): void {
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
}

const openWith = async (store: StoreConfig, migrations: readonly unknown[]): Promise<DataSource> => {
  const ds = makeDataSource(store);
  (ds.options as { migrations: unknown[] }).migrations = [...migrations];
  await ds.initialize();
  cleanups.push(async () => {
    if (ds.isInitialized) await ds.destroy();
  });
  return ds;
};

export async function migrationStep(driver: Driver, migration: (typeof MIGRATIONS)[number]): Promise<MigrationStep> {
  const { store, cleanup } = await storeFor(driver);
  cleanups.push(cleanup);
  await prepareStore(store);
  const at = MIGRATIONS.indexOf(migration);
  if (at <= 0) throw new Error(`migrationStep: ${migration.name} is not a later migration in MIGRATIONS (migrations/index.ts)`);
  const before = await openWith(store, MIGRATIONS.slice(0, at));
  await before.runMigrations({ transaction: 'each' });
  return { store, before, withMigration: () => openWith(store, MIGRATIONS.slice(0, at + 1)) };
}
