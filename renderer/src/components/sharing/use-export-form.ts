/**
 * The state both export dialogs keep: the form, the message beside each field, the summary at the top and whether
 * the request is on its way. A refused form puts its messages beside the fields and focuses the first one named.
 */
import { useState } from 'react';
import type { AppError } from '../../../../shared/result';
import { splitFieldErrors, type FieldErrors } from './sharing-model';

export function useExportForm<Form extends object, Field extends string>(
  initial: Form,
  fieldIds: Readonly<Record<Field, string>>,
  order: readonly Field[],
) {
  const [form, setForm] = useState<Form>(initial);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Changes the form and clears the messages of the fields named in `clear`. */
  const change = (patch: Partial<Form>, clear: readonly Field[]) => {
    setForm((f) => ({ ...f, ...patch }));
    if (clear.some((c) => errors[c])) {
      const left = Object.fromEntries(Object.entries(errors).filter(([k]) => !clear.includes(k as Field))) as FieldErrors<Field>;
      setErrors(left);
      // Every message answered: the summary at the top has nothing left to point to.
      if (Object.keys(left).length === 0) setSummary(null);
    }
  };
  const focusFirst = (errs: FieldErrors<Field>) => {
    const first = order.find((f) => errs[f]);
    if (first) window.setTimeout(() => document.getElementById(fieldIds[first])?.focus(), 0);
  };

  /** The form's own checks: true when there is nothing to put right, else the messages and `message` show. */
  const passes = (errs: FieldErrors<Field>, message: string): boolean => {
    setErrors(errs);
    if (Object.keys(errs).length) {
      setSummary(message);
      focusFirst(errs);
      return false;
    }
    return true;
  };

  /** Sends the request with the dialog busy. */
  const send = async <R>(request: () => Promise<R>): Promise<R> => {
    setSummary(null);
    setBusy(true);
    const result = await request();
    setBusy(false);
    return result;
  };

  /** The core refused: its messages for `known` fields beside them, the rest in the summary. */
  const refused = (error: AppError, known: readonly Field[], checkForm: string) => {
    const split = splitFieldErrors<Field>(error.fields, known);
    setErrors(split.fields);
    setSummary([Object.keys(split.fields).length ? checkForm : error.message, ...split.other].join(' '));
    focusFirst(split.fields);
  };

  // The summary lists each field to put right, in the form's order, linked to it.
  const items = order.filter((f) => errors[f]).map((f) => ({ target: fieldIds[f], message: errors[f] as string }));

  return { form, errors, summary, items, busy, change, passes, send, refused };
}
