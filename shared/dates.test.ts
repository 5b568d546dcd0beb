import { describe, expect, it } from 'vitest';
import { ageOn, formatLongDate, formatUkDate, isIsoDate, isLocalDateTime, isTime, parseAnyDate, parseUkDate, timeAfter } from './dates';
import { isoDate, localDateTime, optionalIsoDate, time } from './validation';

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

/**
 * Issue 14, item 8: impossible dates and times are refused wherever they are accepted. The helpers are the root
 * (every contract date goes through isoDate/isIsoDate, every time through time/isTime, every local date-time
 * through localDateTime/isLocalDateTime); the zod schemas built on them are checked here too.
 */
describe('impossible dates and times', () => {
  const IMPOSSIBLE_DATES = [
    ['30/02', '2026-02-30'],
    ['31/02', '2028-02-31'],
    ['31/04', '2026-04-31'],
    ['31/06', '2026-06-31'],
    ['31/09', '2026-09-31'],
    ['31/11', '2026-11-31'],
    ['29/02 in 2026', '2026-02-29'],
    ['29/02 in 2027', '2027-02-29'],
    ['29/02 in 2100 (not leap)', '2100-02-29'],
    ['29/02 in 1900 (not leap)', '1900-02-29'],
    ['00/01', '2026-01-00'],
    ['32/01', '2026-01-32'],
    ['month 00', '2026-00-10'],
    ['month 13', '2026-13-01'],
  ] as const;
  const REAL_DATES = ['2028-02-29', '2024-02-29', '2000-02-29', '2026-04-30', '2026-12-31', '2026-01-01', '2026-02-28'] as const;
  const IMPOSSIBLE_TIMES = [
    '24:00',
    '23:60',
    '25:00',
    '24:30',
    '99:99',
    '12:61',
    '-1:00',
    '9:30',
    '0930',
    '09:3',
    '09:30:00',
    ' 09:30',
    '',
  ] as const;
  const REAL_TIMES = ['00:00', '23:59', '12:00', '09:30', '19:45'] as const;

  it.each(IMPOSSIBLE_DATES)('refuses %s as a date, typed either way', (_label, iso) => {
    expect(isIsoDate(iso)).toBe(false);
    expect(isoDate.safeParse(iso).success).toBe(false);
    expect(optionalIsoDate.safeParse(iso).success).toBe(false);
    const [y, m, d] = iso.split('-');
    expect(parseUkDate(`${d}/${m}/${y}`)).toBeNull();
    expect(parseAnyDate(iso)).toBeNull();
  });

  it.each(REAL_DATES)('accepts %s', (iso) => {
    expect(isIsoDate(iso)).toBe(true);
    expect(isoDate.safeParse(iso).success).toBe(true);
    const [y, m, d] = iso.split('-');
    expect(parseUkDate(`${d}/${m}/${y}`)).toBe(iso);
  });

  it.each(IMPOSSIBLE_TIMES)('refuses the time "%s"', (hhmm) => {
    expect(isTime(hhmm)).toBe(false);
    expect(time.safeParse(hhmm).success).toBe(false);
    expect(isLocalDateTime(`2026-11-23T${hhmm}`)).toBe(false);
  });

  it.each(REAL_TIMES)('accepts the time %s', (hhmm) => {
    expect(isTime(hhmm)).toBe(true);
    expect(time.safeParse(hhmm).success).toBe(true);
  });

  it('refuses an impossible local date and time (when a safeguarding concern happened), and accepts the edges', () => {
    for (const bad of [
      '2026-02-30T10:00',
      '2026-04-31T10:00',
      '2027-02-29T10:00',
      '2026-11-23T24:00',
      '2026-11-23T23:60',
      '2026-11-23T25:00',
      '2026-11-23 10:00',
      '2026-11-23T10:00Z',
      '2026-11-23T10:00:00',
    ]) {
      expect(isLocalDateTime(bad), bad).toBe(false);
      expect(localDateTime.safeParse(bad).success, bad).toBe(false);
    }
    for (const good of ['2028-02-29T00:00', '2028-02-29T23:59', '2026-12-31T23:59', '2026-01-01T00:00']) {
      expect(isLocalDateTime(good), good).toBe(true);
      expect(localDateTime.safeParse(good).success, good).toBe(true);
    }
    // Said in words a person can act on.
    expect(localDateTime.safeParse('2026-02-30T10:00').error?.issues[0]?.message).toMatch(
      /real date and time.*no 30 February.*00:00 to 23:59/,
    );
  });

  it('adds minutes to a time only within the same day', () => {
    expect(timeAfter('09:30', 30)).toBe('10:00');
    expect(timeAfter('00:00', 0)).toBe('00:00');
    expect(timeAfter('23:00', 59)).toBe('23:59');
    expect(timeAfter('23:00', 60)).toBeNull();
    expect(timeAfter('23:30', 60)).toBeNull();
    expect(timeAfter('24:00', 5)).toBeNull();
  });
});
