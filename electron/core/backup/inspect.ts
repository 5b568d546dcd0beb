/**
 * What a database file holds, as backup and restore report and check it: SQLite's own integrity check, the
 * tables with their row counts, and the migrations applied (TypeORM's `migrations` table).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { sqliteModule } from '../db/sqlite-driver';
import { ENTITIES } from '../db/entities';
import { MIGRATIONS } from '../db/migrations';
import type { RawDb } from './sqlite-raw';

export interface TableCount {
  readonly table: string;
  readonly rows: number;
}

export interface DatabaseSummary {
  /** ['ok'], or SQLite's first messages about what is wrong. */
  readonly integrity: readonly string[];
  readonly tables: readonly TableCount[];
  /** Migration names in the order applied; null when there is no migrations table. */
  readonly migrations: readonly string[] | null;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function integrityOf(db: RawDb, maxErrors = 10): Promise<string[]> {
  const rows = await db.all<{ integrity_check: string }>(`PRAGMA integrity_check(${maxErrors})`);
  return rows.map((r) => r.integrity_check);
}

export async function tableNames(db: RawDb): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  return rows.map((r) => r.name);
}

export async function tableCounts(db: RawDb): Promise<TableCount[]> {
  const out: TableCount[] = [];
  for (const table of await tableNames(db)) {
    const [row] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${quote(table)}`);
    out.push({ table, rows: Number(row?.n ?? 0) });
  }
  return out;
}

export async function appliedMigrations(db: RawDb): Promise<string[] | null> {
  if (!(await tableNames(db)).includes('migrations')) return null;
  const rows = await db.all<{ name: string }>('SELECT name FROM migrations ORDER BY id');
  return rows.map((r) => r.name);
}

export async function summarise(db: RawDb): Promise<DatabaseSummary> {
  const integrity = await integrityOf(db);
  // Counting rows reads every table: only worth it (and only safe to trust) on a file that passed the check.
  const ok = integrity.length === 1 && integrity[0] === 'ok';
  return { integrity, tables: ok ? await tableCounts(db) : [], migrations: ok ? await appliedMigrations(db) : null };
}

export function isIntact(s: Pick<DatabaseSummary, 'integrity'>): boolean {
  return s.integrity.length === 1 && s.integrity[0] === 'ok';
}

/** The migrations this version knows, by the name TypeORM records. */
export function knownMigrationNames(): string[] {
  return MIGRATIONS.map((M) => new M().name ?? M.name);
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file starts with SQLite's header (an encrypted or foreign file does not). */
export function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SQLITE_MAGIC.length);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return n === buf.length && buf.equals(SQLITE_MAGIC);
  } finally {
    closeSync(fd);
  }
}

const expectedCache = new Map<string, readonly string[]>();

/**
 * The tables a database must have once the named migrations ran: found by running exactly those migrations on an
 * empty in-memory database, so the check follows the migrations and never needs a hand-kept list.
 */
export async function tablesAfter(migrationNames: readonly string[]): Promise<readonly string[]> {
  const key = migrationNames.join(',');
  const cached = expectedCache.get(key);
  if (cached) return cached;
  const wanted = new Set(migrationNames);
  const ds = new DataSource({
    // The one SQLite library (db/sqlite-driver.ts), as the store uses it.
    type: 'better-sqlite3',
    driver: sqliteModule(),
    database: ':memory:',
    entities: ENTITIES,
    migrations: MIGRATIONS.filter((M) => wanted.has(new M().name ?? M.name)),
    synchronize: false,
    logging: false,
  });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'all' });
    const rows: { name: string }[] = await ds.query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    const names = rows.map((r) => r.name);
    expectedCache.set(key, names);
    return names;
  } finally {
    await ds.destroy();
  }
}
