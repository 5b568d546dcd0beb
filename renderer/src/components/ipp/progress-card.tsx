/**
 * Progress on the plan: each goal's GAS rating at each review as a small line chart (distinct mark shapes and
 * dash patterns, so it reads in greyscale), and a table of the reviews with the mean and the plan's T-score.
 */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { InfoTip } from '../info-tip';
import { LineChart, lineClasses } from '@mui/x-charts/LineChart';
import type { IppView } from '../../../../shared/contract';
import { formatLongDate, formatUkDate } from '../../../../shared/dates';
import { formatTScore } from '../../../../shared/gas';
import { goalSeries, reviewTScore, scoreLabel } from './ipp-model';

const SHAPES = ['circle', 'square', 'diamond', 'triangle', 'cross', 'star', 'wye'] as const;
const COLOURS = ['#1d4f91', '#8a3b12', '#1e6b3a', '#5b3f8c', '#0b0c0c', '#7a5c00', '#2f6f7e'];
const DASHES = ['none', '6 3', '2 3', '8 3 2 3', '12 4', '4 2 1 2', '1 3'];

export function ProgressChart({ view }: { readonly view: IppView }) {
  const { t } = useTranslation();
  const series = goalSeries(view);
  // @mui/x-charts 9 names the line paths and marks MuiLineChart-line / MuiLineChart-mark (lineClasses), each with the
  // series id in data-series.
  const dashSx = Object.fromEntries(
    series.map((_, i) => [
      `& .${lineClasses.line}[data-series="goal-${i}"]`,
      { strokeDasharray: DASHES[i % DASHES.length], strokeWidth: 2.5 },
    ]),
  );
  return (
    <Box role="img" aria-label={t('ippUi.progress.chartLabel')} data-testid="ipp-progress-chart">
      <LineChart
        skipAnimation
        height={240}
        margin={{ left: 8, right: 40, top: 16, bottom: 8 }}
        xAxis={[
          {
            scaleType: 'point',
            data: view.reviews.map((_, i) => i),
            valueFormatter: (i: number) => formatUkDate(view.reviews[i]?.date),
          },
        ]}
        yAxis={[{ min: -2.3, max: 2.3, tickInterval: [-2, -1, 0, 1, 2], valueFormatter: (v: number) => scoreLabel(v), width: 36 }]}
        series={series.map((s, i) => ({
          id: `goal-${i}`,
          label: t('ippUi.progress.goalSeries', { n: i + 1 }),
          data: [...s.ratings],
          color: COLOURS[i % COLOURS.length],
          shape: SHAPES[i % SHAPES.length],
          showMark: true,
          // The legend shows each goal's marker shape on its line, so it reads without colour too.
          labelMarkType: 'line+mark' as const,
          connectNulls: true,
          // Straight lines between reviews: a curve would suggest ratings between the meetings.
          curve: 'linear' as const,
          valueFormatter: (v: number | null) => (v === null ? t('ippUi.progress.notRated') : scoreLabel(v)),
        }))}
        grid={{ horizontal: true }}
        sx={{ ...dashSx, [`& .${lineClasses.mark}`]: { strokeWidth: 2, fill: '#fff' } }}
      />
    </Box>
  );
}

export function ReviewsTable({ view }: { readonly view: IppView }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={t('ippUi.progress.reviewsTable')} data-testid="ipp-reviews">
        <TableHead>
          <TableRow>
            <TableCell>{t('ippUi.progress.date')}</TableCell>
            {view.goals.map((g, i) => (
              <TableCell key={g.key} align="center">
                {t('ippUi.progress.goalSeries', { n: i + 1 })}
              </TableCell>
            ))}
            <TableCell align="right">{t('ippUi.progress.mean')}</TableCell>
            <TableCell align="right">
              <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
                {t('ippUi.progress.tScore')}
                <InfoTip text={t('ippUi.progress.tHelp')} />
              </Box>
            </TableCell>
            <TableCell>{t('ippUi.progress.note')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {[...view.reviews].reverse().map((r, idx) => (
            <TableRow key={`${r.date}-${idx}`}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatLongDate(r.date)}</TableCell>
              {view.goals.map((g) => {
                const rating = r.ratings.find((x) => x.goalKey === g.key)?.rating;
                return (
                  <TableCell key={g.key} align="center" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    {rating === undefined ? (
                      <Typography component="span" variant="body2" color="text.secondary">
                        {t('ippUi.progress.notRated')}
                      </Typography>
                    ) : (
                      scoreLabel(rating)
                    )}
                  </TableCell>
                );
              })}
              <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                {r.mean.toFixed(2)}
              </TableCell>
              <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600 }}>
                {formatTScore(reviewTScore(r))}
              </TableCell>
              <TableCell sx={{ maxWidth: 320 }}>{r.note ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
