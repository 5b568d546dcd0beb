/**
 * The dashboard: a worklist for the person signed in (issue 17, item 1). "Do next" first (their deadlines, review
 * actions and sessions to record, by pupil, most urgent first; everyone's on request for the SENCo, therapy lead and
 * headteacher), and beside it everything else folded into counts, each opening exactly its list. It fits the first
 * screen at 1366x768; the full lists are on the worklist page (/worklist) and the pages the counts open. The DSL's
 * safeguarding counts stay above it. The trust SEND lead sees the schools' figures instead.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import { AddPupilButton } from '../components/register/add-pupil-button';
import { formatLongDate, todayIso } from '../../../shared/dates';
import type { Role, SenStatus } from '../../../shared/domain';
import { call } from '../api/client';
import { useSessionInfo } from '../auth/auth';
import { useCan } from '../auth/use-can';
import { SafeguardingCard } from '../components/safeguarding/safeguarding-card';
import { TrustFiguresSection } from '../components/trust/trust-figures';
import { PageHeader } from '../components/page-header';
import { DoNext } from '../components/dashboard/do-next';
import { EverythingElse, type CountRow } from '../components/dashboard/everything-else';
import { registerHref } from '../lib/register-params';
import { usePageTitle } from '../lib/use-page-title';
import { PassportsCard } from '../components/dashboard/passports-card';
import { qk } from '../lib/query-keys';

/** Who may read the register summary (register.summary); the contract refuses others. */
const SUMMARY_READERS: ReadonlySet<Role> = new Set(['senco', 'therapy_lead', 'headteacher', 'office']);

const COUNTS: readonly { readonly key: 'onRoll' | 'ehc' | 'senSupport'; readonly status: SenStatus | null }[] = [
  { key: 'onRoll', status: null },
  { key: 'ehc', status: 'E' },
  { key: 'senSupport', status: 'K' },
];

