/**
 * Building blocks for contract schemas, and the one place zod's issues become plain en-GB messages.
 * Every string has a maximum length, every list a maximum size, and every object refuses unknown keys,
 * because input from the renderer, the test host and CSV files is untrusted.
 */
import { z } from 'zod';
import { isIsoDate, isLocalDateTime, isTime, todayIso } from './dates';
import { t } from './i18n';
import { checkUpn, normaliseUpn } from './upn';
import type { AppError } from './result';

function message(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return t('validation.required');
      switch (issue.expected) {
        case 'string':
          return t('validation.expectedText');
        case 'number':
        case 'int':
          return t('validation.expectedNumber');
        case 'array':
          return t('validation.expectedList');
        case 'boolean':
          return t('validation.expectedYesNo');
        case 'object':
          return t('validation.expectedObject');
        default:
          return t('validation.invalid');
      }
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('validation.tooLong', { max });
      if (issue.origin === 'array') return t('validation.tooMany', { max });
      return t('validation.tooBig', { max });
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? t('validation.required') : t('validation.tooShort', { min });
      if (issue.origin === 'array') return t('validation.tooFew', { min });
      return t('validation.tooSmall', { min });
    }
    case 'unrecognized_keys':
      return t('validation.unknownField', { key: issue.keys.join('", "') });
    case 'invalid_value':
      return t('validation.expectedChoice');
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      return t('validation.invalid');
    default:
      return t('validation.invalid');
  }
}

z.config({ customError: (issue) => message(issue) });

/** Required single-line text, trimmed, 1..max characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);
/** Optional text: an empty string is stored as null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const isoDate = z
  .string()
  .max(10)
  .refine(isIsoDate, { error: () => t('validation.date') });
/**
 * Whether `date` falls before `earliest`, both real ISO dates. False while either is empty or not (yet) a real date:
 * that field has its own message ("Enter a real date"), and comparing text such as 'invalid' (what a half-typed
 * date field holds) would say "This date must be on or after invalid".
 */
export function dateIsBefore(date: string | null | undefined, earliest: string | null | undefined): boolean {
  return !!date && !!earliest && isIsoDate(date) && isIsoDate(earliest) && date < earliest;
}
export const optionalIsoDate = z
  .string()
  .max(10)
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isIsoDate(v), { error: () => t('validation.date') });
/** A time of day, "HH:mm" from 00:00 to 23:59 (24:00, 23:60 and 25:00 refused: see isTime). */
export const time = z
  .string()
  .max(5)
  .refine(isTime, { error: () => t('validation.time') });
/** A local date and time, "2026-11-23T14:05": a real date (no 30 February) and a real time (no 24:00). */
export const localDateTime = z
  .string()
  .trim()
  .max(16)
  .refine(isLocalDateTime, { error: () => t('validation.dateTime') });
export const pastIsoDate = isoDate.refine((d) => d <= todayIso(), { error: () => t('validation.dateInFuture') });

export const id = z.string().min(1).max(64);

export const upn = z
  .string()
  .max(20)
  .transform(normaliseUpn)
  .superRefine((v, ctx) => {
    const p = checkUpn(v);
    if (!p) return;
    switch (p.kind) {
      case 'length':
        ctx.addIssue({ code: 'custom', message: t('validation.upnLength') });
        return;
      case 'format':
        ctx.addIssue({ code: 'custom', message: t('validation.upnFormat') });
        return;
      case 'check_letter':
        ctx.addIssue({ code: 'custom', message: t('validation.upnCheckLetter', { expected: p.expected }) });
        return;
    }
  });

/** Turns a zod error into the boundary's error shape, one message per field path. */
export function zodToAppError(error: z.ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    let path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      // Name the offending key itself so a caller can see which one it sent.
      path = [...issue.path.map(String), ...issue.keys.slice(0, 1)].join('.');
    }
    const key = path || '_';
    if (!(key in fields)) fields[key] = issue.message;
  }
  const first = Object.entries(fields)[0];
  const detail = first ? (first[0] === '_' ? first[1] : `${first[0]}: ${first[1]}`) : '';
  return {
    code: 'invalid_input',
    message: Object.keys(fields).some((k) => k !== '_')
      ? t('errors.invalidInput') + ' ' + detail
      : t('errors.invalidInputSummary', { detail }),
    fields,
  };
}
