/**
 * The CLI acts as the person signed in (issue 14, item 3): SENCO_USERNAME and SENCO_PASSWORD go through the core's own
 * sign-in (lockout, audit, disabled accounts, a password that must be changed), and every command then runs with
 * that user's role and record scope, audited under their name with the CLI as the transport. With no username (the
 * recovery key, a plain folder, PostgreSQL) only what school IT needs without reading pupils' records runs.
 * On a plain SQLite folder, and on PostgreSQL (a schema of its own) when SENCO_TEST_PG_URL names a server.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import type { PupilProfile, ReviewMeeting, SessionInfo, UserSummary } from '../../shared/contract';
import { makeUpn } from '../../shared/upn';
import { openCoreAt } from '../core/core';
import { PG_URL, pupilInput } from '../core/testing/harness';
import { AS_INIT_SENCO, INIT_ARGS, PASSWORD, cli, tempDir } from './test-support';

interface AuditRow {
  readonly actor: string;
  readonly role: string | null;
  readonly user_id: string | null;
  readonly operation: string;
  readonly pupil_id: string | null;
  readonly outcome: string;
  readonly detail: string | null;
}

const TEACHER = { SENCO_USERNAME: 'tia', SENCO_PASSWORD: 'teacher password 1' };
const THERAPIST = { SENCO_USERNAME: 'tess', SENCO_PASSWORD: 'therapist password' };

const stores = PG_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(stores)('the CLI signed in, on %s', (store) => {
  const tmp = tempDir();
  const data = join(tmp.dir, 'data');
  const out = join(tmp.dir, 'out');
  let schema = '';
  let env: Record<string, string> = {};
  let inside: PupilProfile;
  let outside: PupilProfile;
  let teacher: UserSummary;
  let therapist: UserSummary;
  const run = (args: string[], who: Record<string, string> = {}) => cli([...args, '--data', data], { env: { ...env, ...who } });

  /** The core, opened as the app opens it, for setting up and for reading the audit trail afterwards. */
  async function withSenco<T>(
    fn: (call: <R>(op: string, input: unknown) => Promise<R>, core: Awaited<ReturnType<typeof openCoreAt>>) => Promise<T>,
  ): Promise<T> {
    const core = await openCoreAt(data, { SENCO_ENCRYPT: '0', ...env });
    try {
      const signIn = await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: 'sam.okafor', password: PASSWORD } });
      if (!signIn.ok) throw new Error(signIn.error.message);
      const session = (signIn.value as SessionInfo).session;
      const call = async <R>(op: string, input: unknown): Promise<R> => {
        const r = await core.dispatcher.invoke({ op, input, session });
        if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
        return r.value as R;
      };
      return await fn(call, core);
    } finally {
      await core.close();
    }
  }
  const audit = () =>
    withSenco(
      async (_call, core) =>
        (await core.ds.query(
          'SELECT actor, role, user_id, operation, pupil_id, outcome, detail FROM audit_event ORDER BY seq',
        )) as AuditRow[],
    );

  beforeAll(async () => {
    if (store === 'postgres') {
      schema = `t_${randomBytes(6).toString('hex')}`;
      const ds = new DataSource({ type: 'postgres', url: PG_URL });
      await ds.initialize();
      await ds.query(`CREATE SCHEMA "${schema}"`);
      await ds.destroy();
      env = { SENCO_DATABASE_URL: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}` };
    }
    mkdirSync(out);
    expect((await cli([...INIT_ARGS, '--data', data], { env: { ...env, SENCO_PASSWORD: PASSWORD } })).code).toBe(0);
    await withSenco(async (call) => {
      await call('terms.replaceYear', {
        academicYear: '2026/27',
        terms: [
          { name: 'autumn1', startDate: '2026-09-02', endDate: '2026-10-23' },
          { name: 'autumn2', startDate: '2026-11-02', endDate: '2026-12-18' },
        ],
      });
      inside = await call<PupilProfile>(
        'pupils.create',
        pupilInput({ upn: makeUpn(999, 4400, 19, 1), legalFirstName: 'Ina', legalLastName: 'Inscope', className: '5S', senStatus: 'K' }),
      );
      outside = await call<PupilProfile>(
        'pupils.create',
        pupilInput({ upn: makeUpn(999, 4400, 19, 2), legalFirstName: 'Quinby', legalLastName: 'Xanthos', className: '6T', senStatus: 'E' }),
      );
      teacher = await call<UserSummary>('users.create', {
        displayName: 'Tia Teacher',
        username: 'tia',
        role: 'teacher',
        password: TEACHER.SENCO_PASSWORD,
      });
      therapist = await call<UserSummary>('users.create', {
        displayName: 'Tess Therapist',
        username: 'tess',
        role: 'therapist',
        password: THERAPIST.SENCO_PASSWORD,
      });
      await call('users.setClasses', { id: teacher.id, classes: ['5S'] });
      await call('caseload.allocate', { pupilId: inside.id, userId: therapist.id, startDate: '2026-09-07' });
      for (const p of [inside, outside]) {
        await call<ReviewMeeting>('reviews.save', {
          id: null,
          pupilId: p.id,
          kind: 'band',
          date: '2026-11-20',
          status: 'held',
          ippId: null,
          placementId: null,
          ehcPlanId: null,
          attendees: [{ role: 'parent_carer', name: 'Pat Parent', organisation: null, present: true }],
          pupilViews: null,
          parentViews: null,
          discussion: null,
          ratings: [],
          decisions: [],
          actions: [],
          statutory: null,
        });
      }
    });
  }, 120_000);
  afterAll(async () => {
    tmp.remove();
    if (schema) {
      const ds = new DataSource({ type: 'postgres', url: PG_URL });
      await ds.initialize();
      await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await ds.destroy();
    }
  });

  it('as a teacher: lists only the pupils in their classes; the register and an agency export are refused; the audit trail names them', async () => {
    const listed = await run(['pupils', 'list', '--former', '--json'], TEACHER);
    expect(listed.stderr).toBe('');
    expect(JSON.parse(listed.stdout)).toMatchObject({ ok: true, total: 1, rows: [{ id: inside.id }] });

    const register = await run(['register', 'export', '--out', join(out, 'register.csv')], TEACHER);
    expect(register.code).toBe(1);
    expect(register.stderr).toMatch(/Your role \(Teacher or teaching assistant\) cannot do this \(register\.export\)/);
    expect(existsSync(join(out, 'register.csv'))).toBe(false);

    const exportArgs = (upn: string, file: string) => [
      'export',
      '--pupil',
      upn,
      '--to',
      'Exampleshire SEND team',
      '--sections',
      'all',
      '--basis',
      'public_task+substantial_public_interest',
      '--out',
      join(out, file),
    ];
    const passphrase = { SENCO_EXPORT_PASSPHRASE: 'correct horse battery staple' };
    const other = await run(exportArgs(outside.upn, 'other.age'), { ...TEACHER, ...passphrase });
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(new RegExp(`No pupil on your class lists has the UPN ${outside.upn}`));
    expect(other.stderr).not.toMatch(/Quinby|Xanthos/);
    const own = await run(exportArgs(inside.upn, 'own.age'), { ...TEACHER, ...passphrase });
    expect(own.code).toBe(1);
    expect(own.stderr).toMatch(/cannot do this \(exports\.create\)/);
    expect(existsSync(join(out, 'other.age')) || existsSync(join(out, 'own.age'))).toBe(false);

    const pack = await run(['review-pack', '--pupil', outside.upn, '--out', join(out, 'other.pdf')], TEACHER);
    expect(pack.code).toBe(1);
    expect(existsSync(join(out, 'other.pdf'))).toBe(false);

    const events = (await audit()).filter((e) => e.user_id === teacher.id);
    expect(events.map((e) => [e.operation, e.outcome])).toEqual(
      expect.arrayContaining([
        ['pupils.list', 'ok'],
        ['register.export', 'refused'],
        ['exports.create', 'refused'],
      ]),
    );
    for (const e of events) {
      expect(e).toMatchObject({ actor: 'Tia Teacher (tia)', role: 'teacher' });
      expect(JSON.parse(e.detail!)).toMatchObject({ via: expect.stringMatching(/^senco-desk CLI \(OS account .+\)$/) });
    }
    // Their sign-ins are audited too, before they were signed in, naming the username and the CLI.
    const signIns = (await audit()).filter((e) => e.operation === 'auth.signIn' && e.detail?.includes('"username":"tia"'));
    expect(signIns.length).toBeGreaterThanOrEqual(4);
    expect(JSON.parse(signIns[0]!.detail!)).toMatchObject({ username: 'tia', via: expect.stringMatching(/^senco-desk CLI/) });
  });

  it('as a therapist: their caseload only; a review pack or export of another pupil is refused', async () => {
    const listed = await run(['pupils', 'list', '--former', '--json'], THERAPIST);
    expect(JSON.parse(listed.stdout)).toMatchObject({ ok: true, total: 1, rows: [{ id: inside.id }] });
    const other = await run(['review-pack', '--pupil', outside.upn, '--out', join(out, 'therapist-other.pdf')], THERAPIST);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(new RegExp(`No pupil on your caseload has the UPN ${outside.upn}`));
    expect(existsSync(join(out, 'therapist-other.pdf'))).toBe(false);
    const own = await run(['review-pack', '--pupil', inside.upn, '--out', join(out, 'therapist-own.pdf'), '--json'], THERAPIST);
    expect(own.stderr).toBe('');
    expect(JSON.parse(own.stdout)).toMatchObject({ ok: true, pages: expect.any(Number) });
    const exported = await run(
      [
        'export',
        '--pupil',
        outside.upn,
        '--to',
        'X',
        '--sections',
        'details',
        '--basis',
        'public_task+substantial_public_interest',
        '--out',
        join(out, 't.age'),
      ],
      { ...THERAPIST, SENCO_EXPORT_PASSPHRASE: 'correct horse battery staple' },
    );
    expect(exported.code).toBe(1);
    const events = (await audit()).filter((e) => e.user_id === therapist.id);
    expect(events.find((e) => e.operation === 'reviews.pack')).toMatchObject({
      actor: 'Tess Therapist (tess)',
      role: 'therapist',
      pupil_id: inside.id,
      outcome: 'ok',
    });
    expect(events.some((e) => e.pupil_id === outside.id && e.outcome === 'ok')).toBe(false);
  });

  it('as the SENCo: the register is written, and the audit trail names the SENCo and the CLI', async () => {
    const r = await run(['register', 'export', '--out', join(out, 'senco-register.csv'), '--json'], AS_INIT_SENCO);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, rows: 2 });
    const e = (await audit()).filter((x) => x.operation === 'register.export' && x.outcome === 'ok').at(-1)!;
    expect(e).toMatchObject({ actor: 'Sam Okafor (sam.okafor)', role: 'senco' });
    expect(JSON.parse(e.detail!)).toMatchObject({ pupils: 2, via: expect.stringMatching(/^senco-desk CLI/) });
  });

  it("with no username: pupils' records are refused with a plain message; the audit trail check runs for school IT", async () => {
    for (const args of [['pupils', 'list'], ['register', 'export', '--out', join(out, 'none.csv')], ['clocks'], ['bands']]) {
      const r = await run([...args, '--json']);
      expect(r.code, args.join(' ')).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'sign_in_required' } });
      expect(r.stderr).toMatch(
        new RegExp(`^senco-desk: ${args[0]}.* so it runs as a signed-in user.*set SENCO_USERNAME and SENCO_PASSWORD`),
      );
    }
    const verify = await run(['audit', 'verify', '--json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
    // A username without a password is a usage error, before anything is opened.
    const noPassword = await run(['pupils', 'list'], { SENCO_USERNAME: 'tia' });
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toMatch(/SENCO_USERNAME is set \(tia\) but SENCO_PASSWORD is not/);
  });

  it("applies the core's sign-in: a disabled account and one that must change its password are refused", async () => {
    await withSenco(async (call) => {
      await call('users.create', { displayName: 'Reset Person', username: 'reset.me', role: 'teacher', password: 'first password 1' });
      await call('users.create', { displayName: 'Gone Person', username: 'gone', role: 'teacher', password: 'gone password 1' });
      const users = await call<UserSummary[]>('users.list', {});
      await call('users.resetPassword', { id: users.find((u) => u.username === 'reset.me')!.id, password: 'temporary password' });
      await call('users.setActive', { id: users.find((u) => u.username === 'gone')!.id, active: false });
    });
    const reset = await run(['pupils', 'list', '--json'], { SENCO_USERNAME: 'reset.me', SENCO_PASSWORD: 'temporary password' });
    expect(reset.code).toBe(1);
    expect(JSON.parse(reset.stdout)).toMatchObject({ ok: false, error: { code: 'must_change_password' } });
    expect(reset.stderr).toMatch(/Reset Person \(reset\.me\) must choose a new password/);
    const gone = await run(['pupils', 'list', '--json'], { SENCO_USERNAME: 'gone', SENCO_PASSWORD: 'gone password 1' });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^senco-desk: Could not sign in as gone: /);
    expect(JSON.parse(gone.stdout)).toMatchObject({ ok: false });
  });

  it('counts wrong passwords towards the lockout, and audits each one', async () => {
    await withSenco((call) =>
      call('users.create', { displayName: 'Lock Person', username: 'lock.me', role: 'teacher', password: 'the right password' }),
    );
    for (let i = 0; i < 5; i++) {
      const wrong = await run(['pupils', 'list'], { SENCO_USERNAME: 'lock.me', SENCO_PASSWORD: `wrong password ${i}` });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/^senco-desk: Could not sign in as lock\.me: /);
    }
    // Locked now: even the right password is refused.
    const right = await run(['pupils', 'list', '--json'], { SENCO_USERNAME: 'lock.me', SENCO_PASSWORD: 'the right password' });
    expect(right.code).toBe(1);
    expect(JSON.parse(right.stdout)).toMatchObject({ ok: false });
    const refused = (await audit()).filter(
      (e) => e.operation === 'auth.signIn' && e.outcome === 'refused' && e.detail?.includes('"username":"lock.me"'),
    );
    // Five wrong passwords, then the right one refused because the account is locked: each recorded, with the CLI named.
    expect(refused).toHaveLength(6);
    for (const e of refused.slice(0, 5))
      expect(JSON.parse(e.detail!)).toMatchObject({ result: 'wrong password', via: expect.stringMatching(/^senco-desk CLI/) });
    expect(JSON.parse(refused[5]!.detail!)).toMatchObject({ result: 'locked', via: expect.stringMatching(/^senco-desk CLI/) });
  });
});
