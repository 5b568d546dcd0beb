/**
 * `senco-desk server export-school` (issue 16, item 4, the way out of a trust), on a trust's server with two schools,
 * on PostgreSQL (and on SQLite, which a trust's server can also be). School A (URN 999001) holds the small demo,
 * imported from a desk; school B (URN 999002) a desk's pupils, a therapist, a session and a concern, and one of B's
 * pupils has since moved to A (their session at B stays B's). Exporting A: the preview writes nothing; a non-empty
 * folder and an unknown URN are refused with nothing written; --apply writes an encrypted folder that no password opens
 * until a school user's first sign-in with the recovery key, after which A's SENCo signs in with their own password
 * and sees A's pupils, plans and sessions; the folder's audit trail verifies; no row, id or name of school B is
 * anywhere in it; the trust's trail records the export; and `server import` of the folder into an empty server keeps
 * every count.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCoreAt, type Core } from '../core/core';
import { KeyringError } from '../core/crypto/keyring';
import { DEMO_PASSWORD } from '../core/demo';
import { PG_URL, pupilInput, testDrivers } from '../core/testing/harness';
import type { PupilProfile, ScheduleResult, SessionInfo, SessionView, UserSummary } from '../../shared/contract';
import { makeUpn } from '../../shared/upn';
import { cli, PASSWORD, tempDir } from './test-support';

const PLAIN = { SENCO_ENCRYPT: '0' };
const SCHOOL_A = ['--school', 'Brookfield Academy (demo)', '--urn', '999001', '--la', 'Exampleshire (fictional)'];
const B_UPNS = [makeUpn(999, 4600, 19, 1), makeUpn(999, 4600, 19, 2)];
const MOVER_UPN = makeUpn(999, 4600, 19, 3);

async function withFolder<T>(dir: string, fn: (core: Core) => Promise<T>, env: NodeJS.ProcessEnv = PLAIN): Promise<T> {
  const core = await openCoreAt(dir, env, { encrypt: false });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

async function signedIn(core: Core, username: string, password: string) {
  const r = await core.dispatcher.invoke({ op: 'auth.signIn', input: { username, password } });
  if (!r.ok) throw new Error(`${username}: ${r.error.message}`);
  const session = (r.value as SessionInfo).session;
  return async <T>(op: string, input: unknown): Promise<T> => {
    const res = await core.dispatcher.invoke({ op, input, session });
    if (!res.ok) throw new Error(`${op}: ${res.error.message} ${JSON.stringify(res.error.fields ?? {})}`);
    return res.value as T;
  };
}

/** A server's store: a set-up SQLite folder (school A), or an empty PostgreSQL schema of its own named in database.json. */
async function serverFolder(kind: 'sqlite' | 'postgres', initA: boolean): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const tmp = tempDir('senco-trust-');
  let cleanup = async () => tmp.remove();
  if (kind === 'postgres') {
    const schema = `t_exp_${randomBytes(5).toString('hex')}`;
    const admin = new DataSource({ type: 'postgres', url: PG_URL });
    await admin.initialize();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.destroy();
    const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    writeFileSync(join(tmp.dir, 'database.json'), JSON.stringify({ postgresUrl: url }));
    cleanup = async () => {
      const a = new DataSource({ type: 'postgres', url: PG_URL });
      await a.initialize();
      await a.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await a.destroy();
      tmp.remove();
    };
  }
  if (initA || kind === 'sqlite') {
    const init = await cli(['init', ...SCHOOL_A, '--user', 'Sam Okafor', '--data', tmp.dir], { env: { SENCO_PASSWORD: PASSWORD } });
    expect(init.code, init.stderr).toBe(0);
  }
  return { dir: tmp.dir, cleanup };
}

