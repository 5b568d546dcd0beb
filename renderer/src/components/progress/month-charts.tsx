/**
 * Sessions month by month: attendance as stacked bars (attended solid, absent hatched, cancelled dotted, not recorded
 * light grey: its own figure, neither attended nor missed; each bar outlined) and hours delivered against planned side by side (planned hatched, delivered solid), so each series
 * reads apart in greyscale and in print. Each chart has its numbers in a table for screen readers.
 */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import { BarChart } from '@mui/x-charts/BarChart';
import { format, parseISO } from 'date-fns';
import type { PupilProgress } from '../../../../shared/contract';
import { BarPatterns, ChartFigure, DataTable } from './chart-figure';
import { hours, monthStart } from './progress-model';

function monthLabel(m: string): string {
  return format(parseISO(monthStart(m)), 'MMM yyyy');
}

const BAR_SX = { '& .MuiBarElement-root': { stroke: '#0b0c0c', strokeWidth: 0.75 } } as const;

export function MonthCharts({ months }: { readonly months: PupilProgress['months'] }) {
  const { t } = useTranslation();
  const sorted = [...months].sort((a, b) => a.month.localeCompare(b.month));
  const labels = sorted.map((m) => monthLabel(m.month));
  const x = [{ scaleType: 'band' as const, data: labels }];
  const sum = (f: (m: (typeof sorted)[number]) => number) => sorted.reduce((a, m) => a + f(m), 0);
  const totals = t('progressUi.progress.sessions.totalsWithNotRecorded', {
    attended: sum((m) => m.attended),
    absent: sum((m) => m.absent),
    cancelled: sum((m) => m.cancelled),
    notRecorded: sum((m) => m.notRecorded),
  });
  const hoursTotals = t('progressUi.progress.sessions.hoursTotals', {
    delivered: hours(sum((m) => m.minutesDelivered)),
    planned: hours(sum((m) => m.minutesPlanned)),
  });
  return (
    <Box className="print-grid" sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
      <ChartFigure
        title={t('progressUi.progress.sessions.attendanceTitle')}
        summary={t('progressUi.progress.sessions.attendanceLabel', { summary: totals })}
        testId="attendance-by-month"
        note={totals}
        table={
          <DataTable
            caption={t('progressUi.progress.sessions.attendanceCaption')}
            head={[
              t('progressUi.progress.sessions.month'),
              t('progressUi.progress.sessions.attended'),
              t('progressUi.progress.sessions.absent'),
              t('progressUi.progress.sessions.cancelled'),
              t('progressUi.progress.sessions.notRecorded'),
            ]}
            rows={sorted.map((m, i) => [labels[i] as string, m.attended, m.absent, m.cancelled, m.notRecorded])}
          />
        }
      >
        <BarChart
          skipAnimation
          height={240}
          xAxis={x}
          yAxis={[{ tickMinStep: 1, width: 32 }]}
          series={[
            {
              id: 'attended',
              label: t('progressUi.progress.sessions.attended'),
              data: sorted.map((m) => m.attended),
              stack: 'a',
              color: '#1d4f91',
            },
            {
              id: 'absent',
              label: t('progressUi.progress.sessions.absent'),
              data: sorted.map((m) => m.absent),
              stack: 'a',
              color: 'url(#prog-hatch)',
            },
            {
              id: 'cancelled',
              label: t('progressUi.progress.sessions.cancelled'),
              data: sorted.map((m) => m.cancelled),
              stack: 'a',
              color: 'url(#prog-dots)',
            },
            {
              id: 'notRecorded',
              label: t('progressUi.progress.sessions.notRecorded'),
              data: sorted.map((m) => m.notRecorded),
              stack: 'a',
              color: '#d9d9d9',
            },
          ]}
          sx={BAR_SX}
        >
          <BarPatterns prefix="prog" />
        </BarChart>
      </ChartFigure>
      <ChartFigure
        title={t('progressUi.progress.sessions.hoursTitle')}
        summary={t('progressUi.progress.sessions.hoursLabel', { summary: hoursTotals })}
        testId="hours-by-month"
        note={hoursTotals}
        table={
          <DataTable
            caption={t('progressUi.progress.sessions.hoursCaption')}
            head={[
              t('progressUi.progress.sessions.month'),
              t('progressUi.progress.sessions.planned'),
              t('progressUi.progress.sessions.delivered'),
            ]}
            rows={sorted.map((m, i) => [labels[i] as string, hours(m.minutesPlanned), hours(m.minutesDelivered)])}
          />
        }
      >
        <BarChart
          skipAnimation
          height={240}
          xAxis={x}
          yAxis={[{ width: 40 }]}
          series={[
            {
              id: 'planned',
              label: t('progressUi.progress.sessions.planned'),
              data: sorted.map((m) => hours(m.minutesPlanned)),
              color: 'url(#prog-hatch)',
            },
            {
              id: 'delivered',
              label: t('progressUi.progress.sessions.delivered'),
              data: sorted.map((m) => hours(m.minutesDelivered)),
              color: '#1d4f91',
            },
          ]}
          sx={BAR_SX}
        >
          <BarPatterns prefix="prog" />
        </BarChart>
      </ChartFigure>
    </Box>
  );
}
