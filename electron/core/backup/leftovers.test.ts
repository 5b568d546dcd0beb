/**
 * Leftovers of a killed backup or restore (issue 14, item 8) are settled at the next start, by the app's open path
 * and by the command line, without touching a file a running process is still writing or the only good copy of the
 * database or its key file. (A restore killed at every step, end to end: restore-crash.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../../cli/test-support';
import { openCoreAt } from '../core';
import { DB_FILE } from '../data-dir';
import { CoreGate } from '../gate';
import { SENCO_USER, setUp } from '../testing/harness';
import { keyringPathFor } from './encryption';
import { cleanUpLeftovers } from './leftovers';
import { filesIn, snapshotFiles } from './test-support';

const ENV = { SENCO_ENCRYPT: '0' };

/** The id of a process that has ended (a child run to completion). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  if (r.pid === undefined) throw new Error('could not start a child process');
  return r.pid;
}

describe('leftovers of a killed backup or restore', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let live: string;
  let backups: string;

  beforeEach(async () => {
    tmp = tempDir('senco-leftovers-');
    data = join(tmp.dir, 'data');
    live = join(data, DB_FILE);
    backups = join(data, 'backups');
    const core = await openCoreAt(data, ENV);
    try {
      await setUp(core);
    } finally {
      await core.close();
    }
    mkdirSync(backups, { recursive: true });
  });
  afterEach(() => tmp.remove());

  /** What a backup and a restore killed part-way leave, and a backup another process is writing right now. */
  function leaveLeftovers(): { readonly gone: string[]; readonly kept: string[] } {
    const dead = deadPid();
    const gone = [
      join(backups, `senco-desk-2026-11-14-093015.sqlite.partial-${dead}-0123456789ab`),
      join(backups, `senco-desk-2026-11-14-093015.sqlite.partial-${dead}-0123456789ab-journal`),
      join(backups, `senco-desk-2026-11-14-093015.keys.json.partial-${dead}-a1b2c3d4e5f6`),
      join(backups, `before-restore-2026-11-14-093016.sqlite.partial-${dead}-abcdefabcdef`),
      // From a version before the writer's process id was in the name.
      join(backups, 'senco-desk-2026-11-13-093015.sqlite.partial-0a0b0c0d0e0f'),
      // A restore killed before its checked copy replaced anything.
      `${live}.restoring-${dead}-fedcba987654`,
      `${live}.restoring-${dead}-fedcba987654-wal`,
      `${live}.partial-${dead}-00aa11bb22cc`,
    ];
    // This process is running: its backup in progress is not touched.
    const kept = [join(backups, `senco-desk-2026-11-14-100000.sqlite.partial-${process.pid}-999999999999`)];
    for (const f of [...gone, ...kept]) writeFileSync(f, 'half a file');
    return { gone, kept };
  }

  it("the app opening the folder deletes them, and leaves a running writer's file and the database alone", async () => {
    const { gone, kept } = leaveLeftovers();
    const before = snapshotFiles(live);
    const gate = await CoreGate.open(data, ENV);
    await gate.close();
    expect(gone.filter((f) => existsSync(f))).toEqual([]);
    expect(kept.filter((f) => existsSync(f))).toEqual(kept);
    expect(snapshotFiles(live)[live]).toBe(before[live]);
  });

  it('so does any senco-desk command', async () => {
    const { gone, kept } = leaveLeftovers();
    const r = await cli(['pupils', 'list', '--data', data], {
      env: { ...ENV, SENCO_USERNAME: SENCO_USER.username, SENCO_PASSWORD: SENCO_USER.password },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(gone.filter((f) => existsSync(f))).toEqual([]);
    expect(kept.filter((f) => existsSync(f))).toEqual(kept);
  });

  it("a restore killed after its copy replaced the database is finished: the backup's key file goes in, the old one goes", () => {
    const dead = deadPid();
    const token = `.restoring-${dead}-0123456789ab`;
    const keyring = keyringPathFor(live);
    // The checked copy was renamed over the live database (so it is gone); its keyring is still staged, and the live
    // keyring of the database it replaced was moved aside.
    writeFileSync(`${keyring}${token}`, '{"the":"backup keyring"}');
    writeFileSync(`${keyring}${token}-old`, '{"the":"old keyring"}');
    const r = cleanUpLeftovers(live);
    expect(r).toMatchObject({ finished: 1, rolledBack: 0 });
    expect(readFileSync(keyring, 'utf8')).toBe('{"the":"backup keyring"}');
    expect(filesIn(data).filter((n) => n.includes('.restoring-'))).toEqual([]);
  });

  it('a restore killed before its copy replaced the database is undone: the key file moved aside goes back', () => {
    const dead = deadPid();
    const token = `.restoring-${dead}-0123456789ab`;
    const keyring = keyringPathFor(live);
    // A plain backup over an encrypted database: the live keyring was moved aside, then the process died before the
    // rename. The live database is the one that keyring opens, so it must come back.
    writeFileSync(`${keyring}${token}-old`, '{"the":"live keyring"}');
    writeFileSync(`${live}${token}`, 'the checked copy');
    const before = snapshotFiles(live);
    const r = cleanUpLeftovers(live);
    expect(r).toMatchObject({ finished: 0, rolledBack: 1 });
    expect(readFileSync(keyring, 'utf8')).toBe('{"the":"live keyring"}');
    expect(snapshotFiles(live)).toEqual(before);
    expect(filesIn(data).filter((n) => n.includes('.restoring-'))).toEqual([]);
  });

  it('a restore still running (its process alive) is left alone', () => {
    const token = `.restoring-${process.pid}-0123456789ab`;
    writeFileSync(`${live}${token}`, 'the checked copy');
    writeFileSync(`${keyringPathFor(live)}${token}`, '{}');
    expect(cleanUpLeftovers(live)).toEqual({ removed: [], finished: 0, rolledBack: 0 });
    expect(existsSync(`${live}${token}`)).toBe(true);
    expect(existsSync(`${keyringPathFor(live)}${token}`)).toBe(true);
  });
});
