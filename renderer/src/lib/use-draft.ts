/**
 * Work is never lost (issue 17, item 3): a form or dialog that takes typing keeps a draft of it in the store
 * (drafts.save: the encrypted database on a desk, the school server's otherwise), never in the browser's storage.
 *
 * `useDraft` is the one hook every such form uses:
 *   - on opening, the user's own draft of this form (drafts.get) is given to `restore`, and `restoredAt` says when it
 *     was saved, for the note above the form ("Restored your unsaved draft from 14:32 — Discard draft");
 *   - while the form has changes, the draft is saved SAVE_AFTER_MS after typing stops, when a field loses focus,
 *     before the page is left or the dialog closed, before the screen locks and when the window closes, and only
 *     when the values differ from the last ones saved (each save is an audit event: electron/core/services/drafts.ts);
 *   - `saved()` once the record itself is saved, and `discard()` when the user discards it, remove the draft.
 *
 * A draft that is found only after the user has started typing is not put into the form: their typing wins, and replaces
 * the older draft on the next save (`loadDraft`). A page with many forms at once (the sessions page's cards) can look
 * all their drafts up in one call (drafts.list) by putting them under a DraftShelf (lib/draft-shelf.ts).
 *
 * Every form with a draft is in one registry, so the leave guard (route changes: components/leave-guard.tsx), the
 * window's close and the screen lock (auth/auth.tsx) can ask whether anything is unsaved and save every draft first.
 */
import { useCallback, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Draft } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { invoke } from '../api/client';
import { DraftShelfContext } from './draft-shelf';

/** How long after the last change a draft is saved. */
export const SAVE_AFTER_MS = 2000;

interface Entry {
  /** Whether the form has changes that are neither saved as the record nor discarded. */
  unsaved(): boolean;
  /** Saves the draft now if it changed since the last save. */
  flush(): Promise<void>;
  /** Discards the draft (the user chose to throw the changes away). */
  discard(): Promise<void>;
}

const registry = new Set<Entry>();

/** Whether any open form has changes not saved as a record (the leave guard, the window's close). */
export function hasUnsavedChanges(): boolean {
  return [...registry].some((e) => e.unsaved());
}

/** Saves every open form's draft now (before the screen locks, the page is left or the window closes). */
export async function flushAllDrafts(): Promise<void> {
  await Promise.all([...registry].map((e) => e.flush().catch(() => undefined)));
}

/** Discards the drafts of every open form with unsaved changes (leaving the page and discarding them). */
export async function discardUnsavedDrafts(): Promise<void> {
  await Promise.all([...registry].filter((e) => e.unsaved()).map((e) => e.discard().catch(() => undefined)));
}

export interface DraftOptions<T> {
  /** The form and record (shared/contract/drafts.ts DRAFT_KEY), e.g. `ehcp.plan:<planId>`; null: no draft kept. */
  readonly draftKey: string | null;
  /** The pupil the form is about: the draft is read back only while the user may still see them. */
  readonly pupilId: string | null;
  /** The form's current values (kept as JSON). */
  readonly value: T;
  /** Whether the values differ from the record as it was opened. */
  readonly dirty: boolean;
  /** False: no draft is read or kept (a read-only view, a role that cannot save the record). */
  readonly enabled?: boolean;
  /** Puts a restored draft's values into the form. */
  readonly restore: (value: T) => void;
}

export interface DraftState {
  /** When the draft shown was saved (ISO), while its note is shown; null otherwise. */
  readonly restoredAt: string | null;
  /** Whether the user's draft has been looked for (the form may show its own values until then). */
  readonly ready: boolean;
  /** Why the last save failed, if it did (the form still works; the draft is tried again on the next change). */
  readonly error: string | null;
  /** Whether the form has changes not saved as the record. */
  readonly unsaved: () => boolean;
  readonly flush: () => Promise<void>;
  /** The user discards the draft: it is removed from the store and the form may go back to the record. */
  readonly discard: () => Promise<void>;
  /** The record was saved: the draft is removed. */
  readonly saved: () => Promise<void>;
  /** Hides the restored note, keeping the draft. */
  readonly dismiss: () => void;
}

/** For a form without a draft: nothing unsaved, nothing to do. */
export const NO_DRAFT: DraftState = {
  restoredAt: null,
  ready: true,
  error: null,
  unsaved: () => false,
  flush: () => Promise.resolve(),
  discard: () => Promise.resolve(),
  saved: () => Promise.resolve(),
  dismiss: () => undefined,
};

/** What a form's draft keeps between renders (the latest values, what the store holds, what the record was saved with). */
export interface Kept {
  json: string;
  dirty: boolean;
  on: boolean;
  ready: boolean;
  draftKey: string | null;
  pupilId: string | null;
  /** The payload the store holds for this form, as far as this form knows (nothing to save while unchanged). */
  lastSaved: string | null;
  /** Whether the store holds a draft of this form (so discarding must remove it). */
  stored: boolean;
  /** The values the record was saved (or the draft discarded) with: not unsaved while they are unchanged. */
  settled: string | null;
}

