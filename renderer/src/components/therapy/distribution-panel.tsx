/**
 * The school's band distribution next to the policy's expected 90 / 5 / 5 (seed policy 6): a small bar chart
 * (school solid, policy hatched, each bar labelled with its percentage, so it reads in greyscale and print), the
 * same numbers as a table, the need levels within Universal, and the pupils flagged on Specific.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import { BarChart } from '@mui/x-charts/BarChart';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { BandDistribution } from '../../../../shared/contract';
import { formatLongDate } from '../../../../shared/dates';
import { BandChip } from './therapy-chips';
import { distributionRows, formatMean, formatPercent } from './therapy-model';

const SCHOOL_COLOUR = '#1d4f91';
const HATCH_ID = 'therapy-policy-hatch';

function LegendKey({ kind, label }: { readonly kind: 'school' | 'policy'; readonly label: string }) {
  return (
    <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75 }}>
      <Box
        aria-hidden
        sx={{
          width: 18,
          height: 14,
          borderRadius: 0.5,
          border: '1px solid #4b5563',
          background: kind === 'school' ? SCHOOL_COLOUR : 'repeating-linear-gradient(45deg, #4b5563 0 2px, #e8edf3 2px 6px)',
        }}
      />
      <Typography variant="body2">{label}</Typography>
    </Box>
  );
}

export function DistributionPanel({ distribution }: { readonly distribution: BandDistribution }) {
  const { t } = useTranslation();
  const headingId = useId();
  const rows = distributionRows(distribution);
  const universal = distribution.bands.find((b) => b.band === 'universal');
  const bandLabels = rows.map((r) => t(`bands.${r.band}`));
  const schoolLabel = t('therapyUi.distribution.school');
  const policyLabel = t('therapyUi.distribution.policy');

  return (
    <Paper variant="outlined" component="section" aria-labelledby={headingId} sx={{ p: 2.5 }} data-testid="band-distribution">
      <Typography id={headingId} variant="h2" sx={{ fontSize: '1.15rem' }}>
        {t('therapyUi.distribution.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 820 }}>
        {t('therapyUi.distribution.intro', { count: distribution.total })}
      </Typography>
      {distribution.total === 0 ? (
        <Typography color="text.secondary">{t('therapyUi.distribution.empty')}</Typography>
      ) : (
        // The chart takes what the table beside it leaves (it sizes itself to its box): fixed minimums on both had the
        // panel wider than the page at 1366 pixels, so the whole page scrolled sideways.
        <Box
          sx={{
            display: 'grid',
            gap: 3,
            gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) auto' },
            '& > *': { minWidth: 0 },
            alignItems: 'start',
          }}
        >
          <Box>
            <Box sx={{ display: 'flex', gap: 2.5, mb: 0.5, flexWrap: 'wrap' }}>
              <LegendKey kind="school" label={schoolLabel} />
              <LegendKey kind="policy" label={policyLabel} />
            </Box>
            {/* The chart repeats the table beside it, so assistive technology reads the table instead. */}
            <Box aria-hidden>
              <BarChart
                skipAnimation
                height={250}
                hideLegend
                margin={{ left: 0, right: 8, top: 24, bottom: 0 }}
                xAxis={[{ scaleType: 'band', data: bandLabels, categoryGapRatio: 0.35, barGapRatio: 0.15 }]}
                // Headroom above 100% so a full bar's label is not clipped; ticks stop at 100%.
                yAxis={[{ min: 0, max: 112, width: 44, tickInterval: [0, 20, 40, 60, 80, 100], valueFormatter: (v: number) => `${v}%` }]}
                series={[
                  {
                    id: 'school',
                    label: schoolLabel,
                    data: rows.map((r) => r.percent),
                    color: SCHOOL_COLOUR,
                    barLabel: (item) => formatPercent(item.value ?? 0),
                    barLabelPlacement: 'outside',
                  },
                  {
                    id: 'policy',
                    label: policyLabel,
                    data: rows.map((r) => r.expectedPercent),
                    color: `url(#${HATCH_ID})`,
                    barLabel: (item) => formatPercent(item.value ?? 0),
                    barLabelPlacement: 'outside',
                  },
                ]}
                slotProps={{ tooltip: { trigger: 'none' } }}
                sx={{ '& .MuiBarElement-series-policy, & [data-series="policy"]': { stroke: '#4b5563', strokeWidth: 1 } }}
              >
                <defs>
                  <pattern id={HATCH_ID} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                    <rect width="6" height="6" fill="#e8edf3" />
                    <line x1="0" y1="0" x2="0" y2="6" stroke="#4b5563" strokeWidth="2" />
                  </pattern>
                </defs>
              </BarChart>
            </Box>
          </Box>
          <Box sx={{ display: 'grid', gap: 2.5 }}>
            <Table size="small" aria-label={t('therapyUi.distribution.tableLabel')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('therapyUi.distribution.band')}</TableCell>
                  <TableCell align="right">{t('therapyUi.distribution.pupils')}</TableCell>
                  <TableCell align="right">{schoolLabel}</TableCell>
                  <TableCell align="right">{policyLabel}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.band} data-testid={`distribution-${r.band}`}>
                    <TableCell>
                      <BandChip band={r.band} />
                    </TableCell>
                    <TableCell align="right" sx={{ fontWeight: 500 }} data-testid={`distribution-${r.band}-count`}>
                      {r.count}
                    </TableCell>
                    <TableCell align="right">{formatPercent(r.percent)}</TableCell>
                    <TableCell align="right">{t('therapyUi.distribution.about', { percent: formatPercent(r.expectedPercent) })}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Box>
              <Typography variant="h3" component="h3" sx={{ mb: 0.75, fontSize: '1rem' }}>
                {t('therapyUi.distribution.universalNeeds', { count: universal?.count ?? 0 })}
              </Typography>
              <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
                {distribution.universalByNeed.map((n) => (
                  <Box
                    key={n.needLevel ?? 'none'}
                    sx={{ border: 1, borderColor: 'divider', borderRadius: 1, px: 1.5, py: 0.75, minWidth: 110 }}
                  >
                    <Typography variant="body2" color="text.secondary">
                      {n.needLevel
                        ? t('therapyUi.band.needShort', { need: t(`needLevels.${n.needLevel}`) })
                        : t('therapyUi.distribution.needNotRecorded')}
                    </Typography>
                    <Typography sx={{ fontWeight: 500 }}>
                      {n.count}{' '}
                      <Typography component="span" variant="body2" color="text.secondary">
                        ({formatPercent(n.percent)})
                      </Typography>
                    </Typography>
                  </Box>
                ))}
              </Box>
            </Box>
          </Box>
        </Box>
      )}
      <Box sx={{ mt: 3 }}>
        <Typography variant="h3" component="h3" sx={{ mb: 1, fontSize: '1rem' }}>
          {t('therapyUi.distribution.flaggedTitle')}
        </Typography>
        {distribution.flagged.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t('therapyUi.distribution.flaggedNone')}
          </Typography>
        ) : (
          <Alert severity="warning" sx={{ '& .MuiAlert-message': { width: '100%' } }}>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {t('therapyUi.band.flagBody')}
            </Typography>
            <Box component="ul" sx={{ m: 0, pl: 2.5, display: 'grid', gap: 0.5 }}>
              {distribution.flagged.map((f) => (
                <li key={f.pupilId}>
                  <Link component={RouterLink} to={`/pupils/${f.pupilId}?tab=band`} sx={{ fontWeight: 500 }}>
                    {f.name}
                  </Link>{' '}
                  — {t('therapyUi.distribution.flaggedSince', { date: formatLongDate(f.since) })}
                  {f.reviewMeans.length ? `; ${t('therapyUi.band.flagMeans', { means: f.reviewMeans.map(formatMean).join(', ') })}` : ''}
                  <Box component="span" data-testid="flag-next-step" sx={{ display: 'block', fontWeight: 600 }}>
                    {t(`therapyRules.specific.stepShort.${f.nextStep}`)}
                  </Box>
                </li>
              ))}
            </Box>
          </Alert>
        )}
      </Box>
    </Paper>
  );
}
