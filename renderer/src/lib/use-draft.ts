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
 * Every form with a draft is in one registry, so the leave guard (route changes: components/leave-guard.tsx), the
 * window's close and the screen lock (auth/auth.tsx) can ask whether anything is unsaved and save every draft first.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { invoke } from '../api/client';

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
  const state = useRef({ json, dirty, on, ready, draftKey, pupilId, lastSaved: null as string | null, stored: false, settled: null as string | null });
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
    void invoke('drafts.get', { key: draftKey, pupilId }).then((r) => {
      if (!live) return;
      if (r.ok && r.value) {
        let restored: T | undefined;
        try {
          restored = JSON.parse(r.value.payload) as T;
        } catch {
          restored = undefined;
        }
        if (restored !== undefined) {
          state.current.stored = true;
          state.current.lastSaved = r.value.payload;
          restoreRef.current(restored);
          setRestoredAt(r.value.updatedAt);
        }
      }
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
