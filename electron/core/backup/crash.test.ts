/**
 * The crash test (issue 8, "Done when": a crash mid-write loses nothing that was acknowledged). A child process
 * (crash-writer.ts, bundled here with esbuild and run under plain Node) opens the store through the core and creates
 * pupils in a loop, printing each pupil's id after its transaction commits. It is killed with SIGKILL at random
 * moments, mostly mid-loop and sometimes while it is still opening the store; after every kill the database is
 * opened again and must pass `PRAGMA integrity_check`, and every id the child acknowledged must be there (with its
 * audit event). The next child then carries on writing to the same file, so later runs start from a database that
 * has already been through crashes, with a WAL that may hold frames not yet checkpointed.
 *
 * What this shows: SQLite in WAL mode with synchronous=NORMAL loses nothing committed when the *process* dies. A
 * power cut can still lose the last transactions before the next checkpoint (SQLite's documented trade-off for
 * synchronous=NORMAL in WAL mode); a process kill is what this test can reproduce.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../cli/test-support';
import { openCoreAt } from '../core';
import { DB_FILE } from '../data-dir';
import { createRng } from '../demo/prng';
import { SENCO_USER, setUp } from '../testing/harness';
import { databaseKeyLiteral, keyringPathFor, readKeyring, unlockWithPassword } from '../crypto/keyring';
import { integrityOf } from './inspect';
import { openRaw } from './sqlite-raw';

const ROOT = join(__dirname, '..', '..', '..');
const KILLS = 15;
const SEED = Number(process.env.SENCO_CRASH_SEED ?? 20261001);
/**
 * Run twice: on an encrypted folder (what every new data folder is: the writer signs in as the SENCo from the
 * environment, as the CLI does, and each reopen after a kill runs the unclean-shutdown check), and on a plain file.
 */
const VARIANTS = [
  { name: 'encrypted', env: { SENCO_USERNAME: SENCO_USER.username, SENCO_PASSWORD: SENCO_USER.password } as Record<string, string> },
  { name: 'plain', env: { SENCO_ENCRYPT: '0' } as Record<string, string> },
] as const;

/** The key of the folder's database, unwrapped with the SENCo's password (none for a plain folder). */
async function keyOfFolder(data: string, env: Record<string, string>): Promise<{ key?: string }> {
  if (!env.SENCO_PASSWORD) return {};
  const kr = readKeyring(keyringPathFor(join(data, DB_FILE)));
  if (!kr) throw new Error('the encrypted folder has no keyring');
  return { key: databaseKeyLiteral((await unlockWithPassword(kr, env.SENCO_USERNAME!, env.SENCO_PASSWORD)).key) };
}

interface Run {
  readonly acked: readonly string[];
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly killedAfterMs: number;
  readonly phase: 'opening' | 'writing';
}

/** Starts the writer; kills it `delayMs` after it starts writing (or after it starts, when `phase` is opening). */
function crashOnce(
  script: string,
  data: string,
  first: number,
  phase: Run['phase'],
  delayMs: number,
  ENV: Record<string, string>,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(script, [data, String(first)], {
      // Plain Node: not vitest's loaders or flags.
      execArgv: [],
      env: { PATH: process.env.PATH ?? '', NODE_PATH: join(ROOT, 'node_modules'), ...ENV },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const acked: string[] = [];
    let buf = '';
    let stderr = '';
    let since = Date.now();
    let killedAfterMs = -1;
    let timer: NodeJS.Timeout | null = null;
    const kill = () => {
      killedAfterMs = Date.now() - since;
      child.kill('SIGKILL');
    };
    const watchdog = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the writer never started writing: ${stderr}`));
    }, 30_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('ack ')) acked.push(line.slice(4));
        // The first acknowledged write: the clock for a mid-loop kill starts now.
        if (line.startsWith('ack ') && phase === 'writing' && timer === null) {
          since = Date.now();
          timer = setTimeout(kill, delayMs);
        }
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
    if (phase === 'opening') timer = setTimeout(kill, delayMs);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(watchdog);
      if (timer) clearTimeout(timer);
      // Lines already in the pipe when the child died were written after their commit: they count too.
      for (const line of buf.split('\n')) if (line.startsWith('ack ')) acked.push(line.slice(4));
      resolve({ acked, signal, stderr, killedAfterMs, phase });
    });
  });
}

describe.each(VARIANTS)('crash test ($name folder): SIGKILL while writing loses nothing acknowledged', ({ env: ENV }) => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let script: string;

  beforeAll(async () => {
    tmp = tempDir('senco-crash-');
    data = join(tmp.dir, 'data');
    script = join(tmp.dir, 'crash-writer.cjs');
    await build({
      entryPoints: [join(__dirname, 'crash-writer.ts')],
      outfile: script,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      tsconfig: join(ROOT, 'tsconfig.json'),
      logLevel: 'silent',
    });
    const core = await openCoreAt(data, ENV);
    try {
      await setUp(core);
    } finally {
      await core.close();
    }
  }, 60_000);
  afterAll(() => tmp?.remove());

  it(`keeps every acknowledged write and passes the integrity check after each of ${KILLS} kills (seed ${SEED})`, async () => {
    const rng = createRng(SEED);
    const allAcked = new Set<string>();
    const log: string[] = [];
    let midWrite = 0;
    for (let i = 0; i < KILLS; i++) {
      // One run in five is killed while it opens the store (migrations check, WAL recovery of the last crash).
      const phase: Run['phase'] = i % 5 === 2 ? 'opening' : 'writing';
      const delay = phase === 'opening' ? rng.int(0, 250) : rng.int(20, 900);
      const run = await crashOnce(script, data, 1000 + i * 10_000, phase, delay, ENV);
      expect(run.stderr, `run ${i}: the writer failed on its own`).toBe('');
      expect(run.signal, `run ${i}`).toBe('SIGKILL');
      for (const id of run.acked) allAcked.add(id);
      if (run.acked.length > 0 && phase === 'writing') midWrite++;

      const db = await openRaw(join(data, DB_FILE), await keyOfFolder(data, ENV));
      try {
        expect(await integrityOf(db), `run ${i}: integrity after a kill ${run.killedAfterMs} ms in (${phase})`).toEqual(['ok']);
        const present = new Set((await db.all<{ id: string }>('SELECT id FROM pupil')).map((r) => r.id));
        const audited = new Set(
          (await db.all<{ pupil_id: string }>("SELECT pupil_id FROM audit_event WHERE operation = 'pupils.create' AND outcome = 'ok'")).map(
            (r) => r.pupil_id,
          ),
        );
        const lost = [...allAcked].filter((id) => !present.has(id));
        const unaudited = [...allAcked].filter((id) => !audited.has(id));
        expect(lost, `run ${i}: acknowledged but missing after the kill`).toEqual([]);
        expect(unaudited, `run ${i}: acknowledged without its audit event`).toEqual([]);
      } finally {
        await db.close();
      }
      log.push(`${phase} +${run.killedAfterMs} ms: ${run.acked.length} acknowledged`);
    }
    // The test must have exercised what it claims: kills in the middle of writing, with many writes acknowledged.
    if (process.env.SENCO_CRASH_LOG) process.stderr.write(log.join('\n') + '\n');
    expect(midWrite, log.join('\n')).toBeGreaterThanOrEqual(10);
    expect(allAcked.size, log.join('\n')).toBeGreaterThan(150);
  }, 90_000);
});
