/**
 * The libsql module as the store uses it (sqlite-driver.ts), for the two ways libsql 0.5.29 differs from what the
 * code was written for:
 * - binding: a boolean parameter makes libsql's binding panic (the whole process aborts), and a single Buffer or
 *   null parameter spread by TypeORM (`stmt.all(...params)`) is taken for named parameters and panics or throws;
 *   through SafeDatabase they bind as node-sqlite3 bound them;
 * - closing: libsql keeps the file open after close() while any prepared statement is alive (libsql-js#228); the
 *   store's destroy() must leave it really closed (its -wal removed, no lock held), or a restore right after the app
 *   closes finds the database "in use", and Windows cannot rename it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './data-source';
import { openRaw } from '../backup/sqlite-raw';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'senco-driver-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the SQLite driver (libsql through SafeDatabase)', () => {
  it('binds booleans, Dates, a lone Buffer and a lone null as node-sqlite3 did', async () => {
    const ds = await openStore({ kind: 'sqlite', file: join(dir, 'bind.sqlite') });
    try {
      await ds.query('CREATE TABLE t (id INTEGER PRIMARY KEY, v)');
      await ds.query('INSERT INTO t (v) VALUES (?)', [true]);
      await ds.query('INSERT INTO t (v) VALUES (?)', [false]);
      await ds.query('INSERT INTO t (v) VALUES (?)', [new Date(Date.UTC(2026, 11, 7))]);
      await ds.query('INSERT INTO t (v) VALUES (?)', [Buffer.from('bytes')]);
      await ds.query('INSERT INTO t (v) VALUES (?)', [null]);
      const rows = (await ds.query('SELECT v FROM t ORDER BY id')) as { v: unknown }[];
      expect(rows.map((r) => r.v)).toEqual([1, 0, Date.UTC(2026, 11, 7), Buffer.from('bytes'), null]);
      // ?NNN parameters take the array by position.
      expect(await ds.query('SELECT ?2 AS b, ?1 AS a', ['one', 'two'])).toEqual([{ b: 'two', a: 'one' }]);
      await expect(ds.query('SELECT ? AS x', [{ not: 'bindable' }])).rejects.toThrow(/cannot be stored in SQLite/);
    } finally {
      await ds.destroy();
    }
  });

  it('closes the file for real when the store is destroyed: no -wal left, and another connection can lock it at once', async () => {
    const file = join(dir, 'close.sqlite');
    const ds = await openStore({ kind: 'sqlite', file });
    await ds.query('CREATE TABLE t (x)');
    await ds.query('INSERT INTO t VALUES (1)');
    expect((await ds.query('SELECT count(*) AS n FROM t')) as unknown[]).toEqual([{ n: 1 }]);
    expect(existsSync(`${file}-wal`)).toBe(true);
    await ds.destroy();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const raw = await openRaw(file, { busyTimeoutMs: 0 });
    try {
      await raw.exec('PRAGMA locking_mode = EXCLUSIVE');
      await raw.exec('BEGIN EXCLUSIVE');
      await raw.exec('COMMIT');
    } finally {
      await raw.close();
    }
  });
});
