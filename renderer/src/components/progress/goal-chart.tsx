/**
 * One goal's GAS (Goal Attainment Scaling) ratings over time: a grey line through every rating, filled circles
 * where a review rated the goal and hollow triangles where a session did (shape and fill, not colour, tell them
 * apart, so it reads in greyscale and in print), the five ladder levels named on the y axis, the latest rating in
 * words under the chart, and every rating in a table for screen readers.
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { LineChart } from '@mui/x-charts/LineChart';
import { format } from 'date-fns';
import { formatLongDate, formatUkDate } from '../../../../shared/dates';
import { isoToDate } from '../form-fields';
import { ChartFigure, DataTable, shapeMark } from './chart-figure';
import { clampRating, goalRows, levelKeyOf, scoreLabel, type GoalProgress } from './progress-model';
import { MS_PER_DAY } from '../../../../shared/date-only';

const REVIEW_MARK = shapeMark('circle', true);
const SESSION_MARK = shapeMark('triangle', false);

export function levelName(t: TFunction, rating: number): string {
  return t(`ippUi.ladder.levels.${levelKeyOf(clampRating(rating))}`);
}

/** "Latest rating: More than expected (+1), 16 November 2026", or "Not rated yet." */
export function latestLine(t: TFunction, goal: Pick<GoalProgress, 'latest'>): string {
  if (!goal.latest) return t('progressUi.progress.goals.notRatedYet');
  return t('progressUi.progress.goals.latest', {
    level: levelName(t, goal.latest.rating),
    score: scoreLabel(goal.latest.rating),
    date: formatLongDate(goal.latest.date),
  });
}

function toDate(iso: string): Date {
  return isoToDate(iso) ?? new Date(NaN);
}

export function GoalChart({ goal, n }: { readonly goal: GoalProgress; readonly n: number }) {
  const { t } = useTranslation();
  const rows = goalRows(goal);
  const latest = latestLine(t, goal);
  const testId = `goal-progress-${n}`;
  const table = (
    <DataTable
      caption={t('progressUi.progress.goals.tableCaption', { n })}
      head={[
        t('progressUi.progress.goals.date'),
        t('progressUi.progress.goals.source'),
        t('progressUi.progress.goals.rating'),
        t('progressUi.progress.goals.level'),
      ]}
      rows={[...goal.points]
        .sort((a, b) => a.date.localeCompare(b.date) || a.source.localeCompare(b.source))
        .map((p) => [
          formatUkDate(p.date),
          p.source === 'review' ? t('progressUi.progress.goals.atReview') : t('progressUi.progress.goals.atSession'),
          scoreLabel(p.rating),
          levelName(t, p.rating),
        ])}
    />
  );
  const title = (
    <>
      {t('progressUi.progress.goals.goalN', { n })}: {goal.description}
    </>
  );
  if (rows.length === 0) {
    return (
      <ChartFigure title={title} summary={t('progressUi.progress.goals.noPoints')} testId={testId} table={table}>
        <Typography color="text.secondary" sx={{ py: 2 }}>
          {t('progressUi.progress.goals.noPoints')}
        </Typography>
      </ChartFigure>
    );
  }
  const dates = rows.map((r) => toDate(r.date));
  const first = dates[0] as Date;
  const last = dates[dates.length - 1] as Date;
  const pad = Math.max(7 * MS_PER_DAY, (last.getTime() - first.getTime()) * 0.06);
  const fmt = (v: Date) => format(v, 'dd/MM/yyyy');
  const reviewDates = rows.flatMap((r, i) => (r.review === null ? [] : [dates[i] as Date]));
  const ticks = reviewDates.length ? reviewDates : dates;
  const noTooltip = () => null;
  const gas = (v: number | null) => (v === null ? null : `${scoreLabel(v)} ${levelName(t, v)}`);
  return (
    <ChartFigure
      title={title}
      summary={t('progressUi.progress.goals.chartLabel', { n, count: goal.points.length, latest })}
      testId={testId}
      table={table}
      note={
        <Box component="span" sx={{ fontWeight: 500, color: 'text.primary' }} data-testid={`${testId}-latest`}>
          {latest}
        </Box>
      }
    >
      <LineChart
        skipAnimation
        height={230}
        margin={{ left: 4, right: 20, top: 12, bottom: 4 }}
        xAxis={[
          {
            scaleType: 'time',
            data: dates,
            min: new Date(first.getTime() - pad),
            max: new Date(last.getTime() + pad),
            // Dates of reviews on the axis (sessions come often: their dates are in the tooltip and the table).
            tickInterval: ticks.length <= 8 ? ticks : 'auto',
            valueFormatter: fmt,
            height: 28,
          },
        ]}
        yAxis={[
          {
            min: -2.3,
            max: 2.3,
            tickInterval: [-2, -1, 0, 1, 2],
            valueFormatter: (v: number) => `${scoreLabel(v)} ${levelName(t, v)}`,
            width: 196,
          },
        ]}
        series={[
          {
            id: 'trend',
            data: rows.map((r) => r.rating),
            color: '#6b7280',
            showMark: false,
            valueFormatter: noTooltip,
            connectNulls: true,
            curve: 'linear',
          },
          {
            id: 'review',
            label: t('progressUi.progress.goals.atReview'),
            data: rows.map((r) => r.review),
            color: '#1d4f91',
            shape: 'circle',
            showMark: true,
            labelMarkType: REVIEW_MARK,
            valueFormatter: gas,
          },
          {
            id: 'session',
            label: t('progressUi.progress.goals.atSession'),
            data: rows.map((r) => r.session),
            color: '#8a3b12',
            shape: 'triangle',
            showMark: true,
            labelMarkType: SESSION_MARK,
            valueFormatter: gas,
          },
        ]}
        grid={{ horizontal: true }}
        sx={{
          '& .MuiLineChart-line[data-series="review"], & .MuiLineChart-line[data-series="session"]': { display: 'none' },
          '& .MuiLineChart-line[data-series="trend"]': { strokeWidth: 1.75, strokeDasharray: '5 3' },
          '& .MuiLineChart-mark[data-series="review"]': { strokeWidth: 2, fill: '#1d4f91' },
          '& .MuiLineChart-mark[data-series="session"]': { strokeWidth: 2, fill: '#fff' },
        }}
      />
    </ChartFigure>
  );
}
