/**
 * The data folder is private to the account that runs SENCo Desk (issue 14, item 8): the folder 0700, the database and
 * its -wal and -shm 0600, the backups folder 0700 and its files 0600, even when the folder and files already existed
 * with wider modes (an earlier version, a folder made by hand, a restrictive umask not in force). POSIX only: on
 * Windows a file's mode bits are not its access control, and the code skips them.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../cli/test-support';
import { createBackup } from './backup';
import { openCoreAt } from './core';
import { DB_FILE } from './data-dir';
import { setUp } from './testing/harness';

const posix = process.platform !== 'win32';
const modeOf = (f: string) => statSync(f).mode & 0o777;

describe.skipIf(!posix)('owner-only data folder and database files (skipped on Windows: modes are not access control there)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let db: string;
  const oldUmask = process.umask();

  beforeEach(() => {
    tmp = tempDir('senco-modes-');
    data = join(tmp.dir, 'data');
    db = join(data, DB_FILE);
    // What an earlier version or a hand-made folder can leave: everything readable by every account.
    process.umask(0o022);
  });
  afterEach(() => {
    process.umask(oldUmask);
    tmp.remove();
  });

  for (const encrypted of [false, true]) {
    it(`tightens a folder and files that already existed (${encrypted ? 'encrypted' : 'plain'} store)`, async () => {
      const env = encrypted ? {} : { SENCO_ENCRYPT: '0' };
      mkdirSync(data, { mode: 0o755 });
      const first = await openCoreAt(data, env, { credentials: null });
      await setUp(first);
      await first.close();
      mkdirSync(join(data, 'backups'), { mode: 0o755 });
      chmodSync(data, 0o755);
      chmodSync(join(data, 'backups'), 0o755);
      chmodSync(db, 0o644);

      const creds = encrypted ? { kind: 'password' as const, username: 'sam.senco', password: 'correct horse battery' } : null;
      const core = await openCoreAt(data, env, { credentials: creds });
      try {
        // A write, so SQLite has its -wal and -shm beside the database while it is open.
        await core.ds.query('SELECT count(*) FROM app_user');
        expect(modeOf(data)).toBe(0o700);
        expect(modeOf(db)).toBe(0o600);
        for (const side of [`${db}-wal`, `${db}-shm`]) {
          expect(existsSync(side), side).toBe(true);
          expect(modeOf(side), side).toBe(0o600);
        }
        const b = await createBackup({ dataDir: data, store: core.store });
        expect(modeOf(join(data, 'backups'))).toBe(0o700);
        expect(modeOf(b.file)).toBe(0o600);
        for (const f of readdirSync(data).filter((n) => n.endsWith('.json'))) expect(modeOf(join(data, f)), f).toBe(0o600);
      } finally {
        await core.close();
      }
    });
  }

  it('a -wal and -shm left readable by an earlier version are tightened before the store opens', async () => {
    const first = await openCoreAt(data, { SENCO_ENCRYPT: '0' });
    await setUp(first);
    // Held open, so its -wal and -shm stay; a second open (another process, as the CLI is) finds them 0644.
    try {
      chmodSync(db, 0o644);
      chmodSync(`${db}-wal`, 0o644);
      chmodSync(`${db}-shm`, 0o644);
      const second = await openCoreAt(data, { SENCO_ENCRYPT: '0' });
      await second.close();
      expect([modeOf(db), modeOf(`${db}-wal`), modeOf(`${db}-shm`)]).toEqual([0o600, 0o600, 0o600]);
    } finally {
      await first.close();
    }
  });
});
