/**
 * The renderer's query keys, typed from the contract (issue 19, item 1). A key is the read operation's name followed
 * by what narrows it (usually the operation's input or a record id): `qk('reviews.get', id)`. The name must be a read
 * operation of the contract, so a misspelt or removed operation fails the typecheck instead of leaving a screen that
 * is never refreshed; invalidating `qk('reviews.get')` refreshes every key that starts with it (TanStack Query
 * matches keys by prefix).
 *
 * Keys of things that are not contract operations (the desktop bridge's own state) use `localKey`, whose names are
 * listed here so they are typed too.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { ReadOpName } from '../../../shared/contract';

/** The contract's read operations: the only things a query key may name. */
export type ReadOp = ReadOpName;

export type QueryKeyOf<K extends ReadOp = ReadOp> = readonly [K, ...unknown[]];

/** The query key of a read operation, and what narrows it. */
export function qk<K extends ReadOp>(op: K, ...parts: readonly unknown[]): QueryKeyOf<K> {
  return [op, ...parts];
}

/** State the renderer keeps in the query cache that no contract operation reads. */
export type LocalKeyName = 'desktop.connection';

export function localKey(name: LocalKeyName, ...parts: readonly unknown[]): readonly [LocalKeyName, ...unknown[]] {
  return [name, ...parts];
}

/** Refreshes every query under each key given (each may be a whole operation, `qk('clocks.list')`). */
export async function invalidate(client: QueryClient, ...keys: readonly QueryKeyOf[]): Promise<void> {
  await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
}
