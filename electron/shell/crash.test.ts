import { describe, expect, it } from 'vitest';
import { CORE_PROCESS_NAME, createCrashHandler, createRepeatGuard, type CrashDeps } from './crash';
import type { Logger, LogFields } from './log';

interface Entry {
  readonly level: string;
  readonly event: string;
  readonly fields?: LogFields;
  readonly err?: unknown;
}

function harness(opts: { restartCore?: () => Promise<void> } = {}) {
  let clock = 1_000_000;
  const entries: Entry[] = [];
  const calls: string[] = [];
  const messages: string[] = [];
  const log: Logger = {
    info: (event, fields) => void entries.push({ level: 'info', event, fields }),
    warn: (event, fields) => void entries.push({ level: 'warn', event, fields }),
    error: (event, err, fields) => void entries.push({ level: 'error', event, err, fields }),
    file: '/logs/main.log',
    close: () => Promise.resolve(),
  };
  const deps: CrashDeps = {
    log,
    now: () => clock,
    showMessage: (m) => (messages.push(m), Promise.resolve()),
    reloadWindow: () => void calls.push('reload'),
    restartCore: opts.restartCore ?? (() => (calls.push('restartCore'), Promise.resolve())),
    relaunch: () => void calls.push('relaunch'),
    quit: () => void calls.push('quit'),
  };
  return { handler: createCrashHandler(deps), entries, calls, messages, advance: (ms: number) => void (clock += ms) };
}

describe('createRepeatGuard', () => {
  it('counts three within a minute as repeated, and forgets older ones', () => {
    let now = 0;
    const g = createRepeatGuard(() => now);
    expect(g.hit()).toBe(false);
    now += 30_000;
    expect(g.hit()).toBe(false);
    now += 31_000; // the first is now more than a minute old
    expect(g.hit()).toBe(false);
    now += 1_000;
    expect(g.hit()).toBe(true);
  });
});

describe('uncaught errors in the main process', () => {
  it('an uncaught exception is logged, explained plainly, and the app restarts (closing the database on the way)', async () => {
    const h = harness();
    const err = new Error('boom');
    expect(await h.handler.onUncaughtException(err)).toBe('relaunched');
    expect(h.entries[0]).toMatchObject({ level: 'error', event: 'main.uncaughtException', err });
    expect(h.messages).toEqual([
      expect.stringMatching(
        /^Something keeps going wrong inside SENCo Desk, so it will restart now\. Everything you had saved is safe\.[\s\S]*\/logs\/main\.log$/,
      ),
    ]);
    expect(h.calls).toEqual(['relaunch']);
    // A second one while ending is logged only: one restart, one message.
    expect(await h.handler.onUncaughtException(new Error('again'))).toBe('relaunched');
    expect(h.calls).toEqual(['relaunch']);
    expect(h.messages).toHaveLength(1);
  });

  it('an unhandled rejection is logged and the app carries on, with one plain message a minute at most', async () => {
    const h = harness();
    expect(await h.handler.onUnhandledRejection(new Error('first'))).toBe('carried-on');
    h.advance(25_000);
    expect(await h.handler.onUnhandledRejection(new Error('second'))).toBe('carried-on');
    expect(h.messages).toEqual([
      expect.stringMatching(/^Something went wrong inside SENCo Desk\. Everything you had saved is safe, and you can carry on\./),
    ]);
    expect(h.entries.map((e) => e.event)).toEqual(['main.unhandledRejection', 'main.unhandledRejection']);
    expect(h.calls).toEqual([]);
  });

  it('three unhandled rejections within a minute restart the app', async () => {
    const h = harness();
    await h.handler.onUnhandledRejection('a');
    await h.handler.onUnhandledRejection('b');
    expect(await h.handler.onUnhandledRejection('c')).toBe('relaunched');
    expect(h.calls).toEqual(['relaunch']);
  });
});

describe('the window’s page gone', () => {
  it('a crash is logged with its reason, the page reloaded in the same window, and the user told plainly', async () => {
    const h = harness();
    expect(await h.handler.onRenderProcessGone({ reason: 'crashed', exitCode: 11 })).toBe('reloaded');
    expect(h.entries[0]).toMatchObject({ level: 'error', event: 'renderer.gone', fields: { reason: 'crashed', exitCode: 11 } });
    expect(h.calls).toEqual(['reload']);
    expect(h.messages[0]).toMatch(/^The SENCo Desk window stopped unexpectedly and has been reloaded\. Everything you had saved is safe\./);
  });

  it('a clean exit is only logged', async () => {
    const h = harness();
    expect(await h.handler.onRenderProcessGone({ reason: 'clean-exit', exitCode: 0 })).toBe('ignored');
    expect(h.calls).toEqual([]);
    expect(h.messages).toEqual([]);
  });

  it('a page that keeps crashing closes the app instead of reloading for ever', async () => {
    const h = harness();
    await h.handler.onRenderProcessGone({ reason: 'oom' });
    h.advance(5_000);
    await h.handler.onRenderProcessGone({ reason: 'oom' });
    h.advance(5_000);
    expect(await h.handler.onRenderProcessGone({ reason: 'oom' })).toBe('quit');
    expect(h.calls).toEqual(['reload', 'reload', 'quit']);
    expect(h.messages.at(-1)).toMatch(/keeps stopping, so SENCo Desk will close/);
  });
});

describe('child processes and the core', () => {
  it('a GPU process gone is logged only (Chromium starts another)', async () => {
    const h = harness();
    expect(await h.handler.onChildProcessGone({ type: 'GPU', reason: 'crashed', exitCode: 1 })).toBe('ignored');
    expect(h.entries[0]).toMatchObject({ level: 'warn', event: 'child.gone', fields: { type: 'GPU', reason: 'crashed' } });
    expect(h.calls).toEqual([]);
  });

  it("the core's utility process gone restarts the core", async () => {
    const h = harness();
    expect(await h.handler.onChildProcessGone({ type: 'Utility', serviceName: CORE_PROCESS_NAME, reason: 'crashed' })).toBe(
      'restarted-core',
    );
    expect(h.calls).toEqual(['restartCore']);
  });

  it('onCoreGone logs, restarts the core and tells the user plainly that saved work is safe', async () => {
    const h = harness();
    expect(await h.handler.onCoreGone('worker exited with code 1')).toBe('restarted-core');
    expect(h.entries.map((e) => [e.level, e.event])).toEqual([
      ['error', 'core.gone'],
      ['info', 'core.restarted'],
    ]);
    expect(h.calls).toEqual(['restartCore']);
    expect(h.messages).toEqual([
      expect.stringMatching(
        /^The part of SENCo Desk that keeps the records stopped unexpectedly and has been restarted\. Everything you had saved is safe\./,
      ),
    ]);
  });

  it('a core that cannot be restarted, or keeps stopping, closes the app', async () => {
    const failing = harness({ restartCore: () => Promise.reject(new Error('database is locked')) });
    expect(await failing.handler.onCoreGone('crashed')).toBe('quit');
    expect(failing.entries.map((e) => e.event)).toEqual(['core.gone', 'core.restartFailed', 'app.ending']);
    expect(failing.calls).toEqual(['quit']);

    const h = harness();
    await h.handler.onCoreGone('a');
    await h.handler.onCoreGone('b');
    expect(await h.handler.onCoreGone('c')).toBe('quit');
    expect(h.calls).toEqual(['restartCore', 'restartCore', 'quit']);
    expect(h.messages.at(-1)).toMatch(/keeps stopping, so SENCo Desk will close/);
  });
});
