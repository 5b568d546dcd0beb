/**
 * The gate the app's transports use: an encrypted folder starts locked and opens at the first good sign-in; an
 * earlier version's plain folder is encrypted when a SENCo signs in, keeping their session.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCoreAt } from './core';
import { DB_FILE } from './data-dir';
import { CoreGate } from './gate';
import { fileState } from './crypto/sqlite-file';
import { SCHOOL, SENCO_USER } from './testing/harness';
import { signInFailedMessage } from './lockout';

const ENV = { SENCO_DATABASE_URL: '' };
const TEACHER = { displayName: 'Tia Teacher', username: 'tia.teacher', password: 'another long password', role: 'teacher' } as const;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'senco-gate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const signInAs = (u: { username: string; password: string }) => ({
  op: 'auth.signIn',
  input: { username: u.username, password: u.password },
});

describe('the core gate', () => {
  it('a new folder opens at once and is encrypted; reopened, it is locked until someone signs in', async () => {
    const first = await CoreGate.open(dir, ENV);
    expect(first.locked).toBe(false);
    const setup = await first.invoke({ op: 'setup.initialise', input: { school: SCHOOL, user: SENCO_USER } });
    expect(setup).toMatchObject({ ok: true, value: { recoveryKey: expect.stringMatching(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/) } });
    await first.close();
    expect(fileState(join(dir, DB_FILE))).toBe('encrypted');

    const gate = await CoreGate.open(dir, ENV);
    try {
      expect(gate.locked).toBe(true);
      expect(await gate.invoke({ op: 'setup.status', input: {} })).toEqual({
        ok: true,
        value: { needsSetup: false, schoolName: null, locked: true },
      });
      expect(await gate.invoke({ op: 'pupils.list', input: {} })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(await gate.invoke(signInAs({ ...SENCO_USER, password: 'wrong password' }))).toEqual({
        ok: false,
        error: { code: 'unauthenticated', message: signInFailedMessage() },
      });
      expect(gate.locked).toBe(true);
      const ok = await gate.invoke(signInAs(SENCO_USER));
      expect(ok).toMatchObject({ ok: true, value: { user: { username: SENCO_USER.username } } });
      expect(gate.locked).toBe(false);
      const session = (ok as { value: { session: string } }).value.session;
      expect(await gate.invoke({ op: 'pupils.list', session, input: {} })).toMatchObject({ ok: true });
    } finally {
      await gate.close();
    }
  });

  it("an earlier version's plain folder is encrypted when a SENCo signs in, and their session carries on", async () => {
    const plain = await openCoreAt(dir, ENV, { encrypt: false, credentials: null });
    const setup = await plain.dispatcher.invoke({ op: 'setup.initialise', input: { school: SCHOOL, user: SENCO_USER } });
    if (!setup.ok) throw new Error(setup.error.message);
    const created = await plain.dispatcher.invoke({
      op: 'users.create',
      session: (setup.value as { session: string }).session,
      input: TEACHER,
    });
    expect(created.ok).toBe(true);
    await plain.close();

    const gate = await CoreGate.open(dir, ENV);
    try {
      expect(gate.locked).toBe(false);
      // A teacher's sign-in leaves it as it is: the recovery key goes to a SENCo.
      expect(await gate.invoke(signInAs(TEACHER))).toMatchObject({ ok: true });
      expect(fileState(join(dir, DB_FILE))).toBe('plain');
      const r = await gate.invoke(signInAs(SENCO_USER));
      expect(r).toMatchObject({ ok: true, value: { recoveryKey: expect.stringMatching(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/) } });
      expect(fileState(join(dir, DB_FILE))).toBe('encrypted');
      const session = (r as { value: { session: string } }).value.session;
      expect(await gate.invoke({ op: 'users.list', session, input: {} })).toMatchObject({
        ok: true,
        value: expect.arrayContaining([expect.objectContaining({ username: TEACHER.username })]),
      });
      // The teacher signs in again on the encrypted store and so gets their own copy of the key.
      expect(await gate.invoke(signInAs(TEACHER))).toMatchObject({ ok: true });
    } finally {
      await gate.close();
    }
    const again = await CoreGate.open(dir, ENV);
    try {
      expect(again.locked).toBe(true);
      expect(await again.invoke(signInAs(TEACHER))).toMatchObject({ ok: true });
    } finally {
      await again.close();
    }
  });
});