/**
 * Looks for the user's draft of a form (`find`: drafts.get, or the page's one drafts.list) and puts it into the form
 * with `restore`, but only into a form the user has not started changing by the time it arrives: a draft that comes
 * back after the first keystroke is not allowed to overwrite what they typed. Either way the form knows the store
 * holds a draft, so what they type next replaces it (saved over it) and discarding removes it.
 * Resolves to when the restored draft was saved (for the note above the form), or null when nothing was restored.
 */
export async function loadDraft<T>(find: Promise<Result<Draft | null>>, kept: Kept, restore: (value: T) => void): Promise<string | null> {
  const r = await find;
  if (!r.ok || !r.value) return null;
  let restored: T | undefined;
  try {
    restored = JSON.parse(r.value.payload) as T;
  } catch {
    restored = undefined;
  }
  if (restored === undefined) return null;
  kept.stored = true;
  // Read now, when the draft has arrived, not when it was asked for: the user may have typed in between.
  if (kept.dirty) return null;
  kept.lastSaved = r.value.payload;
  restore(restored);
  return r.value.updatedAt;
}

export function useDraft<T>({ draftKey, pupilId, value, dirty, enabled = true, restore }: DraftOptions<T>): DraftState {
  const on = enabled && draftKey !== null;
  const json = JSON.stringify(value ?? null);
  // Which form (key and pupil) the user's draft has been looked for: until then nothing is saved over it.
  const id = `${draftKey ?? ''}|${pupilId ?? ''}`;
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  const ready = !on || loadedFor === id;
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // What is kept between renders: the latest values, what the store holds, and what the record was saved with.
  const state = useRef<Kept>({ json, dirty, on, ready, draftKey, pupilId, lastSaved: null, stored: false, settled: null });
  // The page's one look-up of its forms' drafts, if it has one (read when the form opens, not a reason to look again).
  const shelf = useRef(useContext(DraftShelfContext));
  const restoreRef = useRef(restore);
  useLayoutEffect(() => {
    Object.assign(state.current, { json, dirty, on, ready, draftKey, pupilId });
    restoreRef.current = restore;
  });
  // One save at a time, in order.
  const chain = useRef<Promise<void>>(Promise.resolve());

  const unsaved = useCallback(() => {
    const s = state.current;
    return s.on && s.dirty && s.json !== s.settled;
  }, []);

  const flush = useCallback(() => {
    const run = async () => {
      const s = state.current;
      if (!s.on || !s.ready || !s.draftKey || !unsaved() || s.json === s.lastSaved) return;
      const payload = s.json;
      const r = await invoke('drafts.save', { key: s.draftKey, pupilId: s.pupilId, payload });
      if (r.ok) {
        s.lastSaved = payload;
        s.stored = true;
        setError(null);
      } else {
        setError(r.error.message);
      }
    };
    chain.current = chain.current.then(run, run);
    return chain.current;
  }, [unsaved]);

  const remove = useCallback(async () => {
    const s = state.current;
    s.settled = s.json;
    s.lastSaved = null;
    setRestoredAt(null);
    if (!s.stored || !s.draftKey) return;
    s.stored = false;
    const key = s.draftKey;
    const pupil = s.pupilId;
    const run = async () => {
      await invoke('drafts.discard', { key, pupilId: pupil });
    };
    chain.current = chain.current.then(run, run);
    await chain.current;
  }, []);

  // Looks for the user's draft of this form when it opens.
  useEffect(() => {
    if (!on || !draftKey) return;
    let live = true;
    const find = shelf.current?.take(draftKey, pupilId) ?? invoke('drafts.get', { key: draftKey, pupilId });
    // Whatever arrives for a form that has since closed (or moved to another record) is not put into it.
    void loadDraft<T>(
      find.then((r) => (live ? r : { ok: true as const, value: null })),
      state.current,
      (v) => restoreRef.current(v),
    ).then((at) => {
      if (!live) return;
      if (at) setRestoredAt(at);
      state.current.ready = true;
      setLoadedFor(`${draftKey}|${pupilId ?? ''}`);
    });
    return () => {
      live = false;
    };
  }, [on, draftKey, pupilId]);

  // Saved a moment after typing stops.
  useEffect(() => {
    if (!ready || !on || !dirty) return;
    const timer = window.setTimeout(() => void flush(), SAVE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [json, dirty, ready, on, flush]);

  // In the registry while open; saved when the form goes (a route change, a dialog closed).
  useEffect(() => {
    const entry: Entry = { unsaved, flush, discard: remove };
    registry.add(entry);
    // When a field loses focus, what was typed is kept at once.
    const onBlur = () => void flush();
    window.addEventListener('focusout', onBlur);
    return () => {
      registry.delete(entry);
      window.removeEventListener('focusout', onBlur);
      void flush();
    };
  }, [unsaved, flush, remove]);

  return {
    restoredAt,
    ready,
    error,
    unsaved,
    flush,
    discard: remove,
    saved: remove,
    dismiss: useCallback(() => setRestoredAt(null), []),
  };
}
