import { describe, expect, it } from 'vitest';
import { checkUpn, makeUpn, normaliseUpn, upnCheckLetter } from './upn';

describe('UPN check letter (Data Standards Catalogue, UPN v2.0)', () => {
  it('computes the letter by hand-worked example', () => {
    // 801200001001: 8·2 + 0·3 + 1·4 + 2·5 + 0·6 + 0·7 + 0·8 + 0·9 + 1·10 + 0·11 + 0·12 + 1·13 = 53; 53 mod 23 = 7 → H
    expect(upnCheckLetter('801200001001')).toBe('H');
    expect(checkUpn('H801200001001')).toBeNull();
  });

  it('counts a final letter (temporary UPN) by its index in the alphabet', () => {
    // 80120000100A: 8·2 + 1·4 + 2·5 + 1·10 + A(0)·13 = 40; 40 mod 23 = 17 → U
    expect(upnCheckLetter('80120000100A')).toBe('U');
    // 80120000100B: 40 + 1·13 = 53 → H
    expect(upnCheckLetter('80120000100B')).toBe('H');
  });

  it('names the expected letter when it is wrong', () => {
    expect(checkUpn('A801200001001')).toEqual({ kind: 'check_letter', expected: 'H' });
    expect(checkUpn('1801200001001')).toEqual({ kind: 'check_letter', expected: 'H' });
  });

  it('refuses wrong lengths and characters', () => {
    expect(checkUpn('H80120000100')).toEqual({ kind: 'length' });
    expect(checkUpn('H80120000100I')).toEqual({ kind: 'format' });
    expect(checkUpn('H8012000X1001')).toEqual({ kind: 'format' });
  });

  it('normalises spaces and case', () => {
    expect(normaliseUpn(' h801 2000 01001 ')).toBe('H801200001001');
    expect(checkUpn('h801200001001')).toBeNull();
  });

  it('builds valid UPNs', () => {
    for (let serial = 0; serial < 200; serial++) expect(checkUpn(makeUpn(999, 4001, 19, serial))).toBeNull();
  });

  describe('temporary UPNs: every letter A-Z in the final position', () => {
    // Written out here independently of upn.ts: the 23 letters of the Data Standards Catalogue (UPN v2.0),
    // with I, O and S left out because they read like 1, 0 and 5.
    const allowed = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z'];
    const digits = '80120000100'; // weighted sum of characters 2..12: 8·2 + 1·4 + 2·5 + 1·10 = 40
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

    it('has 23 allowed letters and 3 refused ones', () => {
      expect(allowed).toHaveLength(23);
      expect(letters.filter((l) => !allowed.includes(l))).toEqual(['I', 'O', 'S']);
    });

    for (const letter of letters) {
      const index = allowed.indexOf(letter);
      if (index < 0) {
        it(`refuses ${letter} as the final letter`, () => {
          expect(upnCheckLetter(digits + letter)).toBeNull();
          for (const first of allowed) expect(checkUpn(first + digits + letter)).toEqual({ kind: 'format' });
        });
      } else {
        it(`accepts ${letter} as the final letter, weighted as ${index}`, () => {
          const expected = allowed[(40 + index * 13) % 23] as string;
          expect(upnCheckLetter(digits + letter)).toBe(expected);
          expect(checkUpn(expected + digits + letter)).toBeNull();
          expect(checkUpn((expected === 'A' ? 'B' : 'A') + digits + letter)).toEqual({ kind: 'check_letter', expected });
        });
      }
    }
  });
});
