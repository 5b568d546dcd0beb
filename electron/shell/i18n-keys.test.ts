/** Every literal i18n key the desktop shell uses exists in the en-GB strings, so no dialog or menu shows a raw key. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../shared/i18n';

const sources = readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => readFileSync(join(__dirname, f), 'utf8'));

describe('desktop shell i18n keys', () => {
  const keys = new Set<string>();
  for (const text of sources) for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) keys.add(m[1] as string);

  it('finds the keys it checks', () => {
    expect([...keys]).toEqual(expect.arrayContaining(['desktop.crash.title', 'desktop.crash.ok', 'desktop.policy.lockTooLong']));
  });

  it.each([...keys])('%s exists', (key) => {
    expect(i18n.exists(key)).toBe(true);
  });

  it('has every message the crash handler and the policy check build at run time', () => {
    const dynamic = [
      ...['unexpected', 'restarting', 'windowGone', 'windowGoneRepeatedly', 'coreGone', 'coreGoneRepeatedly'].map(
        (k) => `desktop.crash.${k}`,
      ),
      ...[
        'notJson',
        'notObject',
        'unknownKey',
        'dataFolder',
        'lockAfterMinutes',
        'disableUpdates',
        'schoolServer',
        'unreadable',
        'tooLarge',
      ].map((k) => `desktop.policy.problems.${k}`),
    ];
    expect(dynamic.filter((k) => !i18n.exists(k))).toEqual([]);
  });
});
