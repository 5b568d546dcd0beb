/**
 * A pupil's "Sessions" tab: their provision delivered against their EHC plan and plans, their sessions this half
 * of the calendar (upcoming and past), and two charts from the year so far: attendance per month, and minutes
 * scheduled against delivered per month (patterned bars, so they read in greyscale).
 */
import { useId, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import type { PupilProfile } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { Loading, QueryError } from '../../components/status';
import { ProtectedLessons } from '../../components/sessions/protected-lessons';
import { ProvisionTable } from '../../components/sessions/provision-table';
import { ScheduleDialog } from '../../components/sessions/schedule-dialog';
import { StatsCharts } from '../../components/sessions/stats-charts';
import { addDaysIso, type Period } from '../../components/sessions/session-model';
import { useDisciplines } from '../../components/therapy/use-disciplines';
import { yearGroupLabel } from '../../../../shared/i18n';
import { qk } from '../../lib/query-keys';

const PROVISION_READERS = ['senco', 'therapy_lead', 'headteacher'];
const STATS_READERS = ['senco', 'therapy_lead', 'therapist', 'headteacher'];
const SCHEDULERS = ['senco', 'therapy_lead', 'therapist', 'office'];

function Card({ title, children, action }: { readonly title: string; readonly children: ReactNode; readonly action?: ReactNode }) {
  const id = useId();
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 2.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1.5, gap: 1, flexWrap: 'wrap' }}>
        <Typography id={id} variant="h2" sx={{ fontSize: '1.15rem', flex: 1 }}>
          {title}
        </Typography>
        {action}
      </Box>
      {children}
    </Paper>
  );
}

