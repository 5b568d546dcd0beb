/**
 * Password guessing before the first sign-in (issue 14, item 5). While an encrypted folder is locked, a sign-in is
 * checked against the key file: the same lockout as once the database is open (5 wrong, 15 minutes, per username,
 * the same answer), kept across restarts in the sign-in record beside the keyring, and every attempt written into the
 * audit trail when the database is opened.
 */
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../cli/test-support';
import { verifyAuditChain } from '../audit';
import { openCoreAt } from '../core';
import { DB_FILE } from '../data-dir';
import { CoreGate } from '../gate';
import { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS, signInFailedMessage } from '../lockout';
import { SCHOOL, SENCO_USER } from '../testing/harness';
import { KeyringError, keyringPathFor, readKeyring, usernameHash } from './keyring';
import { readSignInRecord, signInRecordPathFor, unlockGuarded } from './sign-in-guard';

const ENV = { SENCO_DATABASE_URL: '' };
const TEACHER = { displayName: 'Tia Teacher', username: 'tia.teacher', password: 'another long password', role: 'teacher' } as const;
const REFUSED = { ok: false, error: { code: 'unauthenticated', message: signInFailedMessage() } };
const signIn = (u: { username: string; password: string }) => ({
  op: 'auth.signIn',
  input: { username: u.username, password: u.password },
});

interface RefusedEvent {
  readonly username?: string;
  readonly result: string;
  readonly checkedAgainst?: string;
}

