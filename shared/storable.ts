/**
 * Text the database stores exactly as it was given. A JavaScript string is UTF-16 and may hold a lone surrogate
 * (half of a pair: "x\ud800y", which JSON can carry as an escape); UTF-8 cannot, so SQLite and PostgreSQL store
 * U+FFFD in its place and what was hashed or checked is no longer what is on disk. PostgreSQL also refuses U+0000
 * in text. The dispatcher refuses such input at the door (every transport: IPC, the test host, the CLI), with the
 * path of the field, before the contract's schema runs; the audit trail also normalises what it hashes
 * (`storableText`), so that even a string from elsewhere is hashed as it is stored.
 *
 * The other C0 control characters (all but tab, line feed and carriage return) are refused too: they have no place
 * in anything a person types, and refusing them keeps every accepted string within 3 bytes a character as JSON,
 * which the contract's size limits rely on (shared/contract/limits.ts).
 */

/** A lone high surrogate (not followed by a low one) or a lone low surrogate (not preceded by a high one). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** C0 controls other than tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// eslint-disable-next-line no-control-regex -- as above
const NUL = /\u0000/;

export type UnstorableKind = 'ill_formed' | 'control';

export interface UnstorableChar {
  readonly kind: UnstorableKind;
  /** The offending UTF-16 code unit, as "U+D800". */
  readonly codePoint: string;
  /** Its position in the string (0-based UTF-16 index). */
  readonly index: number;
}

const hex = (unit: number) => `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/** True when the string is well-formed UTF-16 (no lone surrogates): what String.prototype.isWellFormed checks. */
export function isWellFormed(s: string): boolean {
  // The native check (Node 20, Chromium 111) is far faster on a large upload than the regular expression.
  const native = (s as string & { isWellFormed?: () => boolean }).isWellFormed;
  return typeof native === 'function' ? native.call(s) : !LONE_SURROGATE.test(s);
}

/**
 * The first character that the database could not store exactly, or null. `controls: 'nul'` looks only for U+0000
 * among the control characters (the one neither database stores): for text already stored elsewhere, such as a
 * transfer package's, where other control characters may have come from records made before they were refused.
 */
export function unstorableChar(s: string, opts: { readonly controls?: 'all' | 'nul' } = {}): UnstorableChar | null {
  const lone = isWellFormed(s) ? null : LONE_SURROGATE.exec(s);
  const control = (opts.controls === 'nul' ? NUL : CONTROL).exec(s);
  const first = lone && control ? (lone.index <= control.index ? lone : control) : (lone ?? control);
  if (!first) return null;
  return { kind: first === lone ? 'ill_formed' : 'control', codePoint: hex(s.charCodeAt(first.index)), index: first.index };
}

/**
 * The string as the database will store it: each lone surrogate becomes U+FFFD (as UTF-8 encoding does), and so
 * does U+0000 (which PostgreSQL cannot store at all). Every other string is returned unchanged.
 */
export function storableText(s: string): string {
  const out = !isWellFormed(s) ? s.replace(LONE_SURROGATES, '\uFFFD') : s;
  return out.includes('\u0000') ? out.split('\u0000').join('\uFFFD') : out;
}

export interface UnstorableInput {
  /** Where, as the contract's field paths are written: `contacts.0.name`; empty for the input itself. */
  readonly path: readonly (string | number)[];
  /** A field name (an object key) rather than a value. */
  readonly inKey: boolean;
  readonly kind: UnstorableKind | 'too_deep';
  readonly char: UnstorableChar | null;
}

/** Deeper than any input the contract takes; a deeper one is refused before anything walks it recursively. */
export const MAX_INPUT_DEPTH = 32;

/**
 * The first string (value or object key, anywhere in the input) that could not be stored exactly, or input nested
 * deeper than MAX_INPUT_DEPTH. Walks iteratively, so a hostile input cannot exhaust the stack.
 */
export function findUnstorable(
  input: unknown,
  maxDepth = MAX_INPUT_DEPTH,
  opts: { readonly controls?: 'all' | 'nul' } = {},
): UnstorableInput | null {
  const stack: { readonly value: unknown; readonly path: readonly (string | number)[] }[] = [{ value: input, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const char = unstorableChar(value, opts);
      if (char) return { path, inKey: false, kind: char.kind, char };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= maxDepth) return { path, inKey: false, kind: 'too_deep', char: null };
    const children: { value: unknown; path: (string | number)[] }[] = [];
    if (Array.isArray(value)) {
      value.forEach((v: unknown, i) => children.push({ value: v, path: [...path, i] }));
    } else {
      for (const key of Object.keys(value)) {
        const char = unstorableChar(key, opts);
        if (char) return { path, inKey: true, kind: char.kind, char };
        children.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
    // Reversed onto the stack, so the first field of the input is reported first.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return null;
}
