/**
 * The password the core makes for a protected PDF (issue 17, item 6): four listed words and four digits, never
 * more than 32 characters (poppler's tools and older readers take no more), from the random source given.
 */
import { describe, expect, it } from 'vitest';
import { PDF_PASSWORD_MAX_CHARS, WORDS, generatePdfPassword, type RandomSource } from './passphrase';

function sequence(...values: number[]): RandomSource {
  let i = 0;
  return (into) => {
    for (let j = 0; j < into.length; j++) into[j] = values[i++ % values.length] as number;
    return into;
  };
}

describe('generatePdfPassword', () => {
  it('gives four words from the list and a four-digit number, at most 32 characters, different each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = generatePdfPassword();
      expect(p).toMatch(/^[a-z]+ [a-z]+ [a-z]+ [a-z]+ \d{4}$/);
      expect(p.length).toBeLessThanOrEqual(PDF_PASSWORD_MAX_CHARS);
      for (const w of p.split(' ').slice(0, 4)) expect(WORDS).toContain(w);
      seen.add(p);
    }
    expect(seen.size).toBe(500);
  });

  it('draws the words again when they would make it too long, and pads the number', () => {
    const long = WORDS.indexOf('grasshopper');
    const acorn = WORDS.indexOf('acorn');
    // Four times "grasshopper" (47 characters) is drawn again; then four "acorn"s and the number 7.
    expect(generatePdfPassword(sequence(long, long, long, long, acorn, acorn, acorn, acorn, 7))).toBe('acorn acorn acorn acorn 0007');
  });
});
