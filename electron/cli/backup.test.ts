/**
 * `senco-desk backup` and `senco-desk restore`, in-process on a temporary data folder: output, JSON, exit codes,
 * the confirmation, --check, and the refusals (damaged backup, the app holding the database, PostgreSQL).
 */
import { copyFileSync, statSync, truncateSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCoreAt } from '../core/core';
import { DB_FILE } from '../core/data-dir';
import { fingerprint, snapshotFiles } from '../core/backup/test-support';
import type { CliIo, CliStdin } from './io';
import { runCli } from './program';
import { INIT_ARGS, PASSWORD, cli, tempDir } from './test-support';

// A plain SQLite folder (the encrypted case is in electron/core/backup/encrypted.test.ts).
const ENV = { SENCO_ENCRYPT: '0' };

describe('senco-desk backup and restore', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let live: string;
  let backup: string;

  beforeAll(async () => {
    tmp = tempDir('senco-cli-backup-');
    data = join(tmp.dir, 'data');
    live = join(data, DB_FILE);
    const init = await cli([...INIT_ARGS, '--data', data], { env: { ...ENV, SENCO_PASSWORD: PASSWORD } });
    expect(init.code).toBe(0);
  });
  afterAll(() => tmp.remove());

  it('backup writes <data>/backups/senco-desk-<time>.sqlite and prints its size, check and row counts', async () => {
    const r = await cli(['backup', '--data', data], { env: ENV });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Backed up .* to .*backups[\\/]senco-desk-\d{4}-\d{2}-\d{2}-\d{6}\.sqlite \([\d.]+ KB, [\d.]+ s\)\. Integrity check: ok\.\n/,
    );
    expect(r.stdout).toMatch(/\napp_user +1\n/);
    expect(r.stdout).toMatch(/\nschool +1\n/);
    expect(r.stdout).toMatch(/senco-desk restore --from ".*senco-desk-.*\.sqlite" --data ".*"/);

    const j = await cli(['backup', '--data', data, '--json'], { env: ENV });
    expect(j.code).toBe(0);
    const doc = JSON.parse(j.stdout);
    expect(doc).toMatchObject({ ok: true, integrity: 'ok', encrypted: false, keyring: null });
    expect(doc.tables).toContainEqual({ table: 'school', rows: 1 });
    expect(doc.bytes).toBe(statSync(doc.file).size);
    backup = doc.file;

    const out = join(tmp.dir, 'copy.sqlite');
    expect((await cli(['backup', '--data', data, '--out', out], { env: ENV })).code).toBe(0);
    const again = await cli(['backup', '--data', data, '--out', out], { env: ENV });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/copy\.sqlite already exists: nothing was written\. Choose another name, or add --force to replace it\./);
    expect((await cli(['backup', '--data', data, '--out', out, '--force'], { env: ENV })).code).toBe(0);

    const none = await cli(['backup', '--data', join(tmp.dir, 'empty-folder')], { env: ENV });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/There is no SENCo Desk database in .*empty-folder to back up/);
    const pg = await cli(['backup', '--data', data, '--json'], { env: { ...ENV, SENCO_DATABASE_URL: 'postgres://localhost/senco' } });
    expect(pg.code).toBe(1);
    expect(JSON.parse(pg.stdout)).toMatchObject({ ok: false, error: { code: 'postgres' } });
    expect(pg.stderr).toMatch(/pg_dump/);
    for (const x of [again, none, pg]) expect(x.stderr).not.toMatch(/\n\s+at /);
  });

  it('restore needs --yes without a terminal, --check changes nothing, and --yes restores with a safety copy', async () => {
    const before = await fingerprint(live);
    const add = await cli(['demo', '--size', 'small', '--data', data], { env: ENV });
    expect(add.code).toBe(0);
    const changed = snapshotFiles(live);

    const noYes = await cli(['restore', '--from', backup, '--data', data], { env: ENV });
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toMatch(/add --yes to confirm .*Nothing was changed\./);
    const check = await cli(['restore', '--from', backup, '--data', data, '--check'], { env: ENV });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/a SENCo Desk backup \([\d.]+ KB\); integrity check: ok; \d+ migrations, all known to this version\./);
    expect(check.stdout).toMatch(/Checked only: Nothing was changed\./);
    expect(snapshotFiles(live)).toEqual(changed);

    const r = await cli(['restore', '--from', backup, '--data', data, '--yes'], { env: ENV });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Restoring replaces the database .*senco-desk\.sqlite; it is first kept as a safety copy in the backups folder\./,
    );
    expect(r.stdout).toMatch(
      /Restored .* into .*senco-desk\.sqlite \([\d.]+ s\)\.\nThe database as it was before is kept in .*before-restore-\d{4}-\d{2}-\d{2}-\d{6}\.sqlite\.\nIt was already up to date with this version\./,
    );
    expect(await fingerprint(live, undefined, { restored: true })).toEqual(before);
    const safety = /kept in (.*before-restore-\S+\.sqlite)\./.exec(r.stdout)![1]!;
    expect((await fingerprint(safety)).pupil!.rows).toBe(62);
  });

  it('asks on a terminal, and "no" cancels with nothing changed', async () => {
    const unchanged = snapshotFiles(live);
    const out: string[] = [];
    const err: string[] = [];
    const stdin = Object.assign(Readable.from(['no\n']), { isTTY: true }) as unknown as CliStdin;
    const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stdin, env: { USER: 'tester', ...ENV } };
    const code = await runCli(['restore', '--from', backup, '--data', data], io);
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/Type yes to restore it: senco-desk: Cancelled: Nothing was changed\./);
    expect(snapshotFiles(live)).toEqual(unchanged);
  });

  it('refuses a damaged backup, and refuses while SENCo Desk has the database open, changing nothing', async () => {
    const unchanged = snapshotFiles(live);
    const damaged = join(tmp.dir, 'damaged.sqlite');
    copyFileSync(backup, damaged);
    truncateSync(damaged, Math.floor(statSync(damaged).size / 2));
    const bad = await cli(['restore', '--from', damaged, '--data', data, '--yes', '--json'], { env: ENV });
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(bad.stderr).toMatch(/damaged\.sqlite cannot be restored: .*Nothing was changed\./);

    const missing = await cli(['restore', '--from', join(tmp.dir, 'nope.sqlite'), '--data', data, '--yes'], { env: ENV });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/There is no backup file at .*nope\.sqlite/);

    const app = await openCoreAt(data, ENV);
    try {
      const busy = await cli(['restore', '--from', backup, '--data', data, '--yes'], { env: ENV });
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(
        /is open in SENCo Desk \(or another program\): close SENCo Desk on this computer first, then run the restore again\. Nothing was changed\./,
      );
    } finally {
      await app.close();
    }
    expect(snapshotFiles(live)).toEqual(unchanged);
    expect(basename(backup)).toMatch(/^senco-desk-/);
  });

  it('documents both commands in --help', async () => {
    const b = await cli(['backup', '--help']);
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/--out <file>/);
    expect(b.stdout).toMatch(/online backup API/);
    const r = await cli(['restore', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--from <file>/);
    expect(r.stdout).toMatch(/--yes/);
    expect(r.stdout).toMatch(/before-restore-YYYY-MM-DD-HHMMSS\.sqlite/);
  });
});