/** The worklist page's address for a list: the deadlines by state, the review actions, the sessions to record. */
export function worklistHref(
  list: 'deadlines' | 'actions' | 'sessions' | 'staff' | 'policies',
  state?: 'overdue' | 'due_this_week' | 'upcoming',
): string {
  if (list === 'deadlines') return `/worklist${state ? `?state=${state}` : ''}`;
  return `/worklist?list=${list}`;
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const info = useSessionInfo();
  usePageTitle(t('dashboard.title'));
  const role = info.user.role;
  const [params, setParams] = useSearchParams();
  const everyone = params.get('whose') === 'everyone';
  const canWorklist = useCan('dashboard.worklist');
  const canSummary = SUMMARY_READERS.has(role);
  const canStaff = useCan('staff.alerts');
  // "Mine" asks with {} (what a connected desk fetches ahead for offline use); everyone's with { everyone: true }.
  const input = everyone ? { everyone: true } : {};
  const work = useQuery({
    queryKey: qk('dashboard.worklist', input),
    queryFn: () => call('dashboard.worklist', input),
    enabled: canWorklist,
  });
  const summary = useQuery({ queryKey: qk('register.summary', {}), queryFn: () => call('register.summary', {}), enabled: canSummary });
  const staff = useQuery({ queryKey: qk('staff.alerts'), queryFn: () => call('staff.alerts', {}), enabled: canStaff });
  const policies = useQuery({ queryKey: qk('policies.list'), queryFn: () => call('policies.list', {}), enabled: role !== 'trust_lead' });
  // Roles the summary refuses count through the register itself.
  const fallback = useQueries({
    queries:
      canSummary || role === 'trust_lead'
        ? []
        : COUNTS.map((c) => ({
            queryKey: qk('pupils.list', 'count', c.status),
            queryFn: () => call('pupils.list', { ...(c.status ? { senStatus: c.status } : {}), page: 0, pageSize: 1 }),
          })),
  });

  const subtitle = t('dashboard.subtitle', { name: info.user.displayName, date: formatLongDate(todayIso()) });
  // The trust's SEND lead: the schools' figures side by side, and no school's records (electron/core/scope.ts).
  if (role === 'trust_lead') {
    return (
      <>
        <PageHeader title={t('dashboard.title')} subtitle={subtitle} />
        <TrustFiguresSection />
      </>
    );
  }

  const w = work.data;
  const pupilCounts: Record<'onRoll' | 'ehc' | 'senSupport', number | undefined> = canSummary
    ? { onRoll: summary.data?.total, ehc: summary.data?.byStatus.E, senSupport: summary.data?.byStatus.K }
    : { onRoll: fallback[0]?.data?.total, ehc: fallback[1]?.data?.total, senSupport: fallback[2]?.data?.total };
  const staffAlerts = staff.data?.length;
  const policiesDue = policies.data ? policies.data.filter((p) => p.state !== 'ok').length : undefined;
  const urgentIcon = <ErrorOutline fontSize="inherit" aria-hidden sx={{ color: 'error.dark' }} />;

  const rows: CountRow[] = [];
  if (w?.counts.clocks) {
    rows.push({
      key: 'overdue',
      label: t('worklistUi.rest.overdue'),
      count: w.counts.clocks.overdue,
      to: worklistHref('deadlines', 'overdue'),
      urgent: true,
      icon: w.counts.clocks.overdue ? urgentIcon : null,
    });
    rows.push({
      key: 'due_this_week',
      label: t('worklistUi.rest.dueThisWeek'),
      count: w.counts.clocks.due_this_week,
      to: worklistHref('deadlines', 'due_this_week'),
    });
    rows.push({
      key: 'upcoming',
      label: t('worklistUi.rest.upcoming'),
      count: w.counts.clocks.upcoming,
      to: worklistHref('deadlines', 'upcoming'),
    });
  }
  if (w?.counts.goldenThread) {
    rows.push({
      key: 'golden-thread',
      label: t('worklistUi.rest.goldenThread'),
      count: w.counts.goldenThread.pupils,
      to: registerHref({ thread: 'problems' }),
    });
  }
  if (w?.counts.actions) {
    rows.push({
      key: 'actions',
      label: t('worklistUi.rest.actions'),
      count: w.counts.actions.open,
      to: worklistHref('actions'),
      note: w.counts.actions.overdue ? t('worklistUi.rest.actionsOverdue', { count: w.counts.actions.overdue }) : null,
    });
  }
  if (w && w.counts.sessionsToRecord !== null) {
    rows.push({
      key: 'sessions',
      label: t('worklistUi.rest.sessions'),
      count: w.counts.sessionsToRecord,
      to: worklistHref('sessions'),
      // Earlier ones this school year are counted beside it, not lost.
      note: w.counts.sessionsToRecordEarlier ? t('worklistUi.rest.sessionsEarlier', { count: w.counts.sessionsToRecordEarlier }) : null,
    });
  }
  if (canStaff) rows.push({ key: 'staff', label: t('worklistUi.rest.staff'), count: staffAlerts, to: worklistHref('staff') });
  rows.push({ key: 'policies', label: t('worklistUi.rest.policies'), count: policiesDue, to: worklistHref('policies') });
  for (const c of COUNTS)
    rows.push({
      key: c.key,
      label: t(`worklistUi.rest.${c.key}`),
      count: pupilCounts[c.key],
      to: registerHref(c.status ? { senStatus: c.status } : {}),
    });

  const setWhose = (all: boolean) => {
    const next = new URLSearchParams(params);
    if (all) next.set('whose', 'everyone');
    else next.delete('whose');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('dashboard.title')} subtitle={subtitle} actions={<AddPupilButton />} />
      <SafeguardingCard />
      {pupilCounts.onRoll === 0 ? (
        <Alert severity="info" sx={{ mb: 2 }} action={<AddPupilButton variant="text" color="inherit" size="small" icon={false} />}>
          {t('dashboard.noPupils')}
        </Alert>
      ) : null}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1.7fr) minmax(0, 1fr)' }, alignItems: 'start' }}>
        {canWorklist ? (
          <DoNext
            data={w}
            error={work.error}
            pending={work.isPending}
            everyone={everyone}
            onWhose={setWhose}
            onRetry={() => void work.refetch()}
          />
        ) : (
          <Box />
        )}
        <EverythingElse rows={rows} loading={work.isPending && canWorklist} />
      </Box>
      {/* A teacher's or TA's pupil passports (issue 18, item 3): how to teach each pupil in their classes. */}
      {role === 'teacher' ? <PassportsCard /> : null}
    </>
  );
}
