/**
 * `senco-desk passport` (issue 18, item 4): writes a pupil's passport as one A4 page, the staff copy or the plain one,
 * acting as the signed-in user: a teacher prints the passport of a pupil in their class and is refused one outside it
 * (by the core, audited); the office, which reads no passports, is refused; a pupil without one, a version that does
 * not exist and an existing file are refused with what to do. Then the small demo: its register pupils have passports.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PupilProfile, SessionInfo, UserSummary } from '../../shared/contract';
import { makeUpn } from '../../shared/upn';
import { openCoreAt } from '../core/core';
import { generateDemo } from '../core/demo';
import { generatePassports } from '../core/demo/passports';
import { pupilInput } from '../core/testing/harness';
import { AS_DEMO_SENCO, AS_INIT_SENCO, INIT_ARGS, PASSWORD, cli, tempDir } from './test-support';

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const pdfInfo = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });

const TEACHER = { SENCO_USERNAME: 'tia', SENCO_PASSWORD: 'teacher password 1' };
const OFFICE = { SENCO_USERNAME: 'olu', SENCO_PASSWORD: 'office password 12' };

describe('senco-desk passport', () => {
  const tmp = tempDir();
  const data = join(tmp.dir, 'data');
  const out = join(tmp.dir, 'out');
  let inside: PupilProfile;
  let outside: PupilProfile;
  let bare: PupilProfile;
  const run = (args: string[], who: Record<string, string>) => cli([...args, '--data', data], { env: who });

  beforeAll(async () => {
    mkdirSync(out);
    expect((await cli([...INIT_ARGS, '--data', data], { env: { SENCO_PASSWORD: PASSWORD } })).code).toBe(0);
    const core = await openCoreAt(data, { SENCO_ENCRYPT: '0' });
    try {
      const session = (
        (await core.dispatcher.invoke({ op: 'auth.signIn', input: { username: 'sam.okafor', password: PASSWORD } })) as {
          ok: true;
          value: SessionInfo;
        }
      ).value.session;
      const call = async <R>(op: string, input: unknown): Promise<R> => {
        const r = await core.dispatcher.invoke({ op, input, session });
        if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
        return r.value as R;
      };
      inside = await call<PupilProfile>(
        'pupils.create',
        pupilInput({ upn: makeUpn(999, 4600, 19, 1), legalFirstName: 'Ina', legalLastName: 'Inscope', className: '5S' }),
      );
      outside = await call<PupilProfile>(
        'pupils.create',
        pupilInput({ upn: makeUpn(999, 4600, 19, 2), legalFirstName: 'Quinby', legalLastName: 'Xanthos', className: '6T' }),
      );
      bare = await call<PupilProfile>(
        'pupils.create',
        pupilInput({ upn: makeUpn(999, 4600, 19, 3), legalFirstName: 'Nell', legalLastName: 'Nopassport', className: '5S' }),
      );
      const tia = await call<UserSummary>('users.create', {
        displayName: 'Tia Teacher',
        username: 'tia',
        role: 'teacher',
        password: TEACHER.SENCO_PASSWORD,
      });
      await call('users.setClasses', { id: tia.id, classes: ['5S'] });
      await call('users.create', { displayName: 'Olu Office', username: 'olu', role: 'office', password: OFFICE.SENCO_PASSWORD });
      for (const p of [inside, outside]) {
        await call('passports.save', {
          pupilId: p.id,
          baseVersion: null,
          aboutMe: `${p.legalFirstName} likes trains.`,
          goodAt: null,
          findHard: null,
          helpsMe: 'Time with my TA',
          doesNotHelp: null,
          strategies: [{ text: 'Give one instruction at a time', source: 'staff' }],
          pupilWords: null,
          writtenWith: null,
          photo: { kind: 'none' },
        });
      }
      await call('passports.save', {
        pupilId: inside.id,
        baseVersion: 1,
        aboutMe: 'Ina likes trains and maps.',
        goodAt: null,
        findHard: null,
        helpsMe: 'Time with my TA',
        doesNotHelp: null,
        strategies: [],
        pupilWords: null,
        writtenWith: null,
        photo: { kind: 'none' },
      });
    } finally {
      await core.close();
    }
  }, 120_000);
  afterAll(() => tmp.remove());

  it('as a teacher: writes the passport of a pupil in their class on one A4 page, Confidential on it', async () => {
    const file = join(out, 'ina.pdf');
    const r = await run(['passport', '--pupil', inside.upn.toLowerCase(), '--out', file], TEACHER);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      `Wrote the passport of Ina Inscope (UPN ${inside.upn}): 1 page (${statSync(file).size.toLocaleString('en-GB')} bytes) to ${file}.\n`,
    );
    expect(pdfInfo(file)).toMatch(/Pages:\s+1\n[\s\S]*Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const text = pdfText(file);
    expect(text).toContain('Confidential');
    expect(text).toContain('Ina likes trains and maps.');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    // The plain copy, and an earlier version, as JSON.
    const plain = join(out, 'ina-plain.pdf');
    const p = await run(['passport', '--pupil', inside.upn, '--out', plain, '--plain', '--version', '1', '--json'], TEACHER);
    expect(p.code, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout)).toEqual({ ok: true, path: plain, pages: 1, bytes: statSync(plain).size, plain: true });
    const plainText = pdfText(plain);
    expect(plainText).toContain('Time with my teaching assistant');
    expect(plainText).toContain('Ina likes trains.');
    expect(plainText).toContain('Confidential');
  });

  it('as a teacher: refused a pupil outside their classes, with no file and nothing about the pupil', async () => {
    const file = join(out, 'quinby.pdf');
    const r = await run(['passport', '--pupil', outside.upn, '--out', file], TEACHER);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`No pupil on your class lists has the UPN ${outside.upn}`));
    expect(r.stderr).not.toMatch(/Quinby|Xanthos/);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses the roles that read no passports, a pupil with none, a version that does not exist and a file that exists', async () => {
    const office = await run(['passport', '--pupil', inside.upn, '--out', join(out, 'office.pdf')], OFFICE);
    expect(office.code).toBe(1);
    expect(office.stderr).toMatch(/Your role \(Office\b[^)]*\) cannot do this \(passports\.pdf\)/);
    expect(existsSync(join(out, 'office.pdf'))).toBe(false);

    const none = await run(['passport', '--pupil', bare.upn, '--out', join(out, 'none.pdf')], AS_INIT_SENCO);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/Nell Nopassport has no passport yet\. Write one on the Passport tab/);

    const version = await run(['passport', '--pupil', inside.upn, '--version', '7', '--out', join(out, 'v7.pdf')], AS_INIT_SENCO);
    expect(version.code).toBe(2);
    expect(version.stderr).toContain(`Ina Inscope (UPN ${inside.upn}) has no passport version 7. Their passport's versions are 1, 2.`);
    expect((await run(['passport', '--pupil', inside.upn, '--version', 'two', '--out', join(out, 'v.pdf')], AS_INIT_SENCO)).code).toBe(2);

    const file = join(out, 'twice.pdf');
    expect((await run(['passport', '--pupil', inside.upn, '--out', file], AS_INIT_SENCO)).code).toBe(0);
    const again = await run(['passport', '--pupil', inside.upn, '--out', file], AS_INIT_SENCO);
    expect(again.code).toBe(2);
    expect((await run(['passport', '--pupil', inside.upn, '--out', file, '--force'], AS_INIT_SENCO)).code).toBe(0);
  });

  it('--help says what it prints and who may', async () => {
    const r = await cli(['passport', '--help']);
    expect(r.stdout).toMatch(/--plain/);
    expect(r.stdout).toMatch(/teaching assistant may print the passports of the pupils in their\s+classes/);
    expect(r.stdout).toMatch(/Confidential" is on every page/);
  });
});

describe('senco-desk passport on the small demo', () => {
  const tmp = tempDir();
  const data = join(tmp.dir, 'data');
  const demo = generateDemo('small');
  const passports = generatePassports(demo);
  afterAll(() => tmp.remove());

  it('gives about half the register pupils a passport, which the SENCo prints', async () => {
    const register = demo.pupils.filter((p) => p.dateLeft === null && p.senHistory.at(-1)!.status !== 'N');
    expect(passports.length).toBe(Math.ceil(register.length / 2));
    expect(passports.some((p) => p.versions.length === 2)).toBe(true);
    expect((await cli(['demo', '--size', 'small', '--data', data])).code).toBe(0);
    const pupil = demo.pupils.find((p) => p.id === passports[0]!.pupilId)!;
    const file = join(tmp.dir, 'demo.pdf');
    const r = await cli(['passport', '--pupil', pupil.upn, '--out', file, '--data', data], { env: AS_DEMO_SENCO });
    expect(r.code, r.stderr).toBe(0);
    const text = pdfText(file);
    expect(text).toContain(`My name is ${pupil.preferredFirstName ?? pupil.legalFirstName}.`);
    expect(text).toContain('Strategies for staff');
  }, 180_000);
});
