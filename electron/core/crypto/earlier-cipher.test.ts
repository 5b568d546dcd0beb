/**
 * A data folder from an earlier test version, encrypted with SQLCipher 4 (@journeyapps/sqlcipher): libsql's only
 * cipher is SQLite3 Multiple Ciphers' AES-256-CBC, so it cannot read it. SENCo Desk must say so plainly and change
 * nothing in the folder: never treat it as a new or half-set-up folder and write over it.
 *
 * fixtures/sqlcipher4-earlier.sqlite was written by @journeyapps/sqlcipher 6.0.0 (SQLCipher 4, SQLite 3.51.3) with
 * PRAGMA key = "x'5e5e…5e'" (32 bytes of 0x5e): one table `pupil` with one synthetic row, user_version 13.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCoreAt } from '../core';
import { DB_FILE } from '../data-dir';
import { openRaw } from '../backup/sqlite-raw';
import { BackupError, prepareRestore } from '../backup';
import { EARLIER_CIPHER, KeyringError, emptyKeyring, keyringPathFor, withNewRecoveryKey, withUser, writeKeyring } from './keyring';

const FIXTURE = join(__dirname, 'fixtures', 'sqlcipher4-earlier.sqlite');
const KEY = Buffer.alloc(32, 0x5e);
const ENV = { SENCO_DATABASE_URL: '' };
const USER = { userId: 'u-1', username: 'sam.senco', password: 'a long enough password' };

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'senco-earlier-'));
  file = join(dir, DB_FILE);
  copyFileSync(FIXTURE, file);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every file in the folder with the SHA-256 of its bytes. */
function snapshot(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => [
        e.name,
        e.isDirectory()
          ? 'folder'
          : createHash('sha256')
              .update(readFileSync(join(dir, e.name)))
              .digest('hex'),
      ]),
  );
}

async function earlierKeyring(pending: boolean): Promise<void> {
  const kr = withNewRecoveryKey(await withUser(emptyKeyring(), KEY, USER, { N: 1 << 10, r: 8, p: 1 }), KEY).keyring;
  writeKeyring(keyringPathFor(file), { ...kr, cipher: EARLIER_CIPHER, pending });
}

describe('a data folder encrypted by an earlier version with SQLCipher', () => {
  it('cannot be read by this version’s SQLite, even with the right key', async () => {
    const db = await openRaw(file, { readOnly: true, key: `x'${KEY.toString('hex')}'` });
    try {
      await expect(db.all('SELECT count(*) AS n FROM pupil')).rejects.toThrow(/file is not a database/);
    } finally {
      await db.close();
    }
  });

  it('as a backup, is refused by restore with a plain message, and nothing is written to the data folder', async () => {
    await earlierKeyring(false);
    const data = join(dir, 'data');
    const before = snapshot();
    const err: unknown = await prepareRestore({
      dataDir: data,
      from: file,
      env: { ...ENV, SENCO_USERNAME: USER.username, SENCO_PASSWORD: USER.password },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BackupError);
    expect((err as Error).message).toMatch(
      /cannot be restored: it was encrypted by an earlier test version of SENCo Desk \(with SQLCipher\).*Nothing was changed/,
    );
    expect(readdirSync(data)).toEqual([]);
    expect(snapshot()).toEqual({ ...before, data: snapshot().data });
  });

  for (const pending of [false, true]) {
    it(`is refused with a plain message and left exactly as it was (keyring ${pending ? 'pending' : 'complete'})`, async () => {
      await earlierKeyring(pending);
      const before = snapshot();
      for (const credentials of [{ kind: 'password' as const, username: USER.username, password: USER.password }, null]) {
        const err: unknown = await openCoreAt(dir, ENV, { credentials }).then(
          async (core) => {
            await core.close();
            return null;
          },
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(KeyringError);
        expect(err).toMatchObject({ code: 'earlier_cipher' });
        expect((err as Error).message).toMatch(
          /earlier test version of SENCo Desk \(with SQLCipher\).*cannot read.*Nothing in the folder has been changed/,
        );
        expect(snapshot()).toEqual(before);
      }
    });
  }
});
