/**
 * The --help texts against what the commands really do, so they cannot drift apart again: SENCO_ENCRYPT is an
 * opt-out (a new folder is encrypted without it), `pupils list` lists every pupil (not only the SEN register), and
 * each demo size lists exactly the users it makes.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../core/data-dir';
import { fileState } from '../core/crypto/sqlite-file';
import { DEMO_SIZES, demoUsernames, generateDemo } from '../core/demo';
import type { CliIo, CliStdin } from './io';
import { runCli } from './program';
import { AS_DEMO_SENCO, INIT_ARGS, PASSWORD, cli, tempDir } from './test-support';

/** Runs the CLI with exactly `env` (test-support's cli() always sets SENCO_ENCRYPT). */
async function runWith(args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdin: Readable.from([]) as unknown as CliStdin,
    env,
  };
  const code = await runCli(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const help = async (...args: string[]) => (await runWith([...args, '--help'], {})).stdout;
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** "senco, therapist1-3" as ['senco', 'therapist1', 'therapist2', 'therapist3']. */
function expand(list: string): string[] {
  return list.split(/,\s*/).flatMap((item) => {
    const m = /^(.*?)(\d+)-(\d+)$/.exec(item.trim());
    if (!m) return [item.trim()];
    const out: string[] = [];
    for (let k = Number(m[2]); k <= Number(m[3]); k++) out.push(`${m[1]}${k}`);
    return out;
  });
}

describe('--help says what the commands do', () => {
  let tmp: ReturnType<typeof tempDir>;
  let demoStaff: string[] = [];
  let demoDir = '';
  beforeAll(async () => {
    tmp = tempDir();
    demoDir = join(tmp.dir, 'demo');
    const r = await cli(['demo', '--size', 'small', '--data', demoDir, '--json']);
    expect(r.code).toBe(0);
    demoStaff = (JSON.parse(r.stdout) as { staff: { username: string }[] }).staff.map((s) => s.username);
  });
  afterAll(() => tmp.remove());

  it('SENCO_ENCRYPT: encryption is the default and SENCO_ENCRYPT=0 the opt-out, as init does', async () => {
    const text = await help();
    expect(text).toContain('SENCO_ENCRYPT=0');
    expect(text).not.toContain('SENCO_ENCRYPT=1');
    expect(flat(text)).toMatch(/Without it, init and demo make an encrypted folder/);
    // What the help says: no SENCO_ENCRYPT at all gives an encrypted folder; SENCO_ENCRYPT=0 a plain one.
    const enc = join(tmp.dir, 'enc');
    expect((await runWith([...INIT_ARGS, '--data', enc], { SENCO_PASSWORD: PASSWORD })).code).toBe(0);
    expect(fileState(join(enc, DB_FILE))).toBe('encrypted');
    const plain = join(tmp.dir, 'plain');
    expect((await runWith([...INIT_ARGS, '--data', plain], { SENCO_PASSWORD: PASSWORD, SENCO_ENCRYPT: '0' })).code).toBe(0);
    expect(fileState(join(plain, DB_FILE))).toBe('plain');
  });

  it('pupils list: the help says every pupil whatever their SEN status, and the command lists N pupils too', async () => {
    const text = flat(await help('pupils', 'list'));
    expect(text).not.toMatch(/List pupils on the register/);
    expect(text).toMatch(/every current pupil whatever their SEN status/);
    expect(flat(await help('pupils'))).not.toMatch(/list the register/);
    const list = async (...a: string[]) =>
      (JSON.parse((await cli(['pupils', 'list', '--data', demoDir, '--json', ...a], { env: AS_DEMO_SENCO })).stdout) as { total: number })
        .total;
    const all = await list();
    const register = (await list('--status', 'E')) + (await list('--status', 'K'));
    expect(await list('--status', 'N')).toBeGreaterThan(0);
    expect(all).toBe(register + (await list('--status', 'N')));
  });

  it('demo: each size lists exactly the users it makes (small checked against a real run)', async () => {
    const text = await help('demo');
    const listed = (size: string) => {
      const m = new RegExp(`^\\s+${size}: (.+)$`, 'm').exec(text);
      expect(m, `the demo help has a "${size}:" line of users`).not.toBeNull();
      return expand(m?.[1] ?? '');
    };
    expect(listed('small')).toEqual(demoStaff);
    expect(listed('small')).toEqual(generateDemo('small').staff.map((s) => s.username));
    expect(listed('school')).toEqual(demoUsernames('school'));
    expect(flat(text)).toContain(`small (~60 pupils, ${demoStaff.length} staff)`);
    expect(flat(text)).toContain(`${demoUsernames('school').length} staff)`);
    // A trust: the school's users, then the same again with .2 to .N for each further school.
    const m = /trust: the same as school, and again with \.2 to \.(\d+) added/.exec(text);
    const schools = Number(m?.[1]);
    const base = demoUsernames('school');
    const trust = [...base];
    for (let k = 2; k <= schools; k++) trust.push(...base.map((u) => `${u}.${k}`));
    expect(trust).toEqual(demoUsernames('trust'));
    expect(DEMO_SIZES).toEqual(['small', 'school', 'trust']);
  });
});
