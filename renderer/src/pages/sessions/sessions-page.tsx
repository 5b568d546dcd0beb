/**
 * Sessions: today's sessions first, as cards to record in a few keystrokes (the signed-in practitioner's own, or
 * everyone's for the SENCo and therapy lead); then scheduling, practitioners' caseloads, a calendar download for a
 * practitioner (.ics, pupil initials only) and the provision delivered report.
 */
import { useId, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { codeLabel } from '../../../../shared/i18n';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import BarChartOutlined from '@mui/icons-material/BarChartOutlined';
import CalendarMonthOutlined from '@mui/icons-material/CalendarMonthOutlined';
import DownloadOutlined from '@mui/icons-material/DownloadOutlined';
import EventAvailableOutlined from '@mui/icons-material/EventAvailableOutlined';
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import type { SessionView } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { PageHeader } from '../../components/page-header';
import { EmptyState, Loading, QueryError } from '../../components/status';
import { RecordForm, recordDraftKey } from '../../components/sessions/record-form';
import { DraftShelfProvider } from '../../components/draft-shelf';
import { ScheduleDialog } from '../../components/sessions/schedule-dialog';
import { StatsCharts } from '../../components/sessions/stats-charts';
import { addDaysIso, minutesInWords } from '../../components/sessions/session-model';
import { usePractitioners } from '../../components/sessions/use-practitioners';
import { useDisciplines } from '../../components/therapy/use-disciplines';
import { usePageTitle } from '../../lib/use-page-title';
import { saveBlob } from '../../components/register/download';
import { qk } from '../../lib/query-keys';

const SCHEDULERS = ['senco', 'therapy_lead', 'therapist', 'office'];
const SEE_ALL = ['senco', 'therapy_lead', 'headteacher', 'office', 'teacher'];
/** Teachers and TAs see the timetable of the pupils in their classes (the core limits the list; notes withheld). */
const CLASS_SCOPED = ['teacher'];
const RECORDERS = ['senco', 'therapy_lead', 'therapist'];
const OVERSEERS = ['senco', 'therapy_lead', 'headteacher'];
const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

function SessionCard({ session, canRecord }: { readonly session: SessionView; readonly canRecord: boolean }) {
  const { t } = useTranslation();
  const disciplines = useDisciplines();
  const id = useId();
  return (
    <Paper variant="outlined" component="article" aria-labelledby={id} sx={{ p: 2, display: 'grid', gap: 1.5 }} data-testid="today-session">
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography id={id} variant="h3" sx={{ fontSize: '1.05rem', flex: 1 }}>
          {session.startTime}–{session.endTime} · {session.title}
        </Typography>
        <Chip size="small" variant="outlined" label={disciplines.label(session.discipline)} />
        {session.recorded ? (
          <Chip size="small" color="success" variant="outlined" label={t('sessionsUi.today.recorded')} />
        ) : (
          <Chip size="small" variant="outlined" label={t('sessionsUi.today.toRecord')} />
        )}
      </Box>
      <Typography variant="body2" color="text.secondary">
        {t('sessionsUi.withLine', { names: session.practitioners.map((p) => p.name).join(', ') })}
        {session.location ? ` · ${session.location}` : ''}
      </Typography>
      {canRecord ? (
        <RecordForm session={session} />
      ) : (
        <Typography variant="body2">
          {session.pupils.map((p) => `${p.name} (${t(`sessionsUi.attendance.${p.attendance}`)})`).join(', ')}
        </Typography>
      )}
    </Paper>
  );
}

function PractitionerChart({
  practitioner,
  onClose,
}: {
  readonly practitioner: { readonly userId: string; readonly name: string };
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const stats = useQuery({
    queryKey: qk('sessions.stats', { practitionerId: practitioner.userId }),
    queryFn: () => call('sessions.stats', { practitionerId: practitioner.userId }),
  });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{t('sessionsUi.chart.title', { name: practitioner.name })}</DialogTitle>
      <DialogContent data-testid="practitioner-chart">
        {stats.isPending ? (
          <Loading />
        ) : stats.error ? (
          <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
        ) : (
          <StatsCharts stats={stats.data} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('sessionsUi.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

function CaseloadTable() {
  const { t } = useTranslation();
  const heading = useId();
  const [charting, setCharting] = useState<{ readonly userId: string; readonly name: string } | null>(null);
  const caseload = useQuery({ queryKey: qk('practitioners.caseload'), queryFn: () => call('practitioners.caseload', {}) });
  return (
    <Paper variant="outlined" component="section" aria-labelledby={heading} sx={{ p: 2.5 }}>
      <Typography id={heading} variant="h2" sx={{ fontSize: '1.15rem', mb: 1.5 }}>
        {t('sessionsUi.caseload.title')}
      </Typography>
      {caseload.isPending ? (
        <Loading />
      ) : caseload.error ? (
        <QueryError error={caseload.error} onRetry={() => void caseload.refetch()} />
      ) : caseload.data.length === 0 ? (
        <Typography color="text.secondary">{t('sessionsUi.caseload.empty')}</Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-labelledby={heading}>
            <TableHead>
              <TableRow>
                <TableCell>{t('sessionsUi.caseload.name')}</TableCell>
                <TableCell>{t('sessionsUi.caseload.role')}</TableCell>
                <TableCell align="right">{t('sessionsUi.caseload.pupils')}</TableCell>
                <TableCell align="right">{t('sessionsUi.caseload.weekly')}</TableCell>
                <TableCell align="right">{t('sessionsUi.caseload.thisWeek')}</TableCell>
                <TableCell>
                  <Box component="span" sx={visuallyHidden}>
                    {t('sessionsUi.chart.button')}
                  </Box>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {caseload.data.map((c) => (
                <TableRow key={c.userId}>
                  <TableCell>{c.name}</TableCell>
                  <TableCell>{codeLabel('roles', c.role)}</TableCell>
                  <TableCell align="right">{c.pupils}</TableCell>
                  <TableCell align="right">{minutesInWords(c.weeklyMinutes)}</TableCell>
                  <TableCell align="right">{c.sessionsThisWeek}</TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      startIcon={<BarChartOutlined />}
                      aria-label={t('sessionsUi.chart.buttonAria', { name: c.name })}
                      onClick={() => setCharting({ userId: c.userId, name: c.name })}
                    >
                      {t('sessionsUi.chart.button')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {charting ? <PractitionerChart practitioner={charting} onClose={() => setCharting(null)} /> : null}
    </Paper>
  );
}

function IcsDownload() {
  const { t } = useTranslation();
  const heading = useId();
  const practitioners = usePractitioners();
  const [chosen, setChosen] = useState('');
  const practitionerId = chosen || practitioners.me?.id || practitioners.list[0]?.id || '';
  const download = useMutation({
    mutationFn: async () => {
      const from = todayIso();
      const res = await call('sessions.ics', { practitionerId, from, to: addDaysIso(from, 183) });
      saveBlob(res.filename, new Blob([res.ics], { type: 'text/calendar;charset=utf-8' }));
      return res.events;
    },
  });
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={heading}
      sx={{ p: 2.5, display: 'grid', gap: 1.5, alignContent: 'start' }}
    >
      <Typography id={heading} variant="h2" sx={{ fontSize: '1.15rem' }}>
        {t('sessionsUi.ics.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('sessionsUi.ics.intro')}
      </Typography>
      {practitioners.list.length === 0 ? (
        <Typography color="text.secondary">{t('sessionsUi.ics.none')}</Typography>
      ) : (
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'center' }}>
          <TextField
            select
            size="small"
            label={t('sessionsUi.fields.practitioner')}
            value={practitionerId}
            onChange={(e) => setChosen(e.target.value)}
            sx={{ minWidth: 220 }}
          >
            {practitioners.list.map((p) => (
              <MenuItem key={p.id} value={p.id}>
                {p.name}
              </MenuItem>
            ))}
          </TextField>
          <Button
            variant="outlined"
            startIcon={<DownloadOutlined />}
            onClick={() => download.mutate()}
            disabled={!practitionerId || download.isPending}
          >
            {t('sessionsUi.ics.download')}
          </Button>
        </Box>
      )}
      {download.data !== undefined ? (
        <Typography role="status" variant="body2">
          {t('sessionsUi.ics.done', { count: download.data })}
        </Typography>
      ) : null}
      {download.error ? <Alert severity="error">{download.error.message}</Alert> : null}
    </Paper>
  );
}

export default function SessionsPage() {
  const { t } = useTranslation();
  const title = t('sessionsUi.page.title');
  usePageTitle(title);
  const info = useSessionInfo();
  const role = info.user.role;
  const seeAll = SEE_ALL.includes(role);
  const classScoped = CLASS_SCOPED.includes(role);
  const today = todayIso();
  const [scheduling, setScheduling] = useState(false);
  const todayHeading = useId();
  const sessions = useQuery({
    queryKey: qk('sessions.list', { from: today, to: today, practitionerId: seeAll ? undefined : info.user.id }),
    queryFn: () => call('sessions.list', { from: today, to: today, practitionerId: seeAll ? undefined : info.user.id }),
  });
  const list = [...(sessions.data ?? [])].sort((a, b) => a.startTime.localeCompare(b.startTime));
  const open = list.filter((s) => !s.recorded).length;

  return (
    <>
      <PageHeader
        title={title}
        subtitle={t('sessionsUi.page.subtitle')}
        actions={
          <>
            {OVERSEERS.includes(role) ? (
              <Button component={RouterLink} to="/provision" variant="outlined" startIcon={<FactCheckOutlined />}>
                {t('sessionsUi.page.provisionLink')}
              </Button>
            ) : null}
            <Button component={RouterLink} to="/calendar" variant="outlined" startIcon={<CalendarMonthOutlined />}>
              {t('sessionsUi.page.calendarLink')}
            </Button>
            {SCHEDULERS.includes(role) ? (
              <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setScheduling(true)}>
                {t('sessionsUi.scheduleButton')}
              </Button>
            ) : null}
          </>
        }
      />
      <Box sx={{ display: 'grid', gap: 2 }}>
        <Box component="section" aria-labelledby={todayHeading} sx={{ display: 'grid', gap: 1.5 }}>
          <Box>
            <Typography id={todayHeading} variant="h2" sx={{ fontSize: '1.25rem' }}>
              {t('sessionsUi.today.title', { date: formatLongDate(today) })}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {classScoped
                ? t('scopeUi.sessions.introClasses')
                : sessions.data && list.length > 0
                  ? t('sessionsUi.today.summary', { count: list.length, open })
                  : seeAll
                    ? t('sessionsUi.today.introAll')
                    : t('sessionsUi.today.introMine')}
            </Typography>
          </Box>
          {sessions.isPending ? (
            <Loading />
          ) : sessions.error ? (
            <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
          ) : list.length === 0 ? (
            <Paper variant="outlined">
              <EmptyState
                icon={<EventAvailableOutlined />}
                title={t('sessionsUi.today.emptyTitle')}
                body={
                  classScoped
                    ? t('scopeUi.sessions.emptyClasses')
                    : seeAll
                      ? t('sessionsUi.today.emptyAll')
                      : t('sessionsUi.today.emptyMine')
                }
                action={
                  SCHEDULERS.includes(role) ? (
                    <Button variant="outlined" startIcon={<AddOutlined />} onClick={() => setScheduling(true)}>
                      {t('sessionsUi.scheduleButton')}
                    </Button>
                  ) : undefined
                }
              />
            </Paper>
          ) : (
            // One look-up (drafts.list) for the drafts of every card's record form, not one drafts.get per card.
            <DraftShelfProvider keys={RECORDERS.includes(role) ? list.map((s) => recordDraftKey(s.id)) : []}>
              {list.map((s) => (
                <SessionCard key={s.id} session={s} canRecord={RECORDERS.includes(role)} />
              ))}
            </DraftShelfProvider>
          )}
        </Box>
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '2fr 1fr' }, alignItems: 'start' }}>
          {OVERSEERS.includes(role) ? <CaseloadTable /> : <Box />}
          {RECORDERS.includes(role) ? <IcsDownload /> : null}
        </Box>
      </Box>
      {scheduling ? <ScheduleDialog onClose={() => setScheduling(false)} /> : null}
    </>
  );
}