describe.each(testDrivers())("senco-desk server export-school from a trust's %s server with two schools", (kind) => {
  let trust: Awaited<ReturnType<typeof serverFolder>>;
  const deskA = tempDir('senco-desk-a-');
  const deskB = tempDir('senco-desk-b-');
  const out = tempDir('senco-export-');
  const to = join(out.dir, 'brookfield');
  let schoolA: string;
  let schoolB: string;
  /** Every id and name of school B's (its school, users, pupils, sessions), to look for in the exported file. */
  const bMarks: string[] = [];
  let moverId: string;
  let leaverId: string;
  let recoveryKey: string;

  const trustRows = <T>(sql: string, params: unknown[] = []) => withFolder(trust.dir, (c) => c.ds.query(sql, params) as Promise<T>);
  const ph = (i: number) => (kind === 'postgres' ? `$${i}` : `?${i}`);
  const auditCount = async () => Number((await trustRows<{ n: unknown }[]>('SELECT COUNT(*) AS n FROM audit_event'))[0]!.n);

  beforeAll(async () => {
    trust = await serverFolder(kind, true);
    const add = await cli(
      [
        'trust',
        'add-school',
        '--school',
        'Other Academy (synthetic)',
        '--urn',
        '999002',
        '--la',
        'Exampleshire (fictional)',
        '--user',
        'Olu Other',
        '--data',
        trust.dir,
      ],
      {
        env: { SENCO_PASSWORD: PASSWORD },
      },
    );
    expect(add.code, add.stderr).toBe(0);
    const lead = await cli(['trust', 'add-lead', '--user', 'Tara Lead', '--data', trust.dir], { env: { SENCO_PASSWORD: PASSWORD } });
    expect(lead.code, lead.stderr).toBe(0);
    // School A: the small demo from a desk.
    const demo = await cli(['demo', '--size', 'small', '--data', deskA.dir]);
    expect(demo.code, demo.stderr).toBe(0);
    const impA = await cli(['server', 'import', '--data', trust.dir, deskA.dir, '--apply', '--json']);
    expect(impA.code, impA.stderr).toBe(0);
    // School B: a desk with two pupils, a pupil who will move to A, a therapist, a session and a concern.
    const init = await cli(
      [
        'init',
        '--school',
        'Other Academy (synthetic)',
        '--urn',
        '999002',
        '--la',
        'Exampleshire (fictional)',
        '--user',
        'Bea Bramble',
        '--data',
        deskB.dir,
      ],
      {
        env: { SENCO_PASSWORD: PASSWORD },
      },
    );
    expect(init.code, init.stderr).toBe(0);
    await withFolder(deskB.dir, async (core) => {
      const as = await signedIn(core, 'bea.bramble', PASSWORD);
      const therapist = await as<UserSummary>('users.create', {
        displayName: 'Tam Bthera',
        username: 'tam.bthera',
        role: 'therapist',
        password: 'a long therapist password',
      });
      const pupils: PupilProfile[] = [];
      for (const [i, upn] of [...B_UPNS, MOVER_UPN].entries()) {
        pupils.push(
          await as<PupilProfile>(
            'pupils.create',
            pupilInput({ upn, legalFirstName: ['Bryony', 'Basil', 'Milo'][i]!, legalLastName: ['Bhadeleigh', 'Bexworth', 'Mover'][i]! }),
          ),
        );
      }
      const mover = pupils[2]!;
      await as('caseload.allocate', { pupilId: mover.id, userId: therapist.id, discipline: 'speech_language', startDate: '2026-09-07' });
      await as('caseload.allocate', {
        pupilId: pupils[0]!.id,
        userId: therapist.id,
        discipline: 'speech_language',
        startDate: '2026-09-07',
      });
      await as<ScheduleResult>('sessions.schedule', {
        title: 'Other Academy group',
        discipline: 'speech_language',
        practitionerIds: [therapist.id],
        pupils: [mover, pupils[0]!].map((p) => ({ pupilId: p.id, ehcpProvisionId: null, ippInterventionId: null })),
        firstDate: '2026-11-10',
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
      const [s] = (await as<SessionView[]>('sessions.list', { from: '2026-11-10', to: '2026-11-10' })).filter(
        (x) => x.title === 'Other Academy group',
      );
      await as('sessions.record', {
        sessionId: s!.id,
        pupils: [mover, pupils[0]!].map((p) => ({
          pupilId: p.id,
          attendance: 'attended',
          cancelledBy: null,
          reason: null,
          deliveredMinutes: null,
          notes: 'Synthetic note at Other Academy.',
          goals: [],
        })),
      });
      const asTherapist = await signedIn(core, 'tam.bthera', 'a long therapist password');
      await asTherapist('safeguarding.raise', {
        pupilId: mover.id,
        happenedAt: '2026-11-12T10:30',
        what: 'Synthetic concern about Milo.',
        childWords: null,
      });
    });
    const impB = await cli(['server', 'import', '--data', trust.dir, deskB.dir, '--apply', '--json']);
    expect(impB.code, impB.stderr).toBe(0);
    const schools = await trustRows<{ id: string; urn: string }[]>('SELECT id, urn FROM school');
    schoolA = schools.find((x) => x.urn === '999001')!.id;
    schoolB = schools.find((x) => x.urn === '999002')!.id;
    // On the trust's server: B's SENCo moves Milo to A (their session at B stays B's); A's and B's SENCos read a pupil
    // each (audit events about each school).
    await withFolder(trust.dir, async (core) => {
      const bea = await signedIn(core, 'bea.bramble', PASSWORD);
      const [mover] = (await core.ds.query(`SELECT id FROM pupil WHERE upn = ${ph(1)}`, [MOVER_UPN])) as { id: string }[];
      moverId = mover!.id;
      await bea('pupils.moveSchool', { pupilId: moverId, toSchoolId: schoolA, date: '2026-11-20' });
      const [b0] = (await core.ds.query(`SELECT id FROM pupil WHERE upn = ${ph(1)}`, [B_UPNS[0]])) as { id: string }[];
      await bea('pupils.get', { id: b0!.id });
      const sam = await signedIn(core, 'sam.okafor', PASSWORD);
      await sam('pupils.get', { id: moverId });
      // And one of A's pupils with sessions at A moves to B: their attendance at A's sessions is B's pupil's now.
      const today = new Date().toISOString().slice(0, 10);
      const [leaver] = (await core.ds.query(
        `SELECT y.pupil_id FROM session_pupil y JOIN therapy_session s ON s.id = y.session_id WHERE s.school_id = ${ph(1)} AND s.date < ${ph(2)} AND y.pupil_id <> ${ph(3)} ORDER BY y.pupil_id LIMIT 1`,
        [schoolA, today, moverId],
      )) as { pupil_id: string }[];
      leaverId = leaver!.pupil_id;
      await sam('pupils.moveSchool', { pupilId: leaverId, toSchoolId: schoolB, date: today });
    });
    bMarks.push(
      schoolB,
      'Other Academy',
      'Bramble',
      'Bthera',
      'Bhadeleigh',
      'Bexworth',
      ...B_UPNS,
      'Synthetic note at Other Academy',
      'tara.lead',
      'Tara Lead',
    );
    for (const r of await trustRows<{ id: string }[]>(`SELECT id FROM app_user WHERE school_id = ${ph(1)}`, [schoolB])) bMarks.push(r.id);
    // B's pupils now include the one who left A: their id and UPN are nowhere in A's folder either. (Not their demo
    // surname: another pupil of A's may share it.)
    for (const r of await trustRows<{ id: string; upn: string }[]>(`SELECT id, upn FROM pupil WHERE school_id = ${ph(1)}`, [schoolB]))
      bMarks.push(r.id, r.upn);
    for (const r of await trustRows<{ id: string }[]>(`SELECT id FROM app_user WHERE role = 'trust_lead'`)) bMarks.push(r.id);
    for (const r of await trustRows<{ id: string }[]>(`SELECT id FROM therapy_session WHERE school_id = ${ph(1)}`, [schoolB]))
      bMarks.push(r.id);
    for (const r of await trustRows<{ username: string }[]>(`SELECT username FROM app_user WHERE school_id = ${ph(1)}`, [schoolB]))
      bMarks.push(r.username);
  }, 240_000);

  afterAll(async () => {
    await trust?.cleanup();
    for (const d of [deskA, deskB, out]) d.remove();
  });

  it('refuses an unknown URN and a folder that is not empty, with plain messages and nothing written', async () => {
    const before = await auditCount();
    const unknown = await cli(['server', 'export-school', '--data', trust.dir, '--urn', '999009', '--to', to, '--apply']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /There is no school with URN 999009 on this server: it holds .*Brookfield Academy \(demo\) \(URN 999001\).*Other Academy \(synthetic\) \(URN 999002\)/,
    );
    expect(unknown.stderr).toMatch(/Nothing was written/);
    expect(existsSync(to)).toBe(false);

    const full = join(out.dir, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'notes.txt'), "someone's file");
    const refused = await cli(['server', 'export-school', '--data', trust.dir, '--urn', '999001', '--to', full, '--apply']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not empty \(it holds notes.txt\).*Name a new folder.*Nothing was written/);
    expect(readdirSync(full)).toEqual(['notes.txt']);

    const bad = await cli(['server', 'export-school', '--data', trust.dir, '--urn', '99900', '--to', to]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--urn takes the URN of the school to export \(6 digits/);
    expect(await auditCount()).toBe(before);
  }, 60_000);

  it('previews what goes, and writes nothing', async () => {
    const before = await auditCount();
    const r = await cli(['server', 'export-school', '--data', trust.dir, '--urn', '999001', '--to', to, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const pupilsA = Number(
      (await trustRows<{ n: unknown }[]>(`SELECT COUNT(*) AS n FROM pupil WHERE school_id = ${ph(1)}`, [schoolA]))[0]!.n,
    );
    expect(doc).toMatchObject({ ok: true, applied: false, school: { urn: '999001' }, schoolsOnServer: 2, pupils: pupilsA });
    expect(doc.users.map((u: { username: string }) => u.username)).toContain('sam.okafor');
    expect(doc.users.map((u: { username: string }) => u.username)).not.toContain('bea.bramble');
    expect(doc.ownership).toMatchObject({
      pupil: 'school',
      therapy_session: 'school',
      session_pupil: 'linked',
      ipp_goal: 'linked',
      term: 'school',
      trusted_sender: 'trust',
      audit_event: 'none',
      installation_key: 'none',
    });
    // Milo's attendance at B's session and his allocation to B's therapist stay behind; the concern B's therapist
    // raised about him goes, without naming them.
    expect(doc.leftBehind).toMatchObject({ session_pupil: 1, caseload_allocation: 1 });
    expect(doc.peopleCleared).toMatchObject({ safeguarding_concern: 1 });
    // The pupil who left A for B: their attendance at A's sessions stays behind with them.
    const leaverSessions = Number(
      (await trustRows<{ n: unknown }[]>(`SELECT COUNT(*) AS n FROM session_pupil WHERE pupil_id = ${ph(1)}`, [leaverId]))[0]!.n,
    );
    expect(leaverSessions).toBeGreaterThan(0);
    expect(doc.otherPupils).toMatchObject({ session_pupil: leaverSessions });
    // The trust's SEND lead (homed at A, the trust's first school) is not one of A's users in the folder.
    expect(doc.trustLeadsLeft).toBe(1);
    expect(doc.users.map((u: { username: string }) => u.username)).not.toContain('tara.lead');
    expect(doc.auditEvents).toBeGreaterThan(0);
    expect(existsSync(to)).toBe(false);
    expect(await auditCount()).toBe(before);
    const human = await cli(['server', 'export-school', '--data', trust.dir, '--urn', '999001', '--to', to]);
    expect(human.stdout).toMatch(/Export preview: Brookfield Academy \(demo\) \(URN 999001\), one of 2 schools/);
    expect(human.stdout).toMatch(/Nothing was written. Run again with --apply/);
  }, 60_000);

  it("keeps nothing when the export cannot be finished: the folder removed, the trust's records and trail as they were", async () => {
    // The trust's database refuses the export's own audit event, the last thing written (after the folder was
    // written, opened again and counted).
    const before = await auditCount();
    await withFolder(trust.dir, async (core) => {
      if (kind === 'postgres') {
        await core.ds.query(
          `CREATE FUNCTION refuse_export() RETURNS trigger AS $$ BEGIN IF NEW.operation = 'server.exportSchool' THEN RAISE EXCEPTION 'export refused for the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
        );
        await core.ds.query('CREATE TRIGGER refuse_export BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_export()');
      } else {
        await core.ds.query(
          `CREATE TRIGGER refuse_export BEFORE INSERT ON audit_event WHEN NEW.operation = 'server.exportSchool' BEGIN SELECT RAISE(ABORT, 'export refused for the test'); END`,
        );
      }
    });
    try {
      const r = await cli(['server', 'export-school', '--data', trust.dir, '--urn', '999001', '--to', to, '--apply']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/The export could not be finished \(.*export refused for the test.*\)\. Nothing was kept: .* was removed/);
      expect(existsSync(to)).toBe(false);
      expect(await auditCount()).toBe(before);
      // Into an empty folder that was there already: emptied again, not removed.
      const existing = join(out.dir, 'existing');
      mkdirSync(existing);
      expect((await cli(['server', 'export-school', '--data', trust.dir, '--urn', '999001', '--to', existing, '--apply'])).code).toBe(1);
      expect(readdirSync(existing)).toEqual([]);
    } finally {
      await withFolder(trust.dir, async (core) => {
        await core.ds.query(kind === 'postgres' ? 'DROP TRIGGER refuse_export ON audit_event' : 'DROP TRIGGER refuse_export');
        if (kind === 'postgres') await core.ds.query('DROP FUNCTION refuse_export()');
      });
    }
  }, 60_000);

  it("exports the school to an encrypted folder its own users open, with nothing of the other school, and records it in the trust's trail", async () => {
    const r = await cli(['server', 'export-school', '--data', trust.dir, '--urn', '999001', '--to', to, '--apply', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, applied: true, school: { urn: '999001' } });
    expect(doc.verified).toEqual(doc.tables);
    recoveryKey = doc.recoveryKey;
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);

    // Every table holds exactly school A's rows (counted independently on the trust's server).
    const counts = async (core: Core, sql: string, params: unknown[] = []) =>
      Number(((await core.ds.query(sql, params)) as { n: unknown }[])[0]!.n);
    const onTrust = {
      pupil: `SELECT COUNT(*) AS n FROM pupil WHERE school_id = ${ph(1)}`,
      therapy_session: `SELECT COUNT(*) AS n FROM therapy_session WHERE school_id = ${ph(1)}`,
      staff_member: `SELECT COUNT(*) AS n FROM staff_member WHERE school_id = ${ph(1)}`,
      school_policy: `SELECT COUNT(*) AS n FROM school_policy WHERE school_id = ${ph(1)}`,
      ipp_version: `SELECT COUNT(*) AS n FROM ipp_version v JOIN ipp i ON i.id = v.ipp_id JOIN pupil p ON p.id = i.pupil_id WHERE p.school_id = ${ph(1)}`,
      ehcp_provision: `SELECT COUNT(*) AS n FROM ehcp_provision x JOIN ehc_plan_version v ON v.id = x.version_id JOIN ehc_plan e ON e.id = v.plan_id JOIN pupil p ON p.id = e.pupil_id WHERE p.school_id = ${ph(1)}`,
      review_decision: `SELECT COUNT(*) AS n FROM review_decision d JOIN review_meeting m ON m.id = d.review_id JOIN pupil p ON p.id = m.pupil_id WHERE p.school_id = ${ph(1)}`,
      parent_update: `SELECT COUNT(*) AS n FROM parent_update x JOIN pupil p ON p.id = x.pupil_id WHERE p.school_id = ${ph(1)}`,
      // A's sessions' attendance of A's pupils (the pupil who left for B stays behind with their attendance).
      session_pupil: `SELECT COUNT(*) AS n FROM session_pupil y JOIN therapy_session s ON s.id = y.session_id JOIN pupil p ON p.id = y.pupil_id WHERE s.school_id = ${ph(1)} AND p.school_id = ${ph(1)}`,
      term: 'SELECT COUNT(*) AS n FROM term',
    };
    const expected: Record<string, number> = {};
    await withFolder(trust.dir, async (core) => {
      for (const [t, sql] of Object.entries(onTrust)) expected[t] = await counts(core, sql, sql.includes(ph(1)) ? [schoolA] : []);
    });
    for (const t of ['pupil', 'therapy_session', 'ipp_version', 'session_pupil', 'review_decision', 'parent_update', 'ehcp_provision'])
      expect(expected[t], t).toBeGreaterThan(0);

    // No password opens it yet: the trust held the hashes, not the passwords.
    await expect(
      openCoreAt(to, PLAIN, { credentials: { kind: 'password', username: 'sam.okafor', password: PASSWORD } }),
    ).rejects.toBeInstanceOf(KeyringError);
    const first = await cli(['server', 'first-sign-in', '--data', to, '--json'], {
      env: { SENCO_RECOVERY_KEY: recoveryKey, SENCO_USERNAME: 'sam.okafor', SENCO_PASSWORD: PASSWORD },
    });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, user: { username: 'sam.okafor', role: 'senco' } });

    // From now on A's SENCo's own password opens it, and they see A's pupils, plans and sessions.
    await withFolder(
      to,
      async (core) => {
        const sam = await signedIn(core, 'sam.okafor', PASSWORD);
        const list = await sam<{ total: number }>('pupils.list', {});
        for (const [t] of Object.entries(onTrust)) expect(await counts(core, `SELECT COUNT(*) AS n FROM ${t}`), t).toBe(expected[t]);
        expect(list.total).toBeGreaterThan(0);
        const [withPlan] = (await core.ds.query('SELECT pupil_id FROM ipp LIMIT 1')) as { pupil_id: string }[];
        expect((await sam<unknown[]>('ipps.listForPupil', { pupilId: withPlan!.pupil_id })).length).toBeGreaterThan(0);
        const [sessionDate] = (await core.ds.query('SELECT date FROM therapy_session ORDER BY date DESC LIMIT 1')) as { date: string }[];
        expect((await sam<SessionView[]>('sessions.list', { from: sessionDate!.date, to: sessionDate!.date })).length).toBeGreaterThan(0);
        // Milo, who moved to A, came with his record and the concern about him (raised by someone of B: cleared).
        const milo = await sam<PupilProfile>('pupils.get', { id: moverId });
        expect(milo.upn).toBe(MOVER_UPN);
        // A demo therapist too signs in with the password they had, and gets their copy of the key.
        await signedIn(core, 'therapist1', DEMO_PASSWORD);

        // The concern keeps the name its author signed it with (the record's own history, as in a file that moved
        // with the child), but no link to an account of B's.
        const [concern] = (await core.ds.query('SELECT raised_by, raised_by_user_id FROM safeguarding_concern WHERE pupil_id = ?', [
          moverId,
        ])) as { raised_by: string; raised_by_user_id: null }[];
        expect(concern).toEqual({ raised_by: expect.stringMatching(/Tam Bthera/), raised_by_user_id: null });
        // Nothing else of school B anywhere: no id, name, UPN or note of B's in any row of any table.
        const tables = ((await core.ds.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)) as { name: string }[]).map(
          (x) => x.name,
        );
        const found: string[] = [];
        for (const t of tables) {
          for (const row of (await core.ds.query(`SELECT * FROM "${t}"`)) as Record<string, unknown>[]) {
            const text = JSON.stringify(t === 'safeguarding_concern' && row.pupil_id === moverId ? { ...row, raised_by: null } : row);
            for (const mark of bMarks) if (text.includes(mark)) found.push(`${t}: ${mark}`);
          }
        }
        expect(found).toEqual([]);
        expect(await core.ds.query('SELECT urn FROM school')).toEqual([{ urn: '999001' }]);
      },
      { ...PLAIN, SENCO_USERNAME: 'sam.okafor', SENCO_PASSWORD: PASSWORD },
    );
    // The therapist's own password opens it now as well.
    await withFolder(to, async () => undefined, { ...PLAIN, SENCO_USERNAME: 'therapist1', SENCO_PASSWORD: DEMO_PASSWORD });

    // The folder's own audit trail verifies; its last event names the trust's trail.
    const verify = await cli(['audit', 'verify', '--data', to, '--json'], { env: { SENCO_RECOVERY_KEY: recoveryKey } });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout).events).toBeGreaterThan(doc.auditEvents);

    // The trust's trail: one event, naming the URN and counts, never a pupil; and it still verifies.
    const events = await trustRows<{ detail: string; actor: string }[]>(
      `SELECT detail, actor FROM audit_event WHERE operation = 'server.exportSchool'`,
    );
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.detail)).toMatchObject({
      school: { urn: '999001' },
      pupils: doc.pupils,
      rows: doc.totalRows,
      removedFromTrust: false,
    });
    expect(events[0]!.detail).not.toContain('Mover');
    expect(events[0]!.actor).toMatch(/senco-desk CLI/);
    const trustVerify = await cli(['audit', 'verify', '--data', trust.dir, '--json']);
    expect(trustVerify.code, trustVerify.stdout + trustVerify.stderr).toBe(0);
    // School B is untouched, and so is A on the trust (nothing removed).
    expect(Number((await trustRows<{ n: unknown }[]>(`SELECT COUNT(*) AS n FROM pupil WHERE school_id = ${ph(1)}`, [schoolA]))[0]!.n)).toBe(
      expected.pupil,
    );
  }, 180_000);

  it("lets the trust's staff go on working while it runs, and its event still follows the trail", async () => {
    const again = join(out.dir, 'again');
    await withFolder(trust.dir, async (core) => {
      const bea = await signedIn(core, 'bea.bramble', PASSWORD);
      const [b0] = (await core.ds.query(`SELECT id FROM pupil WHERE upn = ${ph(1)}`, [B_UPNS[0]])) as { id: string }[];
      let running = true;
      let reads = 0;
      const exporting = cli([
        'server',
        'export-school',
        '--data',
        trust.dir,
        '--urn',
        '999001',
        '--to',
        again,
        '--apply',
        '--json',
      ]).finally(() => {
        running = false;
      });
      // B's SENCo reads a pupil (an audit event each time) all the while the export runs.
      while (running) {
        await bea('pupils.get', { id: b0!.id });
        reads++;
        // Yield to the export (in this same process): a SQLite read completes without waiting on any I/O.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const r = await exporting;
      expect(r.code, r.stderr).toBe(0);
      expect(reads).toBeGreaterThan(1);
    });
    const verify = await cli(['audit', 'verify', '--data', trust.dir, '--json']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(await trustRows(`SELECT seq FROM audit_event WHERE operation = 'server.exportSchool'`)).toHaveLength(2);
  }, 120_000);

  it('goes back into an empty server with `server import`, every count kept', async () => {
    const empty = await serverFolder(kind, false);
    try {
      const r = await cli(['server', 'import', '--data', empty.dir, to, '--apply', '--json'], {
        env: { SENCO_IMPORT_RECOVERY_KEY: recoveryKey },
      });
      expect(r.code, r.stderr).toBe(0);
      const skip = new Set(['audit_event', 'sign_in_session', 'applied_operation', 'installation_key']);
      const countAll = async (dir: string, env: NodeJS.ProcessEnv) =>
        withFolder(
          dir,
          async (core) => {
            const out: Record<string, number> = {};
            for (const m of core.ds.entityMetadatas)
              if (!skip.has(m.tableName))
                out[m.tableName] = Number(((await core.ds.query(`SELECT COUNT(*) AS n FROM "${m.tableName}"`)) as { n: unknown }[])[0]!.n);
            return out;
          },
          env,
        );
      const exported = await countAll(to, { ...PLAIN, SENCO_RECOVERY_KEY: recoveryKey });
      const imported = await countAll(empty.dir, { ...PLAIN, SENCO_USERNAME: 'sam.okafor', SENCO_PASSWORD: PASSWORD });
      expect(imported).toEqual(exported);
      expect(exported.pupil).toBeGreaterThan(0);
    } finally {
      await empty.cleanup();
    }
  }, 120_000);
});

describe('senco-desk server export-school: --help', () => {
  it('documents every flag, how the school opens the folder, and why there is no --remove yet', async () => {
    const r = await cli(['server', 'export-school', '--help']);
    for (const text of [
      '--urn',
      '--to',
      '--data',
      '--preview',
      '--apply',
      '--json',
      'SENCO_RECOVERY_KEY',
      'server first-sign-in',
      'senco-desk server --data FOLDER',
      '--remove',
    ]) {
      expect(r.stdout).toContain(text);
    }
    const first = await cli(['server', 'first-sign-in', '--help']);
    for (const text of ['--data', 'SENCO_RECOVERY_KEY', 'SENCO_USERNAME', 'SENCO_PASSWORD']) expect(first.stdout).toContain(text);
  });
});
