/**
 * libsql's cipher (AES-256-CBC, SQLite3 Multiple Ciphers) has no per-page authentication code: a page garbled on
 * disk decrypts to noise instead of failing loudly. So after an unclean shutdown (the -wal SQLite leaves beside a
 * file it never closed) the store is checked with PRAGMA quick_check before use, and a damaged file is refused with
 * a message that says what to do, with nothing written to it.
 *
 * The "crash" here is a copy of the files taken while the store is still open (the -wal beside it), which is what
 * a killed process leaves behind; the crash test (backup/crash.test.ts) kills real processes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, closeSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DamagedDatabaseError, openStore, uncleanShutdown } from './data-source';
import { databaseKeyLiteral, newDatabaseKey } from '../crypto/keyring';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'senco-unclean-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const PAGE = 4096;

/** An encrypted store with a table of a few hundred pages, and a copy of its files taken while it was still open. */
async function crashedCopy(key: string): Promise<{ readonly file: string; readonly rows: number }> {
  const live = join(dir, 'live.sqlite');
  const ds = await openStore({ kind: 'sqlite', file: live, key });
  const rows = 3000;
  try {
    await ds.query('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    await ds.transaction(async (em) => {
      for (let i = 0; i < rows; i++) await em.query('INSERT INTO filler (body) VALUES (?)', [`row ${i} ${'x'.repeat(300)}`]);
    });
    // Everything committed into the main file; the (now empty) -wal stays while the connection is open.
    await ds.query('PRAGMA wal_checkpoint(TRUNCATE)');
    const crashed = join(dir, 'crashed.sqlite');
    copyFileSync(live, crashed);
    copyFileSync(`${live}-wal`, `${crashed}-wal`);
    return { file: crashed, rows };
  } finally {
    await ds.destroy();
  }
}

describe('opening a SQLite store after an unclean shutdown', () => {
  it('checks it, and opens it when it is intact', async () => {
    const key = databaseKeyLiteral(newDatabaseKey());
    const { file, rows } = await crashedCopy(key);
    expect(uncleanShutdown(file)).toBe(true);
    const ds = await openStore({ kind: 'sqlite', file, key });
    try {
      const [row] = (await ds.query('SELECT count(*) AS n FROM filler')) as { n: number }[];
      expect(Number(row?.n)).toBe(rows);
    } finally {
      await ds.destroy();
    }
    // Closed cleanly this time: SQLite removed its -wal.
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(uncleanShutdown(file)).toBe(false);
  });

  it('refuses a file whose pages were damaged, saying to restore a backup, and writes nothing to it', async () => {
    const key = databaseKeyLiteral(newDatabaseKey());
    const { file } = await crashedCopy(key);
    // Garble one page in the middle of the table (as a torn write or a failing disk would).
    const pages = statSync(file).size / PAGE;
    expect(pages).toBeGreaterThan(100);
    const fd = openSync(file, 'r+');
    try {
      writeSync(fd, randomBytes(PAGE), 0, PAGE, Math.floor(pages / 2) * PAGE);
    } finally {
      closeSync(fd);
    }
    const before = sha(file);
    const err: unknown = await openStore({ kind: 'sqlite', file, key }).then(
      async (ds) => {
        await ds.destroy();
        return null;
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DamagedDatabaseError);
    expect((err as Error).message).toMatch(
      /was not closed properly last time.*found damage.*Nothing has been changed.*senco-desk restore --from/s,
    );
    expect(sha(file)).toBe(before);
  });
});
