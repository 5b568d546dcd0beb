/**
 * Accounts (issue 8): a user changes their own password, the SENCo resets someone's, the screen locks and unlocks,
 * and each of them keeps the lockout count and the encrypted database's wrapped keys right.
 */
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { contract, type OpName, type SessionInfo, type UserSummary } from '../../../shared/contract';
import { MUST_CHANGE_PASSWORD_OPERATIONS } from '../../../shared/access';
import { readKeyring, unlockWithPassword } from '../crypto/keyring';
import { SignInSessionStore } from '../sign-in-sessions';
import { openTestCore, setUp, SENCO_USER, testDrivers, type TestCore } from '../testing/harness';
import { MAX_FAILED_SIGN_INS } from './auth';
import { signInFailedMessage } from '../lockout';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

const THERAPIST = { displayName: 'Tess Therapist', username: 'tess', role: 'therapist', password: 'first long password' } as const;

describe.each(testDrivers())('accounts on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  let tess: UserSummary;
  const call = <T>(session: string | null, op: string, input: unknown) => core.dispatcher.invoke({ op, input, session }) as Promise<R<T>>;
  const must = async <T>(session: string | null, op: string, input: unknown): Promise<T> => {
    const r = await call<T>(session, op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const signIn = (username: string, password: string) => call<SessionInfo>(null, 'auth.signIn', { username, password });

  beforeEach(async () => {
    core = await openTestCore(driver);
    senco = await setUp(core);
    tess = await must<UserSummary>(senco, 'users.create', THERAPIST);
  });
  afterEach(async () => core.cleanup());

  it('a user changes their own password: the old one stops working, a wrong current one is refused beside the field', async () => {
    const s = (await must<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: THERAPIST.password })).session;
    const wrong = await call(s, 'auth.changePassword', { currentPassword: 'not my password', newPassword: 'second long password' });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { currentPassword: expect.stringMatching(/current password is not right/) } },
    });
    const same = await call(s, 'auth.changePassword', { currentPassword: THERAPIST.password, newPassword: THERAPIST.password });
    expect(same).toMatchObject({ ok: false, error: { fields: { newPassword: expect.stringMatching(/different/) } } });
    const short = await call(s, 'auth.changePassword', { currentPassword: THERAPIST.password, newPassword: 'short' });
    expect(short).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { newPassword: expect.any(String) } } });

    expect(
      await call(s, 'auth.changePassword', { currentPassword: THERAPIST.password, newPassword: 'second long password' }),
    ).toMatchObject({ ok: true });
    expect((await signIn('tess', THERAPIST.password)).ok).toBe(false);
    expect((await signIn('tess', 'second long password')).ok).toBe(true);
    // Still signed in with the session that changed it.
    expect((await call(s, 'auth.me', {})).ok).toBe(true);
    const audit = await must<{ rows: { operation: string; outcome: string }[] }>(senco, 'audit.list', { pageSize: 50 });
    expect(
      audit.rows
        .filter((r) => r.operation === 'auth.changePassword')
        .map((r) => r.outcome)
        .sort(),
    ).toEqual(['ok', 'refused']);
  });

  it('wrong current passwords count towards the lockout, which signs the user out', async () => {
    const s = (await must<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: THERAPIST.password })).session;
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) {
      expect(await call(s, 'auth.changePassword', { currentPassword: `wrong ${i}`, newPassword: 'second long password' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    const last = await call(s, 'auth.changePassword', { currentPassword: 'wrong again', newPassword: 'second long password' });
    expect(last).toMatchObject({ ok: false, error: { code: 'locked', message: expect.stringMatching(/signed out/) } });
    expect(await call(s, 'auth.me', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await signIn('tess', THERAPIST.password)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: signInFailedMessage() },
    });
  });

  it('the SENCo resets a password: sessions end, the lockout clears, and the user must choose their own', async () => {
    const s = (await must<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: THERAPIST.password })).session;
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await signIn('tess', 'wrong password');
    expect(await signIn('tess', THERAPIST.password)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: signInFailedMessage() },
    });

    const reset = await must<UserSummary>(senco, 'users.resetPassword', { id: tess.id, password: 'temporary password 1' });
    expect(reset.mustChangePassword).toBe(true);
    expect(await call(s, 'auth.me', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await signIn('tess', THERAPIST.password)).ok).toBe(false);
    const back = await must<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'temporary password 1' });
    expect(back.user.mustChangePassword).toBe(true);
    await must(back.session, 'auth.changePassword', { currentPassword: 'temporary password 1', newPassword: 'my own password 22' });
    expect((await must<SessionInfo>(back.session, 'auth.me', {})).user.mustChangePassword).toBe(false);

    // Not for yourself, not for someone else's role, and only by the SENCo.
    const me = (await must<SessionInfo>(senco, 'auth.me', {})).user;
    expect(await call(senco, 'users.resetPassword', { id: me.id, password: 'whatever long one' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Change my password/) },
    });
    expect(await call(back.session, 'users.resetPassword', { id: me.id, password: 'whatever long one' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await signIn(SENCO_USER.username, SENCO_USER.password)).ok).toBe(true);
  });

  it('a locked screen answers only unlock and sign-out; a wrong password is refused; the right one unlocks', async () => {
    const s = (await must<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: THERAPIST.password })).session;
    await must(s, 'auth.lock', {});
    expect(await call(s, 'pupils.list', {})).toMatchObject({
      ok: false,
      error: { code: 'session_locked', message: expect.stringMatching(/locked/) },
    });
    expect((await must<SessionInfo>(s, 'auth.me', {})).locked).toBe(true);
    expect(await call(s, 'auth.unlock', { password: 'not it' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', fields: { password: expect.any(String) } },
    });
    expect((await call(s, 'pupils.list', {})).ok).toBe(false);
    const unlocked = await must<SessionInfo>(s, 'auth.unlock', { password: THERAPIST.password });
    expect(unlocked.locked).toBe(false);
    expect((await call(s, 'pupils.list', {})).ok).toBe(true);
    // Other sessions were never locked.
    expect((await call(senco, 'pupils.list', {})).ok).toBe(true);
  });

  it('too many wrong passwords at the lock screen sign the user out and lock the account', async () => {
    const s = (await must<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: THERAPIST.password })).session;
    await must(s, 'auth.lock', {});
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) expect((await call(s, 'auth.unlock', { password: `wrong ${i}` })).ok).toBe(false);
    expect(await call(s, 'auth.unlock', { password: 'wrong 5' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await call(s, 'auth.unlock', { password: THERAPIST.password })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await signIn('tess', THERAPIST.password)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: signInFailedMessage() },
    });
  });

  it('the school sets the inactivity time (1 to 60 minutes; 5 by default)', async () => {
    const school = await must<{ autoLockMinutes: number; name: string; urn: string; localAuthority: string }>(senco, 'school.get', {});
    expect(school.autoLockMinutes).toBe(5);
    const base = { name: school.name, urn: school.urn, localAuthority: school.localAuthority };
    expect(await call(senco, 'school.update', { ...base, autoLockMinutes: 0 })).toMatchObject({
      ok: false,
      error: { fields: { autoLockMinutes: expect.stringMatching(/1 to 60/) } },
    });
    expect((await must<{ autoLockMinutes: number }>(senco, 'school.update', { ...base, autoLockMinutes: 15 })).autoLockMinutes).toBe(15);
    // Saving the other details without it leaves it as it was.
    expect((await must<{ autoLockMinutes: number }>(senco, 'school.update', base)).autoLockMinutes).toBe(15);
    expect((await must<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: THERAPIST.password })).school.autoLockMinutes).toBe(
      15,
    );
  });

  it('teachers have classes; other roles cannot', async () => {
    const teacher = await must<UserSummary>(senco, 'users.create', {
      displayName: 'Tia Teacher',
      username: 'tia',
      role: 'teacher',
      password: 'teacher password 1',
    });
    const set = await must<UserSummary>(senco, 'users.setClasses', { id: teacher.id, classes: ['5S', 'Oak', '5s'] });
    expect(set.classes).toEqual(['5S', 'Oak']);
    expect((await must<UserSummary[]>(senco, 'users.list', {})).find((u) => u.id === teacher.id)!.classes).toEqual(['5S', 'Oak']);
    expect(await call(senco, 'users.setClasses', { id: tess.id, classes: ['5S'] })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/only limit teachers/) },
    });
  });

  it('a user who must change their password can do nothing else until they have: the core refuses it, not only the screen', async () => {
    await must(senco, 'users.resetPassword', { id: tess.id, password: 'temporary password 1' });
    const s = (await must<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'temporary password 1' })).session;
    // Every other operation, whatever its input, is refused before it runs, with a code and a message that say why.
    const allowed: readonly string[] = MUST_CHANGE_PASSWORD_OPERATIONS;
    for (const op of Object.keys(contract) as OpName[]) {
      if (allowed.includes(op) || contract[op].access === 'public') continue;
      expect(await call(s, op, {}), op).toEqual({
        ok: false,
        error: { code: 'password_change_required', message: expect.stringMatching(/choose your own password/) },
      });
    }
    expect((await must<SessionInfo>(s, 'auth.me', {})).user.mustChangePassword).toBe(true);
    await must(s, 'auth.lock', {});
    await must(s, 'auth.unlock', { password: 'temporary password 1' });
    expect(await call(s, 'pupils.list', {})).toMatchObject({ ok: false, error: { code: 'password_change_required' } });
    await must(s, 'auth.changePassword', { currentPassword: 'temporary password 1', newPassword: 'my own password 22' });
    expect((await call(s, 'pupils.list', {})).ok).toBe(true);
    // Signing in again with the password the SENCo set is no longer possible; with their own, there is no restriction.
    const again = await must<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'my own password 22' });
    expect(again.user.mustChangePassword).toBe(false);
    expect((await call(again.session, 'pupils.list', {})).ok).toBe(true);
    await must(s, 'auth.signOut', {});
  });

  it('changing your password ends your other sessions, not the one that changed it', async () => {
    const here = (await must<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: THERAPIST.password })).session;
    const elsewhere = (await must<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: THERAPIST.password })).session;
    await must(here, 'auth.changePassword', { currentPassword: THERAPIST.password, newPassword: 'second long password' });
    expect(await call(elsewhere, 'auth.me', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await call(here, 'auth.me', {})).ok).toBe(true);
    // Someone else's session is not touched.
    expect((await call(senco, 'auth.me', {})).ok).toBe(true);
    const audit = await must<{ rows: { operation: string; detail: string | null }[] }>(senco, 'audit.list', { pageSize: 50 });
    expect(audit.rows.find((r) => r.operation === 'auth.changePassword')?.detail).toMatch(/otherSessionsEnded/);
  });

  it('no username enumeration: unknown, wrong password, locked and disabled get the same answer in comparable time', async () => {
    const create = (username: string) => must<UserSummary>(senco, 'users.create', { ...THERAPIST, displayName: username, username });
    await create('wendy');
    await create('will');
    await create('lola');
    for (const name of ['dora', 'dan']) await must(senco, 'users.setActive', { id: (await create(name)).id, active: false });
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await signIn('lola', `wrong ${i}`);

    // Two users each for the wrong and disabled cases: three wrong passwords each, so neither is locked by this.
    const cases = { unknown: ['no.such.user'], wrong: ['wendy', 'will'], locked: ['lola'], disabled: ['dora', 'dan'] } as const;
    const times: Record<string, number[]> = { unknown: [], wrong: [], locked: [], disabled: [] };
    const answers = new Map<string, unknown>();
    // Interleaved, so a slow moment of a busy machine falls on every case alike; medians, so one slow attempt does not count.
    for (let round = 0; round < 6; round++) {
      for (const [name, users] of Object.entries(cases)) {
        const username = users[round % users.length]!;
        const started = performance.now();
        const r = await signIn(username, `not the password ${round}`);
        times[name]!.push(performance.now() - started);
        answers.set(`${name} ${round}`, r);
      }
    }
    const expected = { ok: false, error: { code: 'unauthenticated', message: signInFailedMessage() } };
    for (const [k, r] of answers) expect(r, k).toEqual(expected);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const medians = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, Math.round(median(xs))]));
    const values = Object.values(medians);
    // The same scrypt check in each case (tens of milliseconds); an unchecked unknown username would take about one.
    expect(Math.max(...values) / Math.min(...values), JSON.stringify(medians)).toBeLessThan(3);
    // Only the right password says more: a disabled account says so; a locked one still gives nothing away.
    expect(await signIn('dora', THERAPIST.password)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/disabled/) },
    });
    expect(await signIn('lola', THERAPIST.password)).toEqual(expected);
    // Every failure is audited; the unknown username without the text typed.
    const audit = await must<{ rows: { operation: string; outcome: string; detail: string | null }[] }>(senco, 'audit.list', {
      pageSize: 200,
    });
    const refused = audit.rows.filter((r) => r.operation === 'auth.signIn' && r.outcome === 'refused').map((r) => r.detail ?? '');
    expect(refused.filter((d) => d.includes('unknown username'))).toHaveLength(6);
    expect(refused.join('\n')).not.toContain('no.such.user');
  });
});

