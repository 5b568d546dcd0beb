/**
 * useDraft (use-draft.ts) for a react-hook-form form: its values are the draft, its own isDirty says whether there is
 * anything to keep, and a restored draft is put back with reset (the form's defaults kept, so it reads as changed).
 */
import { useWatch, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { useDraft, type DraftState } from './use-draft';

export function useFormDraft<T extends FieldValues>(
  form: Pick<UseFormReturn<T, unknown, FieldValues>, 'control' | 'reset' | 'formState'>,
  { draftKey, pupilId, enabled = true }: { readonly draftKey: string | null; readonly pupilId: string | null; readonly enabled?: boolean },
): DraftState {
  const value = useWatch({ control: form.control }) as T;
  return useDraft<T>({
    draftKey,
    pupilId,
    value,
    dirty: form.formState.isDirty,
    enabled,
    restore: (v) => form.reset(v, { keepDefaultValues: true }),
  });
}