describe('the sign-in lockout before the database is opened', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dir: string;
  let keyring: string;
  let record: string;

  beforeEach(async () => {
    tmp = tempDir('senco-guard-');
    dir = join(tmp.dir, 'data');
    keyring = keyringPathFor(join(dir, DB_FILE));
    record = signInRecordPathFor(keyring);
    const core = await openCoreAt(dir, ENV, { encrypt: true, credentials: null });
    try {
      const setup = await core.dispatcher.invoke({ op: 'setup.initialise', input: { school: SCHOOL, user: SENCO_USER } });
      if (!setup.ok) throw new Error(setup.error.message);
      const created = await core.dispatcher.invoke({
        op: 'users.create',
        session: (setup.value as { session: string }).session,
        input: TEACHER,
      });
      if (!created.ok) throw new Error(created.error.message);
    } finally {
      await core.close();
    }
  }, 60_000);
  afterEach(() => tmp.remove());

  it('30 wrong guesses, then the right password is refused; a restart keeps the lockout; every attempt is audited once the database opens', async () => {
    let gate = await CoreGate.open(dir, ENV);
    try {
      expect(gate.locked).toBe(true);
      for (let i = 1; i <= 30; i++)
        expect(await gate.invoke(signIn({ ...TEACHER, password: `wrong guess ${i}` })), `guess ${i}`).toEqual(REFUSED);
      // The right one: refused with the same answer, and the database stays shut.
      expect(await gate.invoke(signIn(TEACHER))).toEqual(REFUSED);
      expect(gate.locked).toBe(true);
    } finally {
      await gate.close();
    }

    // What the record beside the keyring holds: owner-only, no username in plain text, no password.
    const text = readFileSync(record, 'utf8');
    if (process.platform !== 'win32') expect(statSync(record).mode & 0o777).toBe(0o600);
    expect(text).not.toContain(TEACHER.username);
    expect(text).not.toMatch(/wrong guess|another long password/);
    const kept = readSignInRecord(record);
    if (kept === null || kept === 'damaged') throw new Error('no sign-in record');
    expect(kept.attempts).toHaveLength(31);
    expect(Object.keys(kept.accounts)).toEqual([usernameHash(readKeyring(keyring)!, TEACHER.username)]);

    // A restart (the app closed and opened again) keeps the lockout.
    gate = await CoreGate.open(dir, ENV);
    try {
      expect(await gate.invoke(signIn(TEACHER))).toEqual(REFUSED);
      expect(await gate.invoke(signIn({ username: 'nobody.here', password: 'whatever it is' }))).toEqual(REFUSED);
      expect(gate.locked).toBe(true);

      // Someone else opens the database: the attempts go into its audit trail, the lockout into the users table.
      const senco = await gate.invoke(signIn(SENCO_USER));
      expect(senco).toMatchObject({ ok: true });
      const ds = gate.current!.ds;
      const events = (await ds.query(
        "SELECT detail FROM audit_event WHERE operation = 'auth.signIn' AND outcome = 'refused' ORDER BY seq",
      )) as { detail: string }[];
      const details = events.map((e) => JSON.parse(e.detail) as RefusedEvent);
      const tia = details.filter((d) => d.username === TEACHER.username);
      expect(tia.map((d) => d.result)).toEqual([
        ...Array<string>(MAX_FAILED_SIGN_INS).fill('wrong password'),
        ...Array<string>(30 - MAX_FAILED_SIGN_INS + 2).fill('locked'),
      ]);
      expect(tia.every((d) => d.checkedAgainst?.includes('key file'))).toBe(true);
      // The unknown username is recorded without the text that was typed.
      expect(details.filter((d) => d.result === 'unknown username')).toEqual([
        expect.not.objectContaining({ username: expect.anything() }),
      ]);
      expect(JSON.stringify(details)).not.toContain('nobody.here');
      expect((await ds.transaction((em) => verifyAuditChain(em))).ok).toBe(true);
      const [row] = (await ds.query('SELECT locked_until FROM app_user WHERE username = ?', [TEACHER.username])) as {
        locked_until: string | null;
      }[];
      expect(Date.parse(row!.locked_until!)).toBeGreaterThan(Date.now() + (LOCKOUT_MINUTES - 1) * 60_000);
      // Now the database is open, the users table's lockout (merged) refuses the right password as before.
      expect(await gate.invoke(signIn(TEACHER))).toEqual(REFUSED);
      // Imported once: the record keeps the lockout but no longer the attempts.
      const after = readSignInRecord(record);
      expect(after !== null && after !== 'damaged' && after.attempts).toEqual([]);
    } finally {
      await gate.close();
    }
    // Opened again, nothing is written twice.
    const again = await openCoreAt(dir, ENV, { credentials: { kind: 'password', ...SENCO_USER } });
    try {
      const rows = (await again.ds.query(
        "SELECT count(*) AS n FROM audit_event WHERE operation = 'auth.signIn' AND outcome = 'refused' AND detail LIKE '%key file%'",
      )) as { n: number }[];
      expect(rows[0]?.n).toBe(33);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('a lockout earned once the database is open still holds before it is opened again', async () => {
    let gate = await CoreGate.open(dir, ENV);
    try {
      expect(await gate.invoke(signIn(SENCO_USER))).toMatchObject({ ok: true });
      for (let i = 0; i < MAX_FAILED_SIGN_INS; i++)
        expect(await gate.invoke(signIn({ ...TEACHER, password: `wrong ${i}` }))).toEqual(REFUSED);
    } finally {
      await gate.close();
    }
    gate = await CoreGate.open(dir, ENV);
    try {
      expect(gate.locked).toBe(true);
      expect(await gate.invoke(signIn(TEACHER))).toEqual(REFUSED);
      expect(gate.locked).toBe(true);
    } finally {
      await gate.close();
    }
  }, 60_000);

  it('before the database opens too: unknown, wrong and locked get the same answer in comparable time', async () => {
    const core = await openCoreAt(dir, ENV, { credentials: { kind: 'password', ...SENCO_USER } });
    try {
      const s = await core.dispatcher.invoke(signIn(SENCO_USER));
      const session = (s as { value: { session: string } }).value.session;
      for (const username of ['wendy.one', 'will.two', 'lola.three']) {
        const r = await core.dispatcher.invoke({ op: 'users.create', session, input: { ...TEACHER, displayName: username, username } });
        if (!r.ok) throw new Error(r.error.message);
      }
    } finally {
      await core.close();
    }
    const kr = readKeyring(keyring)!;
    const attempt = (username: string, password: string) =>
      unlockGuarded(keyring, kr, { kind: 'password', username, password }).then(
        () => 'opened',
        (e: unknown) => (e instanceof KeyringError ? `${e.code}: ${e.message}` : String(e)),
      );
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await attempt('lola.three', `wrong ${i}`);
    const cases = { unknown: ['no.such.user'], wrong: ['wendy.one', 'will.two'], locked: ['lola.three'] } as const;
    const times: Record<string, number[]> = { unknown: [], wrong: [], locked: [] };
    const answers = new Set<string>();
    for (let round = 0; round < 6; round++) {
      for (const [name, users] of Object.entries(cases)) {
        const started = performance.now();
        answers.add(await attempt(users[round % users.length]!, `not the password ${round}`));
        times[name]!.push(performance.now() - started);
      }
    }
    expect([...answers]).toEqual([`wrong_password: ${signInFailedMessage()}`]);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const medians = Object.values(times).map(median);
    expect(Math.max(...medians) / Math.min(...medians), JSON.stringify(times)).toBeLessThan(3);
    // The right password of a locked account learns nothing either.
    expect(await attempt('lola.three', TEACHER.password)).toBe(`wrong_password: ${signInFailedMessage()}`);
  }, 120_000);

  it('the lockout ends after 15 minutes, and a right password clears the count', async () => {
    const kr = readKeyring(keyring)!;
    const t0 = new Date('2026-11-16T09:00:00Z');
    const creds = (password: string) => ({ kind: 'password' as const, username: TEACHER.username, password });
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++)
      await expect(unlockGuarded(keyring, kr, creds(`wrong ${i}`), t0)).rejects.toMatchObject({ code: 'wrong_password' });
    const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    await expect(unlockGuarded(keyring, kr, creds(TEACHER.password), later(LOCKOUT_MINUTES - 1))).rejects.toMatchObject({
      code: 'wrong_password',
    });
    expect((await unlockGuarded(keyring, kr, creds(TEACHER.password), later(LOCKOUT_MINUTES + 1))).length).toBe(32);
    const r = readSignInRecord(record);
    expect(r !== null && r !== 'damaged' && r.accounts).toEqual({});
  });

  it('no password is checked when the attempt cannot be recorded', async () => {
    rmSync(record, { force: true });
    // A folder where the record should be: it cannot be written.
    mkdirSync(record);
    const err = await unlockGuarded(keyring, readKeyring(keyring)!, {
      kind: 'password',
      username: TEACHER.username,
      password: TEACHER.password,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyringError);
    expect(err).toMatchObject({
      code: 'sign_in_record_unwritable',
      message: expect.stringMatching(/could not record this sign-in attempt .* Check that the data folder can be written to/),
    });
  });
});
