/** Puts the forms of a page under one drafts.list (lib/draft-shelf.ts): one audited look-up instead of one per form. */
import { useMemo, type ReactNode } from 'react';
import type { Draft } from '../../../shared/contract';
import { DRAFT_LIST_MAX } from '../../../shared/contract/drafts';
import type { Result } from '../../../shared/result';
import { invoke } from '../api/client';
import { DraftShelfContext, makeDraftShelf } from '../lib/draft-shelf';

/** All the keys, asked in as few calls as the contract allows (DRAFT_LIST_MAX each). */
async function listAll(keys: readonly string[]): Promise<Result<readonly Draft[]>> {
  const parts: string[][] = [];
  for (let i = 0; i < keys.length; i += DRAFT_LIST_MAX) parts.push(keys.slice(i, i + DRAFT_LIST_MAX));
  const answers = await Promise.all(parts.map((part) => invoke('drafts.list', { keys: part })));
  const failed = answers.find((a) => !a.ok);
  if (failed && !failed.ok) return failed;
  return { ok: true, value: answers.flatMap((a) => (a.ok ? a.value : [])) };
}

export function DraftShelfProvider({ keys, children }: { readonly keys: readonly string[]; readonly children: ReactNode }) {
  const joined = keys.join('\n');
  const shelf = useMemo(
    () => makeDraftShelf(joined === '' ? [] : joined.split('\n'), listAll, (key, pupilId) => invoke('drafts.get', { key, pupilId })),
    [joined],
  );
  return <DraftShelfContext.Provider value={shelf}>{children}</DraftShelfContext.Provider>;
}
