/**
 * Record scope (issue 8): a therapist reaches only their own caseload, a teacher only the pupils in their classes,
 * enforced by the dispatcher for every operation that names a pupil, refused, rolled back and audited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, type OpName, type PupilProfile, type SessionInfo, type UserSummary } from '../../shared/contract';
import { makeUpn } from '../../shared/upn';
import { openTestCore, pupilInput, setUp, testDrivers, type TestCore } from './testing/harness';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

const TERMS = [
  { name: 'autumn1', startDate: '2026-09-02', endDate: '2026-10-23' },
  { name: 'autumn2', startDate: '2026-11-02', endDate: '2026-12-18' },
];

/** Operations whose whole input is one pupil: the sweep below sends each an out-of-scope pupil. */
function pupilOnlyOps(role: string): OpName[] {
  return (Object.keys(contract) as OpName[]).filter((op) => {
    const def = contract[op] as unknown as { access: unknown; scoped?: false; input: { shape?: Record<string, unknown> } };
    // Raising (and following up) a safeguarding concern is open to everyone about every pupil.
    if (def.scoped === false) return false;
    const keys = Object.keys(def.input.shape ?? {});
    const allowed = def.access === 'signed_in' || (Array.isArray(def.access) && def.access.includes(role));
    return allowed && keys.includes('pupilId') && keys.every((k) => k === 'pupilId' || (def.input.shape![k] as { isOptional?: () => boolean }).isOptional?.());
  });
}

