/**
 * The contract-typed test double (fake-client.ts). The `@ts-expect-error` lines prove a handler must give the
 * operation's output as the contract types it, for an operation the contract has: if the handlers were untyped each
 * directive would be unused and the typecheck in `npm test` would fail.
 */
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/result';
import { fakeClient } from './fake-client';

/** Never called: only typechecked. */
export function wrongHandlersFailTheTypecheck(): unknown[] {
  return [
    // @ts-expect-error drafts.get answers a Draft or null, not a string
    fakeClient({ 'drafts.get': () => 'draft' }),
    // @ts-expect-error a Draft has no `text`, and its `payload` is missing
    fakeClient({ 'drafts.list': async () => [{ key: 'a.b:c', pupilId: null, text: '{}', updatedAt: '2026-03-14T10:00:00Z' }] }),
    // @ts-expect-error a misspelt operation
    fakeClient({ 'draft.get': () => null }),
    // @ts-expect-error the input is typed too: drafts.get's has no `keys`
    fakeClient({ 'drafts.get': (input) => (input.keys ? null : null) }),
  ];
}

describe('fakeClient', () => {
  it("answers as the handler says, given the input as the core's schema parses it", async () => {
    const core = fakeClient({ 'drafts.get': ({ key, pupilId }) => ({ key, pupilId, payload: '{}', updatedAt: '2026-03-14T10:00:00Z' }) });
    expect(await core.invoke('drafts.get', { key: 'ehcp.plan:p1', pupilId: 'p1' })).toEqual({
      ok: true,
      value: { key: 'ehcp.plan:p1', pupilId: 'p1', payload: '{}', updatedAt: '2026-03-14T10:00:00Z' },
    });
    expect(core.inputsOf('drafts.get')).toEqual([{ key: 'ehcp.plan:p1', pupilId: 'p1' }]);
  });

  it('refuses input the core would refuse, and a refusal the handler throws, as results', async () => {
    const core = fakeClient({
      'drafts.get': () => null,
      'drafts.discard': () => {
        throw new AppFailure('forbidden', 'Not your draft.');
      },
    });
    const bad = await core.invoke('drafts.get', { key: 'not a key', pupilId: null });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { key: expect.any(String) } } });
    expect(await core.invoke('drafts.discard', { key: 'ehcp.plan:p1', pupilId: null })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Not your draft.' },
    });
  });

  it('fails loudly for an operation the test gave no handler, naming it', () => {
    const core = fakeClient({});
    expect(() => core.invoke('drafts.list', { keys: ['ehcp.plan:p1'] })).toThrow(/no handler for 'drafts\.list'/);
    expect(() => core.bridge.invoke({ op: 'pupils.list', input: {} })).toThrow(/no handler for 'pupils\.list'/);
  });
});
