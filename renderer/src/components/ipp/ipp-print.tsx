/**
 * The printed plan: a portal on <body> shown only by print media while the app is hidden. A4, black on white,
 * "Confidential", the pupil's name and "Page n of m" on every page (@page margin boxes), the version printed,
 * every goal with its GAS ladder. Present whenever a plan is open, so Ctrl+P prints the plan too.
 */
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { IppView } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { formatTScore } from '../../../../shared/gas';
import { tScorePlainWords, tScoreWeightsWords } from '../../../../shared/gas-words';
import { ClassroomStrategies, ExpectedOutcomes, Goals, Interventions, PlanDetails, Section } from './ipp-document';
import { reviewTScore, scoreLabel } from './ipp-model';
import { PRINT_FONT_STACK } from '../../script-fonts';
import { cssString } from '../../lib/css-string';

export function ippPrintCss({
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
@media screen { .ipp-print-root { display: none !important; } }
@media print {
  @page {
    size: A4;
    margin: 20mm 16mm 18mm 16mm;
    @top-left { content: ${cssString(left)}; ${box} font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; }
    @top-right { content: ${cssString(right)}; ${box} }
    @bottom-left { content: ${cssString(footerLeft)}; ${box} }
    @bottom-right { content: ${cssString(page)} " " counter(page) " " ${cssString(of)} " " counter(pages); ${box} }
  }
  html, body { background: #fff !important; }
  #root { display: none !important; }
  .ipp-print-root { display: block !important; color: #000; font-size: 10.5pt; }
  .ipp-print-root * { color: #000 !important; background: transparent !important; box-shadow: none !important; }
  .ipp-print-root h2, .ipp-print-root h3 { break-after: avoid; }
  .ipp-print-root li, .ipp-print-root table { break-inside: avoid; }
}`;
}

export function IppPrint({ view }: { readonly view: IppView }) {
  const { t } = useTranslation();
  const saved = view.versions.find((v) => v.number === view.version);
  const versionLine = t('ippUi.print.versionLine', {
    n: view.version,
    count: view.versions.length,
    date: formatLongDate(saved?.createdAt.slice(0, 10)),
  });
  const css = ippPrintCss({
    left: t('ippUi.print.confidential'),
    right: t('ippUi.print.header', { name: view.pupilName }),
    footerLeft: `${versionLine} · ${t('ippUi.print.printed', { date: formatLongDate(todayIso()) })}`,
    page: t('ippUi.print.page'),
    of: t('ippUi.print.of'),
  });
  const cell = { py: '2pt', px: '4pt', fontSize: '9.5pt', borderBottom: '0.5pt solid #000' } as const;
  return createPortal(
    <Box className="ipp-print-root" data-testid="ipp-print" sx={{ display: 'none' }}>
      <style>{css}</style>
      <Typography sx={{ fontSize: '9pt', fontWeight: 700, letterSpacing: '0.06em', textTransform: 'uppercase', mb: '2pt' }}>
        {t('ippUi.print.confidential')} · {t('ippUi.page.title')}
      </Typography>
      <Typography component="h1" sx={{ fontSize: '17pt', fontWeight: 700, lineHeight: 1.2 }}>
        {view.title}
      </Typography>
      <Typography sx={{ fontSize: '11pt', mt: '2pt' }}>
        {t('ippUi.print.pupil')}: <strong>{view.pupilName}</strong> · {versionLine}
      </Typography>
      {saved?.reason ? (
        <Typography sx={{ fontSize: '9.5pt', fontStyle: 'italic' }}>{t('ippUi.page.reasonLine', { reason: saved.reason })}</Typography>
      ) : null}
      <Section print title={t('ippUi.page.details')}>
        <PlanDetails view={view} print />
      </Section>
      <Section print title={t('ippUi.page.expectedOutcomes')}>
        <ExpectedOutcomes view={view} print />
      </Section>
      <Section print title={t('ippUi.page.goals')}>
        <Goals view={view} print />
      </Section>
      <Section print title={t('ippUi.page.interventions')}>
        <Interventions view={view} print />
      </Section>
      <Section print title={t('ippUi.page.strategies')}>
        <ClassroomStrategies view={view} print />
      </Section>
      {view.reviews.length ? (
        <Section print title={t('ippUi.progress.reviewsTable')}>
          <Table size="small" sx={{ breakInside: 'avoid' }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ ...cell, fontWeight: 700 }}>{t('ippUi.progress.date')}</TableCell>
                {view.goals.map((g, i) => (
                  <TableCell key={g.key} sx={{ ...cell, fontWeight: 700 }}>
                    {t('ippUi.progress.goalSeries', { n: i + 1 })}
                  </TableCell>
                ))}
                <TableCell sx={{ ...cell, fontWeight: 700 }}>{t('ippUi.progress.mean')}</TableCell>
                <TableCell sx={{ ...cell, fontWeight: 700 }}>{t('ippUi.progress.tScore')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {view.reviews.map((r) => (
                <TableRow key={r.date}>
                  <TableCell sx={cell}>{formatLongDate(r.date)}</TableCell>
                  {view.goals.map((g) => {
                    const rating = r.ratings.find((x) => x.goalKey === g.key)?.rating;
                    return (
                      <TableCell key={g.key} sx={cell}>
                        {rating === undefined ? t('ippUi.progress.notRated') : scoreLabel(rating)}
                      </TableCell>
                    );
                  })}
                  <TableCell sx={cell}>{r.mean.toFixed(2)}</TableCell>
                  <TableCell sx={cell}>{formatTScore(reviewTScore(r))}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Typography sx={{ fontSize: '9.5pt', mt: '4pt' }} data-testid="ipp-print-t-score-words">
            {tScorePlainWords()} {tScoreWeightsWords(view.goals.map((g) => g.weight))}
          </Typography>
        </Section>
      ) : null}
    </Box>,
    document.body,
  );
}
