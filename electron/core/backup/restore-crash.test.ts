/**
 * The restore crash test (issue 14, item 8): a restore killed at any moment never leaves a restored database without
 * its restore event, never loses the database or the key file that opens it, and what it leaves behind (`.restoring`
 * and `.partial` files) is settled at the next start.
 *
 * A child process (restore-crash-runner.ts, bundled here with esbuild, run under plain Node) runs `senco-desk restore
 * --yes` on an encrypted data folder, restoring a backup of another installation (another key, another keyring, so a
 * database left beside the wrong key file would not open). It kills itself with SIGKILL straight after its 1st, 2nd,
 * 3rd... change to the file system, one run each, until a run gets to the end: so every step of the restore is a
 * crash point, the rename of the checked copy over the live database included. Then more runs are killed from outside
 * at random moments (between the file system steps: inside SQLite's own writes).
 *
 * After every kill the folder is opened again as the app and the command line open it (openCoreAt, with the SENCo's
 * password). It must open; pass SQLite's integrity check and the audit chain's; hold either the database as it was
 * (unchanged) or the backup's, and then with exactly one restore event naming that backup; and no temporary file of
 * the restore may be left in the data folder or its backups folder.
 */
import { fork } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../cli/test-support';
import { verifyAuditChain } from '../audit';
import { openCoreAt } from '../core';
import { createRng } from '../demo/prng';
import { SCHOOL, SENCO_USER } from '../testing/harness';
import { createBackup } from '.';

const ROOT = join(__dirname, '..', '..', '..');
const CREDS = { SENCO_USERNAME: SENCO_USER.username, SENCO_PASSWORD: SENCO_USER.password };
const SEED = Number(process.env.SENCO_CRASH_SEED ?? 20261114);
const RANDOM_KILLS = 6;
const ALPHA = SCHOOL.name;
const BETA = 'Birchwood Academy (synthetic)';

interface Run {
  readonly killed: boolean;
  readonly exit: number | null;
  readonly changes: number | null;
  readonly stderr: string;
  /** From the start of the restore (the child's `ready`) to its end. */
  readonly ms: number;
}

function runRestore(script: string, data: string, from: string, killAt: number, killAfterMs: number | null = null): Promise<Run> {
  return new Promise((resolve, reject) => {
    let started = Date.now();
    let timer: NodeJS.Timeout | null = null;
    const child = fork(script, [data, from, String(killAt)], {
      execArgv: [],
      env: { PATH: process.env.PATH ?? '', NODE_PATH: join(ROOT, 'node_modules'), ...CREDS },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let out = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      // The clock for a kill from outside starts when the restore does, not while Node loads the bundle.
      if (timer === null && out.includes('ready\n')) {
        started = Date.now();
        if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (c: string) => void (stderr += c));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(watchdog);
      const changes = /changes (\d+)/.exec(out);
      const exit = /exit (\d+)/.exec(out);
      resolve({
        killed: signal === 'SIGKILL',
        exit: exit ? Number(exit[1]) : code,
        changes: changes ? Number(changes[1]) : null,
        stderr,
        ms: Date.now() - started,
      });
    });
  });
}

interface State {
  readonly school: string;
  readonly restores: readonly { readonly from: string }[];
  readonly integrity: string;
  readonly chainOk: boolean;
  readonly leftovers: readonly string[];
}

/** Opens the folder as the app does (which settles leftovers first) and reads what the checks need. */
async function inspect(data: string): Promise<State> {
  const core = await openCoreAt(data, CREDS);
  try {
    const [school] = (await core.ds.query('SELECT name FROM school')) as { name: string }[];
    const restores = (
      (await core.ds.query("SELECT detail FROM audit_event WHERE operation = 'backup.restore' ORDER BY seq")) as { detail: string }[]
    ).map((r) => JSON.parse(r.detail) as { from: string });
    const [integrity] = (await core.ds.query('PRAGMA integrity_check')) as { integrity_check: string }[];
    const chain = await core.ds.transaction((em) => verifyAuditChain(em));
    const leftovers = [data, join(data, 'backups')].flatMap((dir) =>
      (existsSync(dir) ? readdirSync(dir) : []).filter((n) => /\.(partial|restoring)-/.test(n)).map((n) => join(dir, n)),
    );
    return { school: school!.name, restores, integrity: integrity!.integrity_check, chainOk: chain.ok, leftovers };
  } finally {
    await core.close();
  }
}

