/**
 * Old keys left behind (issue 14, item 6): no file in the data folder but the live keyring holds a copy of the
 * database key, so a key the live keyring has revoked (a disabled user's, a user's under an old password) opens
 * nothing. Keyring writes are atomic renames with no `.bak`; a `.bak` or a crashed write's temporary file left by an
 * earlier version is deleted at the next start.
 *
 * Backups are the exception, by design: a backup's key file is the keyring as it was when the backup was made (it has
 * to be, to open that backup), so an old password opens an old backup (README, "Back it up"). They live in the
 * backups folder, which this test leaves out for that reason.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo, UserSummary } from '../../../shared/contract';
import { tempDir } from '../../cli/test-support';
import { openCoreAt } from '../core';
import { DB_FILE } from '../data-dir';
import { CoreGate } from '../gate';
import { SCHOOL, SENCO_USER } from '../testing/harness';
import { keyringPathFor, unlockWithPassword, type KeyringFile } from './keyring';

const ENV = { SENCO_DATABASE_URL: '' };
const THERAPIST = {
  displayName: 'Tess Therapist',
  username: 'tess.therapist',
  password: 'therapist password 1',
  role: 'therapist',
} as const;
const NEW_SENCO_PASSWORD = 'a brand new passphrase';

/** Every file directly in the data folder that some password opens the database key with (by any user's entry). */
async function filesThatOpen(dir: string, username: string, password: string): Promise<string[]> {
  const opened: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (!statSync(file).isFile()) continue;
    let kr: KeyringFile;
    try {
      kr = JSON.parse(readFileSync(file, 'utf8')) as KeyringFile;
    } catch {
      continue;
    }
    if (!kr || !Array.isArray(kr.users) || typeof kr.lookupSalt !== 'string') continue;
    if (
      await unlockWithPassword(kr, username, password).then(
        () => true,
        () => false,
      )
    )
      opened.push(name);
  }
  return opened;
}

describe('copies of the keyring beside the live one', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dir: string;
  let keyring: string;

  beforeEach(() => {
    tmp = tempDir('senco-keyring-copies-');
    dir = join(tmp.dir, 'data');
    keyring = keyringPathFor(join(dir, DB_FILE));
  });
  afterEach(() => tmp.remove());

  it('after a user is disabled and a password changed, the old passwords open no file in the data folder', async () => {
    const gate = await CoreGate.open(dir, ENV);
    try {
      const setup = await gate.invoke({ op: 'setup.initialise', input: { school: SCHOOL, user: SENCO_USER } });
      const senco = (setup as { value: SessionInfo }).value.session;
      const tess = (await gate.invoke({ op: 'users.create', session: senco, input: THERAPIST })) as { value: UserSummary };
      expect(await filesThatOpen(dir, THERAPIST.username, THERAPIST.password)).toEqual([DB_FILE.replace(/\.sqlite$/, '.keys.json')]);
      expect(await gate.invoke({ op: 'users.setActive', session: senco, input: { id: tess.value.id, active: false } })).toMatchObject({
        ok: true,
      });
      expect(
        await gate.invoke({
          op: 'auth.changePassword',
          session: senco,
          input: { currentPassword: SENCO_USER.password, newPassword: NEW_SENCO_PASSWORD },
        }),
      ).toMatchObject({ ok: true });
    } finally {
      await gate.close();
    }
    expect(await filesThatOpen(dir, THERAPIST.username, THERAPIST.password)).toEqual([]);
    expect(await filesThatOpen(dir, SENCO_USER.username, SENCO_USER.password)).toEqual([]);
    // The live keyring opens with the new password, and only it does.
    expect(await filesThatOpen(dir, SENCO_USER.username, NEW_SENCO_PASSWORD)).toEqual(['senco-desk.keys.json']);
    // And so the database does not open with the old password either.
    await expect(
      openCoreAt(dir, ENV, { credentials: { kind: 'password', username: THERAPIST.username, password: THERAPIST.password } }),
    ).rejects.toMatchObject({
      code: 'wrong_password',
    });
  }, 60_000);

  it('a .bak or an interrupted write left by an earlier version is deleted when the folder is next opened', async () => {
    const gate = await CoreGate.open(dir, ENV);
    try {
      await gate.invoke({ op: 'setup.initialise', input: { school: SCHOOL, user: SENCO_USER } });
    } finally {
      await gate.close();
    }
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    // What versions before this one left: the previous keyring as .bak, and the temporary file of a write cut short.
    copyFileSync(keyring, `${keyring}.bak`);
    copyFileSync(keyring, `${keyring}.${dead}.0badc0de.tmp`);
    // A running process's write in progress is its own business.
    writeFileSync(`${keyring}.${process.pid}.12345678.tmp`, '{}');
    const locked = await CoreGate.open(dir, ENV);
    await locked.close();
    expect(
      readdirSync(dir)
        .filter((n) => n.includes('.keys.json'))
        .sort(),
    ).toEqual(['senco-desk.keys.json', `senco-desk.keys.json.${process.pid}.12345678.tmp`]);
  });
});
