/**
 * "Passports for my classes" on a teacher's dashboard (issue 18, item 3): the passport of each pupil in their classes,
 * with what helps them and how many strategies, each opening the pupil's Passport tab; and how many pupils in their
 * classes have none yet. Its own operation (passports.list), kept to the teacher's classes by the core.
 */
import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { call } from '../../api/client';
import { QueryError } from '../status';
import { savedOn } from '../passports/passport-model';
import { qk } from '../../lib/query-keys';

export function PassportsCard() {
  const { t } = useTranslation();
  const heading = useId();
  const query = useQuery({ queryKey: qk('passports.list', {}), queryFn: () => call('passports.list', {}) });
  const rows = query.data?.rows ?? [];
  return (
    <Paper variant="outlined" component="section" aria-labelledby={heading} sx={{ px: 2, py: 1.5, mt: 2 }} data-testid="passports-card">
      <Typography id={heading} variant="h2" sx={{ mb: 0.25 }}>
        {t('passports.ui.dashboardTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('passports.ui.dashboardIntro')}
      </Typography>
      {query.isPending ? <Skeleton variant="rounded" height={48} /> : null}
      {query.error ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && rows.length === 0 ? <Typography color="text.secondary">{t('passports.ui.dashboardEmpty')}</Typography> : null}
      {rows.length ? (
        <Box
          component="ul"
          sx={{
            listStyle: 'none',
            m: 0,
            p: 0,
            display: 'grid',
            gap: 0,
            gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'repeat(2, minmax(0, 1fr))' },
            columnGap: 2,
          }}
        >
          {rows.map((r) => (
            <Box component="li" key={r.pupilId} sx={{ minWidth: 0, borderTop: 1, borderColor: 'divider', py: 0.75 }}>
              <Link
                component={RouterLink}
                to={`/pupils/${r.pupilId}?tab=passport`}
                aria-label={t('passports.ui.dashboardOpen', { name: r.pupilName })}
                sx={{ fontWeight: 700 }}
              >
                {r.pupilName}
              </Link>
              <Typography variant="body2" color="text.secondary">
                {t('passports.ui.dashboardRow', { className: r.className ?? '-', version: r.version, date: savedOn(r.updatedAt) })} ·{' '}
                {t('passports.ui.dashboardStrategies', { count: r.strategies })}
              </Typography>
              {r.helpsMe ? (
                <Typography variant="body2" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {t('passports.print.sections.helpsMe')}: {r.helpsMe}
                </Typography>
              ) : null}
            </Box>
          ))}
        </Box>
      ) : null}
      {query.data && query.data.withoutPassport > 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('passports.ui.dashboardWithout', { count: query.data.withoutPassport })}
        </Typography>
      ) : null}
    </Paper>
  );
}
