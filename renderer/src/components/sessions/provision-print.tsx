/**
 * The printed provision report: a portal on <body> shown only by print media while the app is hidden. A4, black on
 * white, "Confidential" and "Page n of m" on every page (@page margin boxes).
 */
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ProvisionLine } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { cssString } from '../../lib/css-string';
import { ProvisionTable } from './provision-table';
import type { Period, ProvisionSort } from './session-model';
import { PRINT_FONT_STACK } from '../../script-fonts';

function printCss(left: string, right: string, footer: string, page: string, of: string): string {
  const box = `font-family: ${PRINT_FONT_STACK}; font-size: 8.5pt; color: #000;`;
  return `
@media screen { .provision-print-root { display: none !important; } }
@media print {
  @page {
    size: A4 landscape;
    margin: 18mm 14mm 16mm 14mm;
    @top-left { content: ${cssString(left)}; ${box} font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; }
    @top-right { content: ${cssString(right)}; ${box} }
    @bottom-left { content: ${cssString(footer)}; ${box} }
    @bottom-right { content: ${cssString(page)} " " counter(page) " " ${cssString(of)} " " counter(pages); ${box} }
  }
  html, body { background: #fff !important; }
  #root { display: none !important; }
  .provision-print-root { display: block !important; color: #000; font-size: 9.5pt; }
  .provision-print-root * { color: #000 !important; background: transparent !important; box-shadow: none !important; }
  .provision-print-root tr { break-inside: avoid; }
  .provision-print-root td, .provision-print-root th { border-bottom: 0.5pt solid #000; padding: 2pt 4pt; font-size: 9pt; }
}`;
}

export function ProvisionPrint({
  title,
  periodLine,
  lines,
  period,
  sort,
  direction,
  showPupil,
}: {
  readonly title: string;
  readonly periodLine: string;
  readonly lines: readonly ProvisionLine[];
  readonly period: Period;
  readonly sort: ProvisionSort;
  readonly direction: 'asc' | 'desc';
  readonly showPupil: boolean;
}) {
  const { t } = useTranslation();
  const css = printCss(
    t('sessionsUi.print.confidential'),
    title,
    t('sessionsUi.print.printed', { date: formatLongDate(todayIso()) }),
    t('sessionsUi.print.page'),
    t('sessionsUi.print.of'),
  );
  return createPortal(
    <Box className="provision-print-root" sx={{ display: 'none' }}>
      <style>{css}</style>
      <Typography sx={{ fontSize: '9pt', fontWeight: 700, letterSpacing: '0.06em', textTransform: 'uppercase' }}>
        {t('sessionsUi.print.confidential')}
      </Typography>
      <Typography component="h1" sx={{ fontSize: '16pt', fontWeight: 700 }}>
        {title}
      </Typography>
      <Typography sx={{ mb: '6pt' }}>{periodLine}</Typography>
      <ProvisionTable lines={lines} period={period} sort={sort} direction={direction} showPupil={showPupil} print />
    </Box>,
    document.body,
  );
}
