/**
 * One look-up for the drafts of many forms on one page (issue 17, item 3). The sessions page shows a card per session,
 * each with its own record form and draft; asked one by one that is a drafts.get (an audited read) per card. Under a
 * DraftShelf the forms named by `keys` ask the shelf instead, and the shelf asks once (drafts.list) for all of them.
 *
 * Each form takes its answer once: a form opened again later (remounted after its draft was saved or discarded) asks
 * drafts.get as usual, so it never gets a stale answer. A list that fails falls back to drafts.get for that form.
 * The core returns only the caller's own drafts, and none about a pupil outside their scope.
 */
import { createContext } from 'react';
import type { Draft } from '../../../shared/contract';
import type { Result } from '../../../shared/result';

export interface DraftShelf {
  /** The user's draft of this form, if the shelf holds its key and it has not been taken yet; otherwise null. */
  take(key: string, pupilId: string | null): Promise<Result<Draft | null>> | null;
}

export const DraftShelfContext = createContext<DraftShelf | null>(null);

/**
 * A shelf for the forms `keys`. `list` is asked at most once, when the first form takes its draft; `get` is one form's
 * own look-up, used when the list fails.
 */
export function makeDraftShelf(
  keys: readonly string[],
  list: (keys: readonly string[]) => Promise<Result<readonly Draft[]>>,
  get: (key: string, pupilId: string | null) => Promise<Result<Draft | null>>,
): DraftShelf {
  const waiting = new Set(keys);
  let all: Promise<Result<readonly Draft[]>> | null = null;
  return {
    take(key, pupilId) {
      if (!waiting.has(key)) return null;
      waiting.delete(key);
      all ??= list(keys);
      return all.then((r) => {
        if (!r.ok) return get(key, pupilId);
        // A draft saved about another pupil (or none) is not this form's, as with drafts.get.
        return { ok: true, value: r.value.find((d) => d.key === key && d.pupilId === pupilId) ?? null };
      });
    },
  };
}
