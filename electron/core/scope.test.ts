/**
 * Record scope (issue 8): a therapist reaches only their own caseload (the pupils allocated to them: issue 14), a
 * teacher only the pupils in their classes, enforced by the dispatcher for every operation that names a pupil,
 * refused, rolled back and audited, and by every list and total (the sweep at the end, over every read operation,
 * which also checks that every read returning a pupil's data is audited).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MoreThan } from 'typeorm';
import {
  contract,
  OP_NAMES,
  type BandDistribution,
  type OpName,
  type PupilProfile,
  type SessionInfo,
  type SessionView,
  type UserSummary,
} from '../../shared/contract';
import { makeUpn } from '../../shared/upn';
import { AuditEventEntity } from './db/entities';
import { openTestCore, pupilInput, setUp, testDrivers, type TestCore } from './testing/harness';
import { buildWorld, mentions, type World, type WorldPupil } from './testing/pupil-world';

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
    return (
      allowed &&
      keys.includes('pupilId') &&
      keys.every((k) => k === 'pupilId' || (def.input.shape![k] as { isOptional?: () => boolean }).isOptional?.())
    );
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
    (
      await must<{ rows: { actor: string; operation: string; outcome: string; pupilId: string | null }[] }>(senco, 'audit.list', {
        pageSize: 200,
      })
    ).rows.filter((r) => r.outcome === 'refused' && r.actor.includes(username));

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-11-23T09:00:00Z'));
    senco = await setUp(core);
    await must(senco, 'terms.replaceYear', { academicYear: '2026/27', terms: TERMS });
    inClass = await must<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4100, 19, 1), legalFirstName: 'Ina', legalLastName: 'Inscope', className: '5S' }),
    );
    otherClass = await must<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4100, 19, 2), legalFirstName: 'Otto', legalLastName: 'Outside', className: '6T' }),
    );
    therapist = await must<UserSummary>(senco, 'users.create', {
      displayName: 'Tess Therapist',
      username: 'tess',
      role: 'therapist',
      password: 'therapist password',
    });
    teacher = await must<UserSummary>(senco, 'users.create', {
      displayName: 'Tia Teacher',
      username: 'tia',
      role: 'teacher',
      password: 'teacher password 1',
    });
    await must(senco, 'users.setClasses', { id: teacher.id, classes: ['5s'] });
    await must(senco, 'caseload.allocate', {
      pupilId: inClass.id,
      userId: therapist.id,
      discipline: 'speech_language',
      startDate: '2026-09-07',
    });
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
      id: null,
      pupilId,
      referrerKind: 'teacher',
      referrerName: 'Tia Teacher',
      laCategory: null,
      discipline: 'speech_language',
      reason: 'Finds it hard to follow spoken instructions in class.',
      receivedDate: '2026-11-23',
      consentStatus: 'pending',
      consentBy: null,
      consentDate: null,
    });
    expect((await call(teacherSession, 'referrals.save', referral(inClass.id))).ok).toBe(true);
    expect(await call(teacherSession, 'referrals.save', referral(otherClass.id))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await must<unknown[]>(senco, 'referrals.list', { pupilId: otherClass.id })).toEqual([]);
    expect(await must<unknown[]>(senco, 'referrals.list', { pupilId: inClass.id })).toHaveLength(1);
  });

  it('a therapist reaches only the pupils allocated to them: booking a session gives no access, and is refused without an allocation', async () => {
    expect((await must<{ rows: { id: string }[] }>(tSession, 'pupils.list', {})).rows.map((r) => r.id)).toEqual([inClass.id]);
    await must(senco, 'bands.set', {
      pupilId: inClass.id,
      band: 'targeted',
      needLevel: 'medium',
      startDate: '2026-09-07',
      plannedWeeks: 20,
      reason: 'Language delay',
    });
    await must(senco, 'bands.set', {
      pupilId: otherClass.id,
      band: 'targeted',
      needLevel: 'medium',
      startDate: '2026-09-07',
      plannedWeeks: 20,
      reason: 'Language delay',
    });
    expect((await must<{ pupilId: string }[]>(tSession, 'caseload.list', {})).map((r) => r.pupilId)).toEqual([inClass.id]);
    expect((await must<{ pupilId: string }[]>(senco, 'caseload.list', {})).length).toBe(2);

    const assessment = (pupilId: string) => ({
      id: null,
      pupilId,
      referralId: null,
      kind: 'initial',
      discipline: 'speech_language',
      assessorName: 'Tess Therapist',
      date: '2026-11-20',
      needLevel: 'medium',
      notes: 'Synthetic assessment notes.',
      scores: [],
      thrive: [],
    });
    expect(await call(tSession, 'assessments.save', assessment(otherClass.id))).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/caseload/) },
    });
    expect(await must<unknown[]>(senco, 'assessments.list', { pupilId: otherClass.id })).toEqual([]);

    const schedule = (pupilId: string) => ({
      title: 'Language group',
      discipline: 'speech_language',
      practitionerIds: [therapist.id],
      pupils: [{ pupilId, ehcpProvisionId: null, ippInterventionId: null }],
      firstDate: '2026-11-24',
      startTime: '10:00',
      durationMinutes: 30,
      location: null,
      recurrence: 'none',
      intervalWeeks: 1,
      until: null,
      count: null,
      exceptions: [],
      overrideProtected: false,
    });
    // The therapist cannot book a pupil outside their caseload...
    expect(await call(tSession, 'sessions.schedule', schedule(otherClass.id))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // ...nor can the SENCo book the therapist with them: booking would have widened the caseload without an allocation.
    expect(await call(senco, 'sessions.schedule', schedule(otherClass.id))).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: {
          'pupils.0.pupilId':
            'Tess Therapist is not allocated to Otto Outside, and a therapist works only with the pupils on their own caseload. The SENCo or therapy lead must allocate Tess Therapist to Otto Outside first, on the pupil’s overview (Therapists card); then book the session.',
        },
      },
    });
    expect(await must<unknown[]>(senco, 'sessions.list', { from: '2026-11-01', to: '2026-11-30', pupilId: otherClass.id })).toEqual([]);
    expect(await call(tSession, 'pupils.get', { id: otherClass.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A session the SENCo delivers with the pupil gives the therapist nothing either.
    const sencoId = (await must<{ user: { id: string } }>(senco, 'auth.me', {})).user.id;
    await must(senco, 'sessions.schedule', { ...schedule(otherClass.id), practitionerIds: [sencoId] });
    expect(await call(tSession, 'pupils.get', { id: otherClass.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Only the allocation does, and then the booking goes through.
    await must(senco, 'caseload.allocate', { pupilId: otherClass.id, userId: therapist.id, startDate: '2026-11-23' });
    await must(senco, 'sessions.schedule', { ...schedule(otherClass.id), startTime: '13:00' });
    expect((await must<PupilProfile>(tSession, 'pupils.get', { id: otherClass.id })).id).toBe(otherClass.id);
  });

  it('ending an allocation takes the pupil off the therapist’s caseload', async () => {
    const [allocation] = await must<{ id: string }[]>(senco, 'caseload.allocations', { pupilId: inClass.id });
    expect((await call(tSession, 'pupils.get', { id: inClass.id })).ok).toBe(true);
    expect(await call(senco, 'caseload.endAllocation', { id: allocation!.id, endDate: '2026-09-01' })).toMatchObject({
      ok: false,
      error: { fields: { endDate: expect.stringMatching(/7 September 2026/) } },
    });
    await must(senco, 'caseload.endAllocation', { id: allocation!.id, endDate: '2026-11-22' });
    expect(await call(tSession, 'pupils.get', { id: inClass.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await must<{ rows: unknown[] }>(tSession, 'pupils.list', {})).rows).toEqual([]);
  });

  it('allocations: only therapists and the therapy lead, not twice at once, and only by the SENCo or therapy lead', async () => {
    expect(await call(senco, 'caseload.allocate', { pupilId: inClass.id, userId: teacher.id, startDate: '2026-09-07' })).toMatchObject({
      ok: false,
      error: { fields: { userId: expect.stringMatching(/Only a therapist/) } },
    });
    expect(
      await call(senco, 'caseload.allocate', {
        pupilId: inClass.id,
        userId: therapist.id,
        discipline: 'speech_language',
        startDate: '2026-10-01',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { userId: expect.stringMatching(/already allocated/) } },
    });
    expect(
      await call(tSession, 'caseload.allocate', { pupilId: otherClass.id, userId: therapist.id, startDate: '2026-10-01' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a teacher sees the timetable of pupils in their classes only, without notes', async () => {
    const schedule = {
      title: 'Mixed group',
      discipline: 'speech_language',
      practitionerIds: [therapist.id],
      pupils: [inClass.id, otherClass.id].map((pupilId) => ({ pupilId, ehcpProvisionId: null, ippInterventionId: null })),
      firstDate: '2026-11-24',
      startTime: '10:00',
      durationMinutes: 30,
      location: null,
      recurrence: 'none',
      intervalWeeks: 1,
      until: null,
      count: null,
      exceptions: [],
      overrideProtected: false,
    };
    await must(senco, 'caseload.allocate', { pupilId: otherClass.id, userId: therapist.id, startDate: '2026-09-07' });
    await must(senco, 'sessions.schedule', schedule);
    const week = await must<{ pupils: { pupilId: string; notes: string | null }[] }[]>(teacherSession, 'sessions.list', {
      from: '2026-11-23',
      to: '2026-11-29',
    });
    expect(week).toHaveLength(1);
    expect(week[0]!.pupils.map((p) => p.pupilId)).toEqual([inClass.id]);
    expect(await call(teacherSession, 'sessions.list', { from: '2026-11-23', to: '2026-11-29', pupilId: otherClass.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // The therapist runs the session with both pupils allocated to them, so sees both; once one allocation ends, the
    // session stays in their timetable with only the pupil still on their caseload.
    const mine = await must<{ pupils: unknown[] }[]>(tSession, 'sessions.list', { from: '2026-11-23', to: '2026-11-29' });
    expect(mine[0]!.pupils).toHaveLength(2);
    const [allocation] = await must<{ id: string }[]>(senco, 'caseload.allocations', { pupilId: otherClass.id });
    await must(senco, 'caseload.endAllocation', { id: allocation!.id, endDate: '2026-11-22' });
    const after = await must<{ pupils: { pupilId: string }[] }[]>(tSession, 'sessions.list', { from: '2026-11-23', to: '2026-11-29' });
    expect(after.map((v) => v.pupils.map((p) => p.pupilId))).toEqual([[inClass.id]]);
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

/**
 * Every read operation, as every role limited to some pupils and as the SENCo, in a school where every read has
 * something to show about a pupil in scope (IN) and one outside it (OUT): see testing/pupil-world.ts. A sample input
 * per read operation (a new read operation without one fails here), made for either pupil.
 */
