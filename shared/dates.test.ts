import { describe, expect, it } from 'vitest';
import { ageOn, formatLongDate, formatUkDate, isIsoDate, parseAnyDate, parseUkDate } from './dates';

describe('dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-01-01')).toBe(false);
  });
  it('parses dd/mm/yyyy', () => {
    expect(parseUkDate('14/03/2026')).toBe('2026-03-14');
    expect(parseUkDate('1/3/2026')).toBe('2026-03-01');
    expect(parseUkDate('31/02/2015')).toBeNull();
    expect(parseUkDate('03/14/2026')).toBeNull();
    expect(parseAnyDate('2026-03-14')).toBe('2026-03-14');
  });
  it('formats for inputs and running text', () => {
    expect(formatUkDate('2026-03-14')).toBe('14/03/2026');
    expect(formatLongDate('2026-03-14')).toBe('14 March 2026');
    expect(formatUkDate('nonsense')).toBe('');
  });
  it('computes age on a date', () => {
    expect(ageOn('2015-04-12', '2026-04-11')).toBe(10);
    expect(ageOn('2015-04-12', '2026-04-12')).toBe(11);
  });
});

describe('dates in messages', () => {
  it('reads as "15 July 2026" whatever form the date was passed in', async () => {
    const { t } = await import('./i18n');
    expect(t('validation.dateBefore', { date: '2026-07-15' })).toBe('This date must be on or after 15 July 2026.');
  });
});