describe.each(testDrivers())('record scope on %s', (driver) => {
  let core: TestCore;
  let senco: string;
  let inClass: PupilProfile;
  let otherClass: PupilProfile;
  let therapist: UserSummary;
  let teacher: UserSummary;
  let tSession: string;
  let teacherSession: string;
  const call = <T>(session: string | null, op: string, input: unknown) => core.dispatcher.invoke({ op, input, session }) as Promise<R<T>>;
  const must = async <T>(session: string | null, op: string, input: unknown): Promise<T> => {
    const r = await call<T>(session, op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const refusals = async (username: string) =>
    (await must<{ rows: { actor: string; operation: string; outcome: string; pupilId: string | null }[] }>(senco, 'audit.list', { pageSize: 200 })).rows.filter(
      (r) => r.outcome === 'refused' && r.actor.includes(username),
    );

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    senco = await setUp(core);
    await must(senco, 'terms.replaceYear', { academicYear: '2026/27', terms: TERMS });
    inClass = await must<PupilProfile>(senco, 'pupils.create', pupilInput({ upn: makeUpn(999, 4100, 19, 1), legalFirstName: 'Ina', legalLastName: 'Inscope', className: '5S' }));
    otherClass = await must<PupilProfile>(senco, 'pupils.create', pupilInput({ upn: makeUpn(999, 4100, 19, 2), legalFirstName: 'Otto', legalLastName: 'Outside', className: '6T' }));
    therapist = await must<UserSummary>(senco, 'users.create', { displayName: 'Tess Therapist', username: 'tess', role: 'therapist', password: 'therapist password' });
    teacher = await must<UserSummary>(senco, 'users.create', { displayName: 'Tia Teacher', username: 'tia', role: 'teacher', password: 'teacher password 1' });
    await must(senco, 'users.setClasses', { id: teacher.id, classes: ['5s'] });
    await must(senco, 'caseload.allocate', { pupilId: inClass.id, userId: therapist.id, discipline: 'speech_language', startDate: '2026-09-07' });
    tSession = (await must<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'therapist password' })).session;
    teacherSession = (await must<SessionInfo>(null, 'auth.signIn', { username: 'tia', password: 'teacher password 1' })).session;
  });
  afterEach(async () => core.cleanup());

  it('a teacher lists and opens only the pupils in their classes (class names compared without case)', async () => {
    const list = await must<{ total: number; rows: { id: string }[] }>(teacherSession, 'pupils.list', {});
    expect(list.rows.map((r) => r.id)).toEqual([inClass.id]);
    expect(list.total).toBe(1);
    expect((await must<PupilProfile>(teacherSession, 'pupils.get', { id: inClass.id })).id).toBe(inClass.id);
    const refused = await call(teacherSession, 'pupils.get', { id: otherClass.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/not on your class lists/) } });
    expect((await refusals('tia')).map((r) => [r.operation, r.pupilId])).toEqual([['pupils.get', otherClass.id]]);
    // The SENCo sees everyone.
    expect((await must<{ total: number }>(senco, 'pupils.list', {})).total).toBe(2);
  });

  it('a teacher refers a pupil in their class; a referral for another pupil is refused and nothing is written', async () => {
    const referral = (pupilId: string) => ({
      id: null, pupilId, referrerKind: 'teacher', referrerName: 'Tia Teacher', laCategory: null, discipline: 'speech_language',
      reason: 'Finds it hard to follow spoken instructions in class.', receivedDate: '2026-11-23', consentStatus: 'pending', consentBy: null, consentDate: null,
    });
    expect((await call(teacherSession, 'referrals.save', referral(inClass.id))).ok).toBe(true);
    expect(await call(teacherSession, 'referrals.save', referral(otherClass.id))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await must<unknown[]>(senco, 'referrals.list', { pupilId: otherClass.id })).toEqual([]);
    expect(await must<unknown[]>(senco, 'referrals.list', { pupilId: inClass.id })).toHaveLength(1);
  });

  it('a therapist reaches their allocated pupils and pupils in their own sessions, and no one else', async () => {
    expect((await must<{ rows: { id: string }[] }>(tSession, 'pupils.list', {})).rows.map((r) => r.id)).toEqual([inClass.id]);
    await must(senco, 'bands.set', { pupilId: inClass.id, band: 'targeted', needLevel: 'medium', startDate: '2026-09-07', plannedWeeks: 20, reason: 'Language delay' });
    await must(senco, 'bands.set', { pupilId: otherClass.id, band: 'targeted', needLevel: 'medium', startDate: '2026-09-07', plannedWeeks: 20, reason: 'Language delay' });
    expect((await must<{ pupilId: string }[]>(tSession, 'caseload.list', {})).map((r) => r.pupilId)).toEqual([inClass.id]);
    expect((await must<{ pupilId: string }[]>(senco, 'caseload.list', {})).length).toBe(2);

    const assessment = (pupilId: string) => ({
      id: null, pupilId, referralId: null, kind: 'initial', discipline: 'speech_language', assessorName: 'Tess Therapist', date: '2026-11-20', needLevel: 'medium',
      notes: 'Synthetic assessment notes.', scores: [], thrive: [],
    });
    expect(await call(tSession, 'assessments.save', assessment(otherClass.id))).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/caseload/) } });
    expect(await must<unknown[]>(senco, 'assessments.list', { pupilId: otherClass.id })).toEqual([]);

    // Scheduling a session with a pupil outside the caseload is refused, though the session would have widened it.
    const schedule = (pupilId: string) => ({
      title: 'Language group', discipline: 'speech_language', practitionerIds: [therapist.id], pupils: [{ pupilId, ehcpProvisionId: null, ippInterventionId: null }],
      firstDate: '2026-11-24', startTime: '10:00', durationMinutes: 30, location: null, recurrence: 'none', intervalWeeks: 1, until: null, count: null, exceptions: [],
      overrideProtected: false,
    });
    expect(await call(tSession, 'sessions.schedule', schedule(otherClass.id))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await must<unknown[]>(senco, 'sessions.list', { from: '2026-11-01', to: '2026-11-30', pupilId: otherClass.id }))).toEqual([]);
    // The therapy lead or SENCo schedules it: the pupil is then in the therapist's own sessions, so in scope.
    await must(senco, 'sessions.schedule', schedule(otherClass.id));
    expect((await must<PupilProfile>(tSession, 'pupils.get', { id: otherClass.id })).id).toBe(otherClass.id);
  });

  it('ending an allocation takes the pupil off the therapist’s caseload', async () => {
    const [allocation] = await must<{ id: string }[]>(senco, 'caseload.allocations', { pupilId: inClass.id });
    expect((await call(tSession, 'pupils.get', { id: inClass.id })).ok).toBe(true);
    expect(await call(senco, 'caseload.endAllocation', { id: allocation!.id, endDate: '2026-09-01' })).toMatchObject({ ok: false, error: { fields: { endDate: expect.stringMatching(/07\/09\/2026/) } } });
    await must(senco, 'caseload.endAllocation', { id: allocation!.id, endDate: '2026-11-22' });
    expect(await call(tSession, 'pupils.get', { id: inClass.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await must<{ rows: unknown[] }>(tSession, 'pupils.list', {})).rows).toEqual([]);
  });

  it('allocations: only therapists and the therapy lead, not twice at once, and only by the SENCo or therapy lead', async () => {
    expect(await call(senco, 'caseload.allocate', { pupilId: inClass.id, userId: teacher.id, startDate: '2026-09-07' })).toMatchObject({
      ok: false, error: { fields: { userId: expect.stringMatching(/Only a therapist/) } },
    });
    expect(await call(senco, 'caseload.allocate', { pupilId: inClass.id, userId: therapist.id, discipline: 'speech_language', startDate: '2026-10-01' })).toMatchObject({
      ok: false, error: { code: 'conflict', fields: { userId: expect.stringMatching(/already allocated/) } },
    });
    expect(await call(tSession, 'caseload.allocate', { pupilId: otherClass.id, userId: therapist.id, startDate: '2026-10-01' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a teacher sees the timetable of pupils in their classes only, without notes', async () => {
    const schedule = {
      title: 'Mixed group', discipline: 'speech_language', practitionerIds: [therapist.id],
      pupils: [inClass.id, otherClass.id].map((pupilId) => ({ pupilId, ehcpProvisionId: null, ippInterventionId: null })),
      firstDate: '2026-11-24', startTime: '10:00', durationMinutes: 30, location: null, recurrence: 'none', intervalWeeks: 1, until: null, count: null, exceptions: [],
      overrideProtected: false,
    };
    await must(senco, 'sessions.schedule', schedule);
    const week = await must<{ pupils: { pupilId: string; notes: string | null }[] }[]>(teacherSession, 'sessions.list', { from: '2026-11-23', to: '2026-11-29' });
    expect(week).toHaveLength(1);
    expect(week[0]!.pupils.map((p) => p.pupilId)).toEqual([inClass.id]);
    expect(await call(teacherSession, 'sessions.list', { from: '2026-11-23', to: '2026-11-29', pupilId: otherClass.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The therapist runs the session, so sees both pupils in it.
    const mine = await must<{ pupils: unknown[] }[]>(tSession, 'sessions.list', { from: '2026-11-23', to: '2026-11-29' });
    expect(mine[0]!.pupils).toHaveLength(2);
  });

  it.each(['therapist', 'teacher'] as const)('every operation about one pupil refuses a %s a pupil outside their scope', async (role) => {
    const session = role === 'therapist' ? tSession : teacherSession;
    const ops = pupilOnlyOps(role);
    expect(ops.length).toBeGreaterThan(role === 'therapist' ? 8 : 1);
    for (const op of ops) {
      const r = await call(session, op, { pupilId: otherClass.id });
      expect(r, op).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const inside = await call(session, op, { pupilId: inClass.id });
      if (!inside.ok) expect(inside.error.code, `${op}: ${inside.error.message}`).not.toBe('forbidden');
    }
  });
});
