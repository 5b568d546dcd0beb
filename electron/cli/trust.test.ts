/**
 * `senco-desk trust add-lead` (issue 16, item 5): the trust's IT makes the trust SEND lead's account, which signs in
 * and reads the trust's figures but no pupil; a school's SENCo cannot make one in the app.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCoreAt } from '../core/core';
import { AS_INIT_SENCO, INIT_ARGS, PASSWORD, cli, tempDir } from './test-support';

describe('senco-desk trust add-lead', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  it('has no password flag: add-lead and add-school refuse --password with a reason, and make no account', async () => {
    expect((await cli([...INIT_ARGS, '--data', tmp.dir], { env: { SENCO_PASSWORD: PASSWORD } })).code).toBe(0);
    for (const args of [
      ['trust', 'add-lead', '--user', 'Tara Okafor'],
      ['trust', 'add-school', '--school', 'Elm Academy (synthetic)', '--urn', '100002', '--la', 'Exampleshire', '--user', 'Ola Eze'],
    ]) {
      const r = await cli([...args, '--data', tmp.dir, '--password', 'trust lead password']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/no --password flag/);
    }
    const core = await openCoreAt(tmp.dir, {});
    try {
      const lead = await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: 'tara.okafor', password: 'trust lead password' } });
      expect(lead.ok).toBe(false);
    } finally {
      await core.close();
    }
  });

  it('makes a trust SEND lead who sees the figures and no pupil; the help says so', async () => {
    expect((await cli([...INIT_ARGS, '--data', tmp.dir], { env: { SENCO_PASSWORD: PASSWORD } })).code).toBe(0);
    const r = await cli(['trust', 'add-lead', '--user', 'Tara Okafor', '--data', tmp.dir, '--json'], {
      env: { SENCO_PASSWORD: 'trust lead password' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, user: { username: 'tara.okafor', role: 'trust_lead' } });
    const core = await openCoreAt(tmp.dir, {});
    try {
      const signIn = (await core.dispatcher.invoke({
        op: 'auth.signIn',
        input: { username: 'tara.okafor', password: 'trust lead password' },
      })) as { ok: true; value: { session: string } };
      expect(signIn.ok).toBe(true);
      const figures = await core.dispatcher.invoke({ op: 'trust.figures', input: {}, session: signIn.value.session });
      expect(figures).toMatchObject({ ok: true, value: { schools: [{ name: 'Oakfield Primary (synthetic)', pupils: 0 }] } });
      const senco = (await core.dispatcher.invoke({
        op: 'auth.signIn',
        input: { username: AS_INIT_SENCO.SENCO_USERNAME, password: PASSWORD },
      })) as { ok: true; value: { session: string } };
      const made = await core.dispatcher.invoke({
        op: 'users.create',
        input: { displayName: 'Would Be', username: 'would.be', role: 'trust_lead', password: 'a long enough password' },
        session: senco.value.session,
      });
      expect(made).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/made by the trust’s IT/) } });
    } finally {
      await core.close();
    }
    const again = await cli(['trust', 'add-lead', '--user', 'Tara Okafor', '--data', tmp.dir], {
      env: { SENCO_PASSWORD: 'trust lead password' },
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/tara\.okafor/);
    // A second school joins the server; its first SENCo signs in to their own school and must choose a password.
    const added = await cli(
      [
        'trust',
        'add-school',
        '--school',
        'Ashdown Academy (synthetic)',
        '--urn',
        '100009',
        '--la',
        'Exampleshire',
        '--user',
        'Amy Ashdown',
        '--data',
        tmp.dir,
        '--json',
      ],
      {
        env: { SENCO_PASSWORD: 'first password for amy' },
      },
    );
    expect(added.stderr).toBe('');
    expect(JSON.parse(added.stdout)).toMatchObject({
      ok: true,
      school: { name: 'Ashdown Academy (synthetic)', urn: '100009' },
      senco: { username: 'amy.ashdown' },
    });
    const twice = await cli(
      ['trust', 'add-school', '--school', 'Again', '--urn', '100009', '--la', 'Exampleshire', '--user', 'Other Person', '--data', tmp.dir],
      { env: { SENCO_PASSWORD: 'first password for amy' } },
    );
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/--urn: A school with the URN 100009 is already on this server/);
    const core2 = await openCoreAt(tmp.dir, {});
    try {
      const amy = (await core2.dispatcher.invoke({
        op: 'auth.signIn',
        input: { username: 'amy.ashdown', password: 'first password for amy' },
      })) as { ok: true; value: { session: string; school: { name: string } } };
      expect(amy.value.school.name).toBe('Ashdown Academy (synthetic)');
      expect(await core2.dispatcher.invoke({ op: 'pupils.list', input: {}, session: amy.value.session })).toMatchObject({
        ok: false,
        error: { code: 'password_change_required' },
      });
    } finally {
      await core2.close();
    }
    const help = await cli(['trust', 'add-lead', '--help']);
    expect(help.stdout).toMatch(/no pupil's record/);
    expect(help.stdout).toMatch(/SENCO_PASSWORD/);
  });

  it('calendar import on a trust’s server changes the signed-in SENCo’s own school’s calendar, not the first school’s', async () => {
    expect((await cli([...INIT_ARGS, '--data', tmp.dir], { env: { SENCO_PASSWORD: PASSWORD } })).code).toBe(0);
    const added = await cli(
      [
        'trust',
        'add-school',
        '--school',
        'Ashdown Academy (synthetic)',
        '--urn',
        '100009',
        '--la',
        'Exampleshire',
        '--user',
        'Amy Ashdown',
        '--data',
        tmp.dir,
      ],
      {
        env: { SENCO_PASSWORD: 'first password for amy' },
      },
    );
    expect(added.code, added.stderr).toBe(0);
    const asUser = async <T>(
      core: Awaited<ReturnType<typeof openCoreAt>>,
      username: string,
      password: string,
      op: string,
      input: unknown,
    ) => {
      const r = (await core.dispatcher.invoke({ op: 'auth.signIn', input: { username, password } })) as {
        ok: true;
        value: { session: string };
      };
      const out = (await core.dispatcher.invoke({ op, input, session: r.value.session })) as { ok: boolean; value: T };
      expect(out.ok).toBe(true);
      return out.value;
    };
    // Amy chooses her own password first (the trust lead chose the first one).
    const setUpCore = await openCoreAt(tmp.dir, {});
    try {
      await asUser(setUpCore, 'amy.ashdown', 'first password for amy', 'auth.changePassword', {
        currentPassword: 'first password for amy',
        newPassword: 'amy chose this one',
      });
    } finally {
      await setUpCore.close();
    }
    const file = join(tmp.dir, 'ashdown-calendar.csv');
    writeFileSync(file, 'Type,Name,Start,End\nTerm,Autumn 1,06/09/2027,22/10/2027\nINSET,Ashdown staff day,06/09/2027,\n');
    const r = await cli(['calendar', 'import', file, '--data', tmp.dir], {
      env: { SENCO_USERNAME: 'amy.ashdown', SENCO_PASSWORD: 'amy chose this one' },
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/imported 1 term and 1 closure day for 2027\/28/);
    const core = await openCoreAt(tmp.dir, {});
    try {
      const amyTerms = await asUser<{ startDate: string }[]>(core, 'amy.ashdown', 'amy chose this one', 'terms.list', {
        academicYear: '2027/28',
      });
      expect(amyTerms.map((x) => x.startDate)).toEqual(['2027-09-06']);
      expect(await asUser(core, AS_INIT_SENCO.SENCO_USERNAME, PASSWORD, 'terms.list', { academicYear: '2027/28' })).toEqual([]);
      expect(await asUser(core, AS_INIT_SENCO.SENCO_USERNAME, PASSWORD, 'calendar.listDays', { academicYear: '2027/28' })).toEqual([]);
    } finally {
      await core.close();
    }
    const help = await cli(['calendar', 'import', '--help']);
    expect(help.stdout).toMatch(/signed-in user's school/);
  });
});