type Sample = (w: World, p: WorldPupil, me: string) => Record<string, unknown>;
const READ_SAMPLES: Readonly<Record<string, Sample>> = {
  'auth.me': () => ({}),
  'school.get': () => ({}),
  'terms.list': () => ({ academicYear: '2026/27' }),
  'users.list': () => ({}),
  'pupils.list': (_w, p) => ({ search: p.profile.legalLastName }),
  'pupils.classes': () => ({}),
  'pupils.get': (_w, p) => ({ id: p.profile.id }),
  'audit.list': (_w, p) => ({ pupilId: p.profile.id, pageSize: 200 }),
  'audit.verify': () => ({}),
  'ehcp.listForPupil': (_w, p) => ({ pupilId: p.profile.id }),
  'ehcp.get': (_w, p) => ({ planId: p.planId }),
  'ehcp.reviews.list': (_w, p) => ({ planId: p.planId }),
  'ehcp.requests.list': (_w, p) => ({ pupilId: p.profile.id }),
  'ehcp.transfer.get': (_w, p) => ({ pupilId: p.profile.id }),
  'calendar.listDays': () => ({ academicYear: '2026/27' }),
  'clocks.rules': () => ({}),
  'clocks.list': () => ({}),
  'register.summary': () => ({}),
  'register.export': () => ({}),
  'disciplines.list': () => ({}),
  'referrals.list': (_w, p) => ({ pupilId: p.profile.id }),
  'assessments.list': (_w, p) => ({ pupilId: p.profile.id }),
  'bands.history': (_w, p) => ({ pupilId: p.profile.id }),
  'bands.distribution': () => ({}),
  'caseload.list': () => ({}),
  'caseload.allocations': (_w, p) => ({ pupilId: p.profile.id }),
  'ipps.listForPupil': (_w, p) => ({ pupilId: p.profile.id }),
  'ipps.get': (_w, p) => ({ id: p.ippId }),
  'placements.listForPupil': (_w, p) => ({ pupilId: p.profile.id }),
  'placements.preview': () => ({ startDate: '2027-01-05' }),
  'sessions.list': () => ({ from: '2026-11-01', to: '2026-11-30' }),
  'sessions.freeSlots': (_w, p, me) => ({ practitionerIds: [me], pupilIds: [p.profile.id], durationMinutes: 30, from: null }),
  'sessions.get': (_w, p) => ({ id: p.sessionId }),
  'sessions.protected.list': () => ({}),
  'provision.delivered': () => ({}),
  'practitioners.caseload': () => ({}),
  'sessions.stats': (_w, p) => ({ pupilId: p.profile.id }),
  'sessions.ics': (w, _p, me) => ({ practitionerId: me === w.sencoId ? w.therapist.id : me, from: '2026-09-01', to: '2026-12-31' }),
  'reviews.list': () => ({ from: '2026-09-01', to: '2027-08-31' }),
  'reviews.listForPupil': (_w, p) => ({ pupilId: p.profile.id }),
  'reviews.get': (_w, p) => ({ id: p.reviewId }),
  'reviews.actions': () => ({ includeDone: true }),
  'reviews.pack': (_w, p) => ({ reviewId: p.reviewId }),
  'progress.forPupil': (_w, p) => ({ pupilId: p.profile.id }),
  'parentUpdates.list': (_w, p) => ({ pupilId: p.profile.id }),
  'parentUpdates.summary': (_w, p) => ({ pupilId: p.profile.id }),
  // A standalone desk's own answers (nothing waits, no outbox); the change feed from the start of the trail.
  'desk.status': () => ({}),
  'desk.outbox.list': () => ({}),
  'sync.changes': () => ({ since: 0 }),
  'access.matrix': () => ({}),
  'exports.log': () => ({}),
  'transfers.identity': () => ({}),
  'transfers.senders.list': () => ({}),
  'transfers.preview': (w) => ({ packageBase64: w.packageBase64, passphrase: w.passphrase, identity: null }),
  'safeguarding.list': () => ({}),
  'safeguarding.alerts': () => ({}),
  'staff.list': () => ({}),
  'staff.alerts': () => ({}),
  'feedback.list': () => ({}),
  'feedback.report': () => ({ from: '2026-09-01', to: '2027-08-31' }),
  'policies.list': () => ({}),
  'trust.schools.list': () => ({}),
  'trust.figures': () => ({}),
  'dashboard.worklist': () => ({ everyone: true, withSessions: true }),
  'passports.get': (_w, p) => ({ pupilId: p.profile.id }),
  'passports.getVersion': (_w, p) => ({ pupilId: p.profile.id, number: 1 }),
  'passports.suggestStrategies': (_w, p) => ({ pupilId: p.profile.id }),
  'passports.list': () => ({}),
  'passports.pdf': (_w, p) => ({ pupilId: p.profile.id }),
  'drafts.get': (_w, p) => ({ key: `ehcp.plan:${p.profile.id}`, pupilId: p.profile.id }),
  'drafts.list': (_w, p) => ({ keys: [`ehcp.plan:${p.planId}`, `sessions.record:${p.sessionId}`] }),
  'provisions.list': () => ({ includeEnded: true }),
  'provisions.get': (w) => ({ id: w.provisionId }),
  'provision.rates.get': () => ({}),
  'provision.threshold.get': () => ({}),
  'provision.map': (_w, p) => ({ pupilId: p.profile.id }),
  'provision.map.csv': (_w, p) => ({ pupilId: p.profile.id }),
  'provision.map.pdf': () => ({}),
  'provision.funding.pdf': (_w, p) => ({ pupilId: p.profile.id }),
};
/** Reads that never return a pupil's data: the school, its staff and settings, counts with no pupil in them. */
const NO_PUPIL_DATA = [
  'auth.me',
  'school.get',
  'terms.list',
  'users.list',
  'pupils.classes',
  'audit.verify',
  'calendar.listDays',
  'clocks.rules',
  'register.summary',
  'disciplines.list',
  'placements.preview',
  'practitioners.caseload',
  'access.matrix',
  'safeguarding.alerts',
  'staff.list',
  'staff.alerts',
  'feedback.report',
  'policies.list',
  'transfers.identity',
  'transfers.senders.list',
  'trust.schools.list',
  'trust.figures',
  'desk.status',
  'desk.outbox.list',
  'sync.changes',
  // Free times only: when the people chosen are all free, never what they are doing (audited all the same).
  'sessions.freeSlots',
  // The provision catalogue (counts of pupils, never who), and the rates and threshold (SENCo and headteacher).
  'provisions.list',
  'provision.rates.get',
  'provision.threshold.get',
  // The map printed for governors: by provision, counts and sums, no pupil named (audited all the same).
  'provision.map.pdf',
];
/** Not swept: before sign-in (no data), ending the caller's own session, or sending a connected desk's outbox (a standalone desk has none). */
const NOT_SWEPT = ['setup.status', 'auth.signOut', 'desk.outbox.resend', 'desk.outbox.discard'];
/** Reads whose input names one of a pupil's records: their result is that pupil's data, whatever it shows. */
const aboutOnePupil = (input: Record<string, unknown>) => ['pupilId', 'id', 'planId', 'reviewId'].some((k) => typeof input[k] === 'string');

