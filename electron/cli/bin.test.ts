/**
 * The real launcher (bin/senco-desk.cjs → dist/node/cli.cjs) run as a separate process, for what only a real
 * process shows: exit codes, the environment, no stack traces. `npm test` builds before the unit tests; run
 * `npm run build:node` first when running this file alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INIT_ARGS, PASSWORD, tempDir } from './test-support';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'senco-desk.cjs');
const built = join(root, 'dist', 'node', 'cli.cjs');

function run(args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the senco-desk bin', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp?.remove());

  it('is built (run `npm run build:node` first)', () => {
    expect(existsSync(built), `${built} is missing: run \`npm run build:node\` before these tests`).toBe(true);
  });

  it('sets up with SENCO_PASSWORD (exit 0), refuses a second init (exit 1) and usage errors (exit 2) without a stack trace', () => {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build:node\` first`);
    const data = join(tmp.dir, 'data');
    const ok = run([...INIT_ARGS, '--data', data, '--json'], { SENCO_PASSWORD: PASSWORD });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, user: { username: 'sam.okafor' } });

    const again = run([...INIT_ARGS, '--data', data], { SENCO_PASSWORD: PASSWORD });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already set up/);

    const unknown = run(['pupils', 'list', '--data', data, '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--frobnicate'/);

    const missing = run(['pupils', 'import', join(tmp.dir, 'missing.csv'), '--data', data]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read .*missing\.csv: there is no such file\./);
    for (const r of [again, unknown, missing]) expect(r.stderr).not.toMatch(/\n\s+at /);

    const help = run(['pupils', 'import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--data <dir>/);
    expect(help.stdout).toMatch(/--json/);
    expect(help.stdout).toMatch(/Exit status: 0 every row imported; 1 one or more rows rejected/);
  });
});
