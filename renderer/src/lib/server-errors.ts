import type { AppError } from '../../../shared/result';
import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';

/**
 * Splits a refused result into messages for fields the form shows and the rest (shown in the summary), so a
 * server-side message such as a duplicate UPN lands beside its field.
 */
export function splitServerErrors(
  error: AppError,
  isFormField: (path: string) => boolean,
): { readonly fields: ReadonlyArray<readonly [string, string]>; readonly other: readonly string[] } {
  const fields: Array<readonly [string, string]> = [];
  const other: string[] = [];
  for (const [path, message] of Object.entries(error.fields ?? {})) {
    if (path !== '_' && isFormField(path)) fields.push([path, message]);
    else other.push(path === '_' ? message : `${path}: ${message}`);
  }
  return { fields, other };
}

/** True when `path` (like `contacts.0.email`) names a field of an object shaped like `values`. */
export function hasPath(values: unknown, path: string): boolean {
  let cur: unknown = values;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return false;
    if (!Object.prototype.hasOwnProperty.call(cur, part)) return false;
    cur = (cur as Record<string, unknown>)[part];
  }
  return true;
}

/**
 * Puts a refused save's field messages beside their react-hook-form fields and returns the summary for the top of
 * the form: `invalidMessage` when some field has a message, otherwise the error's own message, then the rest.
 */
export function applyServerErrors<T extends FieldValues>(
  error: AppError,
  values: unknown,
  setError: UseFormSetError<T>,
  invalidMessage: string,
): string {
  const { fields, other } = splitServerErrors(error, (p) => hasPath(values, p));
  for (const [p, m] of fields) setError(p as FieldPath<T>, { type: 'server', message: m });
  return [fields.length ? invalidMessage : error.message, ...other].join(' ');
}