describe.each(testDrivers())('the server-side screen lock on %s', (driver) => {
  it('locks a session that has made no request for the school’s inactivity time, and unlock restarts the clock', async () => {
    const core = await openTestCore(driver);
    onTestFinished(() => core.cleanup());
    const store = new SignInSessionStore();
    const db = core.ds.manager;
    const sessions = store.within(db);
    const t0 = 1_000_000;
    const token = await sessions.create({ userId: 'u', username: 'u', displayName: 'U', role: 'therapist' }, t0, 5 * 60_000);
    expect((await store.get(db, token, t0 + 4 * 60_000))?.locked).toBe(false);
    // Each request restarts the clock.
    expect((await store.get(db, token, t0 + 8 * 60_000))?.locked).toBe(false);
    expect((await store.get(db, token, t0 + 13 * 60_000 + 1))?.locked).toBe(true);
    await sessions.unlock(token, t0 + 14 * 60_000);
    expect((await store.get(db, token, t0 + 15 * 60_000))?.locked).toBe(false);
    await sessions.setLockAfter(60_000);
    expect((await store.get(db, token, t0 + 16 * 60_000 + 1))?.locked).toBe(true);
  });
});

describe('encrypted store: new passwords are wrapped again', () => {
  let core: TestCore;
  afterEach(async () => core.cleanup());

  it('after a change or a reset, only the new password unwraps the user’s copy of the database key', async () => {
    core = await openTestCore('sqlite', undefined, { encrypted: true });
    const senco = await setUp(core);
    const call = (session: string | null, op: string, input: unknown) => core.dispatcher.invoke({ op, input, session });
    const created = await call(senco, 'users.create', THERAPIST);
    expect(created.ok).toBe(true);
    const file = (core as unknown as { keys: { keyringFile: string } }).keys.keyringFile;
    const opens = async (password: string) =>
      unlockWithPassword(readKeyring(file)!, 'tess', password).then(
        () => true,
        () => false,
      );
    expect(await opens(THERAPIST.password)).toBe(true);

    const signed = (await call(null, 'auth.signIn', { username: 'tess', password: THERAPIST.password })) as R<SessionInfo>;
    if (!signed.ok) throw new Error(signed.error.message);
    expect(
      (
        await call(signed.value.session, 'auth.changePassword', {
          currentPassword: THERAPIST.password,
          newPassword: 'second long password',
        })
      ).ok,
    ).toBe(true);
    expect(await opens(THERAPIST.password)).toBe(false);
    expect(await opens('second long password')).toBe(true);

    const id = (created as R<UserSummary> as { value: UserSummary }).value.id;
    expect((await call(senco, 'users.resetPassword', { id, password: 'temporary password 1' })).ok).toBe(true);
    expect(await opens('second long password')).toBe(false);
    expect(await opens('temporary password 1')).toBe(true);
  });
});
