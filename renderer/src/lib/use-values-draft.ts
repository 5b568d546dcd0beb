/**
 * useDraft (use-draft.ts) for a form kept in React state (`useState` of its values) rather than react-hook-form: the
 * values are the draft, they are unsaved while they differ from the values the form opened with, and a restored draft
 * is put back with the form's own setter (over the opening values, so a field added since is not lost).
 */
import { useState } from 'react';
import { useDraft, type DraftState } from './use-draft';

export function useValuesDraft<T extends object>(
  values: T,
  setValues: (values: T) => void,
  { draftKey, pupilId, enabled = true }: { readonly draftKey: string | null; readonly pupilId: string | null; readonly enabled?: boolean },
): DraftState & { readonly opened: T } {
  // What the form opened with: the values it goes back to when its draft is discarded.
  const [opened] = useState(values);
  const [openedJson] = useState(() => JSON.stringify(values));
  const draft = useDraft<T>({
    draftKey,
    pupilId,
    value: values,
    dirty: JSON.stringify(values) !== openedJson,
    enabled,
    restore: (v) => setValues({ ...opened, ...v }),
  });
  return { ...draft, opened };
}
