import { describe, expect, it } from 'vitest';
import { MAX_PENCE, formatPence, formatPounds, parsePounds, poundsFigure } from './money';

describe('money in pence', () => {
  it('reads pounds and pence exactly', () => {
    expect(parsePounds('4250')).toBe(425_000);
    expect(parsePounds('4,250.5')).toBe(425_050);
    expect(parsePounds('£4,250.50')).toBe(425_050);
    expect(parsePounds(' £ 0.01 ')).toBe(1);
    // 0.1 + 0.2 is not 0.3 in floating point; 1,234,567.89 pounds is exactly 123,456,789 pence here.
    expect(parsePounds('1,234,567.89')).toBe(123_456_789);
    expect(parsePounds('19.99')).toBe(1999);
    expect(parsePounds('0.29')).toBe(29);
  });

  it('refuses what is not an amount in pounds and pence, rather than rounding it', () => {
    for (const bad of ['', 'abc', '12.345', '1,23', '12,34.00', '-5', '£', '4 250', '4250p', '1e5', '0x10'])
      expect(parsePounds(bad), bad).toBeNull();
  });

  it('writes pence as pounds with thousands separators and two decimal places', () => {
    expect(formatPence(425_050)).toBe('£4,250.50');
    expect(formatPence(1)).toBe('£0.01');
    expect(formatPence(MAX_PENCE)).toBe('£1,000,000.00');
    expect(formatPence(123_456_789)).toBe('£1,234,567.89');
    for (const p of [1, 29, 1999, 425_050, 123_456_789]) expect(parsePounds(formatPence(p))).toBe(p);
  });

  it('writes whole pounds UK style for tables ("£1,234"), and a bare figure in pounds for a spreadsheet', () => {
    expect(formatPounds(0)).toBe('£0');
    expect(formatPounds(123_449)).toBe('£1,234');
    expect(formatPounds(123_450)).toBe('£1,235');
    expect(formatPounds(1_728_400)).toBe('£17,284');
    expect(formatPounds(-5_000)).toBe('-£50');
    expect(poundsFigure(156_750)).toBe('1567.50');
    expect(poundsFigure(5)).toBe('0.05');
    expect(poundsFigure(-199)).toBe('-1.99');
  });
});