const READ_OPS = OP_NAMES.filter((op) => contract[op].kind === 'read' && !NOT_SWEPT.includes(op));
const allows = (op: OpName, role: string) => {
  const access = contract[op].access;
  return access === 'signed_in' || (Array.isArray(access) && access.includes(role));
};

describe.each(testDrivers())('every read of pupil data on %s', (driver) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(driver);
  }, 120_000);
  afterAll(async () => w?.core.cleanup());
  const call = (session: string, op: string, input: unknown) => w.core.dispatcher.invoke({ op, input, session }) as Promise<R<unknown>>;

  it('has a sample input for every read operation', () => {
    expect(Object.keys(READ_SAMPLES).sort()).toEqual([...READ_OPS].sort());
  });

  it.each(['therapist', 'teacher'] as const)('a %s never sees a pupil outside their scope in any read, list or total', async (role) => {
    const session = role === 'therapist' ? w.therapistSession : w.teacherSession;
    const me = role === 'therapist' ? w.therapist.id : w.teacher.id;
    const swept: string[] = [];
    for (const op of READ_OPS.filter((o) => allows(o, role) && (contract[o] as { scoped?: false }).scoped !== false)) {
      // Asked about a pupil in scope (or a list): answered, and names no one outside the scope.
      const inside = await call(session, op, READ_SAMPLES[op]!(w, w.in, me));
      expect(inside.ok, `${op}: ${inside.ok ? '' : inside.error.message}`).toBe(true);
      expect(mentions(inside, w.outTokens), `${op} shows a pupil outside the ${role}'s scope`).toBeNull();
      // Asked about the pupil outside: refused, or answered without them.
      const outside = await call(session, op, READ_SAMPLES[op]!(w, w.out, me));
      if (outside.ok) expect(mentions(outside, w.outTokens), `${op} (asked about the pupil outside) shows them`).toBeNull();
      else expect(outside.error.code, `${op}: ${outside.error.message}`).not.toBe('internal');
      swept.push(op);
    }
    expect(swept.length).toBeGreaterThan(role === 'therapist' ? 30 : 8);
  });

  it('a therapist sees their own caseload in the band distribution and their actions, and only their own session figures', async () => {
    const dist = await call(w.therapistSession, 'bands.distribution', {});
    expect(dist).toMatchObject({ ok: true, value: { total: 1, flagged: [{ pupilId: w.in.profile.id }] } });
    const sencoDist = await call(w.senco, 'bands.distribution', {});
    expect(sencoDist.ok && (sencoDist.value as BandDistribution).flagged).toHaveLength(2);
    // The therapist owns an action for each pupil; the one for the pupil no longer on their caseload is not shown.
    const actions = await call(w.therapistSession, 'reviews.actions', { ownerUserId: w.therapist.id, includeDone: true });
    expect(actions.ok && (actions.value as { pupilId: string }[]).map((a) => a.pupilId)).toEqual([w.in.profile.id]);
    expect(await call(w.therapistSession, 'sessions.stats', { practitionerId: w.sencoId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/only your own/) },
    });
    expect((await call(w.therapistSession, 'sessions.stats', { practitionerId: w.therapist.id })).ok).toBe(true);
    // Their own session with both pupils shows only the pupil still on their caseload, in the app and in the calendar file.
    const week = await call(w.therapistSession, 'sessions.list', { from: '2026-11-10', to: '2026-11-10' });
    expect(week.ok && (week.value as SessionView[]).map((v) => v.pupils.map((p) => p.name))).toEqual([['Ina Inscope']]);
    const ics = await call(w.therapistSession, 'sessions.ics', { practitionerId: w.therapist.id, from: '2026-11-01', to: '2026-11-30' });
    expect(ics.ok && (ics.value as { ics: string }).ics).toMatch(/Language group \(II\)/);
  });

  it('audits every read that returns a pupil’s data, naming the pupil or counting them', async () => {
    const repo = w.core.ds.getRepository(AuditEventEntity);
    const pupilData: string[] = [];
    const none: string[] = [];
    for (const op of READ_OPS) {
      const input = READ_SAMPLES[op]!(w, w.out, w.sencoId);
      const last = (await repo.find({ order: { seq: 'DESC' }, take: 1 }))[0]?.seq ?? 0;
      const asSenco = allows(op, 'senco');
      // The trust's figures are the trust SEND lead's alone, and name no pupil (electron/core/tenancy.test.ts).
      if (!asSenco && !allows(op, 'dsl')) {
        none.push(op);
        continue;
      }
      const r = await call(asSenco ? w.senco : w.dslSession, op, input);
      expect(r.ok, `${op}: ${r.ok ? '' : r.error.message}`).toBe(true);
      const returnsPupilData = aboutOnePupil(input) || mentions(r, [...w.outTokens, ...w.inTokens]) !== null;
      (returnsPupilData ? pupilData : none).push(op);
      if (!returnsPupilData) continue;
      expect(contract[op].audit, `${op} returns pupil data: it must be audited`).toBe(true);
      const events = (await repo.find({ where: { seq: MoreThan(last) } })).filter((e) => e.operation === op);
      expect(events, `${op} wrote no audit event`).toHaveLength(1);
      const e = events[0]!;
      expect(e).toMatchObject({ outcome: 'ok', role: asSenco ? 'senco' : 'dsl' });
      const detail = e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : {};
      const named = e.pupilId !== null || Object.values(detail).some((v) => typeof v === 'number');
      expect(named, `${op}: the event names no pupil and counts none (${e.detail})`).toBe(true);
      // Reading the audit trail filtered by a pupil counts what it showed but does not name the pupil, so that a
      // pupil's own history is not filled with views of the audit trail (services/audit.ts).
      if (aboutOnePupil(input) && 'pupilId' in input && op !== 'audit.list') expect(e.pupilId, op).toBe(w.out.profile.id);
    }
    expect(none.sort()).toEqual([...NO_PUPIL_DATA].sort());
    expect(pupilData).toEqual(
      expect.arrayContaining([
        'clocks.list',
        'caseload.list',
        'reviews.list',
        'reviews.actions',
        'sessions.list',
        'provision.delivered',
        'bands.distribution',
      ]),
    );
  });
});
