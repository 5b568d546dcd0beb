/**
 * The printed plan: rendered outside the app (a portal on <body>) and shown only by print media, while the app
 * itself is hidden. A4, black on white, "Confidential", the pupil's name and "Page n of m" on every page through
 * @page margin boxes. Present whenever a plan is open, so Ctrl+P prints the plan too.
 */
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { PlanView } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { PlanDocument } from './plan-document';
import { threadProblems } from './plan-model';
import { PRINT_FONT_STACK } from '../../script-fonts';
import { cssString } from '../../lib/css-string';

export function printCss({
  left,
  right,
  footerLeft,
  page,
  of,
}: {
  left: string;
  right: string;
  footerLeft: string;
  page: string;
  of: string;
}): string {
  const box = `font-family: ${PRINT_FONT_STACK}; font-size: 8.5pt; color: #000;`;
  return `
@media screen { .plan-print-root { display: none !important; } }
@media print {
  @page {
    size: A4;
    margin: 20mm 16mm 18mm 16mm;
    @top-left { content: ${cssString(left)}; ${box} font-weight: 700; letter-spacing: 0.06em; }
    @top-right { content: ${cssString(right)}; ${box} }
    @bottom-left { content: ${cssString(footerLeft)}; ${box} }
    @bottom-right { content: ${cssString(page)} " " counter(page) " " ${cssString(of)} " " counter(pages); ${box} }
  }
  html, body { background: #fff !important; }
  #root { display: none !important; }
  .plan-print-root { display: block !important; color: #000; font-size: 10.5pt; }
  .plan-print-root * { color: #000 !important; background: transparent !important; box-shadow: none !important; }
  .plan-print-root h2 { break-after: avoid; }
  .plan-print-root li { break-inside: avoid; }
}`;
}

export function PlanPrint({ view, ownerName }: { readonly view: PlanView; readonly ownerName: string | null }) {
  const { t } = useTranslation();
  const v = view.version;
  const css = printCss({
    left: t('ehcpUi.print.confidential'),
    right: t('ehcpUi.print.forPupil', { name: view.pupilName }),
    footerLeft: `${t('ehcpUi.print.versionLine', { n: v.number, kind: t(`ehcpUi.plan.kinds.${v.kind}`), date: formatLongDate(v.effectiveDate) })} · ${t('ehcpUi.print.printed', { date: formatLongDate(todayIso()) })}`,
    page: t('ehcpUi.print.page'),
    of: t('ehcpUi.print.of'),
  });
  const problems = threadProblems(view.content);
  return createPortal(
    <Box className="plan-print-root" data-testid="plan-print" sx={{ display: 'none' }}>
      <style>{css}</style>
      <PlanDocument view={view} variant="print" ownerName={ownerName} />
      <Box component="section" sx={{ mt: '8pt', pt: '6pt', borderTop: '1pt solid #000', breakInside: 'avoid' }}>
        <Typography component="h2" sx={{ fontSize: '12pt', fontWeight: 700, mb: '4pt' }}>
          {t('ehcpUi.thread.title')}
        </Typography>
        {problems.length === 0 ? (
          <Typography>{view.content.needs.length ? t('ehcpUi.thread.ok') : t('ehcpUi.thread.empty')}</Typography>
        ) : (
          <Box component="ul" sx={{ m: 0, pl: '14pt' }}>
            {problems.map((p) => (
              <li key={`${p.kind}-${p.key}`}>
                <Typography>{p.message}</Typography>
              </li>
            ))}
          </Box>
        )}
      </Box>
    </Box>,
    document.body,
  );
}
