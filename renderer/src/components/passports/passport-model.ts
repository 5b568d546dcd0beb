/**
 * The passport editor's model (issue 18, item 3): the form's values from a version, the save input from the form, and
 * the photo read from a chosen file (checked here for type and size so the person choosing it is told at once; the
 * core checks again and strips the photo's metadata: electron/core/services/passport-photo.ts).
 */
import {
  PASSPORT_PHOTO_MAX_BYTES,
  PASSPORT_PHOTO_TYPES,
  PASSPORT_SECTIONS,
  type PassportInput,
  type PassportSection,
  type PassportStrategy,
  type PassportVersion,
  type StrategySource,
  type SuggestedStrategy,
} from '../../../../shared/contract';
import { formatLongDate, londonLocal } from '../../../../shared/dates';

export type PhotoChoice =
  | { readonly kind: 'none' }
  | { readonly kind: 'keep'; readonly type: string; readonly base64: string; readonly alt: string }
  | { readonly kind: 'new'; readonly type: string; readonly base64: string; readonly alt: string };

export interface PassportForm {
  readonly sections: Readonly<Record<PassportSection, string>>;
  readonly pupilWords: string;
  readonly writtenWith: string;
  readonly strategies: readonly { readonly key: string; readonly text: string; readonly source: StrategySource }[];
  readonly photo: PhotoChoice;
}

let keys = 0;
const nextKey = () => `s${++keys}`;

export function formFrom(v: PassportVersion | null): PassportForm {
  return {
    sections: Object.fromEntries(PASSPORT_SECTIONS.map((k) => [k, v?.[k] ?? ''])) as Record<PassportSection, string>,
    pupilWords: v?.pupilWords ?? '',
    writtenWith: v?.writtenWith ?? '',
    strategies: (v?.strategies ?? []).map((s) => ({ key: nextKey(), text: s.text, source: s.source })),
    photo: v?.photo ? { kind: 'keep', type: v.photo.type, base64: v.photo.base64, alt: v.photo.alt } : { kind: 'none' },
  };
}

export function saveInput(pupilId: string, baseVersion: number | null, f: PassportForm): PassportInput {
  return {
    pupilId,
    baseVersion,
    ...f.sections,
    pupilWords: f.pupilWords,
    writtenWith: f.writtenWith,
    strategies: f.strategies.filter((s) => s.text.trim()).map((s) => ({ text: s.text.trim(), source: s.source })),
    photo:
      f.photo.kind === 'none'
        ? { kind: 'none' }
        : f.photo.kind === 'keep'
          ? { kind: 'keep', alt: f.photo.alt }
          : { kind: 'new', base64: f.photo.base64, alt: f.photo.alt },
  };
}

/** The suggestions not already in the list (compared without case or extra spaces). */
export function newSuggestions(form: PassportForm, suggested: readonly SuggestedStrategy[]): SuggestedStrategy[] {
  const have = new Set(form.strategies.map((s) => norm(s.text)));
  return suggested.filter((s) => !have.has(norm(s.text)));
}

export function withStrategies(form: PassportForm, add: readonly PassportStrategy[]): PassportForm {
  return { ...form, strategies: [...form.strategies, ...add.map((s) => ({ key: nextKey(), text: s.text, source: s.source }))] };
}

export function blankStrategy(form: PassportForm): PassportForm {
  return { ...form, strategies: [...form.strategies, { key: nextKey(), text: '', source: 'staff' }] };
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** "14 March 2026" for a saved-at time (in England). */
export function savedOn(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatLongDate(londonLocal(d).slice(0, 10));
}

/** "Sam Senco (sam.senco)" -> "Sam Senco". */
export const personOf = (s: string) => s.replace(/\s+\([A-Za-z0-9._@-]+\)$/, '');

export type PhotoProblem = { readonly kind: 'type' } | { readonly kind: 'size'; readonly size: string };

/** Whether a chosen file can be a passport photo: a PNG or JPEG of at most 400 KB. */
export function photoProblem(file: { readonly type: string; readonly size: number }): PhotoProblem | null {
  if (!(PASSPORT_PHOTO_TYPES as readonly string[]).includes(file.type)) return { kind: 'type' };
  if (file.size > PASSPORT_PHOTO_MAX_BYTES) return { kind: 'size', size: `${Math.ceil(file.size / 1024)} KB` };
  return null;
}

/** The base64 of a file's bytes (no data: prefix). */
export function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
