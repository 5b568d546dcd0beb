/**
 * Encryption at rest, end to end on real files: a new folder is encrypted and only its users' passwords and the
 * recovery key open it; an earlier version's plain file is encrypted in place without losing a row.
 */
import { openRaw } from '../backup/sqlite-raw';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCoreAt, type Core } from '../core';
import { DB_FILE } from '../data-dir';
import { SCHOOL, SENCO_USER, pupilInput } from '../testing/harness';
import { KeyringError, formatRecoveryKey, unlockWithPassword, keyringPathFor, parseRecoveryKey, readKeyring } from './keyring';
import { countRows, fileState } from './sqlite-file';
import { randomBytes } from 'node:crypto';
import { makeUpn } from '../../../shared/upn';
import { signInFailedMessage } from '../lockout';

const TEACHER = { displayName: 'Tia Teacher', username: 'tia.teacher', password: 'another long password', role: 'teacher' } as const;
const OFFICE = { displayName: 'Owen Office', username: 'owen.office', password: 'office password 123', role: 'office' } as const;
const ENV = { SENCO_DATABASE_URL: '' };

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'senco-crypt-'));
  file = join(dir, DB_FILE);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const asPassword = (u: { username: string; password: string }) => ({
  kind: 'password' as const,
  username: u.username,
  password: u.password,
});

async function setUpSchool(core: Core): Promise<{ session: string; recoveryKey: string | null }> {
  const r = await core.dispatcher.invoke({ op: 'setup.initialise', input: { school: SCHOOL, user: SENCO_USER } });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as { session: string; recoveryKey: string | null };
}

async function addUser(core: Core, session: string, u: typeof TEACHER | typeof OFFICE): Promise<string> {
  const r = await core.dispatcher.invoke({ op: 'users.create', session, input: u });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { id: string }).id;
}

async function addPupils(core: Core, session: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const upn = makeUpn(999, 1234, 25, 100 + i);
    const r = await core.dispatcher.invoke({ op: 'pupils.create', session, input: pupilInput({ upn }) });
    if (!r.ok) throw new Error(r.error.message);
  }
}

