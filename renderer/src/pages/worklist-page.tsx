/**
 * The worklist in full: the lists the dashboard's counts open (issue 17, item 1). Deadlines (the clocks list, with
 * its filters in the address: `?state=overdue` shows exactly the overdue ones), the open actions from reviews, and
 * the sessions still to record (the list dashboard.worklist counts), the staff checks and training needing
 * attention (staff.alerts) and the policies whose review is due. `?list=` chooses the tab; deadlines by default.
 */
import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Role } from '../../../shared/domain';
import { formatLongDate } from '../../../shared/dates';
import { call } from '../api/client';
import { useSessionInfo } from '../auth/auth';
import { ClocksSection } from '../components/clocks/clocks-dashboard';
import { ReviewActionsCard } from '../components/reviews/actions-card';
import { canReadReviews } from '../components/reviews/review-parts';
import { StaffAlertsCard } from '../components/staff/staff-alerts-card';
import { PolicyReviewCard } from '../components/governance/policy-review-card';
import { useCan } from '../auth/use-can';
import { PageHeader } from '../components/page-header';
import { Loading, QueryError } from '../components/status';
import { usePageTitle } from '../lib/use-page-title';
import { qk } from '../lib/query-keys';

const LISTS = ['deadlines', 'actions', 'sessions', 'staff', 'policies'] as const;
type List = (typeof LISTS)[number];
/** Who may read the clocks (clocks.list). */
const CLOCK_READERS: ReadonlySet<Role> = new Set(['senco', 'therapy_lead', 'headteacher']);

function SessionsToRecord() {
  const { t } = useTranslation();
  const heading = useId();
  // The same operation as the dashboard's count, asked for the list: the list is the one counted.
  const input = { withSessions: true };
  const query = useQuery({ queryKey: qk('dashboard.worklist', input), queryFn: () => call('dashboard.worklist', input) });
  const sessions = query.data?.sessionsToRecord ?? [];
  return (
    <Paper variant="outlined" component="section" aria-labelledby={heading} sx={{ p: 2.5 }} data-testid="sessions-to-record">
      <Typography id={heading} variant="h2" sx={{ mb: 0.5 }}>
        {t('worklistUi.page.sessions')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {query.data ? t('worklistUi.page.sessionsIntro', { date: formatLongDate(query.data.toRecordFrom) }) : null}
      </Typography>
      {query.data?.counts.sessionsToRecordEarlier ? (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="sessions-earlier">
          {t('worklistUi.page.sessionsEarlier', {
            count: query.data.counts.sessionsToRecordEarlier,
            date: formatLongDate(query.data.toRecordFrom),
          })}
        </Alert>
      ) : null}
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : sessions.length === 0 ? (
        <Typography color="text.secondary">{t('worklistUi.page.sessionsNone')}</Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-label={t('worklistUi.page.sessionsLabel')} sx={{ '& th': { fontWeight: 600 } }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('worklistUi.page.columns.date')}</TableCell>
                <TableCell>{t('worklistUi.page.columns.title')}</TableCell>
                <TableCell>{t('worklistUi.page.columns.pupils')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sessions.map((s) => (
                <TableRow key={s.id} data-testid="session-to-record-row">
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Link
                      component={RouterLink}
                      to={`/calendar?date=${s.date}&view=timeGridDay`}
                      aria-label={t('worklistUi.page.openSession', { date: formatLongDate(s.date) })}
                    >
                      {formatLongDate(s.date)}
                    </Link>
                    {`, ${s.startTime}`}
                  </TableCell>
                  <TableCell>{s.title}</TableCell>
                  <TableCell>
                    {s.pupils.map((p, i) => (
                      <span key={p.id}>
                        {i ? ', ' : ''}
                        <Link component={RouterLink} to={`/pupils/${encodeURIComponent(p.id)}?tab=sessions`}>
                          {p.name}
                        </Link>
                      </span>
                    ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}

export default function WorklistPage() {
  const { t } = useTranslation();
  usePageTitle(t('worklistUi.page.title'));
  const role = useSessionInfo().user.role;
  const canStaff = useCan('staff.alerts');
  const [params, setParams] = useSearchParams();
  const may: Readonly<Record<List, boolean>> = {
    deadlines: CLOCK_READERS.has(role),
    actions: canReadReviews(role),
    sessions: true,
    staff: canStaff,
    policies: true,
  };
  const available: readonly List[] = LISTS.filter((l) => may[l]);
  const asked = params.get('list') as List | null;
  const list: List = asked && available.includes(asked) ? asked : (available[0] ?? 'sessions');
  return (
    <>
      <PageHeader
        title={t('worklistUi.page.title')}
        subtitle={
          <Link component={RouterLink} to="/">
            {t('worklistUi.page.back')}
          </Link>
        }
      />
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs
          value={list}
          onChange={(_e, v: List) => setParams(v === 'deadlines' ? {} : { list: v })}
          aria-label={t('worklistUi.page.tabsLabel')}
          variant="scrollable"
          allowScrollButtonsMobile
        >
          {available.map((l) => (
            <Tab key={l} value={l} label={t(`worklistUi.page.${l}`)} />
          ))}
        </Tabs>
      </Box>
      {list === 'deadlines' ? (
        <ClocksSection />
      ) : list === 'actions' ? (
        <ReviewActionsCard />
      ) : list === 'staff' ? (
        <StaffAlertsCard />
      ) : list === 'policies' ? (
        <PolicyReviewCard dueOnly />
      ) : (
        <SessionsToRecord />
      )}
    </>
  );
}
