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
});
