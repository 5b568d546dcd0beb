/**
 * One i18next instance per process, initialised synchronously with the bundled en-GB resources so that
 * services, the CLI and the renderer all speak the same words. The renderer wraps this same instance with
 * react-i18next; nothing here touches the DOM or Node.
 */
import i18next, { type ParseKeys, type TOptions } from 'i18next';
import { formatLongDate } from '../dates';
import { common } from './en-GB/common';
import { ui } from './en-GB/ui';
import { clocks } from './en-GB/clocks';
import { ehcpUi } from './en-GB/ehcp-ui';
import { clocksUi } from './en-GB/clocks-ui';
import { ippUi } from './en-GB/ipp-ui';
import { therapyUi } from './en-GB/therapy-ui';
import { disciplinesUi } from './en-GB/disciplines-ui';
import { sessionsUi } from './en-GB/sessions-ui';
import { reviewsUi } from './en-GB/reviews-ui';
import { progressUi } from './en-GB/progress-ui';
import { reviewPack } from './en-GB/review-pack';
import { accessUi } from './en-GB/access-ui';
import { auditUi } from './en-GB/audit-ui';
import { sharing } from './en-GB/sharing';
import { sharingUi } from './en-GB/sharing-ui';
import { accountsUi } from './en-GB/accounts-ui';
import { scopeUi } from './en-GB/scope-ui';
import { safeguardingUi } from './en-GB/safeguarding-ui';
import { staffUi } from './en-GB/staff-ui';
import { exportPdf } from './en-GB/export-pdf';
import { therapyRules } from './en-GB/therapy-rules';
import { integrity } from './en-GB/integrity';
import { census } from './en-GB/census';
import { transfers } from './en-GB/transfers';
import { issueDecision } from './en-GB/issue-decision';
import { desktop } from './en-GB/desktop';
import { longWork } from './en-GB/long-work';
import { connected } from './en-GB/connected';
import { connectedUi } from './en-GB/connected-ui';
import { tenancy } from './en-GB/tenancy';
import { worklistUi } from './en-GB/worklist-ui';
import { draftsUi } from './en-GB/drafts-ui';
import { passports } from './en-GB/passports';
import { provisionUi } from './en-GB/provision-ui';
import { cli } from './en-GB/cli';
import { provisionMapUi } from './en-GB/provision-map-ui';
import { provisionCatalogueUi } from './en-GB/provision-catalogue-ui';

export const resources = {
  'en-GB': {
    translation: {
      ...common,
      ...ui,
      clocks,
      ...ehcpUi,
      ...clocksUi,
      ...ippUi,
      ...therapyUi,
      ...disciplinesUi,
      ...sessionsUi,
      ...progressUi,
      ...reviewPack,
      ...reviewsUi,
      ...accessUi,
      ...auditUi,
      ...sharing,
      ...sharingUi,
      ...accountsUi,
      ...scopeUi,
      ...safeguardingUi,
      ...staffUi,
      ...exportPdf,
      ...therapyRules,
      ...integrity,
      ...census,
      ...transfers,
      ...issueDecision,
      ...desktop,
      ...longWork,
      ...connected,
      ...connectedUi,
      ...tenancy,
      ...worklistUi,
      ...draftsUi,
      ...passports,
      ...provisionUi,
      ...cli,
      ...provisionMapUi,
      ...provisionCatalogueUi,
    },
  },
} as const;

export const i18n = i18next.createInstance();
void i18n.init({
  lng: 'en-GB',
  fallbackLng: 'en-GB',
  resources,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

// Dates in messages read as "14 March 2026" (UI handbook), whatever form the caller passed them in.
i18n.services.formatter?.add('longDate', (value: unknown) => (typeof value === 'string' && formatLongDate(value)) || String(value));

/**
 * Every key of the en-GB strings, as TypeScript sees them (shared/i18n/i18next.d.ts): a plural key without its
 * `_one`/`_other` suffix. A misspelt or missing key fails the typecheck.
 */
export type I18nKey = ParseKeys<'translation'>;

/**
 * The keys under `prefix.`, without the prefix, for a helper that adds it:
 * `const tp = (key: I18nKeyUnder<'reviewPack'>) => t(`reviewPack.${key}`)`.
 */
export type I18nKeyUnder<P extends string, K extends string = I18nKey> = K extends `${P}.${infer Rest}` ? Rest : never;

/**
 * Whether the strings have this key, for a code that comes from data (a discipline a school added, a value from an
 * older version) and has a fallback when there is no label: `isI18nKey(k) ? t(k) : words(code)`.
 */
export function isI18nKey(key: string): key is I18nKey {
  return i18n.exists(key);
}

/** Every prefix of a key: 'ehcpUi', 'ehcpUi.areas', ... (for codeLabel). */
type PrefixesOf<K extends string> = K extends `${infer Head}.${infer Tail}` ? Head | `${Head}.${PrefixesOf<Tail>}` : never;
export type I18nPrefix = PrefixesOf<I18nKey>;

/**
 * The label of a code that comes from stored data (a discipline a school added, a measure of an older version)
 * under a prefix of the strings, or `fallback` (the code itself) when the strings have none. The prefix is checked
 * by type; a closed vocabulary typed as its union should use `t(`needs.${code}`)` instead, which checks every value.
 */
export function codeLabel(prefix: I18nPrefix, code: string, fallback: string = code): string {
  const key = `${prefix}.${code}`;
  return isI18nKey(key) ? t(key) : fallback;
}

/**
 * i18next's `t` with the key already checked by `t` below: its overloads resolve one literal key at a time (and type
 * the options from that string), not a key that may be any of them.
 */
const translate = i18n.t.bind(i18n) as (key: string, options?: TOptions) => string;

/** Translate a key with values; for code outside React. */
export function t(key: I18nKey, options?: TOptions): string {
  return translate(key, options);
}

export function yearGroupLabel(y: string): string {
  if (y === 'N1' || y === 'N2' || y === 'R' || y === 'X') return t(`yearGroups.${y}`);
  return t('yearGroups.n', { n: y });
}
