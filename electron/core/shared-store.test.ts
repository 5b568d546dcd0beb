/**
 * Several school server processes on one PostgreSQL database (issue 16, item 1): what they share lives in the
 * database, not in a process's memory. Two cores on one schema stand for two server processes here (the HTTPS test,
 * electron/server/server.test.ts, runs two real ones): a session made through one is used through the other, ended
 * through one it is gone for both, wrong passwords checked at once through both still lock the account after
 * MAX_FAILED_SIGN_INS, and the audit chain holds after writes through both at once.
 * And the desktop's rule stays: its sessions are its own process's, and end when it closes.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import type { SessionInfo } from '../../shared/contract';
import { createCore, type Core } from './core';
import { MAX_FAILED_SIGN_INS } from './lockout';
import { SignInSessionStore, tokenHash } from './sign-in-sessions';
import { SENCO_USER, pupilInput, setUp, storeFor, testDrivers, describeOnPostgres } from './testing/harness';
import type { Driver } from './db/data-source';
import { makeUpn } from '../../shared/upn';

async function twoCores(driver: Driver, shared: boolean): Promise<[Core, Core]> {
  const { store, cleanup } = await storeFor(driver, { encrypted: false });
  const open = () =>
    createCore({ store, logError: () => undefined, ...(shared ? { signIns: new SignInSessionStore({ shared: true }) } : {}) });
  const cores = [await open(), await open()] as [Core, Core];
  const closed = new Set<Core>();
  // A test may close one itself (a process stopping): closed once only.
  for (const c of cores) {
    const close = c.close.bind(c);
    (c as { close: Core['close'] }).close = async (opts) => {
      if (closed.has(c)) return;
      closed.add(c);
      await close(opts);
    };
  }
  onTestFinished(async () => {
    for (const c of cores) await c.close();
    await cleanup();
  });
  return cores;
}

const call = (core: Core, session: string | null, op: string, input: unknown = {}) =>
  core.dispatcher.invoke({ op, input, ...(session ? { session } : {}) });

describeOnPostgres('two server processes on one PostgreSQL', () => {
  it('a session made through one is used through the other; signed out through one, it is gone for both', async () => {
    const [a, b] = await twoCores('postgres', true);
    await setUp(a);
    const signedIn = await call(a, null, 'auth.signIn', { username: SENCO_USER.username, password: SENCO_USER.password });
    const session = (signedIn as { value: SessionInfo }).value.session;
    expect(await call(b, session, 'auth.me')).toMatchObject({ ok: true, value: { user: { username: SENCO_USER.username } } });
    expect(await call(b, session, 'pupils.create', pupilInput())).toMatchObject({ ok: true });
    // Locked through one: locked for the other.
    expect(await call(a, session, 'auth.lock')).toMatchObject({ ok: true });
    expect(await call(b, session, 'pupils.list')).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(await call(b, session, 'auth.unlock', { password: SENCO_USER.password })).toMatchObject({ ok: true });
    // The store holds a hash of the token, never the token.
    const rows = (await a.ds.query('SELECT token_hash FROM sign_in_session')) as { token_hash: string }[];
    expect(rows.map((r) => r.token_hash)).toContain(tokenHash(session));
    expect(JSON.stringify(rows)).not.toContain(session);
    expect(await call(b, session, 'auth.signOut')).toMatchObject({ ok: true });
    expect(await call(a, session, 'auth.me')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // A server process that closes leaves the shared sessions to the others.
    const again = (
      (await call(a, null, 'auth.signIn', { username: SENCO_USER.username, password: SENCO_USER.password })) as { value: SessionInfo }
    ).value.session;
    await a.close();
    expect(await call(b, again, 'auth.me')).toMatchObject({ ok: true });
  });

  it('wrong passwords checked at once through both processes still lock the account', async () => {
    const [a, b] = await twoCores('postgres', true);
    await setUp(a);
    const tries = Array.from({ length: MAX_FAILED_SIGN_INS * 2 }, (_, i) =>
      call(i % 2 ? a : b, null, 'auth.signIn', { username: SENCO_USER.username, password: `wrong password ${i}` }),
    );
    const answers = await Promise.all(tries);
    expect(answers.every((r) => !r.ok)).toBe(true);
    // Locked: even the right password is refused now.
    expect(await call(b, null, 'auth.signIn', { username: SENCO_USER.username, password: SENCO_USER.password })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    const [user] = (await a.ds.query('SELECT locked_until FROM app_user WHERE username = $1', [SENCO_USER.username])) as {
      locked_until: string | null;
    }[];
    expect(user?.locked_until).not.toBeNull();
  });

  it('the audit chain holds after writes through both at once', async () => {
    const [a, b] = await twoCores('postgres', true);
    const senco = await setUp(a);
    const writes = Array.from({ length: 16 }, (_, i) =>
      call(i % 2 ? a : b, senco, 'pupils.create', pupilInput({ upn: makeUpn(801, 2001, 19, 100 + i) })),
    );
    const results = await Promise.all(writes);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const verified = await call(b, senco, 'audit.verify');
    expect(verified).toMatchObject({ ok: true, value: { ok: true, firstBroken: null } });
    expect((verified as { value: { events: number } }).value.events).toBeGreaterThanOrEqual(17);
  });
});

describe.each(testDrivers())('the desktop’s sessions on %s', (driver) => {
  it('are its own process’s: another process cannot use them, and they end when it closes', async () => {
    const [a, b] = await twoCores(driver, false);
    const senco = await setUp(a);
    expect(await call(a, senco, 'auth.me')).toMatchObject({ ok: true });
    expect(await call(b, senco, 'auth.me')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await a.close();
    const left = (await b.ds.query('SELECT COUNT(*) AS n FROM sign_in_session')) as { n: unknown }[];
    expect(Number(left[0]?.n)).toBe(0);
  });
});
