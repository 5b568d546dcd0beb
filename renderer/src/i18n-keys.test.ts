/**
 * Every literal i18n key the renderer uses exists in the en-GB resources, so no screen shows a raw key.
 * Keys built at run time (`needs.${code}`) are checked against their domain lists here too.
 */
/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { i18n } from '../../shared/i18n';
import { CONTACT_RELATIONSHIPS, NEED_CODES, ROLES, SEN_STATUSES, TERM_NAMES } from '../../shared/domain';
import { NAV_ITEMS } from './shell/nav-items';

// Vite reads the sources for us (the renderer's lint rules keep Node's modules out, tests included).
const sources = import.meta.glob<string>(['./**/*.ts', './**/*.tsx', '!./**/*.test.ts'], { query: '?raw', import: 'default', eager: true });

describe('i18n keys', () => {
  const keys = new Set<string>();
  for (const text of Object.values(sources)) {
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) keys.add(m[1] as string);
  }

  it('finds the keys it checks', () => {
    expect(keys.size).toBeGreaterThan(100);
  });

  it.each([...keys])('%s exists', (key) => {
    expect(i18n.exists(key) || i18n.exists(`${key}_other`)).toBe(true);
  });

  it('has labels for every value of the dynamic keys', () => {
    const dynamic = [
      ...NEED_CODES.map((n) => `needs.${n}`),
      ...SEN_STATUSES.flatMap((s) => [`senStatus.${s}`, `senStatusLong.${s}`]),
      ...ROLES.map((r) => `roles.${r}`),
      ...CONTACT_RELATIONSHIPS.map((r) => `relationships.${r}`),
      ...TERM_NAMES.map((n) => `terms.${n}`),
      ...NAV_ITEMS.map((n) => `shell.nav.${n.key}`),
      ...['referrals', 'plans', 'sessions', 'calendar', 'reviews', 'staff'].map((a) => `coming.${a}`),
      ...['ehcp', 'plans', 'sessions', 'reviews'].map((tab) => `profile.coming.${tab}`),
      ...['overview', 'ehcp', 'plans', 'sessions', 'reviews'].map((tab) => `profile.tabs.${tab}`),
      ...['school', 'terms', 'users'].map((tab) => `settings.tabs.${tab}`),
      ...['onRoll', 'ehc', 'senSupport'].flatMap((c) => [`dashboard.counts.${c}`, `dashboard.countsHint.${c}`]),
      'settings.terms.startDate',
      'settings.terms.endDate',
    ];
    expect(dynamic.filter((k) => !i18n.exists(k))).toEqual([]);
  });
});
