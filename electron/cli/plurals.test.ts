/**
 * Counted words go through i18next's plural keys (`_one`/`_other`, shared/i18n/en-GB/cli.ts), not through a
 * hand-written `n === 1 ? '' : 's'`: the forms are right for 0, 1, 2 and large numbers, and no such hand-written
 * plural is left in the sources. (That every key exists is the typecheck's, and that each counted key has both
 * forms is shared/i18n/i18n-keys.test.ts's.)
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '../../shared/i18n';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const all = ['electron', 'shared', join('renderer', 'src')].flatMap((d) => sources(join(ROOT, d)));

describe('plurals through i18next', () => {
  it('picks the form from the count and writes the number the en-GB way', () => {
    expect(t('cli.counted.pupil', { count: 1 })).toBe('1 pupil');
    expect(t('cli.counted.pupil', { count: 2 })).toBe('2 pupils');
    expect(t('cli.counted.pupil', { count: 0 })).toBe('0 pupils');
    expect(t('cli.counted.pupil', { count: 1234 })).toBe('1,234 pupils');
    expect(t('cli.counted.rowHas', { count: 1 })).toBe('1 row has');
    expect(t('cli.counted.rowHas', { count: 3 })).toBe('3 rows have');
    expect(t('cli.agree.itThem', { count: 1 })).toBe('it');
    expect(t('cli.agree.itThem', { count: 3 })).toBe('them');
    expect(t('ehcpUi.print.frequency', { count: 1, period: 'a week' })).toBe('Once a week');
    expect(t('ehcpUi.print.frequency', { count: 3, period: 'a week' })).toBe('3 times a week');
  });

  it('leaves no hand-written English plural in the sources', () => {
    const handWritten = /[=!]==\s*1\s*\?\s*'[^']*'\s*:\s*'s\b/;
    const found = all.filter((f) => handWritten.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(found).toEqual([]);
  });
});