export function PupilSessionsTab({ pupil }: { readonly pupil: PupilProfile }) {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const role = info.user.role;
  const disciplines = useDisciplines();
  const [period, setPeriod] = useState<Period>('term');
  const [scheduling, setScheduling] = useState(false);
  const today = todayIso();
  const from = addDaysIso(today, -31);
  const to = addDaysIso(today, 31);
  const provision = useQuery({
    queryKey: qk('provision.delivered', { pupilId: pupil.id }),
    queryFn: () => call('provision.delivered', { pupilId: pupil.id }),
    enabled: PROVISION_READERS.includes(role),
  });
  const stats = useQuery({
    queryKey: qk('sessions.stats', { pupilId: pupil.id }),
    queryFn: () => call('sessions.stats', { pupilId: pupil.id }),
    enabled: STATS_READERS.includes(role),
  });
  const sessions = useQuery({
    queryKey: qk('sessions.list', { from, to, pupilId: pupil.id }),
    queryFn: () => call('sessions.list', { from, to, pupilId: pupil.id }),
  });
  const list = [...(sessions.data ?? [])].sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime));
  const upcoming = list.filter((s) => s.date >= today);
  const past = list.filter((s) => s.date < today).reverse();

  const sessionRows = (rows: typeof list, empty: string) =>
    rows.length === 0 ? (
      <Typography color="text.secondary" sx={{ py: 1 }}>
        {empty}
      </Typography>
    ) : (
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t('sessionsUi.pupil.date')}</TableCell>
            <TableCell>{t('sessionsUi.pupil.session')}</TableCell>
            <TableCell>{t('sessionsUi.fields.discipline')}</TableCell>
            <TableCell>{t('sessionsUi.fields.practitioner')}</TableCell>
            <TableCell>{t('sessionsUi.pupil.attendance')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((s) => {
            const me = s.pupils.find((p) => p.pupilId === pupil.id);
            return (
              <TableRow key={s.id}>
                <TableCell>
                  {formatLongDate(s.date)}, {s.startTime}–{s.endTime}
                </TableCell>
                <TableCell>{s.title}</TableCell>
                <TableCell>{disciplines.label(s.discipline)}</TableCell>
                <TableCell>{s.practitioners.map((p) => p.name).join(', ')}</TableCell>
                <TableCell>
                  {me ? t(`sessionsUi.attendance.${me.attendance}`) : ''}
                  {me?.attendance === 'cancelled' && me.cancelledBy ? ` (${t(`sessionsUi.byShort.${me.cancelledBy}`)})` : ''}
                  {me?.attendance === 'attended' && me.deliveredMinutes !== null
                    ? ` (${t('sessionsUi.minutesShort', { count: me.deliveredMinutes })})`
                    : ''}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    );

  return (
    <Box sx={{ display: 'grid', gap: 2 }} data-testid="pupil-sessions-tab">
      {PROVISION_READERS.includes(role) ? (
        <Card
          title={t('sessionsUi.pupil.provisionTitle')}
          action={
            <ToggleButtonGroup
              exclusive
              size="small"
              value={period}
              onChange={(_, v: Period | null) => v && setPeriod(v)}
              aria-label={t('sessionsUi.provision.periodAria')}
            >
              <ToggleButton value="term" sx={{ textTransform: 'none' }}>
                {t('sessionsUi.provision.term')}
              </ToggleButton>
              <ToggleButton value="year" sx={{ textTransform: 'none' }}>
                {t('sessionsUi.provision.year')}
              </ToggleButton>
            </ToggleButtonGroup>
          }
        >
          {provision.isPending ? (
            <Loading />
          ) : provision.error ? (
            <QueryError error={provision.error} onRetry={() => void provision.refetch()} />
          ) : provision.data.lines.length === 0 ? (
            <Typography color="text.secondary">{t('sessionsUi.pupil.noProvision', { year: yearGroupLabel(pupil.yearGroup) })}</Typography>
          ) : (
            <ProvisionTable lines={provision.data.lines} period={period} sort="shortfall" direction="desc" showPupil={false} />
          )}
        </Card>
      ) : null}
      <Card
        title={t('sessionsUi.pupil.sessionsTitle')}
        action={
          SCHEDULERS.includes(role) ? (
            <Button size="small" variant="outlined" startIcon={<AddOutlined />} onClick={() => setScheduling(true)}>
              {t('sessionsUi.scheduleButton')}
            </Button>
          ) : undefined
        }
      >
        {sessions.isPending ? (
          <Loading />
        ) : sessions.error ? (
          <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : (
          <Box sx={{ display: 'grid', gap: 2 }}>
            <Box>
              <Typography variant="h3" sx={{ fontSize: '1rem', mb: 0.5 }}>
                {t('sessionsUi.pupil.upcoming')}
              </Typography>
              {sessionRows(upcoming, t('sessionsUi.pupil.noUpcoming'))}
            </Box>
            <Box>
              <Typography variant="h3" sx={{ fontSize: '1rem', mb: 0.5 }}>
                {t('sessionsUi.pupil.past')}
              </Typography>
              {sessionRows(past, t('sessionsUi.pupil.noPast'))}
            </Box>
            <Button component={RouterLink} to="/calendar" size="small" sx={{ justifySelf: 'start' }}>
              {t('sessionsUi.pupil.openCalendar')}
            </Button>
          </Box>
        )}
      </Card>
      <Card title={t('sessionsUi.protected.title')}>
        <ProtectedLessons pupilId={pupil.id} />
      </Card>
      {STATS_READERS.includes(role) ? (
        <Card title={t('sessionsUi.pupil.statsTitle')}>
          {stats.isPending ? (
            <Loading />
          ) : stats.error ? (
            <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
          ) : (
            <StatsCharts stats={stats.data} />
          )}
        </Card>
      ) : null}
      {scheduling ? (
        <ScheduleDialog
          onClose={() => setScheduling(false)}
          initialPupil={{ id: pupil.id, name: pupil.name, detail: yearGroupLabel(pupil.yearGroup) }}
        />
      ) : null}
    </Box>
  );
}
