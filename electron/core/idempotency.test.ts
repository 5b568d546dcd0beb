/**
 * Idempotency keys (issue 16, item 3): a connected desk's outbox sends each operation with its own key. The same key
 * sent again (a replay interrupted and repeated) writes nothing more and gets the first answer; a key is bound to
 * the user and operation that first used it; a failed operation leaves no key behind, so it can be sent again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUpn } from '../../shared/upn';
import type { PupilProfile } from '../../shared/contract';
import { openTestCore, pupilInput, setUp, testDrivers, type TestCore } from './testing/harness';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

describe.each(testDrivers())('idempotency keys on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  const send = <T>(op: string, input: unknown, idempotencyKey?: unknown, session = senco) =>
    core.dispatcher.invoke({ op, input, session, idempotencyKey }) as Promise<R<T>>;
  const count = async (table: string) =>
    Number(((await core.ds.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number | string }[])[0]!.n);

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    senco = await setUp(core);
  });
  afterEach(() => core.cleanup());

  it('the same key twice writes once and answers the same; another key writes again', async () => {
    const input = pupilInput({ upn: makeUpn(999, 4100, 19, 1), legalFirstName: 'Ida', legalLastName: 'Once' });
    const key = 'a1b2c3d4-0000-4000-8000-000000000001';
    const before = await count('audit_event');
    const first = await send<PupilProfile>('pupils.create', input, key);
    expect(first.ok).toBe(true);
    const again = await send<PupilProfile>('pupils.create', input, key);
    expect(again).toEqual(first);
    expect(await count('pupil')).toBe(1);
    // One audit event for the one write (the repeat did nothing).
    expect((await count('audit_event')) - before).toBe(1);
    // Without a key, the same input is a new request: the UPN is taken, so it is refused.
    expect((await send('pupils.create', input)).ok).toBe(false);
  });

  it('a key is bound to its user and operation; a malformed key is refused before anything runs', async () => {
    const key = 'k'.repeat(32);
    expect((await send('pupils.create', pupilInput({ upn: makeUpn(999, 4100, 19, 2) }), key)).ok).toBe(true);
    const other = await send('terms.replaceYear', { academicYear: '2026/27', terms: [] }, key);
    expect(other).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const bad = await send('pupils.create', pupilInput({ upn: makeUpn(999, 4100, 19, 3) }), 'short');
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await count('pupil')).toBe(1);
  });

  it('a refused operation leaves no key: sent again once fixed, it is done', async () => {
    const key = 'f'.repeat(40);
    const refused = await send('pupils.create', { ...pupilInput({ upn: makeUpn(999, 4100, 19, 4) }), legalFirstName: '' }, key);
    expect(refused.ok).toBe(false);
    expect(await count('applied_operation')).toBe(0);
    expect((await send('pupils.create', pupilInput({ upn: makeUpn(999, 4100, 19, 4) }), key)).ok).toBe(true);
    expect(await count('pupil')).toBe(1);
  });

  it('a failure whose writes stand (a wrong current password) is audited as refused and leaves no key', async () => {
    const key = 'p'.repeat(24);
    const before = await count('audit_event');
    const wrong = await send('auth.changePassword', { currentPassword: 'not my password', newPassword: 'second long password' }, key);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // Its writes (the failure counted towards lockout) commit with one refused event, but no remembered answer: the
    // same key, sent again with the right password, does the change.
    expect(await count('applied_operation')).toBe(0);
    const events = (await core.ds.query('SELECT operation, outcome FROM audit_event ORDER BY seq')) as {
      operation: string;
      outcome: string;
    }[];
    expect(events.slice(before)).toEqual([{ operation: 'auth.changePassword', outcome: 'refused' }]);
    const right = await send('auth.changePassword', { currentPassword: 'correct horse battery', newPassword: 'second long password' }, key);
    expect(right.ok).toBe(true);
    expect(await count('applied_operation')).toBe(1);
  });

  it('reads ignore the key (they change nothing)', async () => {
    const key = 'r'.repeat(20);
    expect((await send('pupils.list', {}, key)).ok).toBe(true);
    expect((await send('pupils.list', {}, key)).ok).toBe(true);
    expect(await count('applied_operation')).toBe(0);
  });
});