/** Reading the file with SQLite and no key. */
async function plainRead(path: string): Promise<unknown> {
  const db = await openRaw(path, { readOnly: true });
  try {
    return await db.all('SELECT count(*) AS n FROM sqlite_master');
  } finally {
    await db.close();
  }
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function opensWith(creds: Parameters<typeof openCoreAt>[2]): Promise<number> {
  const core = await openCoreAt(dir, ENV, creds);
  try {
    const [row] = (await core.ds.query('SELECT count(*) AS n FROM pupil')) as { n: number }[];
    return Number(row?.n);
  } finally {
    await core.close();
  }
}

describe('an encrypted data folder', () => {
  it('is unreadable without a key; each user, and the recovery key, opens it; a disabled user no longer does', async () => {
    const core = await openCoreAt(dir, ENV, { encrypt: true, credentials: null });
    const { session, recoveryKey } = await setUpSchool(core);
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    const teacherId = await addUser(core, session, TEACHER);
    const officeId = await addUser(core, session, OFFICE);
    await addPupils(core, session, 3);
    await core.close();

    // The file: no SQLite header, and SQLite without the key cannot read it.
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(fileState(file)).toBe('encrypted');
    await expect(plainRead(file)).rejects.toThrow(/SQLITE_NOTADB|not a database/);

    // The keyring: one wrapped copy per user and the recovery copy; no usernames in it.
    const keyringText = readFileSync(keyringPathFor(file), 'utf8');
    const kr = readKeyring(keyringPathFor(file))!;
    expect(kr.pending).toBe(false);
    expect(kr.users.map((u) => u.userId)).toEqual(expect.arrayContaining([teacherId, officeId]));
    expect(kr.users).toHaveLength(3);
    expect(kr.recovery).not.toBeNull();
    for (const u of [SENCO_USER, TEACHER, OFFICE]) {
      expect(keyringText).not.toContain(u.username);
      expect(keyringText).not.toContain(u.password);
    }

    // Nothing opens it without credentials.
    await expect(openCoreAt(dir, ENV, { credentials: null })).rejects.toMatchObject({ name: 'KeyringError', code: 'locked' });

    for (const u of [SENCO_USER, TEACHER, OFFICE]) expect(await opensWith({ credentials: asPassword(u) })).toBe(3);
    expect(await opensWith({ credentials: { kind: 'recovery', recoveryKey: recoveryKey!.toLowerCase().replace(/-/g, ' ') } })).toBe(3);

    // Disable the office user: their copy goes; the others still open it.
    const again = await openCoreAt(dir, ENV, { credentials: asPassword(SENCO_USER) });
    const signIn = await again.dispatcher.invoke({
      op: 'auth.signIn',
      input: { username: SENCO_USER.username, password: SENCO_USER.password },
    });
    if (!signIn.ok) throw new Error(signIn.error.message);
    const off = await again.dispatcher.invoke({
      op: 'users.setActive',
      session: (signIn.value as { session: string }).session,
      input: { id: officeId, active: false },
    });
    expect(off.ok).toBe(true);
    await again.close();
    expect(readKeyring(keyringPathFor(file))!.users.map((u) => u.userId)).not.toContain(officeId);
    await expect(opensWith({ credentials: asPassword(OFFICE) })).rejects.toMatchObject({ code: 'wrong_password' });
    expect(await opensWith({ credentials: asPassword(TEACHER) })).toBe(3);
  });

  it('a wrong password or recovery key gets a plain message and changes nothing', async () => {
    const core = await openCoreAt(dir, ENV, { encrypt: true, credentials: null });
    await setUpSchool(core);
    await core.close();
    const before = { db: sha(file), keys: sha(keyringPathFor(file)) };

    const wrong = await openCoreAt(dir, ENV, {
      credentials: { kind: 'password', username: SENCO_USER.username, password: 'not the password' },
    }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(KeyringError);
    expect((wrong as KeyringError).message).toBe(signInFailedMessage());
    // An unknown username gets exactly the same answer.
    const unknown = await openCoreAt(dir, ENV, { credentials: { kind: 'password', username: 'nobody', password: 'whatever it is' } }).catch(
      (e: unknown) => e,
    );
    expect((unknown as KeyringError).message).toBe((wrong as KeyringError).message);
    const badRecovery = await openCoreAt(dir, ENV, {
      credentials: { kind: 'recovery', recoveryKey: formatRecoveryKey(randomBytes(20)) },
    }).catch((e: unknown) => e);
    expect(badRecovery).toMatchObject({ code: 'wrong_recovery_key' });
    expect((badRecovery as Error).message).toMatch(/recovery key does not open/);

    expect({ db: sha(file), keys: sha(keyringPathFor(file)) }).toEqual(before);
  });

  it('a copied database file without its key file is refused with a plain message', async () => {
    const core = await openCoreAt(dir, ENV, { encrypt: true, credentials: null });
    await setUpSchool(core);
    await core.close();
    rmSync(keyringPathFor(file));
    await expect(openCoreAt(dir, ENV, { credentials: asPassword(SENCO_USER) })).rejects.toMatchObject({ code: 'keyring_missing' });
  });

  it('a new folder whose setup never finished starts again (no one could have opened it)', async () => {
    const core = await openCoreAt(dir, ENV, { encrypt: true, credentials: null });
    await core.close();
    expect(readKeyring(keyringPathFor(file))!.pending).toBe(true);
    const fresh = await openCoreAt(dir, ENV, { encrypt: true, credentials: null });
    const { recoveryKey } = await setUpSchool(fresh);
    await fresh.close();
    expect(recoveryKey).not.toBeNull();
    expect(await opensWith({ credentials: asPassword(SENCO_USER) })).toBe(0);
  });

  it('a user enabled again, or added before encryption, gets a copy when they next sign in', async () => {
    const core = await openCoreAt(dir, ENV, { encrypt: true, credentials: null });
    const { session } = await setUpSchool(core);
    const teacherId = await addUser(core, session, TEACHER);
    expect((await core.dispatcher.invoke({ op: 'users.setActive', session, input: { id: teacherId, active: false } })).ok).toBe(true);
    expect(core.keys!.has(teacherId)).toBe(false);
    expect((await core.dispatcher.invoke({ op: 'users.setActive', session, input: { id: teacherId, active: true } })).ok).toBe(true);
    const r = await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: TEACHER.username, password: TEACHER.password } });
    expect(r.ok).toBe(true);
    expect(core.keys!.has(teacherId)).toBe(true);
    await core.close();
    expect(await opensWith({ credentials: asPassword(TEACHER) })).toBe(0);
  });
});

