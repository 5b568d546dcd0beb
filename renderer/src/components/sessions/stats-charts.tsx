/**
 * Session statistics for the school year so far, month by month: attendance per month, and minutes scheduled
 * against delivered (patterned bars with outlines, so each series reads apart in greyscale). Used on a pupil's
 * Sessions tab and for a practitioner from the caseload table.
 */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { format, parseISO } from 'date-fns';
import type { SessionStats } from '../../../../shared/contract';

function monthLabel(m: string): string {
  return format(parseISO(`${m}-01`), 'MMM yyyy');
}

export function StatsCharts({ stats }: { readonly stats: SessionStats }) {
  const { t } = useTranslation();
  const months = stats.months;
  if (months.length === 0 || months.every((m) => m.scheduled === 0)) {
    return <Typography color="text.secondary">{t('sessionsUi.pupil.noStats')}</Typography>;
  }
  const x = [{ scaleType: 'band' as const, data: months.map((m) => monthLabel(m.month)) }];
  // Hatched, dotted and solid fills: each series reads apart without colour.
  const patterns = (
    <defs>
      <pattern id="pat-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#fff" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#8a3b12" strokeWidth="3" />
      </pattern>
      <pattern id="pat-dots" width="5" height="5" patternUnits="userSpaceOnUse">
        <rect width="5" height="5" fill="#fff" />
        <circle cx="2.5" cy="2.5" r="1.4" fill="#5b3f8c" />
      </pattern>
    </defs>
  );
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
      <Box role="img" aria-label={t('sessionsUi.pupil.attendanceChartAria')} data-testid="attendance-chart">
        <Typography sx={{ fontWeight: 500 }}>{t('sessionsUi.pupil.attendanceChart')}</Typography>
        <BarChart
          skipAnimation
          height={240}
          xAxis={x}
          yAxis={[{ tickMinStep: 1, width: 32 }]}
          series={[
            {
              id: 'attended',
              label: t('sessionsUi.attendance.attended'),
              data: months.map((m) => m.attended),
              stack: 'a',
              color: '#1d4f91',
            },
            {
              id: 'absent',
              label: t('sessionsUi.attendance.absent'),
              data: months.map((m) => m.absent),
              stack: 'a',
              color: 'url(#pat-hatch)',
            },
            {
              id: 'cancelled',
              label: t('sessionsUi.attendance.cancelled'),
              data: months.map((m) => m.cancelled),
              stack: 'a',
              color: 'url(#pat-dots)',
            },
            // Counted by the core (shared/attendance.ts): past sessions without an outcome, not sessions still to come.
            {
              id: 'pending',
              label: t('sessionsUi.pupil.notRecorded'),
              data: months.map((m) => m.notRecorded),
              stack: 'a',
              color: '#cfcfcf',
            },
          ]}
          sx={{ '& .MuiBarElement-root': { stroke: '#0b0c0c', strokeWidth: 0.75 } }}
        >
          {patterns}
        </BarChart>
      </Box>
      <Box role="img" aria-label={t('sessionsUi.pupil.minutesChartAria')} data-testid="minutes-chart">
        <Typography sx={{ fontWeight: 500 }}>{t('sessionsUi.pupil.minutesChart')}</Typography>
        <BarChart
          skipAnimation
          height={240}
          xAxis={x}
          yAxis={[{ width: 40 }]}
          series={[
            {
              id: 'scheduled',
              label: t('sessionsUi.pupil.minutesScheduled'),
              data: months.map((m) => m.minutesScheduled),
              color: 'url(#pat-hatch)',
            },
            {
              id: 'delivered',
              label: t('sessionsUi.pupil.minutesDelivered'),
              data: months.map((m) => m.minutesDelivered),
              color: '#1d4f91',
            },
          ]}
          sx={{ '& .MuiBarElement-root': { stroke: '#0b0c0c', strokeWidth: 0.75 } }}
        >
          {patterns}
        </BarChart>
      </Box>
    </Box>
  );
}
