import { describe, expect, it } from 'vitest';
import { MAX_PENCE, formatPence, parsePounds } from './money';

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
    for (const bad of ['', 'abc', '12.345', '1,23', '12,34.00', '-5', '£', '4 250', '4250p', '1e5', '0x10']) expect(parsePounds(bad), bad).toBeNull();
  });

  it('writes pence as pounds with thousands separators and two decimal places', () => {
    expect(formatPence(425_050)).toBe('£4,250.50');
    expect(formatPence(1)).toBe('£0.01');
    expect(formatPence(MAX_PENCE)).toBe('£1,000,000.00');
    expect(formatPence(123_456_789)).toBe('£1,234,567.89');
    for (const p of [1, 29, 1999, 425_050, 123_456_789]) expect(parsePounds(formatPence(p))).toBe(p);
  });
});