describe('an unencrypted database from an earlier version', () => {
  it('is encrypted in place when a SENCo opens it: the same rows, now encrypted', async () => {
    // The previous version's file: plain SQLite, the current migrations, some rows.
    const plain = await openCoreAt(dir, ENV, { encrypt: false, credentials: null });
    expect(plain.keys).toBeNull();
    const { session, recoveryKey: none } = await setUpSchool(plain);
    expect(none).toBeNull();
    await addUser(plain, session, TEACHER);
    await addPupils(plain, session, 4);
    await plain.close();
    expect(fileState(file)).toBe('plain');
    const plainRows = await countRows(file, null);
    expect(plainRows.get('pupil')).toBe(4);
    expect(plainRows.get('audit_event')).toBeGreaterThan(0);

    // Opened with encryption turned off (SENCO_ENCRYPT=0), or with no credentials, it stays as it is.
    await (await openCoreAt(dir, ENV, { encrypt: false, credentials: asPassword(SENCO_USER) })).close();
    await (await openCoreAt(dir, ENV, { credentials: null })).close();
    expect(fileState(file)).toBe('plain');

    // A teacher cannot encrypt it (the recovery key goes to a SENCo); a wrong password changes nothing.
    await expect(openCoreAt(dir, ENV, { encrypt: true, credentials: asPassword(TEACHER) })).rejects.toMatchObject({ code: 'not_senco' });
    await expect(
      openCoreAt(dir, ENV, { encrypt: true, credentials: { ...asPassword(SENCO_USER), password: 'wrong password!' } }),
    ).rejects.toMatchObject({ code: 'wrong_password' });
    expect(fileState(file)).toBe('plain');
    expect(existsSync(keyringPathFor(file))).toBe(false);
    // ...apart from the refused sign-in, counted and audited like any other (issue 14 item 5).
    const before = await countRows(file, null);
    expect(before).toEqual(new Map([...plainRows, ['audit_event', plainRows.get('audit_event')! + 1]]));

    const core = await openCoreAt(dir, ENV, { encrypt: true, credentials: asPassword(SENCO_USER) });
    const recoveryKey = core.migratedRecoveryKey;
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    await core.close();

    expect(fileState(file)).toBe('encrypted');
    await expect(plainRead(file)).rejects.toThrow(/SQLITE_NOTADB|not a database/);
    expect(existsSync(`${file}.plain-old`)).toBe(false);
    expect(existsSync(`${file}.encrypting`)).toBe(false);
    const { key } = await unlockWithPassword(readKeyring(keyringPathFor(file))!, SENCO_USER.username, SENCO_USER.password);
    expect(await countRows(file, key)).toEqual(before);
    expect(await opensWith({ credentials: { kind: 'recovery', recoveryKey: recoveryKey! } })).toBe(4);

    // The teacher had no copy yet: their password does not open it until they sign in once while it is open.
    await expect(opensWith({ credentials: asPassword(TEACHER) })).rejects.toMatchObject({ code: 'wrong_password' });
    const open = await openCoreAt(dir, ENV, { credentials: asPassword(SENCO_USER) });
    expect(
      (await open.dispatcher.invoke({ op: 'auth.signIn', input: { username: TEACHER.username, password: TEACHER.password } })).ok,
    ).toBe(true);
    await open.close();
    expect(await opensWith({ credentials: asPassword(TEACHER) })).toBe(4);
  });

  it('a crash between the swap renames is recovered on the next open', async () => {
    const plain = await openCoreAt(dir, ENV, { encrypt: false, credentials: null });
    await setUpSchool(plain);
    await plain.close();
    const { renameSync } = await import('node:fs');
    renameSync(file, `${file}.plain-old`);
    const core = await openCoreAt(dir, ENV, { encrypt: false, credentials: null });
    expect(await core.dispatcher.invoke({ op: 'setup.status', input: {} })).toMatchObject({ ok: true, value: { needsSetup: false } });
    await core.close();
  });
});

describe('recovery keys', () => {
  it('print as eight groups of four and read back forgivingly', () => {
    const secret = randomBytes(20);
    const text = formatRecoveryKey(secret);
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKey(text)).toEqual(secret);
    expect(parseRecoveryKey(text.toLowerCase().replace(/-/g, ' '))).toEqual(secret);
    expect(parseRecoveryKey(text.replace(/0/g, 'O').replace(/1/g, 'I'))).toEqual(secret);
    expect(parseRecoveryKey('ABCD')).toBeNull();
    expect(parseRecoveryKey(text.slice(0, -1) + 'U')).toBeNull();
  });

  it('the keyring file is refused when it is not one', () => {
    const p = join(dir, 'x.keys.json');
    writeFileSync(p, '{"hello": 1}');
    expect(() => readKeyring(p)).toThrow(/not a SENCo Desk key file/);
  });
});
