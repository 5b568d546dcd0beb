/**
 * Issue 17, item 8: the register's "By need" counts name each need in words with its code ("Specific learning
 * difficulty (SPLD)"), not the bare abbreviation (SPLD, MLD) that only a tooltip explained.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../../shared/i18n';
import { parseRegisterView } from '../../lib/register-params';
import { RegisterSummaryPanel } from './register-summary-panel';

describe('the register summary', () => {
  it('expands each need’s abbreviation where it is shown', () => {
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <RegisterSummaryPanel
          summary={{
            total: 9,
            byStatus: { N: 0, K: 7, E: 2 } as never,
            byNeed: [
              { need: 'SPLD', count: 4 },
              { need: 'MLD', count: 3 },
              { need: null, count: 2 },
            ],
            byYearGroup: [],
            byClass: [],
          }}
          view={parseRegisterView(new URLSearchParams())}
          onFilter={() => undefined}
        />
      </I18nextProvider>,
    );
    expect(html).toContain('Specific learning difficulty (SPLD)');
    expect(html).toContain('Moderate learning difficulty (MLD)');
    expect(html).not.toMatch(/<span>(SPLD|MLD)<\/span>/);
  });
});
