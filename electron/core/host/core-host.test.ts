/**
 * The core's host (core-host.ts): the core in a worker thread keeps the calling thread free.
 *
 * The 2-second operation is the test-only `test.block` (host/testing/blocking.ts): synchronous busy steps, as a
 * synchronous store driver spends a long report; it exists only in the test worker entry bundled here, never in the
 * product's worker or contract. While it runs, a timer on this thread (the Electron main process's place) is sampled
 * every 10 ms; the worst lateness must stay under 50 ms. The same measurement with the core in-thread fails that
 * bound (the block holds this thread for the whole 2 s), which is what shows the measurement can fail.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { CoreHost } from './core-host';
import { serveCore } from './runtime';
import { blockingIntercept } from './testing/blocking';
import type { PortLike } from './protocol';
import type { Progress } from '../operation';
import { makeUpn } from '../../../shared/upn';

const ROOT = resolve(__dirname, '..', '..', '..');
// Inside node_modules, so the bundle's external packages (typeorm, sqlite3) resolve as they do from dist/.
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'senco-core-host-test');
const WORKER = join(OUT_DIR, `blocking-worker-${process.pid}.cjs`);
const PROBE = join(OUT_DIR, `responsiveness-${process.pid}.cjs`);
const ENV = { ...process.env, SENCO_ENCRYPT: '0' } as NodeJS.ProcessEnv;

beforeAll(async () => {
  mkdirSync(OUT_DIR, { recursive: true });
  // Bundled as scripts/build-node.mjs bundles the product's core-worker.ts.
  for (const [entry, outfile] of [
    ['electron/core/host/testing/blocking-worker.ts', WORKER],
    ['electron/core/host/testing/responsiveness.ts', PROBE],
  ] as const) {
    await build({
      entryPoints: [join(ROOT, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      tsconfig: join(ROOT, 'tsconfig.json'),
      logLevel: 'warning',
    });
  }
}, 60_000);

afterAll(() => {
  rmSync(WORKER, { force: true });
  rmSync(PROBE, { force: true });
});

interface Probe {
  readonly worst: number;
  readonly at: number;
  readonly ticks: number;
  readonly took: number;
  readonly answer: unknown;
}

/** Runs the responsiveness probe (testing/responsiveness.ts) under plain Node, in a process of its own. */
function probe(mode: 'worker' | 'in-thread'): Probe {
  const out = execFileSync(process.execPath, [PROBE, dataDir(), WORKER, mode, '2000'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out.trim().split('\n').pop() as string) as Probe;
}

const dirs: string[] = [];
const hosts: CoreHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close().catch(() => undefined)));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'senco-host-'));
  dirs.push(d);
  return d;
}

async function startHost(mode: 'worker' | 'in-thread', dir = dataDir()): Promise<CoreHost> {
  const host = await CoreHost.start({
    dataDir: dir,
    env: ENV,
    encrypt: false,
    mode,
    workerFile: WORKER,
    serveInThread: (port: PortLike) => serveCore(port, { env: ENV, intercept: blockingIntercept }),
    exitTimeoutMs: 5_000,
  });
  hosts.push(host);
  return host;
}

