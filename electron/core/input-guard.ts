/**
 * The dispatcher's first look at any input, before the contract's schema: every string in it (values and field
 * names, at any depth) must be text the database stores exactly (shared/storable.ts), and it must not be nested
 * deeper than any form. A refusal names the field, in the same shape as the schema's own errors, and nothing is
 * written or audited: the audit trail never sees a string it could not hash as stored.
 */
import { t } from '../../shared/i18n';
import type { AppError } from '../../shared/result';
import { MAX_INPUT_DEPTH, findUnstorable, unstorableChar, type UnstorableInput } from '../../shared/storable';

function messageFor(p: UnstorableInput): string {
  if (p.kind === 'too_deep') return t('integrity.tooDeep', { max: MAX_INPUT_DEPTH });
  const codePoint = p.char?.codePoint ?? '';
  if (p.kind === 'ill_formed') return t(p.inKey ? 'integrity.illFormedKey' : 'integrity.illFormed', { codePoint });
  return t(p.inKey ? 'integrity.controlKey' : 'integrity.control', { codePoint });
}

/** The refusal for input holding a string that could not be stored exactly; null when every string is storable. */
export function checkStorableInput(input: unknown): AppError | null {
  const problem = findUnstorable(input);
  if (!problem) return null;
  const path = problem.path.map(String).join('.');
  const message = messageFor(problem);
  const key = path || '_';
  return {
    code: 'invalid_input',
    message: path ? `${t('errors.invalidInput')} ${path}: ${message}` : t('errors.invalidInputSummary', { detail: message }),
    fields: { [key]: message },
  };
}

/** The refusal for an operation name that is not well-formed text (it is never audited, but is echoed in errors). */
export function checkOperationName(op: string): AppError | null {
  const char = unstorableChar(op);
  if (!char) return null;
  const message = t('integrity.badOperation', { codePoint: char.codePoint });
  return { code: 'invalid_input', message, fields: { op: message } };
}
