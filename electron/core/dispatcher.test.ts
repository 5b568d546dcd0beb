import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from './audit';
import { openTestCore, pupilInput, SENCO_USER, setUp, testDrivers, type TestCore } from './testing/harness';
import type { PupilProfile } from '../../shared/contract';

describe.each(testDrivers())('dispatcher on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  let now = new Date('2026-11-23T09:00:00Z');
  const as = (session: string | null) => (op: string, input: unknown) => core.dispatcher.invoke({ op, input, session });

  beforeEach(async () => {
    now = new Date('2026-11-23T09:00:00Z');
    core = await openTestCore(driver, () => now);
    senco = await setUp(core);
  });
  afterEach(async () => core.cleanup());

  async function userSession(role: string, username: string): Promise<string> {
    const c = await as(senco)('users.create', { displayName: `A ${role}`, username, role, password: 'long enough password' });
    expect(c.ok).toBe(true);
    const s = await as(null)('auth.signIn', { username, password: 'long enough password' });
    if (!s.ok) throw new Error(s.error.message);
    return (s.value as { session: string }).session;
  }

  it('refuses a second first-run setup', async () => {
    const r = await as(null)('setup.initialise', {
      school: { name: 'X', urn: '123456', localAuthority: 'Y' },
      user: { displayName: 'Z', username: 'zzz', password: 'long enough password' },
    });
    expect(!r.ok && r.error.code).toBe('already_set_up');
  });

  it('requires a session for everything but setup and sign-in', async () => {
    const r = await as(null)('pupils.list', {});
    expect(!r.ok && r.error.code).toBe('unauthenticated');
    const s = await as('forged-token')('pupils.list', {});
    expect(!s.ok && s.error.code).toBe('unauthenticated');
    expect((await as(null)('setup.status', {})).ok).toBe(true);
  });

  it('refuses a role that may not call an operation, and audits the refusal', async () => {
    const teacher = await userSession('teacher', 'terry.teacher');
    const r = await as(teacher)('pupils.create', pupilInput());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('forbidden');
      expect(r.error.message).toMatch(/Teacher or teaching assistant/);
    }
    expect(await core.ds.query('SELECT COUNT(*) AS n FROM pupil')).toEqual([{ n: driver === 'postgres' ? '0' : 0 }]);
    const audit = await as(senco)('audit.list', { operation: 'pupils.create' });
    expect(audit.ok && (audit.value as { rows: { outcome: string }[] }).rows.map((r) => r.outcome)).toEqual(['refused']);
    // The teacher can still list pupils.
    expect((await as(teacher)('pupils.list', {})).ok).toBe(true);
  });

  it('rolls back everything an operation wrote when it fails part-way', async () => {
    const c = await as(senco)('pupils.create', pupilInput());
    const p = (c as { value: PupilProfile }).value;
    // The name change is written first, then the SEN status change is refused (dated before the open period).
    const r = await as(senco)('pupils.update', {
      ...pupilInput(),
      id: p.id,
      legalFirstName: 'Changed',
      senStatus: 'E',
      senStatusFrom: '2010-01-01',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields?.senStatusFrom).toMatch(/on or after/);
    const after = await as(senco)('pupils.get', { id: p.id });
    expect(after.ok && (after.value as PupilProfile).legalFirstName).toBe('Amara');
    expect(after.ok && (after.value as PupilProfile).senStatus).toBe('K');
  });

  it('audits writes and reads of a pupil record in a verifiable chain', async () => {
    const c = await as(senco)('pupils.create', pupilInput());
    const p = (c as { value: PupilProfile }).value;
    await as(senco)('pupils.get', { id: p.id });
    const audit = await as(senco)('audit.list', { pupilId: p.id });
    const rows = (audit as { value: { rows: { operation: string; actor: string; at: string }[] } }).value.rows;
    expect(rows.map((r) => r.operation)).toEqual(['pupils.get', 'pupils.create']);
    expect(rows[0]!.actor).toBe(`${SENCO_USER.displayName} (${SENCO_USER.username})`);
    expect(rows[0]!.at).toBe('2026-11-23T09:00:00.000Z');
    const chain = await core.ds.transaction((em) => verifyAuditChain(em));
    expect(chain.ok).toBe(true);
    // Tampering with an event is detected, and the first broken event is named.
    const seq = driver === 'postgres' ? '$1' : '?';
    await core.ds.query(`UPDATE audit_event SET actor = 'someone else' WHERE seq = ${seq}`, [2]);
    const broken = await core.ds.transaction((em) => verifyAuditChain(em));
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken?.seq).toBe(2);
  });

  it('locks an account after five wrong passwords, and a locked account cannot sign in with the right one', async () => {
    const wrongAnswers = [];
    for (let i = 0; i < 5; i++) {
      const r = await as(null)('auth.signIn', { username: SENCO_USER.username, password: 'wrong password' });
      expect(!r.ok && r.error.code).toBe('unauthenticated');
      wrongAnswers.push(r);
    }
    // While locked, even the right password gets the one answer every failed sign-in gets (electron/core/lockout.ts).
    const locked = await as(null)('auth.signIn', { username: SENCO_USER.username, password: SENCO_USER.password });
    expect(locked).toEqual(wrongAnswers[0]);
    // Each failed attempt is in the audit trail, refused and attributable, and the chain still holds.
    const refused: { operation: string; outcome: string; detail: string | null }[] = await core.ds.query(
      "SELECT operation, outcome, detail FROM audit_event WHERE operation = 'auth.signIn' AND outcome = 'refused'",
    );
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(refused.filter((e) => (e.detail ?? '').includes(SENCO_USER.username)).length).toBeGreaterThanOrEqual(5);
    expect((await core.ds.transaction((em) => verifyAuditChain(em))).ok).toBe(true);
    now = new Date(now.getTime() + 16 * 60_000);
    const later = await as(null)('auth.signIn', { username: SENCO_USER.username, password: SENCO_USER.password });
    expect(later.ok).toBe(true);
  });

  it('signs out and ends the session; a disabled user is signed out at once', async () => {
    const office = await userSession('office', 'olive.office');
    expect((await as(office)('auth.me', {})).ok).toBe(true);
    const users = await as(senco)('users.list', {});
    const id = (users as { value: { id: string; username: string }[] }).value.find((u) => u.username === 'olive.office')!.id;
    await as(senco)('users.setActive', { id, active: false });
    expect((await as(office)('auth.me', {})).ok).toBe(false);
    const again = await as(null)('auth.signIn', { username: 'olive.office', password: 'long enough password' });
    expect(!again.ok && again.error.message).toMatch(/disabled/);
    await as(senco)('auth.signOut', {});
    expect((await as(senco)('auth.me', {})).ok).toBe(false);
  });

  it('refuses overlapping terms and keeps a valid year', async () => {
    const bad = await as(senco)('terms.replaceYear', {
      academicYear: '2026/27',
      terms: [
        { name: 'autumn1', startDate: '2026-09-02', endDate: '2026-10-23' },
        { name: 'autumn2', startDate: '2026-10-20', endDate: '2026-12-18' },
      ],
    });
    expect(!bad.ok && bad.error.fields?.['terms.1.startDate']).toMatch(/overlaps Autumn 1/);
    const good = await as(senco)('terms.replaceYear', {
      academicYear: '2026/27',
      terms: [
        { name: 'autumn2', startDate: '2026-11-02', endDate: '2026-12-18' },
        { name: 'autumn1', startDate: '2026-09-02', endDate: '2026-10-23' },
      ],
    });
    expect(good.ok && (good.value as { name: string }[]).map((t) => t.name)).toEqual(['autumn1', 'autumn2']);
  });
});
