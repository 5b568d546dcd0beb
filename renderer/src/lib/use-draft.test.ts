/**
 * Drafts in the renderer (issue 17, item 3): a draft that is found only after the user has started typing must not
 * overwrite what they typed (loadDraft reads whether the form has changed when the draft ARRIVES, not when it was
 * asked for), and a page of forms looks its drafts up in one drafts.list (makeDraftShelf), each form taking its
 * answer once.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Draft } from '../../../shared/contract';
import { AppFailure, type Result } from '../../../shared/result';
import { fakeClient, type FakeClient } from '../api/fake-client';
import { makeDraftShelf } from './draft-shelf';
import { loadDraft, type Kept } from './use-draft';

const kept = (over: Partial<Kept> = {}): Kept => ({
  json: '{"views":""}',
  dirty: false,
  on: true,
  ready: false,
  draftKey: 'ehcp.plan:p1',
  pupilId: 'p1',
  lastSaved: null,
  stored: false,
  settled: null,
  ...over,
});
const draft = (over: Partial<Draft> = {}): Draft => ({
  key: 'ehcp.plan:p1',
  pupilId: 'p1',
  payload: '{"views":"Typed yesterday."}',
  updatedAt: '2026-11-23T10:30:00.000Z',
  ...over,
});

/** A look-up whose answer the test gives later (the store is slow; the user types meanwhile). */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('restoring a draft', () => {
  it('puts the draft into a form the user has not touched, and says when it was saved', async () => {
    const k = kept();
    const restore = vi.fn();
    const at = await loadDraft(Promise.resolve({ ok: true, value: draft() } as const), k, restore);
    expect(restore).toHaveBeenCalledWith({ views: 'Typed yesterday.' });
    expect(at).toBe('2026-11-23T10:30:00.000Z');
    expect(k).toMatchObject({ stored: true, lastSaved: '{"views":"Typed yesterday."}' });
  });

  it('never overwrites typing that started while the draft was on its way', async () => {
    const k = kept();
    const restore = vi.fn();
    const slow = deferred<Result<Draft | null>>();
    const loading = loadDraft(slow.promise, k, restore);
    // The user types before the store answers: the form is now changed.
    k.json = '{"views":"Typed just now."}';
    k.dirty = true;
    slow.resolve({ ok: true, value: draft() });
    expect(await loading).toBeNull();
    expect(restore).not.toHaveBeenCalled();
    // The store's draft is known to be there, and not what the form holds: the next save replaces it with the typing,
    // and discarding removes it.
    expect(k).toMatchObject({ stored: true, lastSaved: null });
  });

  it('finds nothing to restore when there is no draft, the look-up failed, or the payload is not JSON', async () => {
    for (const answer of [
      { ok: true, value: null },
      { ok: false, error: { code: 'forbidden', message: 'Not yours.' } },
      { ok: true, value: draft({ payload: '{"unfinished' }) },
    ] as const) {
      const k = kept();
      const restore = vi.fn();
      expect(await loadDraft(Promise.resolve(answer as Result<Draft | null>), k, restore)).toBeNull();
      expect(restore).not.toHaveBeenCalled();
      expect(k.stored).toBe(false);
    }
  });
});

describe('a page’s drafts in one look-up', () => {
  /** The page's shelf over a fake core (api/fake-client.ts), as components/draft-shelf.tsx makes it over the real one. */
  const shelfOver = (core: FakeClient, keys: readonly string[]) =>
    makeDraftShelf(
      keys,
      (ks) => core.invoke('drafts.list', { keys: [...ks] }),
      (key, pupilId) => core.invoke('drafts.get', { key, pupilId }),
    );

  it('asks drafts.list once for every form on the page, each form taking its own draft once', async () => {
    const core = fakeClient({
      'drafts.list': () => [
        draft({ key: 'sessions.record:a', pupilId: 'p1' }),
        draft({ key: 'sessions.record:b', pupilId: null, payload: '{"b":1}' }),
      ],
    });
    const shelf = shelfOver(core, ['sessions.record:a', 'sessions.record:b', 'sessions.record:c']);
    const [a, b, c] = await Promise.all([
      shelf.take('sessions.record:a', 'p1'),
      shelf.take('sessions.record:b', null),
      shelf.take('sessions.record:c', null),
    ]);
    expect(core.inputsOf('drafts.list')).toEqual([{ keys: ['sessions.record:a', 'sessions.record:b', 'sessions.record:c'] }]);
    expect(a).toEqual({ ok: true, value: expect.objectContaining({ key: 'sessions.record:a' }) });
    expect(b).toEqual({ ok: true, value: expect.objectContaining({ payload: '{"b":1}' }) });
    expect(c).toEqual({ ok: true, value: null });
    // Opened again (after its draft was saved or discarded), a form asks for itself: never a stale answer.
    expect(shelf.take('sessions.record:a', 'p1')).toBeNull();
    // A form the shelf was not made for asks for itself.
    expect(shelf.take('ehcp.plan:x', 'p1')).toBeNull();
    // drafts.get was never asked: the fake has no handler for it, and would have thrown.
    expect(core.calls.map((call) => call.op)).toEqual(['drafts.list']);
  });

  it('gives a form no draft saved about another pupil, and falls back to drafts.get when the list fails', async () => {
    const other = shelfOver(fakeClient({ 'drafts.list': () => [draft({ key: 'sessions.record:a', pupilId: 'p2' })] }), [
      'sessions.record:a',
    ]);
    expect(await other.take('sessions.record:a', 'p1')).toEqual({ ok: true, value: null });
    const failing = fakeClient({
      'drafts.list': () => {
        throw new AppFailure('internal', 'Network.');
      },
      'drafts.get': () => draft({ key: 'sessions.record:a' }),
    });
    expect(await shelfOver(failing, ['sessions.record:a']).take('sessions.record:a', 'p1')).toEqual({
      ok: true,
      value: expect.objectContaining({ key: 'sessions.record:a' }),
    });
    expect(failing.inputsOf('drafts.get')).toEqual([{ key: 'sessions.record:a', pupilId: 'p1' }]);
  });
});
