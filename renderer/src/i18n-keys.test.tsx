/**
 * The renderer's keys are checked by TypeScript (shared/i18n/i18next.d.ts): react-i18next's `t` from
 * useTranslation refuses a key that is not in the en-GB strings, a dynamic key one of whose values has no label, and
 * (strictKeyChecks) an unknown key with a defaultValue. `npx tsc -p tsconfig.json --noEmit` proves each
 * @ts-expect-error line below: were the key accepted, the directive would be unused and the typecheck would fail.
 * This replaces the test that scanned the sources for `t('...')` with a regular expression (it saw only literal keys).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../shared/i18n';
import { SUPERSEDING_STEPS, type SupersedingStep } from '../../shared/clock-types';
import type { Role } from '../../shared/domain';
import { NAV_ITEMS } from './shell/nav-items';

function Keys({ step, role }: { readonly step: SupersedingStep; readonly role: Role }) {
  const { t } = useTranslation();
  /** Never called: each line is a key the typecheck must refuse. */
  const refused = () => [
    // @ts-expect-error: a misspelt key ("dashbord")
    t('shell.nav.dashbord'),
    // @ts-expect-error: an unknown key, even with a defaultValue
    t('shell.nav.nowhere', { defaultValue: 'Nowhere' }),
    // @ts-expect-error: a dynamic key one of whose values has no label ("roles.janitor")
    t(`roles.${role as Role | 'janitor'}`),
    // @ts-expect-error: a clock with no "supersededBy" wording
    t(`clocksUi.relative.supersededBy.${step as SupersedingStep | 'annual_review'}`),
  ];
  return (
    <span data-refused={typeof refused}>
      {t(`shell.nav.${NAV_ITEMS[0]!.key}`)} | {t(`roles.${role}`)} |{' '}
      {t(`clocksUi.relative.supersededBy.${step}`, { date: '14 March 2026' })}
    </span>
  );
}

describe('i18n keys in the renderer', () => {
  it.each(SUPERSEDING_STEPS)('renders checked keys as words, never as keys (%s)', (step) => {
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <Keys step={step} role="senco" />
      </I18nextProvider>,
    );
    expect(html).toContain('Dashboard | SENCo');
    expect(html).toContain('14 March 2026');
    expect(html).not.toMatch(/clocksUi|shell\.nav|roles\./);
  });
});
