/**
 * The renderer's long calls (client.ts invokeLong): in the browser edition the operation id rides in the
 * x-senco-operation header, progress comes from polls of /api/progress, and cancel posts /api/cancel; in Electron
 * the preload's invokeLong, onProgress (only this operation's reports) and cancel are used.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Win = Record<string, unknown>;
const g = globalThis as unknown as { window?: Win; fetch?: unknown };

function fakeWindow(extra: Win = {}): Win {
  const store = new Map<string, string>();
  return {
    location: { search: '?token=page-token', pathname: '/', hash: '' },
    history: { state: null, replaceState: () => undefined },
    sessionStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    },
    ...extra,
  };
}

beforeEach(() => {
  vi.resetModules();
});
afterEach(() => {
  delete g.window;
  delete g.fetch;
  vi.useRealTimers();
});

describe('invokeLong', () => {
  it('browser edition: names the operation in a header, polls its progress, and cancels it through /api/cancel', async () => {
    g.window = fakeWindow();
    const calls: { path: string; headers: Record<string, string>; body: unknown }[] = [];
    let finish: ((v: unknown) => void) | null = null;
    let polls = 0;
    g.fetch = vi.fn(async (path: string, init: { headers: Record<string, string>; body: string }) => {
      const body = JSON.parse(init.body) as unknown;
      calls.push({ path, headers: init.headers, body });
      const json = (v: unknown) => ({ json: async () => v });
      if (path === './api/invoke') return new Promise((r) => (finish = (v) => r(json(v))));
      if (path === './api/progress') return json({ ok: true, value: { done: ++polls, total: 3, label: 'building' } });
      return json({ ok: true, value: { cancelled: true } });
    });
    const { invokeLong } = await import('./client');
    const seen: unknown[] = [];
    const call = invokeLong('reviews.pack', { reviewId: 'r1' }, (p) => seen.push(p));
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(2), { timeout: 3000 });
    await call.cancel();
    finish!({ ok: false, error: { code: 'cancelled', message: 'Cancelled: nothing was saved.' } });
    expect(await call.result).toEqual({ ok: false, error: { code: 'cancelled', message: 'Cancelled: nothing was saved.' } });
    const invoke = calls.find((c) => c.path === './api/invoke')!;
    const operation = invoke.headers['x-senco-operation']!;
    expect(operation).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(invoke.headers.authorization).toBe('Bearer page-token');
    expect(invoke.body).toMatchObject({ op: 'reviews.pack', input: { reviewId: 'r1' } });
    expect(calls.filter((c) => c.path === './api/progress').every((c) => (c.body as { operation: string }).operation === operation)).toBe(
      true,
    );
    expect(calls.filter((c) => c.path === './api/cancel').map((c) => c.body)).toEqual([{ operation }]);
    expect(seen.slice(0, 2)).toEqual([
      { done: 1, total: 3, label: 'building' },
      { done: 2, total: 3, label: 'building' },
    ]);
    // No polls once the answer is in.
    const after = calls.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(calls.length).toBe(after);
  });

  it("Electron: uses the preload, passes on only this operation's progress, and stops listening when done", async () => {
    let listener: ((p: unknown) => void) | null = null;
    const sent: unknown[][] = [];
    g.window = fakeWindow({
      sencoDesk: {
        invoke: async () => ({ ok: true, value: 'plain' }),
        invokeLong: async (envelope: unknown, operation: string) => {
          sent.push([envelope, operation]);
          listener!({ operation: 'someone-else', done: 9, total: 9, label: 'x' });
          listener!({ operation, done: 1, total: 2, label: 'gathering' });
          return { ok: true, value: 'long' };
        },
        cancel: async (operation: string) => (sent.push(['cancel', operation]), true),
        onProgress: (l: (p: unknown) => void) => {
          listener = l;
          return () => (listener = null);
        },
      },
    });
    const { invokeLong } = await import('./client');
    const seen: unknown[] = [];
    const call = invokeLong('reviews.pack', { reviewId: 'r1' }, (p) => seen.push(p));
    expect(await call.result).toEqual({ ok: true, value: 'long' });
    expect(seen).toEqual([{ done: 1, total: 2, label: 'gathering' }]);
    expect(listener).toBeNull();
    await call.cancel();
    expect(sent[1]).toEqual(['cancel', sent[0]![1]]);
  });
});
