/**
 * A pupil's band history as a timeline: one segment per period, oldest on the left, each named in words with its
 * dates and filled with its own pattern (plain, hatched, cross-hatched) so it reads in greyscale; the table under it
 * gives every period's dates and reason (and is what screen readers use).
 */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Band } from '../../../../shared/therapy';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { bandSegments, type BandPeriodPoint } from './progress-model';

const FILLS: Readonly<Record<Band, string>> = {
  universal: '#ffffff',
  targeted: 'repeating-linear-gradient(45deg, #c3cfe0 0 3px, #ffffff 3px 9px)',
  specific:
    'repeating-linear-gradient(45deg, #8e9bb0 0 2px, transparent 2px 7px), repeating-linear-gradient(-45deg, #8e9bb0 0 2px, #e4e8ef 2px 7px)',
};

export function BandTimeline({ bands }: { readonly bands: readonly BandPeriodPoint[] }) {
  const { t } = useTranslation();
  const today = todayIso();
  const segments = bandSegments(bands, today);
  const to = (b: BandPeriodPoint) => (b.endDate ? formatLongDate(b.endDate) : t('progressUi.progress.bands.now'));
  const summary = segments
    .map((s) => t('progressUi.progress.bands.segment', { band: t(`bands.${s.band}`), from: formatLongDate(s.startDate), to: to(s) }))
    .join('; ');
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }} data-testid="band-timeline">
      <Box
        role="img"
        aria-label={t('progressUi.progress.bands.timelineLabel', { summary })}
        className="print-exact"
        sx={{ display: 'flex', border: '1px solid #0b0c0c', borderRadius: 1, overflow: 'hidden', minHeight: 64 }}
      >
        {segments.map((s, i) => (
          <Box
            key={`${s.startDate}-${i}`}
            data-band={s.band}
            className="print-exact"
            sx={{
              width: `${(s.share * 100).toFixed(2)}%`,
              background: FILLS[s.band],
              borderLeft: i === 0 ? 0 : '2px solid #0b0c0c',
              p: 0.75,
              display: 'flex',
              alignItems: 'center',
              minWidth: 0,
            }}
          >
            <Box
              component="span"
              sx={{
                bgcolor: '#fff',
                color: '#0b0c0c',
                border: '1px solid #6b7280',
                borderRadius: 0.5,
                px: 0.75,
                py: 0.25,
                fontSize: '0.8rem',
                lineHeight: 1.3,
                maxWidth: '100%',
              }}
            >
              <Box component="span" sx={{ fontWeight: 700, display: 'block' }}>
                {t(`bands.${s.band}`)}
              </Box>
              <Box component="span" sx={{ display: 'block' }}>
                {formatLongDate(s.startDate)} – {to(s)}
              </Box>
            </Box>
          </Box>
        ))}
      </Box>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={t('progressUi.progress.bands.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('progressUi.progress.bands.band')}</TableCell>
              <TableCell>{t('progressUi.progress.bands.from')}</TableCell>
              <TableCell>{t('progressUi.progress.bands.to')}</TableCell>
              <TableCell>{t('progressUi.progress.bands.reason')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {segments.map((s, i) => (
              <TableRow key={`${s.startDate}-${i}`}>
                <TableCell sx={{ whiteSpace: 'nowrap', fontWeight: 500 }}>{t(`bands.${s.band}`)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatLongDate(s.startDate)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {s.endDate ? formatLongDate(s.endDate) : t('progressUi.progress.bands.current')}
                </TableCell>
                <TableCell>
                  {s.reason}
                  {s.reviewId ? (
                    <Typography component="span" variant="body2" color="text.secondary">
                      {' '}
                      ({t('progressUi.progress.bands.fromReview')})
                    </Typography>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}
