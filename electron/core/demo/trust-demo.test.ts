/**
 * The trust demo builds its schools as tenants (issue 16, item 5): five schools, each user, pupil, session, staff
 * record and policy in its own school, no session or allocation across two schools; and the SENCo of one school
 * reaches no pupil, session or colleague of another (the full sweep over every operation is electron/core/tenancy.test.ts,
 * on a world with every kind of record; here, the demo's own data, at the trust's size).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo, SessionView, TrustFigures } from '../../../shared/contract';
import { openTestCore, SYSTEM, type TestCore } from '../testing/harness';
import { DEMO_PASSWORD, loadDemo } from './index';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

// One driver: the trust is five schools' worth (10,000 pupils, 100,000 sessions), a couple of minutes to load on
// SQLite; the PostgreSQL half of the tenancy is covered by tenancy.test.ts.
describe('the trust demo on sqlite', () => {
  let core: TestCore;
  const call = <T>(session: string, op: string, input: unknown) => core.dispatcher.invoke({ op, input, session }) as Promise<R<T>>;
  const must = async <T>(session: string | null, op: string, input: unknown): Promise<T> => {
    const r = (await core.dispatcher.invoke({ op, input, session })) as R<T>;
    if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const signIn = async (username: string) => (await must<SessionInfo>(null, 'auth.signIn', { username, password: DEMO_PASSWORD })).session;

  beforeAll(async () => {
    core = await openTestCore('sqlite', () => new Date('2026-11-23T09:00:00Z'));
    await loadDemo(core, { size: 'trust', password: DEMO_PASSWORD, actor: SYSTEM, now: new Date('2026-11-23T09:00:00Z') });
  }, 600_000);
  afterAll(async () => core?.cleanup());

  it('has five schools, and every user, pupil, session, staff record and policy in one of them', async () => {
    const q = (sql: string) => core.ds.query(sql) as Promise<Record<string, unknown>[]>;
    expect((await q('SELECT COUNT(*) AS n FROM school'))[0]!.n).toBe(5);
    const perSchool = await q(
      'SELECT s.urn, (SELECT COUNT(*) FROM pupil p WHERE p.school_id = s.id) AS pupils, (SELECT COUNT(*) FROM app_user u WHERE u.school_id = s.id) AS users FROM school s ORDER BY s.urn',
    );
    expect(perSchool.map((r) => Number(r.pupils))).toEqual([2020, 2020, 2020, 2020, 2020]);
    expect(new Set(perSchool.map((r) => Number(r.users))).size).toBe(1);
    // Users ending ".2" work in school 2, and so on: the senco of school 2 is senco.2.
    expect(
      await q("SELECT u.username FROM app_user u JOIN school s ON s.id = u.school_id WHERE s.id = 'demo-school-2' AND u.role = 'senco'"),
    ).toEqual([{ username: 'senco.2' }]);
    // Nothing joins two schools: a session's pupils and practitioners, an allocation's therapist and pupil.
    expect(
      await q(
        'SELECT COUNT(*) AS n FROM session_pupil y JOIN therapy_session s ON s.id = y.session_id JOIN pupil p ON p.id = y.pupil_id WHERE p.school_id <> s.school_id',
      ),
    ).toEqual([{ n: 0 }]);
    expect(
      await q(
        'SELECT COUNT(*) AS n FROM session_practitioner x JOIN therapy_session s ON s.id = x.session_id JOIN app_user u ON u.id = x.user_id WHERE u.school_id <> s.school_id',
      ),
    ).toEqual([{ n: 0 }]);
    expect(
      await q(
        'SELECT COUNT(*) AS n FROM caseload_allocation a JOIN pupil p ON p.id = a.pupil_id JOIN app_user u ON u.id = a.user_id WHERE u.school_id <> p.school_id',
      ),
    ).toEqual([{ n: 0 }]);
    expect(
      await q('SELECT COUNT(*) AS n FROM staff_member m JOIN app_user u ON u.id = m.user_id WHERE u.school_id <> m.school_id'),
    ).toEqual([{ n: 0 }]);
    expect((await q('SELECT COUNT(DISTINCT school_id) AS n FROM school_policy'))[0]!.n).toBe(5);
    // Each school has its own calendar and disciplines (migration 0017): the same demo dates, as rows of its own.
    const settings = await q(
      'SELECT (SELECT COUNT(*) FROM term t WHERE t.school_id = s.id) AS terms, (SELECT COUNT(*) FROM calendar_day d WHERE d.school_id = s.id) AS days, ' +
        '(SELECT COUNT(*) FROM discipline x WHERE x.school_id = s.id) AS disciplines FROM school s ORDER BY s.urn',
    );
    expect(settings).toHaveLength(5);
    expect(new Set(settings.map((r) => `${Number(r.terms)}/${Number(r.days)}/${Number(r.disciplines)}`))).toEqual(
      new Set([`${Number(settings[0]!.terms)}/${Number(settings[0]!.days)}/7`]),
    );
    expect(Number(settings[0]!.terms)).toBeGreaterThan(0);
    expect(Number(settings[0]!.days)).toBeGreaterThan(0);
  });

  it('the SENCo of one school reaches none of another’s pupils, sessions or staff', async () => {
    const one = await signIn('senco');
    const two = await signIn('senco.2');
    const list = await must<{ total: number; rows: { id: string }[] }>(two, 'pupils.list', {});
    expect(list.total).toBe(2000);
    const mine = new Set((await core.ds.query("SELECT id FROM pupil WHERE school_id = 'demo-school-2'")) as { id: string }[]).size;
    expect(mine).toBe(2020);
    const [other] = (await core.ds.query(
      "SELECT p.id FROM pupil p JOIN school s ON s.id = p.school_id WHERE s.id <> 'demo-school-2' LIMIT 1",
    )) as { id: string }[];
    expect(await call(two, 'pupils.get', { id: other!.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/another school/) },
    });
    expect((await must<{ id: string }>(one, 'pupils.get', { id: other!.id })).id).toBe(other!.id);
    const week = await must<SessionView[]>(two, 'sessions.list', { from: '2026-11-23', to: '2026-11-27' });
    expect(week.length).toBeGreaterThan(0);
    const ids = (await core.ds.query("SELECT id FROM pupil WHERE school_id = 'demo-school-2'")) as { id: string }[];
    const ownPupils = new Set(ids.map((r) => r.id));
    expect(week.flatMap((s) => s.pupils).every((p) => ownPupils.has(p.pupilId))).toBe(true);
    expect((await must<{ username: string }[]>(two, 'users.list', {})).every((u) => u.username.endsWith('.2'))).toBe(true);
    // The register's figures are the school's own 2,000 pupils, not the trust's 10,000.
    const summary = await must<{ total: number }>(two, 'register.summary', {});
    expect(summary.total).toBe(2000);
  });

  it('a trust SEND lead sees each school’s figures', async () => {
    expect(
      (
        await core.dispatcher.invokeAs(SYSTEM, 'users.create', {
          displayName: 'Tara Trust',
          username: 'tara.trust',
          role: 'trust_lead',
          password: DEMO_PASSWORD,
        })
      ).ok,
    ).toBe(true);
    const figures = await must<TrustFigures>(await signIn('tara.trust'), 'trust.figures', {});
    expect(figures.schools.map((s) => [s.pupils, s.ehcp, s.senSupport])).toEqual(Array(5).fill([2000, 60, 340]));
  });
});
