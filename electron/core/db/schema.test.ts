/**
 * The schema guard. (1) The entities and the migrations describe the same schema: TypeORM's schema builder finds
 * nothing to change after the migrations ran, on SQLite and on PostgreSQL. (2) The schema the migrations build
 * matches the committed snapshot, so any schema change is seen and reviewed in a diff: after a deliberate change,
 * run `UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run electron/core/db/schema.test.ts` and commit the snapshot.
 * (3) Migrations keep data: each migration runs on a database built to the one before it, holding rows.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { makeDataSource, openStore, prepareStore } from './data-source';
import { storeFor, testDrivers } from '../testing/harness';
import type { Driver } from './data-source';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function migrated(driver: Driver): Promise<DataSource> {
  const { store, cleanup } = await storeFor(driver);
  const ds = await openStore(store);
  cleanups.push(async () => {
    if (ds.isInitialized) await ds.destroy();
    await cleanup();
  });
  return ds;
}

async function describeSchema(ds: DataSource, driver: Driver): Promise<string> {
  if (driver === 'sqlite') {
    const rows: { type: string; name: string; sql: string | null }[] = await ds.query(
      "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> 'migrations' ORDER BY type, name",
    );
    return rows.map((r) => `${r.type} ${r.name}\n  ${(r.sql ?? '').replace(/\s+/g, ' ')}`).join('\n') + '\n';
  }
  const schema = (ds.options as { schema?: string }).schema ?? 'public';
  const cols: Record<string, string>[] = await ds.query(
    `SELECT table_name, column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns
     WHERE table_schema = $1 AND table_name <> 'migrations' ORDER BY table_name, ordinal_position`,
    [schema],
  );
  const idx: Record<string, string>[] = await ds.query(
    `SELECT tablename, indexname, regexp_replace(indexdef, '"?' || $1 || '"?\\.', '', 'g') AS indexdef FROM pg_indexes
     WHERE schemaname = $1 AND tablename <> 'migrations' ORDER BY tablename, indexname`,
    [schema],
  );
  const cons: { tbl: string; conname: string; def: string }[] = await ds.query(
    `SELECT c.conrelid::regclass::text AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
     JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1 AND c.contype IN ('f', 'u', 'c') ORDER BY 1, 2`,
    [schema],
  );
  return (
    cons
      .map((c) => `constraint ${c.tbl.replace(/^.*\./, '')}.${c.conname}: ${c.def.replace(new RegExp(`"?${schema}"?\\.`, 'g'), '')}`)
      .join('\n') +
    '\n' +
    cols
      .map(
        (c) =>
          `column ${c.table_name}.${c.column_name} ${c.data_type}${c.character_maximum_length ? `(${c.character_maximum_length})` : ''}${c.is_nullable === 'NO' ? ' not null' : ''}`,
      )
      .join('\n') +
    '\n' +
    idx.map((i) => `index ${i.tablename}.${i.indexname}: ${i.indexdef}`).join('\n') +
    '\n'
  );
}

describe.each(testDrivers())('schema on %s', (driver) => {
  it('entities match what the migrations built (no drift)', async () => {
    const ds = await migrated(driver);
    const sql = await ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('matches the committed schema snapshot', async () => {
    const ds = await migrated(driver);
    const actual = await describeSchema(ds, driver);
    const file = join(__dirname, `schema.${driver}.snapshot.txt`);
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1' || !existsSync(file)) {
      if (process.env.CI) throw new Error(`${file} is missing: snapshots are written by a developer and reviewed, never in CI.`);
      writeFileSync(file, actual);
    }
    expect(actual, 'The schema changed without a reviewed snapshot: see the comment at the top of schema.test.ts.').toBe(
      readFileSync(file, 'utf8'),
    );
  });

  it('runs each migration on a database holding rows, and the rows survive', async () => {
    const { store, cleanup } = await storeFor(driver);
    cleanups.push(cleanup);
    await prepareStore(store);
    for (let i = 0; i < MIGRATIONS.length; i++) {
      // Build the schema up to migration i-1, put rows in, run migration i, check they are still there.
      const ds = makeDataSource(store);
      (ds.options as { migrations: unknown[] }).migrations = MIGRATIONS.slice(0, i + 1);
      await ds.initialize();
      const tables =
        i === 0
          ? []
          : (
              await ds.query(
                driver === 'sqlite'
                  ? "SELECT name FROM sqlite_master WHERE type='table'"
                  : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
              )
            ).map((r: { name: string }) => r.name);
      const before = tables.includes('pupil') ? await ds.query('SELECT id, upn FROM pupil ORDER BY id') : [];
      const ran = await ds.runMigrations({ transaction: 'each' });
      expect(ran.map((m) => m.name)).toEqual([MIGRATIONS[i]!.name]);
      if (tables.includes('pupil')) {
        expect(before).toHaveLength(1);
        expect(await ds.query('SELECT id, upn FROM pupil ORDER BY id')).toEqual(before);
      }
      if (i === 0) {
        // Rows go in as soon as the table exists, so every later migration runs on a database holding them.
        await ds.query(
          `INSERT INTO pupil (id, upn, legal_first_name, legal_last_name, date_of_birth, year_group, date_joined, created_at, updated_at)
           VALUES ('p1', 'H801200001001', 'Ada', 'Example', '2015-01-02', '6', '2019-09-04', 'x', 'x')`,
        );
      }
      await ds.destroy();
    }
    // Re-opening runs nothing and keeps the rows.
    const again = makeDataSource(store);
    await again.initialize();
    expect(await again.showMigrations()).toBe(false);
    expect(await again.query('SELECT upn FROM pupil')).toEqual([{ upn: 'H801200001001' }]);
    await again.destroy();
  });

  it('can undo the latest migration and apply it again', async () => {
    const ds = await migrated(driver);
    await ds.undoLastMigration({ transaction: 'each' });
    expect(await ds.showMigrations()).toBe(true);
    await ds.runMigrations({ transaction: 'each' });
    expect(await ds.showMigrations()).toBe(false);
  });
});

it('turns on WAL and foreign keys on SQLite', async () => {
  const ds = await migrated('sqlite');
  expect(await ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  expect(await ds.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
});

it('lists every entity once', () => {
  expect(new Set(ENTITIES).size).toBe(ENTITIES.length);
});
