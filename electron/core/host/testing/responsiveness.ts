/**
 * Test builds only: under plain Node, starts the core's host on a data folder (the core in a worker thread, or on
 * this thread with `--in-thread`), runs the test-only 2-second operation (blocking.ts) and samples this thread with a
 * 10 ms timer meanwhile, as the Electron main process's own work (window, menus, IPC) would run. Prints one line of
 * JSON: the worst lateness of any tick, when it was, the number of ticks, how long the operation took, its answer.
 * Run by core-host.test.ts in a process of its own, so nothing else (the test runner) shares this thread.
 */
import { CoreHost } from '../core-host';
import { serveCore } from '../runtime';
import { blockingIntercept } from './blocking';

async function main(): Promise<void> {
  const [dataDir, workerFile, mode, msArg] = process.argv.slice(2);
  if (!dataDir || !workerFile || (mode !== 'worker' && mode !== 'in-thread'))
    throw new Error('usage: responsiveness DATA WORKER worker|in-thread [ms]');
  const env = { ...process.env, SENCO_ENCRYPT: '0' };
  const host = await CoreHost.start({
    dataDir,
    env,
    encrypt: false,
    mode,
    workerFile,
    serveInThread: (port) => serveCore(port, { env, intercept: blockingIntercept }),
  });
  // The host is up and idle: give the thread a moment to settle (start-up's garbage) before measuring.
  await new Promise((r) => setTimeout(r, 200));
  let worst = 0;
  let at = 0;
  let ticks = 0;
  const t0 = performance.now();
  let expected = t0 + 10;
  const sample = () => {
    const now = performance.now();
    if (now - expected > worst) {
      worst = now - expected;
      at = now - t0;
    }
    expected = now + 10;
  };
  const timer = setInterval(() => {
    sample();
    ticks++;
  }, 10);
  const answer = await host.invoke({ op: 'test.block', input: { ms: Number(msArg ?? 2000), steps: 20 } });
  // The last gap, up to the answer arriving, counts too.
  sample();
  clearInterval(timer);
  const took = performance.now() - t0;
  await host.close();
  process.stdout.write(JSON.stringify({ worst, at, ticks, took, answer }) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
