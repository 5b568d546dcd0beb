/**
 * The audit trail's read side: audit.list filters (user with their sign-ins, pupil, UK days, operation) and
 * audit.verify, which names the first broken event: an edited event, one whose predecessor was replaced, and a
 * deleted one. Also a trail longer than one verification batch.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditChainResult, AuditEntry, PupilProfile } from '../../shared/contract';
import { appendAudit, verifyAuditChain } from './audit';
import { openTestCore, pupilInput, SENCO_USER, setUp, testDrivers, type TestCore } from './testing/harness';
import { ukDayStartUtc } from './services/audit';

describe('ukDayStartUtc', () => {
  it('is midnight UTC in winter and 23:00 the day before in summer, including the days the clocks change', () => {
    expect(ukDayStartUtc('2026-01-10')).toBe('2026-01-10T00:00:00.000Z');
    expect(ukDayStartUtc('2026-06-01')).toBe('2026-05-31T23:00:00.000Z');
    expect(ukDayStartUtc('2026-03-29')).toBe('2026-03-29T00:00:00.000Z'); // clocks go forward at 01:00 UTC
    expect(ukDayStartUtc('2026-03-30')).toBe('2026-03-29T23:00:00.000Z');
    expect(ukDayStartUtc('2026-10-25')).toBe('2026-10-24T23:00:00.000Z'); // clocks go back at 01:00 UTC
    expect(ukDayStartUtc('2026-10-26')).toBe('2026-10-26T00:00:00.000Z');
  });
});

describe.each(testDrivers())('audit trail on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  let now = new Date('2026-11-23T09:00:00Z');
  const as = (session: string | null) => (op: string, input: unknown) => core.dispatcher.invoke({ op, input, session });
  const mark = (i: number) => (driver === 'postgres' ? `$${i}` : '?');
  /** The events in the trail, counted as someone with the database would (audit.list itself adds one). */
  const count = async () => Number((await core.ds.query('SELECT COUNT(*) AS n FROM audit_event'))[0].n);

  beforeEach(async () => {
    now = new Date('2026-11-23T09:00:00Z');
    core = await openTestCore(driver, () => now);
    senco = await setUp(core);
  });
  afterEach(async () => core.cleanup());

  async function list(input: Record<string, unknown>): Promise<{ total: number; rows: AuditEntry[] }> {
    const r = await as(senco)('audit.list', input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as { total: number; rows: AuditEntry[] };
  }
  async function verify(): Promise<AuditChainResult> {
    const r = await as(senco)('audit.verify', {});
    if (!r.ok) throw new Error(r.error.message);
    return r.value as AuditChainResult;
  }

  it('lists newest first with who, role, pupil name, outcome and detail; filters by user (with sign-ins), pupil, UK days and operation', async () => {
    const created = await as(senco)('pupils.create', pupilInput());
    const pupil = (created as { value: PupilProfile }).value;
    now = new Date('2026-11-24T23:30:00Z'); // 23:30 on 24 November in the UK (GMT)
    await as(senco)('pupils.get', { id: pupil.id });
    const c = await as(senco)('users.create', {
      displayName: 'Hana Head',
      username: 'hana.head',
      role: 'headteacher',
      password: 'long enough password',
    });
    const headId = (c as { value: { id: string } }).value.id;
    now = new Date('2026-11-25T08:00:00Z');
    const signIn = await as(null)('auth.signIn', { username: 'hana.head', password: 'long enough password' });
    const head = (signIn as { value: { session: string } }).value.session;
    await as(head)('pupils.get', { id: pupil.id });
    await as(head)('school.update', { name: 'X', urn: '100001', localAuthority: 'Y' }); // refused: headteachers cannot

    const all = await list({});
    expect(all.rows.map((r) => r.seq)).toEqual([...all.rows.map((r) => r.seq)].sort((a, b) => b - a));
    expect(all.rows[0]).toMatchObject({
      operation: 'school.update',
      outcome: 'refused',
      role: 'headteacher',
      actor: 'Hana Head (hana.head)',
      userId: headId,
    });
    const read = all.rows.find((r) => r.operation === 'pupils.get' && r.userId === headId)!;
    expect(read).toMatchObject({ pupilId: pupil.id, pupilName: 'Amara Testington', outcome: 'ok', role: 'headteacher' });

    // The headteacher's events include their sign-in, recorded before they were signed in (no user id).
    const byHead = await list({ userId: headId });
    expect(byHead.rows.map((r) => r.operation)).toEqual(['school.update', 'pupils.get', 'auth.signIn']);
    expect(byHead.rows[2]).toMatchObject({ userId: null, actor: 'not signed in', detail: '{"username":"hana.head"}' });

    const byPupil = await list({ pupilId: pupil.id });
    expect(byPupil.rows.map((r) => r.operation)).toEqual(['pupils.get', 'pupils.get', 'pupils.create']);
    expect((await list({ pupilId: pupil.id, operation: 'pupils.create' })).rows.map((r) => r.actor)).toEqual([
      `${SENCO_USER.displayName} (${SENCO_USER.username})`,
    ]);

    // 24 November (UK) holds the 23:30 read and the new user; 25 November the headteacher's morning.
    const day24 = await list({ from: '2026-11-24', to: '2026-11-24' });
    expect(day24.rows.map((r) => r.operation)).toEqual(['users.create', 'pupils.get']);
    // (The SENCo's own reads of the trail this morning are there too: reading it names pupils, so it is audited.)
    const day25 = await list({ from: '2026-11-25' });
    expect(day25.rows.filter((r) => r.operation !== 'audit.list')).toHaveLength(3);
    expect((await list({ to: '2026-11-23' })).rows.every((r) => r.at < '2026-11-24')).toBe(true);

    const paged = await list({ userId: headId, pageSize: 2, page: 1 });
    expect(paged.total).toBe(byHead.total);
    expect(paged.rows.map((r) => r.seq)).toEqual(byHead.rows.slice(2, 4).map((r) => r.seq));
  });

  it('records each read of the trail, with what it showed but naming no pupil', async () => {
    const created = await as(senco)('pupils.create', pupilInput());
    const pupilId = (created as { value: PupilProfile }).value.id;
    const shown = await list({ pupilId });
    expect(shown.rows.map((r) => r.operation)).toEqual(['pupils.create']);
    const [read] = (await list({ operation: 'audit.list' })).rows;
    expect(read).toMatchObject({
      operation: 'audit.list',
      outcome: 'ok',
      role: 'senco',
      pupilId: null,
      actor: `${SENCO_USER.displayName} (${SENCO_USER.username})`,
    });
    expect(JSON.parse(read!.detail!)).toEqual({ events: 1, pupils: 1 });
    // A pupil's own history is not filled with views of the trail.
    expect((await list({ pupilId })).rows.map((r) => r.operation)).toEqual(['pupils.create']);
  });

  it("a user's events include their sign-ins through the CLI (named in the detail), and no one else's", async () => {
    const make = async (username: string) =>
      (
        (await as(senco)('users.create', {
          displayName: `Person ${username}`,
          username,
          role: 'teacher',
          password: 'long enough password',
        })) as { value: { id: string } }
      ).value.id;
    const mine = await make('a_b');
    await make('axb'); // "_" is a LIKE wildcard: axb's sign-ins must not count as a_b's
    const via = { via: 'senco-desk CLI (OS account tester)' };
    await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: 'a_b', password: 'long enough password' } }, via);
    await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: 'a_b', password: 'not the password' } }, via);
    await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: 'axb', password: 'long enough password' } }, via);
    const rows = (await list({ userId: mine })).rows;
    expect(rows.map((r) => [r.operation, r.outcome, JSON.parse(r.detail!) as unknown])).toEqual([
      ['auth.signIn', 'refused', { username: 'a_b', result: 'wrong password', ...via }],
      ['auth.signIn', 'ok', { username: 'a_b', ...via }],
    ]);
  });

  it('verifies an intact chain, and names an edited event (its seq, time, operation)', async () => {
    await as(senco)('pupils.create', pupilInput());
    const ok = await verify();
    expect(ok.ok).toBe(true);
    expect(ok.firstBroken).toBeNull();
    expect(ok.events).toBe(await count());

    const target = (await list({ operation: 'pupils.create' })).rows[0]!;
    await core.ds.query(`UPDATE audit_event SET detail = ${mark(1)} WHERE seq = ${mark(2)}`, ['{"tampered":true}', target.seq]);
    const total = await count();
    const bad = await verify();
    expect(bad).toMatchObject({
      ok: false,
      events: total,
      firstBroken: { seq: target.seq, at: target.at, operation: 'pupils.create', problem: 'hash_mismatch', nextSeq: null },
    });
    expect(bad.firstBroken?.reason).toMatch(/changed after it was written/);
  });

  it('names a deleted event by its missing number', async () => {
    const created = await as(senco)('pupils.create', pupilInput());
    await as(senco)('pupils.get', { id: (created as { value: PupilProfile }).value.id });
    const events = await count();
    expect(events).toBeGreaterThanOrEqual(3);
    await core.ds.query(`DELETE FROM audit_event WHERE seq = ${mark(1)}`, [2]);
    const gone = await verify();
    expect(gone).toMatchObject({
      ok: false,
      events: events - 1,
      firstBroken: { seq: 2, at: null, operation: null, problem: 'missing', nextSeq: 3 },
    });
    expect(gone.firstBroken?.reason).toBe('event 2 is missing (deleted): the trail goes from event 1 to event 3');
  });

  it('finds a rewritten event whose hash was recomputed: the next event no longer follows it', async () => {
    await as(senco)('pupils.create', pupilInput());
    await as(senco)('pupils.get', { id: (await list({ operation: 'pupils.create' })).rows[0]!.pupilId });
    // Forge event 2 with a hash that matches its new contents: only event 3's link to it gives it away.
    const { auditHash } = await import('./audit');
    const rows: {
      seq: number;
      at: string;
      user_id: string | null;
      actor: string;
      role: string | null;
      operation: string;
      pupil_id: string | null;
      outcome: string;
      detail: string | null;
      prev_hash: string;
    }[] = await core.ds.query(`SELECT * FROM audit_event WHERE seq = ${mark(1)}`, [2]);
    const r = rows[0]!;
    const forged = {
      at: r.at,
      userId: r.user_id,
      actor: 'someone else',
      role: r.role,
      operation: r.operation,
      pupilId: r.pupil_id,
      outcome: r.outcome,
      detail: r.detail,
    };
    await core.ds.query(`UPDATE audit_event SET actor = ${mark(1)}, hash = ${mark(2)} WHERE seq = 2`, [
      'someone else',
      auditHash(r.prev_hash, 2, forged),
    ]);
    const bad = await verify();
    expect(bad.firstBroken).toMatchObject({ seq: 3, problem: 'prev_hash_mismatch' });
  });

  it('checks a trail longer than one batch, and a break in the second batch', async () => {
    await core.ds.transaction(async (em) => {
      for (let i = 0; i < 4500; i++) {
        await appendAudit(em, driver, {
          at: now.toISOString(),
          userId: null,
          actor: 'bulk',
          role: 'senco',
          operation: 'pupils.get',
          pupilId: null,
          outcome: 'ok',
          detail: String(i),
        });
      }
    });
    const intact = await core.ds.transaction((em) => verifyAuditChain(em));
    expect(intact).toMatchObject({ ok: true, firstBroken: null });
    expect(intact.events).toBe(intact.checked);
    expect(intact.events).toBeGreaterThan(4500);
    await core.ds.query(`UPDATE audit_event SET detail = 'x' WHERE seq = ${mark(1)}`, [3001]);
    const bad = await core.ds.transaction((em) => verifyAuditChain(em));
    expect(bad).toMatchObject({ ok: false, checked: 3000, firstBroken: { seq: 3001, problem: 'hash_mismatch' } });
  });

  it('lets only the SENCo and the headteacher check the chain', async () => {
    const c = await as(senco)('users.create', {
      displayName: 'Tia Teacher',
      username: 'tia.teacher',
      role: 'teacher',
      password: 'long enough password',
    });
    expect(c.ok).toBe(true);
    const s = await as(null)('auth.signIn', { username: 'tia.teacher', password: 'long enough password' });
    const teacher = (s as { value: { session: string } }).value.session;
    const r = await as(teacher)('audit.verify', {});
    expect(!r.ok && r.error.code).toBe('forbidden');
    expect((await as(teacher)('audit.list', {})).ok).toBe(false);
  });
});
