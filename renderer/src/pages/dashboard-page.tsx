import type { ReactNode } from 'react';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import PersonAddAlt1Outlined from '@mui/icons-material/PersonAddAlt1Outlined';
import ArrowForward from '@mui/icons-material/ArrowForward';
import { formatLongDate, todayIso } from '../../../shared/dates';
import type { SenStatus } from '../../../shared/domain';
import { call } from '../api/client';
import { useSessionInfo } from '../auth/auth';
import { PageHeader } from '../components/page-header';
import { QueryError } from '../components/status';
import { registerHref } from '../lib/register-params';
import { usePageTitle } from '../lib/use-page-title';

interface CountDef {
  readonly key: 'onRoll' | 'ehc' | 'senSupport';
  readonly status: SenStatus | null;
}

const COUNTS: readonly CountDef[] = [
  { key: 'onRoll', status: null },
  { key: 'ehc', status: 'E' },
  { key: 'senSupport', status: 'K' },
];

function CountCard({ label, hint, value, to, loading }: {
  readonly label: string;
  readonly hint: string;
  readonly value: ReactNode;
  readonly to: string;
  readonly loading: boolean;
}) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardActionArea component={RouterLink} to={to} sx={{ height: '100%', p: 0.5 }}>
        <CardContent>
          <Typography color="text.secondary" sx={{ fontWeight: 500 }}>
            {label}
          </Typography>
          <Typography component="p" sx={{ fontSize: '2.5rem', fontWeight: 500, lineHeight: 1.2, my: 0.5, color: 'primary.dark' }}>
            {loading ? <Skeleton width={60} /> : value}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
            {hint}
            <ArrowForward fontSize="inherit" aria-hidden />
          </Typography>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const info = useSessionInfo();
  usePageTitle(t('dashboard.title'));
  const results = useQueries({
    queries: COUNTS.map((c) => ({
      queryKey: ['pupils.list', 'count', c.status],
      queryFn: () => call('pupils.list', { ...(c.status ? { senStatus: c.status } : {}), page: 0, pageSize: 1 }),
    })),
  });
  const failed = results.find((r) => r.error);
  const onRoll = results[0]?.data?.total;

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={t('dashboard.subtitle', { name: info.user.displayName, date: formatLongDate(todayIso()) })}
        actions={
          <Button component={RouterLink} to="/pupils/new" variant="contained" startIcon={<PersonAddAlt1Outlined />}>
            {t('register.add')}
          </Button>
        }
      />
      {failed ? (
        <Box sx={{ mb: 2 }}>
          <QueryError error={failed.error} onRetry={() => results.forEach((r) => void r.refetch())} />
        </Box>
      ) : null}
      <Box component="section" aria-labelledby="counts-heading" sx={{ mb: 3 }}>
        <Typography id="counts-heading" variant="h2" sx={{ mb: 1.5 }}>
          {t('dashboard.countsHeading')}
        </Typography>
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' } }}>
          {COUNTS.map((c, i) => (
            <CountCard
              key={c.key}
              label={t(`dashboard.counts.${c.key}`)}
              hint={t(`dashboard.countsHint.${c.key}`)}
              value={results[i]?.data?.total ?? '–'}
              loading={!!results[i]?.isPending}
              to={registerHref(c.status ? { senStatus: c.status } : {})}
            />
          ))}
        </Box>
        {onRoll === 0 ? (
          <Alert
            severity="info"
            sx={{ mt: 2 }}
            action={
              <Button component={RouterLink} to="/pupils/new" color="inherit" size="small">
                {t('register.add')}
              </Button>
            }
          >
            {t('dashboard.noPupils')}
          </Alert>
        ) : null}
      </Box>
      <Box component="section" aria-labelledby="due-heading">
        <Typography id="due-heading" variant="h2" sx={{ mb: 1.5 }}>
          {t('dashboard.dueHeading')}
        </Typography>
        <Alert severity="info" variant="outlined" sx={{ bgcolor: 'background.paper' }}>
          <AlertTitle>{t('dashboard.clocksTitle')}</AlertTitle>
          {t('dashboard.clocksBody')}
        </Alert>
      </Box>
    </>
  );
}
