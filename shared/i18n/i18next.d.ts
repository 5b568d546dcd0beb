/**
 * The en-GB resources type every `t()` key, in the core, the CLI and the renderer (react-i18next reads the same
 * declaration): a key that does not exist fails the typecheck instead of showing a raw key to a user.
 * strictKeyChecks: a `defaultValue` does not let an unknown key through (a code from data goes through
 * `codeLabel` in shared/i18n, whose prefix is checked).
 */
import 'i18next';
import type { resources } from './index';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: (typeof resources)['en-GB'];
    returnNull: false;
    strictKeyChecks: true;
  }
}
