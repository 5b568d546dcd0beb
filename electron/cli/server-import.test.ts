/**
 * `senco-desk server import` (issue 16, item 4): desks' standalone folders merged into the school server's store, on
 * SQLite and on PostgreSQL. Desk A holds the small demo; desk B (the same school) was used by another SENCo: one pupil
 * of A's (the same UPN, name and date of birth) with a session B recorded, run by a therapist who also has an account
 * on A (the same username); one pupil whose UPN is A's but whose date of birth is not (a conflict); one pupil only B
 * has. The preview writes nothing; --apply refuses while the conflict stands; with it accepted everything is written
 * once, in one audited transaction, and a second run writes nothing.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCoreAt, type Core } from '../core/core';
import { demoUsernames } from '../core/demo';
import { PG_URL, pupilInput, testDrivers } from '../core/testing/harness';
import type { PupilProfile, ScheduleResult, SessionInfo, SessionView, UserSummary } from '../../shared/contract';
import { makeUpn } from '../../shared/upn';
import { cli, PASSWORD, tempDir } from './test-support';
import type { CliIo, CliStdin } from './io';
import { runCli } from './program';

const PLAIN = { SENCO_ENCRYPT: '0' };
const DEMO_SCHOOL = ['--school', 'Brookfield Academy (demo)', '--urn', '999001', '--la', 'Exampleshire (fictional)'];

interface DemoPupil {
  id: string;
  upn: string;
  legal_first_name: string;
  legal_last_name: string;
  date_of_birth: string;
}

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
  if (!r.ok) throw new Error(r.error.message);
  const session = (r.value as SessionInfo).session;
  return async <T>(op: string, input: unknown): Promise<T> => {
    const res = await core.dispatcher.invoke({ op, input, session });
    if (!res.ok) throw new Error(`${op}: ${res.error.message} ${JSON.stringify(res.error.fields ?? {})}`);
    return res.value as T;
  };
}

/** The server's store: a set-up SQLite folder, or a PostgreSQL schema of its own named in database.json. */
async function serverFolder(kind: 'sqlite' | 'postgres'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const tmp = tempDir('senco-server-');
  if (kind === 'sqlite') {
    const init = await cli(['init', ...DEMO_SCHOOL, '--user', 'Sam Okafor', '--data', tmp.dir], { env: { SENCO_PASSWORD: PASSWORD } });
    expect(init.code, init.stderr).toBe(0);
    return { dir: tmp.dir, cleanup: async () => tmp.remove() };
  }
  const schema = `t_imp_${randomBytes(5).toString('hex')}`;
  const admin = new DataSource({ type: 'postgres', url: PG_URL });
  await admin.initialize();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.destroy();
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  writeFileSync(join(tmp.dir, 'database.json'), JSON.stringify({ postgresUrl: url }));
  return {
    dir: tmp.dir,
    cleanup: async () => {
      const a = new DataSource({ type: 'postgres', url: PG_URL });
      await a.initialize();
      await a.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await a.destroy();
      tmp.remove();
    },
  };
}

const deskA = tempDir('senco-desk-a-');
const deskB = tempDir('senco-desk-b-');
let pupilsA: DemoPupil[] = [];
let matched: DemoPupil;
let clashing: DemoPupil;
const therapistUsername = demoUsernames('small').find((u) => /therap/.test(u) && !/lead/.test(u))!;
const ONLY_B_UPN = makeUpn(999, 4700, 19, 7);

