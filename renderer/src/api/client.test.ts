/**
 * The renderer's long calls (client.ts invokeLong): in the browser edition the operation id rides in the
 * x-senco-operation header, progress comes from polls of /api/progress, and cancel posts /api/cancel; in Electron
 * the preload's invokeLong, onProgress (only this operation's reports) and cancel are used.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeHandlers } from './fake-client';

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

/**
 * What a write changes is refreshed by the client itself (shared/contract/changes.ts; issue 19, item 1): after the
 * write succeeds and before its answer reaches the screen, never after a refusal.
 */
describe('after a write', () => {
  const policy = {
    id: 'pol1',
    title: 'SEND policy',
    holder: 'SENCo',
    approvedBy: 'Governors',
    approvedDate: '2026-03-14',
    nextReviewDate: '2027-03-14',
    state: 'ok' as const,
  };
  const saveInput = {
    id: null,
    title: 'SEND policy',
    holder: 'SENCo',
    approvedBy: 'Governors',
    approvedDate: '2026-03-14',
    nextReviewDate: '2027-03-14',
  };

  async function load(handlers: FakeHandlers) {
    const { fakeClient } = await import('./fake-client');
    const core = fakeClient(handlers);
    g.window = fakeWindow({ sencoDesk: core.bridge });
    const { invoke, call } = await import('./client');
    const { queryClient } = await import('./query-client');
    const { qk } = await import('../lib/query-keys');
    queryClient.clear();
    const seed = () => {
      queryClient.setQueryData(qk('policies.list'), [policy]);
      queryClient.setQueryData(qk('feedback.list', { kind: 'complaint' }), []);
    };
    const invalidated = () => ({
      policies: queryClient.getQueryState(qk('policies.list'))?.isInvalidated,
      feedback: queryClient.getQueryState(qk('feedback.list', { kind: 'complaint' }))?.isInvalidated,
    });
    return { core, invoke, call, queryClient, qk, seed, invalidated };
  }

  it('refreshes the reads the write changes, and no others, once it has succeeded', async () => {
    const { invoke, seed, invalidated } = await load({ 'policies.save': () => policy });
    seed();
    expect(invalidated()).toEqual({ policies: false, feedback: false });
    expect(await invoke('policies.save', saveInput)).toEqual({ ok: true, value: policy });
    expect(invalidated()).toEqual({ policies: true, feedback: false });
  });

  it('fetches a read on show again before the answer reaches the screen', async () => {
    let lists = 0;
    const { invoke, call, queryClient, qk } = await load({
      'policies.list': () => (lists++ === 0 ? [] : [policy]),
      'policies.save': () => policy,
    });
    const { QueryObserver } = await import('@tanstack/react-query');
    const shown = new QueryObserver(queryClient, { queryKey: qk('policies.list'), queryFn: () => call('policies.list', {}) });
    const stop = shown.subscribe(() => undefined);
    await vi.waitFor(() => expect(shown.getCurrentResult().data).toEqual([]));
    await invoke('policies.save', saveInput);
    // No waiting here: the list on show already holds the saved policy when the write's answer arrives.
    expect(shown.getCurrentResult().data).toEqual([policy]);
    stop();
  });

  it('refreshes nothing after a refusal, a dry run, or a read', async () => {
    const { AppFailure } = await import('../../../shared/result');
    const { invoke, seed, invalidated, queryClient, qk } = await load({
      'policies.save': () => {
        throw new AppFailure('conflict', 'Someone else changed this policy: open it again.');
      },
      'calendar.import': () => ({ years: ['2026-27'], terms: 6, days: 3, rejected: [] }),
      'feedback.list': () => [],
    });
    seed();
    queryClient.setQueryData(qk('terms.list', '2026-27'), []);
    const termsInvalidated = () => queryClient.getQueryState(qk('terms.list', '2026-27'))?.isInvalidated;
    const refused = await invoke('policies.save', saveInput);
    expect(refused).toEqual({ ok: false, error: { code: 'conflict', message: 'Someone else changed this policy: open it again.' } });
    // Input the core would refuse never reaches the handler, and refreshes nothing either.
    expect((await invoke('policies.save', { ...saveInput, title: '' })).ok).toBe(false);
    expect((await invoke('calendar.import', { csv: 'date,kind', dryRun: true })).ok).toBe(true);
    expect((await invoke('feedback.list', {})).ok).toBe(true);
    expect(invalidated()).toEqual({ policies: false, feedback: false });
    expect(termsInvalidated()).toBe(false);
    // The same import, done: the terms it replaced are fetched again.
    expect((await invoke('calendar.import', { csv: 'date,kind' })).ok).toBe(true);
    expect(termsInvalidated()).toBe(true);
  });
});
