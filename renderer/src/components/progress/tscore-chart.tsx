/**
 * A plan's Kiresuk-Sherman T-score at each review: a solid line with diamond marks, a dashed reference line at 50
 * ("as expected") labelled in words, a one-line explanation, and the scores in a table for screen readers.
 */
import { useTranslation } from 'react-i18next';
import { LineChart } from '@mui/x-charts/LineChart';
import { ChartsReferenceLine } from '@mui/x-charts/ChartsReferenceLine';
import { format } from 'date-fns';
import { formatLongDate, formatUkDate } from '../../../../shared/dates';
import { formatTScore } from '../../../../shared/gas';
import type { PupilProgress } from '../../../../shared/contract';
import { isoToDate } from '../form-fields';
import { ChartFigure, DataTable } from './chart-figure';
import { tReading } from './progress-model';
import { MS_PER_DAY } from '../../../../shared/date-only';

export interface PlanTScores {
  readonly ippId: string;
  readonly planTitle: string;
  readonly points: PupilProgress['tScores'];
}

/** The T-scores grouped by plan, each plan's reviews oldest first, plans in order of their first review. */
export function tScoresByPlan(tScores: PupilProgress['tScores']): PlanTScores[] {
  const plans = new Map<string, { planTitle: string; points: PupilProgress['tScores'][number][] }>();
  for (const s of [...tScores].sort((a, b) => a.date.localeCompare(b.date))) {
    const p = plans.get(s.ippId) ?? { planTitle: s.planTitle, points: [] };
    p.points.push(s);
    plans.set(s.ippId, p);
  }
  return [...plans.entries()].map(([ippId, p]) => ({ ippId, planTitle: p.planTitle, points: p.points }));
}

export function TScoreChart({ plan, n }: { readonly plan: PlanTScores; readonly n: number }) {
  const { t } = useTranslation();
  const points = plan.points;
  const dates = points.map((p) => isoToDate(p.date) ?? new Date(NaN));
  const first = dates[0] as Date;
  const last = dates[dates.length - 1] as Date;
  const pad = Math.max(7 * MS_PER_DAY, (last.getTime() - first.getTime()) * 0.06);
  const values = points.map((p) => Math.round(p.tScore * 10) / 10);
  const low = Math.min(30, Math.floor((Math.min(...values) - 5) / 10) * 10);
  const high = Math.max(70, Math.ceil((Math.max(...values) + 5) / 10) * 10);
  const latest = points[points.length - 1];
  const testId = `tscore-${n}`;
  return (
    <ChartFigure
      title={t('progressUi.progress.tScores.planTitle', { title: plan.planTitle })}
      summary={t('progressUi.progress.tScores.chartLabel', {
        title: plan.planTitle,
        count: points.length,
        score: formatTScore(latest?.tScore ?? null),
        date: formatLongDate(latest?.date),
      })}
      testId={testId}
      table={
        <DataTable
          caption={t('progressUi.progress.tScores.tableCaption', { title: plan.planTitle })}
          head={[
            t('progressUi.progress.tScores.date'),
            t('progressUi.progress.tScores.tScore'),
            t('progressUi.progress.tScores.reading'),
            t('progressUi.progress.tScores.goals'),
          ]}
          rows={points.map((p) => [
            formatUkDate(p.date),
            formatTScore(p.tScore),
            t(`progressUi.progress.tScores.${tReading(p.tScore)}`),
            p.goals,
          ])}
        />
      }
    >
      <LineChart
        skipAnimation
        height={220}
        margin={{ left: 4, right: 20, top: 12, bottom: 4 }}
        xAxis={[
          {
            scaleType: 'time',
            data: dates,
            min: new Date(first.getTime() - pad),
            max: new Date(last.getTime() + pad),
            tickInterval: dates.length <= 8 ? dates : 'auto',
            valueFormatter: (v: Date) => format(v, 'dd/MM/yyyy'),
            height: 28,
          },
        ]}
        yAxis={[{ min: low, max: high, tickInterval: Array.from({ length: (high - low) / 10 + 1 }, (_, i) => low + i * 10), width: 36 }]}
        series={[
          {
            id: 'tscore',
            label: t('progressUi.progress.tScores.series'),
            data: values,
            color: '#1d4f91',
            shape: 'diamond',
            curve: 'linear',
            showMark: true,
            valueFormatter: (v: number | null) => (v === null ? null : v.toFixed(1)),
          },
        ]}
        grid={{ horizontal: true }}
        sx={{
          '& .MuiLineChart-line': { strokeWidth: 2.5 },
          '& .MuiLineChart-mark': { strokeWidth: 2, fill: '#1d4f91' },
        }}
      >
        <ChartsReferenceLine
          y={50}
          label={t('progressUi.progress.tScores.reference')}
          labelAlign="start"
          lineStyle={{ stroke: '#0b0c0c', strokeDasharray: '6 4', strokeWidth: 1.5 }}
          labelStyle={{ fontSize: 12, fill: '#0b0c0c' }}
        />
      </LineChart>
    </ChartFigure>
  );
}
