/**
 * Test builds only: an operation that keeps the core's thread busy for a set time in synchronous steps, as a
 * synchronous store driver (libsql, better-sqlite3 style) does during a long report. It is answered by the runtime's
 * `intercept` in the test worker entry (blocking-worker.ts) and in the in-thread mode of the tests; the product's
 * worker entry (core-worker.ts) has no intercept, and the contract has no such operation, so nothing can reach it.
 *
 * { op: 'test.block', input: { ms, steps, spin? } }: `steps` blocking steps of ms/steps each, reporting progress after each and
 * checking the cancel flag between them. Answers { steps } or the Cancelled failure.
 */
import { fail, ok, type Result } from '../../../../shared/result';
import { Cancelled, type OperationControl } from '../../operation';
import type { Intercept } from '../runtime';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Holds the thread for `ms`: by default blocked in a synchronous wait, as a synchronous driver waits for the disk
 * (Atomics.wait: no event loop turns, no timer runs, yet no CPU is burnt, so the measurement does not depend on how
 * busy the machine's cores are); with `spin`, computing, as a report's own work does.
 */
function hold(ms: number, spin: boolean): void {
  if (!spin) {
    Atomics.wait(sleeper, 0, 0, ms);
    return;
  }
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Synchronous work: nothing else runs on this thread meanwhile.
  }
}

export const blockingIntercept: Intercept = (envelope: unknown, control: OperationControl | null): Result<unknown> | null => {
  const env = envelope as { op?: unknown; input?: { ms?: unknown; steps?: unknown; crash?: unknown; spin?: unknown } } | null;
  if (!env || env.op !== 'test.block') return null;
  const ms = Number(env.input?.ms ?? 0);
  const steps = Math.max(1, Number(env.input?.steps ?? 1));
  for (let i = 0; i < steps; i++) {
    if (control?.cancelled()) {
      const c = new Cancelled();
      return fail({ code: c.code, message: c.message });
    }
    hold(ms / steps, env.input?.spin === true);
    control?.progress({ done: i + 1, total: steps, label: 'test' });
    if (env.input?.crash === i + 1) process.exit(70);
  }
  return ok({ steps });
};
