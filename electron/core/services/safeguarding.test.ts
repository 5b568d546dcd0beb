/**
 * The safeguarding hand-off (issue 9): anyone raises a concern about any pupil; the DSL is alerted, acknowledges it,
 * records the CPOMS reference and closes it; the text is visible only to the DSL and the person who raised it, and
 * never in the audit trail; an unacknowledged concern is overdue after the end of the working day.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Concern, ConcernAlerts, PupilProfile } from '../../../shared/contract';
import { makeUpn } from '../../../shared/upn';
import { openTestCore, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';
import { acknowledgeBy } from './safeguarding';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

describe('the working-day deadline', () => {
  it('is the end of the day raised on a weekday, else the end of the next weekday', () => {
    expect(acknowledgeBy('2026-11-23T14:05')).toBe('2026-11-23T23:59'); // Monday
    expect(acknowledgeBy('2026-11-28T10:00')).toBe('2026-11-30T23:59'); // Saturday -> Monday
    expect(acknowledgeBy('2026-11-29T22:00')).toBe('2026-11-30T23:59'); // Sunday -> Monday
  });
});

describe.each(testDrivers())('safeguarding on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  let teacher: string;
  let dsl: string;
  let pupil: PupilProfile;
  let now = new Date('2026-11-23T10:30:00Z');
  const call = <T>(session: string, op: string, input: unknown) => core.dispatcher.invoke({ op, input, session }) as Promise<R<T>>;
  const must = async <T>(session: string, op: string, input: unknown): Promise<T> => {
    const r = await call<T>(session, op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const user = async (username: string, role: string) => {
    await must(senco, 'users.create', { displayName: username, username, role, password: 'a long enough password' });
    return (await must<{ session: string }>('', 'auth.signIn', { username, password: 'a long enough password' })).session;
  };

  beforeEach(async () => {
    now = new Date('2026-11-23T10:30:00Z');
    core = await openTestCore(driver, () => now);
    senco = await setUp(core);
    pupil = await must<PupilProfile>(senco, 'pupils.create', pupilInput({ upn: makeUpn(999, 4400, 19, 1), className: '6T' }));
    // A teacher whose classes do not include the pupil's: raising a concern is not limited by scope.
    teacher = await user('tia.teacher', 'teacher');
    dsl = await user('dee.dsl', 'dsl');
  });
  afterEach(async () => core.cleanup());

  const concern = {
    happenedAt: '2026-11-23T10:15',
    what: 'Synthetic: a bruise on the forearm, seen at break.',
    childWords: 'I fell over.',
  };

  it('a teacher raises it; the DSL is alerted, sees the text, acknowledges and closes it with the CPOMS reference', async () => {
    const raised = await must<Concern>(teacher, 'safeguarding.raise', { pupilId: pupil.id, ...concern });
    expect(raised).toMatchObject({
      status: 'raised',
      what: concern.what,
      childWords: 'I fell over.',
      acknowledgeBy: '2026-11-23T23:59',
      overdue: false,
    });
    expect(await must<ConcernAlerts>(dsl, 'safeguarding.alerts', {})).toMatchObject({ open: 1, unacknowledged: 1, overdue: 0 });
    const [seen] = await must<Concern[]>(dsl, 'safeguarding.list', {});
    expect(seen).toMatchObject({ id: raised.id, what: concern.what, raisedBy: expect.stringContaining('tia.teacher') });
    await must(dsl, 'safeguarding.acknowledge', { id: raised.id });
    expect(await call(dsl, 'safeguarding.acknowledge', { id: raised.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const closed = await must<Concern>(dsl, 'safeguarding.close', { id: raised.id, system: 'CPOMS', reference: 'CP-2026-0143' });
    expect(closed).toMatchObject({ status: 'closed', cpomsReference: 'CPOMS CP-2026-0143', closedBy: expect.stringContaining('dee.dsl') });
    expect(await must<ConcernAlerts>(dsl, 'safeguarding.alerts', {})).toMatchObject({ open: 0 });
    // The person who raised it sees that it was closed.
    expect((await must<Concern[]>(teacher, 'safeguarding.list', {}))[0]).toMatchObject({ status: 'closed', what: concern.what });
  });

  it('the SENCo (not the DSL) cannot read the text, nor act on it; the audit trail holds neither text nor pupil', async () => {
    const raised = await must<Concern>(teacher, 'safeguarding.raise', { pupilId: pupil.id, ...concern });
    expect(await must<Concern[]>(senco, 'safeguarding.list', {})).toEqual([]);
    expect(await call(senco, 'safeguarding.acknowledge', { id: raised.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(senco, 'safeguarding.alerts', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const events = (await core.ds.query("SELECT operation, pupil_id, detail FROM audit_event WHERE operation LIKE 'safeguarding.%'")) as {
      pupil_id: string | null;
      detail: string;
    }[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.pupil_id === null)).toBe(true);
    expect(JSON.stringify(events)).not.toContain('bruise');
  });

  it('an unacknowledged concern is overdue after the end of the working day', async () => {
    const raised = await must<Concern>(teacher, 'safeguarding.raise', { pupilId: pupil.id, ...concern });
    now = new Date('2026-11-24T08:00:00Z');
    expect(await must<ConcernAlerts>(dsl, 'safeguarding.alerts', {})).toMatchObject({ unacknowledged: 1, overdue: 1 });
    expect((await must<Concern[]>(dsl, 'safeguarding.list', {}))[0]).toMatchObject({ id: raised.id, overdue: true });
  });

  it('refuses a time in the future and an empty account, writing nothing', async () => {
    expect(await call(teacher, 'safeguarding.raise', { pupilId: pupil.id, ...concern, happenedAt: '2026-11-23T18:00' })).toMatchObject({
      ok: false,
      error: { fields: { happenedAt: expect.stringMatching(/future/) } },
    });
    expect(await call(teacher, 'safeguarding.raise', { pupilId: pupil.id, ...concern, what: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await must<Concern[]>(dsl, 'safeguarding.list', {})).toEqual([]);
  });

  it('refuses an impossible date or time (30/02, 31/04, 29/02 in a common year, 24:00, 23:60, 25:00), writing nothing', async () => {
    // Date.parse reads 2026-02-30 as 2 March and T24:00 as the next midnight: each must be refused beside the field.
    for (const happenedAt of [
      '2026-02-30T10:15',
      '2026-04-31T10:15',
      '2025-02-29T10:15',
      '2026-11-22T24:00',
      '2026-11-22T23:60',
      '2026-11-22T25:00',
    ]) {
      expect(await call(teacher, 'safeguarding.raise', { pupilId: pupil.id, ...concern, happenedAt }), happenedAt).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', fields: { happenedAt: expect.stringMatching(/real date and time/) } },
      });
    }
    expect(await must<Concern[]>(dsl, 'safeguarding.list', {})).toEqual([]);
    // The edges that do exist are accepted: midnight and a minute before it.
    await must(teacher, 'safeguarding.raise', { pupilId: pupil.id, ...concern, happenedAt: '2026-11-22T23:59' });
    await must(teacher, 'safeguarding.raise', { pupilId: pupil.id, ...concern, happenedAt: '2026-11-23T00:00' });
    await must(teacher, 'safeguarding.raise', { pupilId: pupil.id, ...concern, happenedAt: '2024-02-29T12:00' });
    expect(await must<Concern[]>(dsl, 'safeguarding.list', {})).toHaveLength(3);
  });
});
