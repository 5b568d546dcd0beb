/**
 * Backup and restore of an encrypted store (electron/core/crypto): the backup is encrypted with the same key and
 * carries its keyring; it restores over the live database with the current key, and onto a new machine with its
 * keyring and a user's password; without credentials that open it, it is refused and nothing is changed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUpn } from '../../../shared/upn';
import { tempDir } from '../../cli/test-support';
import { openCoreAt } from '../core';
import { DB_FILE } from '../data-dir';
import { SENCO_USER, SYSTEM, pupilInput, setUp } from '../testing/harness';
import { BackupError, createBackup, restoreBackup } from '.';
import { keyringPathFor } from './encryption';
import { hasSqliteHeader } from './inspect';
import { fingerprint, snapshotFiles } from './test-support';

/** The pupils' surname (pupilInput's) found in the file's bytes as UTF-8 or UTF-16: none in an encrypted file. */
function plaintextIn(file: string): string[] {
  const bytes = readFileSync(file);
  const needle = String(pupilInput().legalLastName);
  return [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')].filter((b) => bytes.includes(b)).map((b) => b.toString('hex'));
}

const CREDS = { SENCO_USERNAME: SENCO_USER.username, SENCO_PASSWORD: SENCO_USER.password };

describe('backup and restore of an encrypted store', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let live: string;
  let key: string;

  beforeAll(async () => {
    tmp = tempDir('senco-backup-enc-');
    data = join(tmp.dir, 'data');
    live = join(data, DB_FILE);
    // No SENCO_ENCRYPT: a new data folder is encrypted.
    const core = await openCoreAt(data, {});
    try {
      await setUp(core);
    } finally {
      await core.close();
    }
    const reopened = await openCoreAt(data, CREDS);
    try {
      const store = reopened.store;
      if (store.kind !== 'sqlite' || !store.key) throw new Error('expected an encrypted SQLite store');
      key = store.key;
      const r = await reopened.dispatcher.invokeAs(SYSTEM, 'pupils.create', pupilInput({ upn: makeUpn(999, 4198, 26, 1) }));
      expect(r).toMatchObject({ ok: true });
    } finally {
      await reopened.close();
    }
    expect(hasSqliteHeader(live)).toBe(false);
  }, 60_000);
  afterAll(() => tmp?.remove());

  it('backs up encrypted, with the keyring beside it, and restores over changed data with the current key', async () => {
    const before = await fingerprint(live, key);
    const b = await createBackup({ dataDir: data, env: CREDS });
    expect(b.encrypted).toBe(true);
    expect(b.keyring).toBe(keyringPathFor(b.file));
    expect(existsSync(b.keyring!)).toBe(true);
    expect(hasSqliteHeader(b.file)).toBe(false);
    expect(await fingerprint(b.file, key)).toEqual(before);
    // VACUUM INTO on the encrypted store wrote the copy encrypted: no pupil's name, in any encoding SQLite uses.
    expect(plaintextIn(b.file)).toEqual([]);

    const core = await openCoreAt(data, CREDS);
    try {
      expect(await core.dispatcher.invokeAs(SYSTEM, 'pupils.create', pupilInput({ upn: makeUpn(999, 4198, 26, 2) }))).toMatchObject({
        ok: true,
      });
    } finally {
      await core.close();
    }
    const changed = await fingerprint(live, key);
    expect(changed.pupil!.rows).toBe(before.pupil!.rows + 1);

    // The CLI passes the store as openCoreAt unlocked it (with its key).
    const r = await restoreBackup({ dataDir: data, from: b.file, env: CREDS, store: { kind: 'sqlite', file: live, key } });
    expect(await fingerprint(live, key, { restored: true })).toEqual(before);
    expect(await fingerprint(r.safetyCopy!, key)).toEqual(changed);
    expect(existsSync(keyringPathFor(r.safetyCopy!))).toBe(true);
    expect(plaintextIn(r.safetyCopy!)).toEqual([]);
    expect(plaintextIn(live)).toEqual([]);
    const reopened = await openCoreAt(data, CREDS);
    await reopened.close();
  });

  it('restores onto a new machine with the keyring and a password, and refuses without them', async () => {
    const b = await createBackup({ dataDir: data, env: CREDS });
    const fresh = join(tmp.dir, 'new-machine');
    const refused = await restoreBackup({
      dataDir: fresh,
      from: b.file,
      env: { SENCO_USERNAME: SENCO_USER.username, SENCO_PASSWORD: 'not the password' },
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BackupError);
    expect((refused as BackupError).code).toBe('encrypted');
    expect((refused as BackupError).message).toMatch(/did not open it with the credentials given.*Nothing was changed\./);
    expect(snapshotFiles(join(fresh, DB_FILE))[join(fresh, DB_FILE)]).toBeNull();

    const r = await restoreBackup({ dataDir: fresh, from: b.file, env: CREDS });
    expect(r.safetyCopy).toBeNull();
    expect(existsSync(keyringPathFor(join(fresh, DB_FILE)))).toBe(true);
    expect(await fingerprint(join(fresh, DB_FILE), key, { restored: true })).toEqual(await fingerprint(b.file, key));
    const core = await openCoreAt(fresh, CREDS);
    try {
      const list = await core.dispatcher.invokeAs(SYSTEM, 'pupils.list', {});
      expect(list.ok && list.value.total).toBe(1);
    } finally {
      await core.close();
    }
  });
});