async function makeInstallation(dir: string, schoolName: string): Promise<void> {
  // No SENCO_ENCRYPT: a new folder is encrypted, with a key and keyring of its own.
  const core = await openCoreAt(dir, {});
  try {
    const r = await core.dispatcher.invoke({
      op: 'setup.initialise',
      input: { school: { ...SCHOOL, name: schoolName }, user: SENCO_USER },
    });
    if (!r.ok) throw new Error(r.error.message);
  } finally {
    await core.close();
  }
}

describe('crash test: a restore killed at any moment', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let script: string;
  let alpha: string;
  let beta: string;

  beforeAll(async () => {
    tmp = tempDir('senco-restore-crash-');
    data = join(tmp.dir, 'data');
    script = join(tmp.dir, 'restore-crash-runner.cjs');
    await build({
      entryPoints: [join(__dirname, 'restore-crash-runner.ts')],
      outfile: script,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      tsconfig: join(ROOT, 'tsconfig.json'),
      logLevel: 'silent',
    });
    await makeInstallation(data, ALPHA);
    const other = join(tmp.dir, 'other');
    await makeInstallation(other, BETA);
    alpha = (await createBackup({ dataDir: data, env: CREDS, out: join(tmp.dir, 'alpha.sqlite') })).file;
    beta = (await createBackup({ dataDir: other, env: CREDS, out: join(tmp.dir, 'beta.sqlite') })).file;
  }, 120_000);
  afterAll(() => tmp?.remove());

  it(`always leaves a database that opens, with its restore event when it is the backup, and nothing left over (then ${RANDOM_KILLS} random kills, seed ${SEED})`, async () => {
    let current: string = ALPHA;
    let restoresNow = 0;
    const log: string[] = [];
    let killedAfterSwitch = 0;
    let fullRunMs = 0;

    const check = async (run: Run, from: string, label: string): Promise<void> => {
      if (!run.killed) expect(run.exit, `${label}: ${run.stderr}`).toBe(0);
      const state = await inspect(data);
      expect(state.integrity, label).toBe('ok');
      expect(state.chainOk, label).toBe(true);
      expect(state.leftovers, label).toEqual([]);
      const target = from === alpha ? ALPHA : BETA;
      if (state.school === target && target !== current) {
        // Restored: the backup (which has no restore event of its own) plus exactly the one this restore wrote.
        expect(state.restores, label).toEqual([expect.objectContaining({ from: basename(from) })]);
        if (run.killed) killedAfterSwitch++;
        current = target;
        restoresNow = 1;
      } else {
        expect(state.school, label).toBe(current);
        expect(state.restores.length, label).toBe(restoresNow);
      }
      log.push(`${label}: ${run.killed ? 'killed' : `finished (${run.changes} changes)`}, ${state.school}`);
    };

    for (let n = 1; ; n++) {
      expect(n, log.join('\n')).toBeLessThan(150);
      const from = current === ALPHA ? beta : alpha;
      const run = await runRestore(script, data, from, n);
      await check(run, from, `kill after change ${n}`);
      if (!run.killed) {
        fullRunMs = run.ms;
        break;
      }
    }
    const rng = createRng(SEED);
    for (let i = 0; i < RANDOM_KILLS; i++) {
      const from = current === ALPHA ? beta : alpha;
      const delay = rng.int(Math.floor(fullRunMs / 4), Math.floor(fullRunMs * 0.9));
      await check(await runRestore(script, data, from, 0, delay), from, `kill at ${delay} ms`);
    }
    if (process.env.SENCO_CRASH_LOG) process.stderr.write(log.join('\n') + '\n');
    // The runs must have crossed the rename that is the restore: killed just after it, and found restored with its event.
    expect(killedAfterSwitch, log.join('\n')).toBeGreaterThanOrEqual(1);
  }, 600_000);
});
