import type { ReactNode } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { AddPupilButton } from '../components/register/add-pupil-button';
import ArrowForward from '@mui/icons-material/ArrowForward';
import { formatLongDate, todayIso } from '../../../shared/dates';
import type { Role, SenStatus } from '../../../shared/domain';
import { call } from '../api/client';
import { useSessionInfo } from '../auth/auth';
import { ClocksSection } from '../components/clocks/clocks-dashboard';
import { ReviewActionsCard } from '../components/reviews/actions-card';
import { SafeguardingCard } from '../components/safeguarding/safeguarding-card';
import { StaffAlertsCard } from '../components/staff/staff-alerts-card';
import { PolicyReviewCard } from '../components/governance/policy-review-card';
import { TrustFiguresSection } from '../components/trust/trust-figures';
import { canReadReviews } from '../components/reviews/review-parts';
import { PageHeader } from '../components/page-header';
import { QueryError } from '../components/status';
import { registerHref } from '../lib/register-params';
import { usePageTitle } from '../lib/use-page-title';

interface CountDef {
  readonly key: 'onRoll' | 'ehc' | 'senSupport';
  readonly status: SenStatus | null;
}

/** Who may read the clocks (clocks.list) and the register summary (register.summary); the contract refuses others. */
const CLOCK_READERS: ReadonlySet<Role> = new Set(['senco', 'therapy_lead', 'headteacher']);
const SUMMARY_READERS: ReadonlySet<Role> = new Set(['senco', 'therapy_lead', 'headteacher', 'office']);

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
  const role = info.user.role;
  const canSummary = SUMMARY_READERS.has(role);
  // One unaudited summary gives all three counts; roles the summary refuses count through the register itself.
  const summary = useQuery({ queryKey: ['register.summary', {}], queryFn: () => call('register.summary', {}), enabled: canSummary });
  const fallback = useQueries({
    queries: canSummary || role === 'trust_lead'
      ? []
      : COUNTS.map((c) => ({
          queryKey: ['pupils.list', 'count', c.status],
          queryFn: () => call('pupils.list', { ...(c.status ? { senStatus: c.status } : {}), page: 0, pageSize: 1 }),
        })),
  });
  const counts: Record<CountDef['key'], number | undefined> = canSummary
    ? { onRoll: summary.data?.total, ehc: summary.data?.byStatus.E, senSupport: summary.data?.byStatus.K }
    : { onRoll: fallback[0]?.data?.total, ehc: fallback[1]?.data?.total, senSupport: fallback[2]?.data?.total };
  const loading = canSummary ? summary.isPending : fallback.some((r) => r.isPending);
  const failed = canSummary ? summary.error : (fallback.find((r) => r.error)?.error ?? null);
  const retry = () => (canSummary ? void summary.refetch() : fallback.forEach((r) => void r.refetch()));
  const onRoll = counts.onRoll;

  // The trust's SEND lead: the schools' figures side by side, and no school's records (electron/core/scope.ts).
  if (role === 'trust_lead') {
    return (
      <>
        <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.subtitle', { name: info.user.displayName, date: formatLongDate(todayIso()) })} />
        <TrustFiguresSection />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={t('dashboard.subtitle', { name: info.user.displayName, date: formatLongDate(todayIso()) })}
        actions={<AddPupilButton />}
      />
      <SafeguardingCard />
      {CLOCK_READERS.has(role) ? <ClocksSection /> : null}
      {canReadReviews(role) ? <ReviewActionsCard /> : null}
      <StaffAlertsCard />
      <PolicyReviewCard />
      <Box component="section" aria-labelledby="counts-heading" sx={{ mb: 3 }}>
        <Typography id="counts-heading" variant="h2" sx={{ mb: 1.5 }}>
          {t('dashboard.countsHeading')}
        </Typography>
        {failed ? (
          <Box sx={{ mb: 2 }}>
            <QueryError error={failed} onRetry={retry} />
          </Box>
        ) : null}
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' } }}>
          {COUNTS.map((c) => (
            <CountCard
              key={c.key}
              label={t(`dashboard.counts.${c.key}`)}
              hint={t(`dashboard.countsHint.${c.key}`)}
              value={counts[c.key] ?? '–'}
              loading={loading}
              to={registerHref(c.status ? { senStatus: c.status } : {})}
            />
          ))}
        </Box>
        {onRoll === 0 ? (
          <Alert
            severity="info"
            sx={{ mt: 2 }}
            action={
              <AddPupilButton variant="text" color="inherit" size="small" icon={false} />
            }
          >
            {t('dashboard.noPupils')}
          </Alert>
        ) : null}
      </Box>
    </>
  );
}
