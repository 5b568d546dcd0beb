/**
 * Unique Pupil Number (UPN) check letter.
 * Source: UK Government Data Standards Catalogue, Unique Pupil Number v2.0.
 * A UPN is 13 characters: a check letter, then 12 characters (3-digit LA code, 4-digit establishment number,
 * 2-digit year of allocation, 3-digit serial; a temporary UPN ends in a letter instead of the last digit).
 * Check letter: weight characters 2..13 by their position (2..13), a final letter counting as its index in
 * the alphabet below, sum, take mod 23 and map 0..22 onto ABCDEFGHJKLMNPQRTUVWXYZ (no I, O or S).
 */
export const UPN_ALPHABET = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * The body: 11 digits, then a digit or (temporary UPN) a letter from the same 23-letter alphabet as the check
 * letter (Data Standards Catalogue, UPN v2.0: I, O and S are never used, as they read like 1, 0 and 5). Built from
 * UPN_ALPHABET itself so the two lists cannot drift apart (a hand-written class once allowed S and refused Q).
 */
const BODY = new RegExp(`^[0-9]{11}[0-9${UPN_ALPHABET}]$`);

export type UpnProblem =
  { readonly kind: 'length' } | { readonly kind: 'format' } | { readonly kind: 'check_letter'; readonly expected: string };

/** The check letter for the 12 characters after it, or null when they are not a valid UPN body. */
export function upnCheckLetter(body: string): string | null {
  const b = body.toUpperCase();
  if (!BODY.test(b)) return null;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = b[i] as string;
    // A temporary UPN's final letter counts as its index in the check-letter alphabet (A = 0 .. Z = 22).
    const value = i === 11 && UPN_ALPHABET.includes(ch) ? UPN_ALPHABET.indexOf(ch) : Number(ch);
    sum += value * (i + 2);
  }
  return UPN_ALPHABET[sum % 23] ?? null;
}

/** Upper-cases and strips spaces, as UPNs are often typed with spaces or in lower case. */
export function normaliseUpn(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function checkUpn(raw: string): UpnProblem | null {
  const upn = normaliseUpn(raw);
  if (upn.length !== 13) return { kind: 'length' };
  const first = upn[0] as string;
  const expected = upnCheckLetter(upn.slice(1));
  if (expected === null || !UPN_ALPHABET.includes(first)) {
    // The body may be valid while the first character is not a letter at all: still name the letter expected.
    if (expected !== null) return { kind: 'check_letter', expected };
    return { kind: 'format' };
  }
  return first === expected ? null : { kind: 'check_letter', expected };
}

/** Builds a valid UPN from its parts; used by the demo data and tests (synthetic numbers only). */
export function makeUpn(laCode: number, establishment: number, year: number, serial: number): string {
  const body = `${String(laCode).padStart(3, '0')}${String(establishment).padStart(4, '0')}${String(year % 100).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
  const letter = upnCheckLetter(body);
  if (letter === null) throw new Error(`Not a UPN body: ${body}`);
  return letter + body;
}
