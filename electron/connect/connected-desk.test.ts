/**
 * The connected desk against a real school server (startSchoolServer over HTTPS, the core's own dispatcher behind
 * it), in one process: online it forwards and keeps the user's answers; the server stops and the desk works from the
 * replica, queues session records and a concern (concern first); the server returns and the outbox is replayed with
 * idempotency keys, so a replay repeated writes nothing twice; what the server refuses waits in "Could not be sent"
 * with the input kept; the therapist's replica holds no pupil outside their scope; a wrong fingerprint sends nothing.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskStatus, OutboxItem, PupilProfile, SessionInfo, SessionView, UserSummary } from '../../shared/contract';
import { makeUpn } from '../../shared/upn';
import { openTestCore, pupilInput, setUp, testDrivers, type TestCore } from '../core/testing/harness';
import { makeSelfSignedCertificate } from '../server/certificate';
import { startSchoolServer, type SchoolServer } from '../server/server';
import { ConnectedDesk } from './connected-desk';
import { Replica, replicaId, replicasDir } from './replica';
import { readKeyring, unlockWithPassword } from '../core/crypto/keyring';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const tls = makeSelfSignedCertificate(['localhost', '127.0.0.1']);
const fingerprint = new X509Certificate(tls.cert).fingerprint256;

describe.each(testDrivers())('a connected desk on %s', (driver) => {
  let core: TestCore;
  let server: SchoolServer | null = null;
  let port = 0;
  let deskDir: string;
  let desk: ConnectedDesk;
  let senco: string;
  let pupil: PupilProfile;
  let outsider: PupilProfile;
  let therapist: UserSummary;
  let sessionIds: string[];
  let allocationId: string;

  const direct = async <T>(session: string | null, op: string, input: unknown): Promise<T> => {
    const r = (await core.dispatcher.invoke({ op, input, session })) as R<T>;
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const viaDesk = <T>(session: string | null, op: string, input: unknown) => desk.invoke({ op, input, session }) as Promise<R<T>>;
  const mustDesk = async <T>(session: string | null, op: string, input: unknown): Promise<T> => {
    const r = await viaDesk<T>(session, op, input);
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  // The server stops and starts again on the same port, over the same database (its core is not closed). Long work
  // gets an operation control as the core's host gives one (progress to listeners, a cancel flag), as in production.
  const progressListeners = new Set<(operation: string, p: { done: number; total: number; label: string }) => void>();
  const cancelled = new Set<string>();
  const served = {
    invoke: async (e: unknown, opts?: { readonly operation?: string }) => {
      const id = opts?.operation;
      if (!id) return core.dispatcher.invoke(e);
      // Here the core runs in the server's own thread (in production it has a thread of its own, so the server answers
      // polls while it works): the work waits its turn briefly, as in the host's queue, and its answer takes a moment
      // back, so the desk's polls find it queued (and can cancel it) and find its last progress.
      await new Promise((r) => setTimeout(r, 400));
      const result = await core.dispatcher.invoke(e, {
        operation: { cancelled: () => cancelled.has(id), progress: (p) => progressListeners.forEach((l) => l(id, p)) },
      });
      await new Promise((r) => setTimeout(r, 400));
      return result;
    },
    cancel: (operation: string) => (cancelled.add(operation), true),
    onProgress: (l: (operation: string, p: { done: number; total: number; label: string }) => void) => (
      progressListeners.add(l),
      () => void progressListeners.delete(l)
    ),
    close: () => Promise.resolve(),
  };
  const serve = async () => {
    server = await startSchoolServer({
      core: served,
      tls,
      port,
      host: '127.0.0.1',
      log: quiet,
    });
    port = server.port;
  };
  const stopServer = async () => {
    await server?.stop();
    server = null;
  };
  const record = (sessionId: string, note: string) => ({
    sessionId,
    pupils: [{ pupilId: pupil.id, attendance: 'attended', cancelledBy: null, reason: null, deliveredMinutes: 30, notes: note, goals: [] }],
  });
  const count = async (sql: string) => Number(((await core.ds.query(sql)) as { n: number | string }[])[0]!.n);

  beforeEach(async () => {
    core = await openTestCore(driver, () => new Date('2026-12-10T09:00:00Z'));
    senco = await setUp(core);
    await direct(senco, 'terms.replaceYear', {
      academicYear: '2026/27',
      terms: [{ name: 'autumn2', startDate: '2026-11-02', endDate: '2026-12-18' }],
    });
    pupil = await direct<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4100, 19, 1), legalFirstName: 'Ina', legalLastName: 'Inscope' }),
    );
    outsider = await direct<PupilProfile>(
      senco,
      'pupils.create',
      pupilInput({ upn: makeUpn(999, 4100, 19, 2), legalFirstName: 'Otto', legalLastName: 'Outside' }),
    );
    therapist = await direct<UserSummary>(senco, 'users.create', {
      displayName: 'Tess Therapist',
      username: 'tess',
      role: 'therapist',
      password: 'therapist password',
    });
    allocationId = (
      await direct<{ id: string }>(senco, 'caseload.allocate', {
        pupilId: pupil.id,
        userId: therapist.id,
        discipline: 'speech_language',
        startDate: '2026-09-07',
      })
    ).id;
    await direct(senco, 'sessions.schedule', {
      title: 'Language group',
      discipline: 'speech_language',
      practitionerIds: [therapist.id],
      pupils: [{ pupilId: pupil.id, ehcpProvisionId: null, ippInterventionId: null }],
      firstDate: '2026-11-23',
      startTime: '10:00',
      durationMinutes: 30,
      location: null,
      recurrence: 'weekly',
      intervalWeeks: 1,
      until: null,
      count: 4,
      exceptions: [],
      overrideProtected: false,
    });
    sessionIds = (await direct<SessionView[]>(senco, 'sessions.list', { from: '2026-11-01', to: '2026-12-31', pupilId: pupil.id })).map(
      (s) => s.id,
    );
    await serve();
    deskDir = mkdtempSync(join(tmpdir(), 'senco-desk-'));
    desk = new ConnectedDesk({
      server: `https://127.0.0.1:${port}`,
      fingerprint,
      dataDir: deskDir,
      clock: () => new Date('2026-12-10T09:00:00Z'),
      timeoutMs: 5000,
      progressPollMs: 50,
    });
  });

  afterEach(async () => {
    await desk.close();
    await stopServer();
    await core.cleanup();
    rmSync(deskDir, { recursive: true, force: true });
  });

  it('online: signs in to the server and every operation runs through its dispatcher, with its scope and audit', async () => {
    const info = await mustDesk<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'therapist password' });
    expect(info.user.username).toBe('tess');
    const status = await mustDesk<DeskStatus>(info.session, 'desk.status', {});
    expect(status).toMatchObject({ mode: 'online', waiting: 0, failed: 0 });
    expect((await mustDesk<PupilProfile>(info.session, 'pupils.get', { id: pupil.id })).id).toBe(pupil.id);
    expect(await viaDesk(info.session, 'pupils.get', { id: outsider.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The desk's token is its own: the server does not know it.
    expect(await core.dispatcher.invoke({ op: 'auth.me', input: {}, session: info.session })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    const trail = await direct<{ rows: { operation: string; actor: string; pupilId: string | null; outcome: string }[] }>(
      senco,
      'audit.list',
      { pageSize: 50 },
    );
    expect(trail.rows.some((r) => r.operation === 'pupils.get' && r.pupilId === pupil.id && r.actor.includes('Tess'))).toBe(true);
    expect(trail.rows.some((r) => r.operation === 'pupils.get' && r.pupilId === outsider.id && r.outcome === 'refused')).toBe(true);
  });

  it('offline: works from the replica, queues records and a concern (concern first); back online, sends each once', async () => {
    // The pupil's passport (issue 18, item 3): fetched ahead at sign-in, so it reads in a classroom with no network.
    await direct(senco, 'passports.save', {
      pupilId: pupil.id,
      baseVersion: null,
      aboutMe: 'Ina likes trains.',
      goodAt: null,
      findHard: null,
      helpsMe: 'A visual timetable',
      doesNotHelp: null,
      strategies: [],
      pupilWords: null,
      writtenWith: null,
      photo: { kind: 'none' },
    });
    const tess = (await mustDesk<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'therapist password' })).session;
    await desk.tick(); // the sign-in's fetch ahead and the first turn of the poll
    await waitFor(
      async () =>
        (await mustDesk<SessionView[]>(tess, 'sessions.list', { from: '2026-11-01', to: '2026-12-31', pupilId: pupil.id })).length === 4,
    );
    await waitFor(() => Promise.resolve(readdirSync(replicasDir(deskDir)).length > 0));
    await settle(desk);

    await stopServer();
    // Offline now: the profile and this week's sessions come from the replica.
    expect((await mustDesk<PupilProfile>(tess, 'pupils.get', { id: pupil.id })).name).toBe(pupil.name);
    expect((await mustDesk<DeskStatus>(tess, 'desk.status', {})).mode).toBe('offline');
    const week = await mustDesk<SessionView[]>(tess, 'sessions.list', {
      from: '2026-11-23',
      to: '2026-11-29',
      practitionerId: therapist.id,
    });
    expect(week.map((s) => s.id)).toEqual([sessionIds[0]]);
    // What needs the server says so.
    expect(await viaDesk(tess, 'exports.log', {})).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(await mustDesk<{ current: { helpsMe: string } | null }>(tess, 'passports.get', { pupilId: pupil.id })).toMatchObject({
      current: { helpsMe: 'A visual timetable' },
    });
    expect(await viaDesk(tess, 'passports.pdf', { pupilId: pupil.id })).toMatchObject({ ok: false, error: { code: 'offline' } });
    // A mistake is refused now, with the contract's message, not on replay.
    expect(await viaDesk(tess, 'sessions.record', { sessionId: sessionIds[0], pupils: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    for (let i = 0; i < 3; i++) {
      const shown = await mustDesk<SessionView>(tess, 'sessions.record', record(sessionIds[i]!, `Offline note ${i + 1}`));
      expect(shown.pupils[0]).toMatchObject({ attendance: 'attended', notes: `Offline note ${i + 1}` });
    }
    const concern = await mustDesk<{ status: string }>(tess, 'safeguarding.raise', {
      pupilId: pupil.id,
      happenedAt: '2026-11-23T09:30',
      what: 'Synthetic test concern raised offline.',
      childWords: null,
    });
    expect(concern.status).toBe('raised');
    // Shown at once on this desk.
    const after = await mustDesk<SessionView[]>(tess, 'sessions.list', { from: '2026-11-23', to: '2026-11-29', pupilId: pupil.id });
    expect(after[0]!.pupils[0]!.notes).toBe('Offline note 1');
    expect(await mustDesk<DeskStatus>(tess, 'desk.status', {})).toMatchObject({ mode: 'offline', waiting: 4, concernsWaiting: 1 });
    const waiting = await mustDesk<OutboxItem[]>(tess, 'desk.outbox.list', { waiting: true });
    expect(waiting.map((w) => w.op)).toEqual(['safeguarding.raise', 'sessions.record', 'sessions.record', 'sessions.record']);
    expect(await count(`SELECT COUNT(*) AS n FROM safeguarding_concern`)).toBe(0);

    await serve();
    await desk.tick();
    await settle(desk);
    expect(await mustDesk<DeskStatus>(tess, 'desk.status', {})).toMatchObject({
      mode: 'online',
      waiting: 0,
      concernsWaiting: 0,
      failed: 0,
    });
    expect(await count(`SELECT COUNT(*) AS n FROM safeguarding_concern`)).toBe(1);
    const recorded = await direct<SessionView[]>(senco, 'sessions.list', { from: '2026-11-01', to: '2026-12-31', pupilId: pupil.id });
    expect(recorded.filter((s) => s.pupils[0]!.attendance === 'attended').map((s) => s.pupils[0]!.notes)).toEqual([
      'Offline note 1',
      'Offline note 2',
      'Offline note 3',
    ]);
    // The concern went first: its audit event comes before the three records'.
    const trail = await direct<{ rows: { operation: string; seq?: number }[] }>(senco, 'audit.list', { pageSize: 20 });
    const ops = trail.rows.map((r) => r.operation).filter((o) => o === 'safeguarding.raise' || o === 'sessions.record');
    expect(ops.reverse()).toEqual(['safeguarding.raise', 'sessions.record', 'sessions.record', 'sessions.record']);

    // A replay cut off after the server wrote but before the desk heard: the same keys again write nothing more.
    const keys = (await core.ds.query(`SELECT idempotency_key AS k, operation AS op FROM applied_operation ORDER BY applied_at`)) as {
      k: string;
      op: string;
    }[];
    expect(keys).toHaveLength(4);
    const before = await count(`SELECT COUNT(*) AS n FROM audit_event`);
    for (const k of keys) {
      const again = (await core.dispatcher.invoke({
        op: k.op,
        input:
          k.op === 'safeguarding.raise'
            ? { pupilId: pupil.id, happenedAt: '2026-11-23T09:30', what: 'x', childWords: null }
            : record(sessionIds[0]!, 'x'),
        session: await signInDirect('tess', 'therapist password'),
        idempotencyKey: k.k,
      })) as R<unknown>;
      expect(again.ok).toBe(true);
    }
    expect(await count(`SELECT COUNT(*) AS n FROM safeguarding_concern`)).toBe(1);
    // Only the four sign-ins' events were added: no write happened twice.
    expect((await count(`SELECT COUNT(*) AS n FROM audit_event`)) - before).toBe(4);
  });

  it('drafts typed offline are kept in the replica, read back, and sent to the server when it answers again (issue 17, item 3)', async () => {
    const tess = (await mustDesk<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'therapist password' })).session;
    await desk.tick();
    await settle(desk);
    const key = `ipps.plan:new-${pupil.id}`;
    // Online: through the server's dispatcher, into its store.
    await mustDesk(tess, 'drafts.save', { key, pupilId: pupil.id, payload: '{"title":"Typed online"}' });
    expect(await count(`SELECT COUNT(*) AS n FROM draft`)).toBe(1);

    await stopServer();
    // Offline: saved and read back at the desk, never queued in the outbox, nothing on the server yet.
    await mustDesk(tess, 'drafts.save', { key, pupilId: pupil.id, payload: '{"title":"Typed offline"}' });
    await mustDesk(tess, 'drafts.save', { key: 'sessions.schedule:new', pupilId: null, payload: '{"title":"Offline group"}' });
    expect(await mustDesk<{ payload: string }>(tess, 'drafts.get', { key, pupilId: pupil.id })).toMatchObject({
      payload: '{"title":"Typed offline"}',
    });
    expect(await mustDesk(tess, 'drafts.get', { key, pupilId: null })).toBeNull();
    // A page's forms look theirs up in one call offline too (drafts.list), from the replica.
    expect(await mustDesk<{ key: string; payload: string }[]>(tess, 'drafts.list', { keys: [key, 'sessions.record:none'] })).toEqual([
      { key, pupilId: pupil.id, payload: '{"title":"Typed offline"}', updatedAt: expect.any(String) },
    ]);
    expect(await viaDesk(tess, 'drafts.save', { key: 'not a key', pupilId: null, payload: '{}' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await mustDesk<DeskStatus>(tess, 'desk.status', {})).toMatchObject({ mode: 'offline', waiting: 0 });
    expect(await mustDesk(tess, 'drafts.discard', { key: 'sessions.schedule:new', pupilId: null })).toEqual({ discarded: true });

    await serve();
    await desk.tick();
    await settle(desk);
    // Back online: the offline draft replaced the server's, and the desk holds none of its own.
    const onServer = (await core.ds.query(`SELECT key, pupil_id, payload FROM draft`)) as {
      key: string;
      pupil_id: string;
      payload: string;
    }[];
    expect(onServer).toEqual([{ key, pupil_id: pupil.id, payload: '{"title":"Typed offline"}' }]);
    expect(await mustDesk<{ payload: string }>(tess, 'drafts.get', { key, pupilId: pupil.id })).toMatchObject({
      payload: '{"title":"Typed offline"}',
    });
    expect(await mustDesk<{ payload: string }[]>(tess, 'drafts.list', { keys: [key] })).toMatchObject([
      { payload: '{"title":"Typed offline"}' },
    ]);
    expect(await mustDesk(tess, 'drafts.discard', { key, pupilId: pupil.id })).toEqual({ discarded: true });
    expect(await count(`SELECT COUNT(*) AS n FROM draft`)).toBe(0);
  });

  it('what the server refuses waits in "Could not be sent" with the input kept; fixed and sent again, or discarded', async () => {
    const tess = (await mustDesk<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'therapist password' })).session;
    await desk.tick();
    await settle(desk);
    await stopServer();
    await mustDesk(tess, 'sessions.record', record(sessionIds[0]!, 'Kept note'));
    await mustDesk(tess, 'sessions.record', record(sessionIds[1]!, 'Second note'));
    // Meanwhile, on the server, the first session is moved out of reach: the pupil leaves the caseload.
    await direct(senco, 'caseload.endAllocation', { id: allocationId, endDate: '2026-12-09' });
    await serve();
    await desk.tick();
    await settle(desk);
    const status = await mustDesk<DeskStatus>(tess, 'desk.status', {});
    expect(status).toMatchObject({ waiting: 0, failed: 2 });
    const failed = await mustDesk<OutboxItem[]>(tess, 'desk.outbox.list', {});
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ op: 'sessions.record', error: { code: 'forbidden' } });
    expect((failed[0]!.input as { pupils: { notes: string }[] }).pupils[0]!.notes).toBe('Kept note');
    // Discarded: gone; the other stays until the user decides.
    expect(await mustDesk(tess, 'desk.outbox.discard', { id: failed[1]!.id })).toEqual({ discarded: true });
    expect((await mustDesk<OutboxItem[]>(tess, 'desk.outbox.list', {})).map((f) => f.id)).toEqual([failed[0]!.id]);
    // Allocated again, it can be sent again, and goes.
    await direct(senco, 'caseload.allocate', {
      pupilId: pupil.id,
      userId: therapist.id,
      discipline: 'speech_language',
      startDate: '2026-12-10',
    });
    expect((await viaDesk(tess, 'desk.outbox.resend', { id: failed[0]!.id })).ok).toBe(true);
    expect(await mustDesk<DeskStatus>(tess, 'desk.status', {})).toMatchObject({ waiting: 0, failed: 0 });
  });

  it('the replica, opened with the therapist’s key, holds their pupil and no pupil outside their scope', async () => {
    const tess = (await mustDesk<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'therapist password' })).session;
    await desk.tick();
    await settle(desk);
    await mustDesk(tess, 'pupils.list', {});
    await viaDesk(tess, 'pupils.get', { id: outsider.id });
    await desk.close();
    const id = replicaId(`https://127.0.0.1:${port}`, 'tess');
    const kr = readKeyring(join(replicasDir(deskDir), `${id}.keyring.json`));
    const { key } = await unlockWithPassword(kr!, 'tess', 'therapist password');
    const replica = Replica.openWithKey(join(replicasDir(deskDir), `${id}.db`), key);
    try {
      const text =
        JSON.stringify(replica.answers('all').map((a) => replica.getAnswer(a.op, a.input))) +
        JSON.stringify(replica.sessionsBetween('2000-01-01', '2100-01-01'));
      expect(text).toContain(pupil.id);
      expect(text).not.toContain(outsider.id);
      expect(text).not.toContain('Outside');
      expect(text).not.toContain(outsider.upn);
    } finally {
      replica.close();
    }
    // Without the key the file is ciphertext: the pupil's name is nowhere in it.
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(replicasDir(deskDir), `${id}.db`)).includes(Buffer.from('Inscope'))).toBe(false);
    desk = new ConnectedDesk({ server: `https://127.0.0.1:${port}`, fingerprint, dataDir: deskDir });
  });

  it('signs in offline with the password (and not with a wrong one); a wrong fingerprint sends nothing', async () => {
    await mustDesk<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'therapist password' });
    await settle(desk);
    await desk.close();
    await stopServer();
    desk = new ConnectedDesk({ server: `https://127.0.0.1:${port}`, fingerprint, dataDir: deskDir, timeoutMs: 3000 });
    expect(await viaDesk(null, 'auth.signIn', { username: 'tess', password: 'wrong password' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(await viaDesk(null, 'auth.signIn', { username: 'nobody', password: 'whatever' })).toMatchObject({
      ok: false,
      error: { code: 'offline' },
    });
    const offline = await mustDesk<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'therapist password' });
    expect((await mustDesk<PupilProfile>(offline.session, 'pupils.get', { id: pupil.id })).id).toBe(pupil.id);
    await serve();
    const wrong = new ConnectedDesk({ server: `https://127.0.0.1:${port}`, fingerprint: 'AB'.repeat(32), dataDir: deskDir });
    try {
      const r = await wrong.invoke({ op: 'auth.signIn', input: { username: 'tess', password: 'therapist password' } });
      expect(r).toMatchObject({ ok: false, error: { code: 'server_untrusted' } });
    } finally {
      await wrong.close();
    }
  });

  it('after a password change online, the offline copy opens with the new password and not the old', async () => {
    const tess = (await mustDesk<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'therapist password' })).session;
    await settle(desk);
    await mustDesk(tess, 'auth.changePassword', { currentPassword: 'therapist password', newPassword: 'a new therapist password' });
    await desk.close();
    await stopServer();
    desk = new ConnectedDesk({ server: `https://127.0.0.1:${port}`, fingerprint, dataDir: deskDir, timeoutMs: 3000 });
    expect(await viaDesk(null, 'auth.signIn', { username: 'tess', password: 'therapist password' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect((await viaDesk(null, 'auth.signIn', { username: 'tess', password: 'a new therapist password' })).ok).toBe(true);
  });

  it('what a colleague changes reaches the desk within one turn of the poll', async () => {
    const tess = (await mustDesk<SessionInfo>(null, 'auth.signIn', { username: 'tess', password: 'therapist password' })).session;
    await settle(desk);
    await desk.tick();
    const before = (await mustDesk<DeskStatus>(tess, 'desk.status', {})).changes;
    await direct(senco, 'sessions.record', record(sessionIds[0]!, 'Recorded by the SENCo'));
    await desk.tick();
    expect((await mustDesk<DeskStatus>(tess, 'desk.status', {})).changes).toBeGreaterThan(before);
    // ...and the replica has the new answer, so it is there offline too.
    await stopServer();
    const week = await mustDesk<SessionView[]>(tess, 'sessions.list', { from: '2026-11-23', to: '2026-11-29', pupilId: pupil.id });
    expect(week[0]!.pupils[0]!.notes).toBe('Recorded by the SENCo');
  });

  it('long work through the desk reports the server’s progress under the page’s id, and a cancel reaches the server', async () => {
    const info = await mustDesk<SessionInfo>(null, 'auth.signIn', { username: 'sam.senco', password: 'correct horse battery' });
    await desk.idle();
    const seen: { operation: string; done: number; label: string }[] = [];
    desk.onProgress((operation, p) => seen.push({ operation, done: p.done, label: p.label }));
    const rows = Array.from({ length: 120 }, (_, i) => ({
      line: i + 2,
      values: {
        upn: makeUpn(999, 4200, 19, i + 1),
        'Legal Surname': `Surname${i}`,
        'Legal Forename': `First${i}`,
        'Date of Birth': '01/09/2014',
        'Year Group': 'Year 7',
        'SEN Status': 'K',
        'Primary Need': 'slcn',
      },
    }));
    const imported = (await desk.invoke({ op: 'pupils.import', input: { rows }, session: info.session }, { operation: 'page-op-1' })) as R<{
      imported: number;
    }>;
    expect(imported).toMatchObject({ ok: true });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p.operation === 'page-op-1' && p.label === 'importing')).toBe(true);
    expect(seen.at(-1)).toMatchObject({ done: 120 });
    // The same id may be used again once the first has finished; a cancel reaches the server and nothing is saved.
    const before = await count('SELECT COUNT(*) AS n FROM pupil');
    const more = rows.map((r, i) => ({ ...r, values: { ...r.values, upn: makeUpn(999, 4201, 19, i + 1) } }));
    const stopping = desk.invoke(
      { op: 'pupils.import', input: { rows: more }, session: info.session },
      { operation: 'page-op-1' },
    ) as Promise<R<unknown>>;
    await new Promise((r) => setTimeout(r, 150));
    expect(desk.cancel('page-op-1')).toBe(true);
    const stopped = await stopping;
    expect(stopped).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await count('SELECT COUNT(*) AS n FROM pupil')).toBe(before);
    expect(desk.cancel('page-op-1')).toBe(false);
    // A malformed id is refused before anything is sent.
    expect(
      await desk.invoke({ op: 'pupils.import', input: { rows: more }, session: info.session }, { operation: 'no spaces please' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await count('SELECT COUNT(*) AS n FROM pupil')).toBe(before);
  });

  async function signInDirect(username: string, password: string): Promise<string> {
    return (await direct<SessionInfo>(null, 'auth.signIn', { username, password })).session;
  }
});

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

/** Waits for the desk's background work (the fetch ahead after sign-in, a flush) to finish. */
async function settle(desk: ConnectedDesk): Promise<void> {
  await desk.idle();
}