beforeAll(async () => {
  const demo = await cli(['demo', '--size', 'small', '--data', deskA.dir]);
  expect(demo.code, demo.stderr).toBe(0);
  pupilsA = await withFolder(deskA.dir, (c) =>
    c.ds.query('SELECT id, upn, legal_first_name, legal_last_name, date_of_birth FROM pupil ORDER BY upn'),
  );
  matched = pupilsA[0]!;
  clashing = pupilsA[1]!;
  const init = await cli(['init', ...DEMO_SCHOOL, '--user', 'Bea Bramble', '--data', deskB.dir], { env: { SENCO_PASSWORD: PASSWORD } });
  expect(init.code, init.stderr).toBe(0);
  await withFolder(deskB.dir, async (core) => {
    const as = await signedIn(core, 'bea.bramble', PASSWORD);
    const therapist = await as<UserSummary>('users.create', {
      displayName: 'Tam Therapist (desk B)',
      username: therapistUsername,
      role: 'therapist',
      password: 'a long therapist password',
    });
    const p1 = await as<PupilProfile>(
      'pupils.create',
      pupilInput({
        upn: matched.upn,
        legalFirstName: matched.legal_first_name,
        legalLastName: matched.legal_last_name,
        dateOfBirth: matched.date_of_birth,
      }),
    );
    await as(
      'pupils.create',
      pupilInput({
        upn: clashing.upn,
        legalFirstName: clashing.legal_first_name,
        legalLastName: clashing.legal_last_name,
        dateOfBirth: '2016-01-01',
      }),
    );
    await as('pupils.create', pupilInput({ upn: ONLY_B_UPN, legalFirstName: 'Orla', legalLastName: 'Onlybee' }));
    await as('caseload.allocate', { pupilId: p1.id, userId: therapist.id, discipline: 'speech_language', startDate: '2026-09-07' });
    await as<ScheduleResult>('sessions.schedule', {
      title: 'Desk B 1:1',
      discipline: 'speech_language',
      practitionerIds: [therapist.id],
      pupils: [{ pupilId: p1.id, ehcpProvisionId: null, ippInterventionId: null }],
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
      (x) => x.title === 'Desk B 1:1',
    );
    await as('sessions.record', {
      sessionId: s!.id,
      pupils: [
        {
          pupilId: p1.id,
          attendance: 'attended',
          cancelledBy: null,
          reason: null,
          deliveredMinutes: null,
          notes: 'Synthetic note from desk B.',
          goals: [],
        },
      ],
    });
  });
}, 120_000);

afterAll(() => {
  deskA.remove();
  deskB.remove();
});

// SQLite, and PostgreSQL where SENCO_TEST_PG_URL is set (skipped with the reason elsewhere; required in CI).
const KINDS = testDrivers();

describe.each(KINDS)('senco-desk server import into a %s server', (kind) => {
  let server: Awaited<ReturnType<typeof serverFolder>>;
  beforeAll(async () => {
    server = await serverFolder(kind);
  }, 60_000);
  afterAll(async () => server.cleanup());

  const serverRows = <T>(sql: string, params: unknown[] = []) =>
    withFolder(server.dir, (c) => c.ds.query(sql, params) as Promise<T>, { ...PLAIN });
  const args = (...more: string[]) => ['server', 'import', '--data', server.dir, deskA.dir, deskB.dir, '--json', ...more];

  it('previews the merge and writes nothing', async () => {
    const before = await serverRows<{ n: string | number }[]>('SELECT COUNT(*) AS n FROM audit_event');
    const r = await cli(args());
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, applied: false, written: false });
    expect(doc.folders.map((f: { label: string }) => f.label)).toEqual([deskA.dir, deskB.dir]);
    // Every pupil of A is new, and B's own; the two with A's UPNs are matched, not new.
    expect(doc.pupils.new).toHaveLength(pupilsA.length + 1);
    expect(doc.pupils.new.find((p: { upn: string }) => p.upn === ONLY_B_UPN)).toMatchObject({ from: deskB.dir });
    const m = doc.pupils.matched.find((p: { upn: string }) => p.upn === matched.upn);
    expect(m).toMatchObject({ home: deskA.dir });
    // B's session of the matched pupil is among their records from B; their details (needs, contacts...) are A's.
    expect(m.records[deskB.dir].new).toMatchObject({ session_pupil: 1 });
    expect(m.records[deskB.dir].notTaken).toBeGreaterThan(0);
    expect(doc.users.matched).toEqual([{ username: therapistUsername, on: deskA.dir, folders: [deskB.dir] }]);
    expect(doc.conflicts).toEqual([
      expect.objectContaining({
        kind: 'pupil_details',
        key: clashing.upn,
        values: {
          [deskA.dir]: expect.objectContaining({ dateOfBirth: clashing.date_of_birth }),
          [deskB.dir]: expect.objectContaining({ dateOfBirth: '2016-01-01' }),
        },
      }),
    ]);
    expect(doc.totals.new).toBeGreaterThan(pupilsA.length);
    // Nothing written: no pupil, no event.
    expect(await serverRows('SELECT id FROM pupil')).toEqual([]);
    expect(await serverRows('SELECT COUNT(*) AS n FROM audit_event')).toEqual(before);

    const human = await cli(args().filter((a) => a !== '--json'));
    expect(human.stdout).toMatch(/Import preview: 2 folders/);
    expect(human.stdout).toMatch(new RegExp(`${matched.upn} .*details from ${deskA.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(human.stdout).toContain(`from ${deskB.dir}: sessions (1)`);
    expect(human.stdout).toMatch(/Conflicts \(1\):/);
    expect(human.stdout).toMatch(/Nothing was written/);
  }, 60_000);

  it('refuses --apply while a conflict stands, then imports once with it accepted, audited with counts only', async () => {
    const blocked = await cli(args('--apply'));
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/1 conflict\(s\): nothing was written/);
    expect(await serverRows('SELECT id FROM pupil')).toEqual([]);

    const done = await cli(args('--apply', '--accept-conflicts'));
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ ok: true, applied: true, written: true });
    const upns = (await serverRows<{ upn: string }[]>('SELECT upn FROM pupil')).map((p) => p.upn).sort();
    expect(upns).toEqual([...pupilsA.map((p) => p.upn), ONLY_B_UPN].sort());
    // The conflicting pupil keeps A's (the first folder's) date of birth.
    const [c] = await serverRows<{ date_of_birth: unknown }[]>(`SELECT date_of_birth FROM pupil WHERE upn = '${clashing.upn}'`);
    expect(String(c!.date_of_birth instanceof Date ? c!.date_of_birth.toISOString().slice(0, 10) : c!.date_of_birth)).toBe(
      clashing.date_of_birth,
    );
    // B's session is the matched pupil's (A's id), run by the therapist's account from A (matched by username).
    const rows = await serverRows<{ pupil_id: string; username: string; notes: string }[]>(
      `SELECT sp.pupil_id, u.username, sp.notes FROM therapy_session s JOIN session_pupil sp ON sp.session_id = s.id ` +
        `JOIN session_practitioner pr ON pr.session_id = s.id JOIN app_user u ON u.id = pr.user_id WHERE s.title = 'Desk B 1:1'`,
    );
    expect(rows).toEqual([{ pupil_id: matched.id, username: therapistUsername, notes: 'Synthetic note from desk B.' }]);
    expect(await serverRows(`SELECT id FROM app_user WHERE username = '${therapistUsername}'`)).toHaveLength(1);
    // One pupil need set per pupil: A's (the matched pupil's home), not B's as well.
    const needs = await serverRows<{ n: string | number }[]>(`SELECT COUNT(*) AS n FROM pupil_need WHERE pupil_id = '${matched.id}'`);
    const needsA = await withFolder(
      deskA.dir,
      (x) => x.ds.query(`SELECT COUNT(*) AS n FROM pupil_need WHERE pupil_id = '${matched.id}'`) as Promise<{ n: number }[]>,
    );
    expect(Number(needs[0]!.n)).toBe(Number(needsA[0]!.n));

    const events = await serverRows<{ detail: string; actor: string }[]>(
      `SELECT detail, actor FROM audit_event WHERE operation = 'server.import'`,
    );
    expect(events).toHaveLength(1);
    const detail = events[0]!.detail;
    expect(JSON.parse(detail)).toMatchObject({ newPupils: pupilsA.length + 1, matchedPupils: 2, conflictsAccepted: 1 });
    for (const p of [matched, clashing]) {
      expect(detail).not.toContain(p.upn);
      expect(detail).not.toContain(p.legal_last_name);
    }
    expect(detail).not.toContain('Onlybee');
    const verify = await cli(['audit', 'verify', '--data', server.dir, '--json']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  }, 60_000);

  it('run again, writes nothing and duplicates nothing', async () => {
    const count = () =>
      serverRows<{ n: string | number }[]>(
        'SELECT (SELECT COUNT(*) FROM pupil) + (SELECT COUNT(*) FROM session_pupil) + (SELECT COUNT(*) FROM app_user) + (SELECT COUNT(*) FROM audit_event) AS n',
      );
    const before = await count();
    const again = await cli(args('--apply', '--accept-conflicts'));
    expect(again.code, again.stderr).toBe(0);
    const doc = JSON.parse(again.stdout);
    expect(doc).toMatchObject({ written: false, totals: { new: 0 } });
    expect(doc.pupils.new).toEqual([]);
    expect(await count()).toEqual(before);
    const human = await cli(args('--apply', '--accept-conflicts').filter((a) => a !== '--json'));
    expect(human.stdout).toMatch(/Nothing to import: everything in these folders is already on the server/);
  }, 60_000);
});

/**
 * A trust's server with two schools (migration 0015): desk A's folder (URN 999001) lands in the server's school of that
 * URN and nothing of it in the other; a folder whose URN is not on the server is refused, saying how to add it; desk B
 * sent into the other school with --school finds pupils and an account of the first school: conflicts, and accepted,
 * the first school's pupils are not re-pointed and B's records of them are not imported.
 */
describe.each(KINDS)("senco-desk server import into a trust's %s server with two schools", (kind) => {
  let server: Awaited<ReturnType<typeof serverFolder>>;
  let home: string;
  let other: string;
  // Each school's own records (0015) and its own settings: term dates, closures, clock rules, disciplines (0017).
  const TENANT_TABLES = [
    'pupil',
    'app_user',
    'therapy_session',
    'staff_member',
    'school_policy',
    'feedback',
    'protected_time',
    'term',
    'calendar_day',
    'clock_setting',
    'discipline',
  ];
  const serverRows = <T>(sql: string, params: unknown[] = []) =>
    withFolder(server.dir, (c) => c.ds.query(sql, params) as Promise<T>, { ...PLAIN });
  const ph = (i: number) => (kind === 'postgres' ? `$${i}` : `?${i}`);
  const countsIn = async (schoolId: string) => {
    const out: Record<string, number> = {};
    for (const t of TENANT_TABLES)
      out[t] = Number((await serverRows<{ n: unknown }[]>(`SELECT COUNT(*) AS n FROM ${t} WHERE school_id = ${ph(1)}`, [schoolId]))[0]!.n);
    return out;
  };
  beforeAll(async () => {
    server = await serverFolder(kind);
    if (kind === 'postgres') {
      const init = await cli(['init', ...DEMO_SCHOOL, '--user', 'Sam Okafor', '--data', server.dir], { env: { SENCO_PASSWORD: PASSWORD } });
      expect(init.code, init.stderr).toBe(0);
    }
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
        server.dir,
      ],
      {
        env: { SENCO_PASSWORD: PASSWORD },
      },
    );
    expect(add.code, add.stderr).toBe(0);
    const schools = await serverRows<{ id: string; urn: string }[]>('SELECT id, urn FROM school');
    home = schools.find((x) => x.urn === '999001')!.id;
    other = schools.find((x) => x.urn === '999002')!.id;
  }, 60_000);
  afterAll(async () => server.cleanup());

  it("refuses a folder whose URN is none of the server's schools, saying how to add it", async () => {
    const third = tempDir('senco-desk-third-');
    try {
      const init = await cli(
        [
          'init',
          '--school',
          'Third School (synthetic)',
          '--urn',
          '999003',
          '--la',
          'Exampleshire (fictional)',
          '--user',
          'Tia Third',
          '--data',
          third.dir,
        ],
        { env: { SENCO_PASSWORD: PASSWORD } },
      );
      expect(init.code, init.stderr).toBe(0);
      const r = await cli(['server', 'import', '--data', server.dir, third.dir, '--apply']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/URN 999003/);
      expect(r.stderr).toMatch(/senco-desk trust add-school .*--urn 999003/);
      expect(r.stderr).toMatch(/--school URN/);
      expect(await serverRows(`SELECT id FROM app_user WHERE username = 'tia.third'`)).toEqual([]);
      const unknown = await cli(['server', 'import', '--data', server.dir, third.dir, '--school', '999009']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/no school with URN 999009/);
    } finally {
      third.remove();
    }
  }, 60_000);

  it("puts the folder's records in the school with its URN, and nothing in the other school", async () => {
    const before = await countsIn(other);
    // The other school has its SENCo and the default disciplines, and no term dates of its own yet.
    expect(before).toMatchObject({ pupil: 0, app_user: 1, term: 0, calendar_day: 0, discipline: 7 });
    const otherSettings = await serverRows<unknown[]>(`SELECT * FROM discipline WHERE school_id = ${ph(1)} ORDER BY code`, [other]);
    const preview = await cli(['server', 'import', '--data', server.dir, deskA.dir, '--json']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(JSON.parse(preview.stdout).folders[0].into).toEqual({ name: 'Brookfield Academy (demo)', urn: '999001' });
    const r = await cli(['server', 'import', '--data', server.dir, deskA.dir, '--apply', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ written: true, conflicts: [] });
    expect(await countsIn(other)).toEqual(before);
    const inHome = await countsIn(home);
    expect(inHome.pupil).toBe(pupilsA.length);
    const all: Record<string, number> = {};
    for (const t of TENANT_TABLES) all[t] = Number((await serverRows<{ n: unknown }[]>(`SELECT COUNT(*) AS n FROM ${t}`))[0]!.n);
    // Every row of the seven tables is one of the two schools': the import's all went into A's school.
    for (const t of TENANT_TABLES) expect(inHome[t]! + before[t]!, t).toBe(all[t]);
    expect(inHome.therapy_session).toBeGreaterThan(0);
    // The folder's calendar is its school's: the term dates and INSET days went into A's school, none into the other.
    expect(inHome.term).toBeGreaterThan(0);
    expect(inHome.calendar_day).toBeGreaterThan(0);
    expect(await serverRows(`SELECT * FROM discipline WHERE school_id = ${ph(1)} ORDER BY code`, [other])).toEqual(otherSettings);
    expect(await serverRows('SELECT id FROM school')).toHaveLength(2);
    // Run again: the rows carry the school they were given, so they are found already there and nothing is written.
    const again = await cli(['server', 'import', '--data', server.dir, deskA.dir, '--apply', '--json']);
    expect(again.code, again.stderr).toBe(0);
    const againDoc = JSON.parse(again.stdout);
    const changed = Object.entries(againDoc.tables as Record<string, Record<string, { new: number; differs: number }>>)
      .filter(([, f]) => Object.values(f).some((c) => c.new || c.differs))
      .map(([t, f]) => `${t} ${JSON.stringify(f)}`);
    expect(changed).toEqual([]);
    expect(againDoc).toMatchObject({ written: false, totals: { new: 0, differs: 0 } });
  }, 60_000);

  it("never merges another school's pupil or account: a conflict, and accepted, their school keeps them", async () => {
    const sessionsBefore = Number((await serverRows<{ n: unknown }[]>('SELECT COUNT(*) AS n FROM session_pupil'))[0]!.n);
    const args = ['server', 'import', '--data', server.dir, deskB.dir, '--school', '999002', '--json'];
    const preview = await cli(args);
    expect(preview.code, preview.stderr).toBe(0);
    const doc = JSON.parse(preview.stdout);
    expect(doc.folders[0].into).toEqual({ name: 'Other Academy (synthetic)', urn: '999002' });
    const kinds = doc.conflicts.map((c: { kind: string; key: string }) => `${c.kind} ${c.key}`).sort();
    expect(kinds).toEqual(
      [`pupil_school ${clashing.upn}`, `pupil_school ${matched.upn}`, 'school 999002', `user_school ${therapistUsername}`].sort(),
    );
    expect(doc.pupils.matched).toEqual([]);
    const human = await cli(args.filter((a) => a !== '--json'));
    expect(human.stdout).toContain(`UPN ${matched.upn}: a pupil of another school on the server`);

    const blocked = await cli([...args, '--apply']);
    expect(blocked.code).toBe(1);
    const done = await cli([...args, '--apply', '--accept-conflicts']);
    expect(done.code, done.stderr).toBe(0);
    // A's pupils stay A's school's, with no record of B's added; B's own pupil is the other school's.
    const [m] = await serverRows<{ school_id: string }[]>(`SELECT school_id FROM pupil WHERE upn = ${ph(1)}`, [matched.upn]);
    expect(m!.school_id).toBe(home);
    const [onlyB] = await serverRows<{ school_id: string }[]>(`SELECT school_id FROM pupil WHERE upn = ${ph(1)}`, [ONLY_B_UPN]);
    expect(onlyB!.school_id).toBe(other);
    expect(await serverRows(`SELECT id FROM pupil WHERE upn = ${ph(1)}`, [matched.upn])).toHaveLength(1);
    expect(Number((await serverRows<{ n: unknown }[]>('SELECT COUNT(*) AS n FROM session_pupil'))[0]!.n)).toBe(sessionsBefore);
    const [session] = await serverRows<{ school_id: string }[]>(`SELECT school_id FROM therapy_session WHERE title = 'Desk B 1:1'`);
    expect(session!.school_id).toBe(other);
    // B's own SENCo is an account of the other school.
    const [bea] = await serverRows<{ school_id: string }[]>(`SELECT school_id FROM app_user WHERE username = 'bea.bramble'`);
    expect(bea!.school_id).toBe(other);
  }, 60_000);
});

describe('senco-desk server import: folders and credentials', () => {
  it("opens an encrypted desk folder only with its owner's credentials, and refuses what is not a desk folder", async () => {
    const server = await serverFolder('sqlite');
    const enc = tempDir('senco-desk-enc-');
    try {
      const init = await cli(['init', ...DEMO_SCHOOL, '--user', 'Cy Cipher', '--data', enc.dir], {
        env: { SENCO_ENCRYPT: '1', SENCO_PASSWORD: PASSWORD },
      });
      expect(init.code, init.stderr).toBe(0);
      const locked = await cli(['server', 'import', '--data', server.dir, enc.dir]);
      expect(locked.code).toBe(1);
      expect(locked.stderr).toMatch(/is encrypted and could not be opened: .*SENCO_IMPORT_USERNAME and SENCO_IMPORT_PASSWORD/);
      const wrong = await cli(['server', 'import', '--data', server.dir, enc.dir], {
        env: { SENCO_IMPORT_USERNAME: 'cy.cipher', SENCO_IMPORT_PASSWORD: 'not the password' },
      });
      expect(wrong.code).toBe(1);
      const ok = await cli(['server', 'import', '--data', server.dir, enc.dir, '--json'], {
        env: { SENCO_IMPORT_USERNAME: 'cy.cipher', SENCO_IMPORT_PASSWORD: PASSWORD },
      });
      expect(ok.code, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout).users.new).toEqual([{ username: 'cy.cipher', role: 'senco', from: enc.dir }]);

      const own = await cli(['server', 'import', '--data', server.dir, server.dir]);
      expect(own.code).toBe(2);
      expect(own.stderr).toMatch(/is the server's own data folder/);
      const empty = tempDir();
      const none = await cli(['server', 'import', '--data', server.dir, empty.dir]);
      empty.remove();
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/holds no SENCo Desk data/);
      const both = await cli(['server', 'import', '--data', server.dir, enc.dir, '--preview', '--apply']);
      expect(both.code).toBe(2);
    } finally {
      enc.remove();
      await server.cleanup();
    }
  }, 60_000);

  it("on a terminal, asks for an encrypted folder's owner when the environment does not open it", async () => {
    const server = await serverFolder('sqlite');
    const enc = tempDir('senco-desk-enc-');
    try {
      const init = await cli(['init', ...DEMO_SCHOOL, '--user', 'Cy Cipher', '--data', enc.dir], {
        env: { SENCO_ENCRYPT: '1', SENCO_PASSWORD: PASSWORD },
      });
      expect(init.code, init.stderr).toBe(0);
      // A terminal: each answer is typed when its prompt appears (the password without echo, ended by Enter).
      const stdin = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (on: boolean) => void };
      stdin.isTTY = true;
      stdin.setRawMode = () => undefined;
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = {
        stdout: (t) => void out.push(t),
        stderr: (t) => {
          err.push(t);
          if (t.endsWith('Username: ')) setImmediate(() => stdin.write('cy.cipher\n'));
          if (t.endsWith('Password: ')) setImmediate(() => stdin.write(`${PASSWORD}\r`));
        },
        stdin: stdin as unknown as CliStdin,
        env: { USER: 'tester', SENCO_ENCRYPT: '0' },
      };
      const code = await runCli(['server', 'import', '--data', server.dir, enc.dir, '--json'], io);
      expect(code, err.join('')).toBe(0);
      expect(err.join('')).toMatch(/is encrypted: sign in as its owner/);
      expect(err.join('')).not.toContain(PASSWORD);
      expect(JSON.parse(out.join('')).users.new).toEqual([{ username: 'cy.cipher', role: 'senco', from: enc.dir }]);
    } finally {
      enc.remove();
      await server.cleanup();
    }
  }, 60_000);

  it('documents every flag in --help', async () => {
    const r = await cli(['server', 'import', '--help']);
    for (const flag of [
      '--data',
      '--preview',
      '--apply',
      '--accept-conflicts',
      '--school',
      'trust add-school',
      '--json',
      'SENCO_IMPORT_USERNAME',
      'SENCO_IMPORT_PASSWORD',
      'SENCO_IMPORT_RECOVERY_KEY',
      'UPN',
    ]) {
      expect(r.stdout).toContain(flag);
    }
  });
});
