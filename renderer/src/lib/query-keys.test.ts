/**
 * Query keys typed from the contract (issue 19, item 1). The `@ts-expect-error` lines are the proof that a misspelt,
 * removed or write operation cannot be a key: if qk accepted any string, each directive would be unused and the
 * typecheck in `npm test` would fail. The tests below show keys match by prefix, so invalidating an operation
 * refreshes every screen that read it.
 */
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { invalidate, localKey, qk } from './query-keys';

/** Never called: only typechecked. */
export function wrongKeysFailTheTypecheck(): unknown[] {
  return [
    // @ts-expect-error a misspelt operation
    qk('polices.list'),
    // @ts-expect-error a write operation changes records; nothing reads it into the cache
    qk('policies.save'),
    // @ts-expect-error state outside the contract is named in LocalKeyName
    localKey('desktop.conection'),
  ];
}

describe('qk', () => {
  it('is the operation followed by what narrows it', () => {
    expect(qk('reviews.get', 'r1')).toEqual(['reviews.get', 'r1']);
    expect(qk('clocks.list', { pupilId: 'p1' })).toEqual(['clocks.list', { pupilId: 'p1' }]);
  });

  it('invalidating an operation refreshes every query under it, and no other', async () => {
    const client = new QueryClient();
    client.setQueryData(qk('reviews.get', 'r1'), { id: 'r1' });
    client.setQueryData(qk('reviews.get', 'r2'), { id: 'r2' });
    client.setQueryData(qk('reviews.list'), []);
    await invalidate(client, qk('reviews.get'));
    expect(client.getQueryState(qk('reviews.get', 'r1'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(qk('reviews.get', 'r2'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(qk('reviews.list'))?.isInvalidated).toBe(false);
  });
});