describe('CoreHost: the core in a worker thread', () => {
  it('answers on the main thread within 50 ms throughout a 2-second operation in the core', () => {
    const p = probe('worker');
    expect(p.answer).toEqual({ ok: true, value: { steps: 20 } });
    expect(p.took).toBeGreaterThanOrEqual(2000);
    // About one tick per 10 ms for 2 s: the thread was free the whole time, not only at the end.
    expect(p.ticks).toBeGreaterThan(150);
    expect(p.worst, `the main thread was ${p.worst.toFixed(0)} ms late ${p.at.toFixed(0)} ms into the operation`).toBeLessThan(50);
  });

  it('the same measurement fails with the core on the main thread (the in-thread mode)', () => {
    const p = probe('in-thread');
    expect(p.answer).toEqual({ ok: true, value: { steps: 20 } });
    // The operation held this thread: the timer could not run for the whole 2 s.
    expect(p.worst).toBeGreaterThan(1500);
    expect(p.ticks).toBeLessThan(10);
  });

  it('carries real calls through the same worker', async () => {
    const host = await startHost('worker');
    const status = await host.invoke({ op: 'setup.status', input: {} });
    expect(status).toEqual({ ok: true, value: { needsSetup: true, schoolName: null } });
  });

  it('reports progress in order, to the call and to the host-wide listeners', async () => {
    const host = await startHost('worker');
    const seen: Progress[] = [];
    const wide: string[] = [];
    host.onProgress((op, p) => wide.push(`${op}:${p.done}/${p.total}`));
    const r = await host.invoke(
      { op: 'test.block', input: { ms: 100, steps: 10 } },
      { operation: 'op-1', onProgress: (p) => seen.push(p) },
    );
    expect(r.ok).toBe(true);
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(seen.every((p) => p.total === 10 && p.label === 'test')).toBe(true);
    expect(wide).toEqual(seen.map((p) => `op-1:${p.done}/10`));
  });

  it('cancels long work between its steps, even while the core thread is busy, with a plain message', async () => {
    const host = await startHost('worker');
    const seen: number[] = [];
    const call = host.invoke(
      { op: 'test.block', input: { ms: 2000, steps: 20 } },
      {
        operation: 'op-2',
        onProgress: (p) => {
          seen.push(p.done);
          if (p.done === 3) expect(host.cancel('op-2')).toBe(true);
        },
      },
    );
    const r = await call;
    expect(r).toEqual({ ok: false, error: { code: 'cancelled', message: expect.stringMatching(/^Cancelled: nothing was saved/) } });
    expect(Math.max(...seen)).toBeLessThan(6);
    // Finished: nothing left to cancel.
    expect(host.cancel('op-2')).toBe(false);
  });

  it('a real long operation through the worker: progress in order, and a cancel part-way leaves nothing written', async () => {
    const host = await startHost('worker');
    const setUp = await host.invoke({
      op: 'setup.initialise',
      input: {
        school: { name: 'Oakfield Primary (synthetic)', urn: '100001', localAuthority: 'Exampleshire' },
        user: { displayName: 'Sam Okafor', username: 'sam.okafor', password: 'correct horse battery' },
      },
    });
    expect(setUp.ok).toBe(true);
    const session = (setUp as { value: { session: string } }).value.session;
    const rows = Array.from({ length: 400 }, (_, i) => ({
      line: i + 2,
      values: {
        upn: makeUpn(999, 4001, 19, i + 1),
        'Legal Surname': `Surname${i}`,
        'Legal Forename': `First${i}`,
        'Date of Birth': '01/09/2014',
        'Year Group': 'Year 7',
        'SEN Status': 'K',
        'Primary Need': 'slcn',
      },
    }));
    const seen: number[] = [];
    const r = await host.invoke(
      { op: 'pupils.import', input: { rows }, session },
      {
        operation: 'import-1',
        onProgress: (p) => {
          seen.push(p.done);
          // Cancelled once 100 rows are written (inside the transaction, on the worker's thread).
          if (p.done === 100) host.cancel('import-1');
        },
      },
    );
    expect(r).toEqual({ ok: false, error: { code: 'cancelled', message: expect.stringMatching(/^Cancelled: nothing was saved/) } });
    expect(seen).toEqual([0, 25, 50, 75, 100]);
    const list = await host.invoke({ op: 'pupils.list', input: {}, session });
    expect(list.ok && (list.value as { total: number }).total).toBe(0);
    // Not cancelled, the same import goes through and reports to the end.
    const seenAll: number[] = [];
    const again = await host.invoke(
      { op: 'pupils.import', input: { rows }, session },
      { operation: 'import-2', onProgress: (p) => seenAll.push(p.done) },
    );
    expect(again.ok && (again.value as { created: number }).created).toBe(400);
    expect(seenAll).toEqual([...Array.from({ length: 16 }, (_, i) => i * 25), 400]);
  });

  it('makes the daily backup inside the worker, and a cancelled backup leaves no file behind', async () => {
    const dir = dataDir();
    const host = await startHost('worker', dir);
    await host.invoke({ op: 'setup.status', input: {} });
    const backups = () => (existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')) : []);
    const cancelled = host.backup({ operation: 'backup-1', onProgress: (p) => (p.done === 0 ? host.cancel('backup-1') : undefined) });
    await expect(cancelled).rejects.toThrow(/^Cancelled: nothing was saved/);
    expect(backups()).toEqual([]);
    const file = await host.backup();
    expect(file).toMatch(/senco-desk-.*\.sqlite$/);
    expect(backups().some((f) => file!.endsWith(f))).toBe(true);
  });

  it('refuses an operation id already running or not plain', async () => {
    const host = await startHost('worker');
    const first = host.invoke({ op: 'test.block', input: { ms: 300, steps: 3 } }, { operation: 'same' });
    const second = await host.invoke({ op: 'test.block', input: { ms: 10, steps: 1 } }, { operation: 'same' });
    expect(second.ok).toBe(false);
    expect((await host.invoke({ op: 'setup.status', input: {} }, { operation: '../x y' })).ok).toBe(false);
    expect((await first).ok).toBe(true);
  });

  it('when the worker dies: pending calls fail with a plain message, the host reports it, and a restart carries on with the data', async () => {
    const dir = dataDir();
    const host = await startHost('worker', dir);
    // Real data first: set the school up (committed before the crash).
    const setUp = await host.invoke({
      op: 'setup.initialise',
      input: {
        school: { name: 'Oakfield Primary (synthetic)', urn: '100001', localAuthority: 'Exampleshire' },
        user: { displayName: 'Sam Okafor', username: 'sam.okafor', password: 'correct horse battery' },
      },
    });
    expect(setUp.ok, JSON.stringify(setUp)).toBe(true);
    const gone: unknown[] = [];
    host.onGone((g) => gone.push(g));
    const firstThread = host.threadId;

    const dying = host.invoke({ op: 'test.block', input: { ms: 200, steps: 4, crash: 2 } }, { operation: 'dies' });
    const r = await dying;
    expect(r).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.stringMatching(/stopped while this was in progress.*nothing from it was saved/) },
    });
    expect(gone).toEqual([{ exitCode: 70, error: null }]);
    // Calls while it is stopped are refused plainly, not left hanging.
    expect((await host.invoke({ op: 'setup.status', input: {} })).ok).toBe(false);

    expect(await host.restart()).toEqual({ locked: false });
    expect(host.threadId).not.toBe(firstThread);
    const status = await host.invoke({ op: 'setup.status', input: {} });
    expect(status).toEqual({ ok: true, value: { needsSetup: false, schoolName: 'Oakfield Primary (synthetic)' } });
  });

  it('closes cleanly: the store is closed and the worker ends; later calls are refused plainly', async () => {
    const dir = dataDir();
    const host = await startHost('worker', dir);
    await host.invoke({ op: 'setup.status', input: {} });
    await host.close();
    expect(host.threadId).toBeNull();
    const after = await host.invoke({ op: 'setup.status', input: {} });
    expect(after).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/closing/) } });
    // The SQLite file was closed: no -wal left open beside it (a clean close checkpoints and removes it).
    expect(readdirSync(dir).some((f) => f.endsWith('-wal'))).toBe(false);
    expect(existsSync(dir)).toBe(true);
  });

  it('closing cancels long work in progress instead of waiting for it', async () => {
    const host = await startHost('worker');
    const started = performance.now();
    const long = host.invoke({ op: 'test.block', input: { ms: 5000, steps: 50 } }, { operation: 'long' });
    await new Promise((r) => setTimeout(r, 300));
    await host.close();
    expect(await long).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it("rejects with the core's own message when the folder cannot be opened", async () => {
    const file = join(dataDir(), 'not-a-folder');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'x');
    await expect(startHost('worker', file)).rejects.toThrow(/.+/);
  });
});
