/**
 * The sessions calendar: day, week and month views over school hours, Monday first, weekends hidden. Each event
 * is coloured by discipline and always labelled in words (time, title, discipline, pupil initials). Holidays and
 * closures are shaded with their names. Click an event for its details; drag it to move it (the core checks
 * clashes; a refused move goes back where it was and says why).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import timeGridPlugin from '@fullcalendar/timegrid';
import interactionPlugin from '@fullcalendar/interaction';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import type { DatesSetArg, EventClickArg, EventContentArg, EventDropArg, EventInput } from '@fullcalendar/core';
import { format } from 'date-fns';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import Close from '@mui/icons-material/Close';
import AddOutlined from '@mui/icons-material/AddOutlined';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlineOutlined';
import EditNoteOutlined from '@mui/icons-material/EditNoteOutlined';
import EventBusyOutlined from '@mui/icons-material/EventBusyOutlined';
import ScheduleOutlined from '@mui/icons-material/ScheduleOutlined';
import { TO_RECORD_DAYS, type SessionView } from '../../../../shared/contract';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { invoke, call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/status';
import { academicYearOf } from '../../lib/academic-year';
import { usePageTitle } from '../../lib/use-page-title';
import { useDisciplines } from '../../components/therapy/use-disciplines';
import type { PickedPupil } from '../../components/therapy/pupil-picker';
import { PupilFilter } from '../../components/sessions/pupil-filter';
import { RecordForm } from '../../components/sessions/record-form';
import { ScheduleDialog, isProtectedRefusal } from '../../components/sessions/schedule-dialog';
import { usePractitioners } from '../../components/sessions/use-practitioners';
import {
  addDaysIso,
  daySummaries,
  disciplineColour,
  holidayBands,
  pupilInitials,
  sessionState,
  toRecordByPractitioner,
  type DaySummary,
  type SessionState,
} from '../../components/sessions/session-model';
import { qk } from '../../lib/query-keys';

const MOVERS = ['senco', 'therapy_lead', 'therapist', 'office'];
const RECORDERS = ['senco', 'therapy_lead', 'therapist'];
const VIEWS = ['timeGridDay', 'timeGridWeek', 'dayGridMonth'] as const;
const showEmpty = { inputLabel: { shrink: true }, select: { displayEmpty: true } } as const;

interface MoveRefusal {
  readonly message: string;
  readonly protectedLesson: boolean;
  readonly id: string;
  readonly date: string;
  readonly startTime: string;
}

export function SessionDetails({
  session,
  onRecord,
  onClose,
}: {
  readonly session: SessionView;
  readonly onRecord?: () => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const disciplines = useDisciplines();
  return (
    <Box
      sx={{ width: { xs: '100vw', sm: 400 }, p: 2.5, display: 'grid', gap: 1.5, alignContent: 'start' }}
      role="region"
      aria-label={t('sessionsUi.calendar.detailsAria')}
      data-testid="session-details"
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
        <Typography variant="h2" sx={{ fontSize: '1.2rem', flex: 1 }}>
          {session.title}
        </Typography>
        <IconButton aria-label={t('sessionsUi.close')} onClick={onClose} size="small">
          <Close />
        </IconButton>
      </Box>
      <SessionStateMark state={sessionState(session, nowLocal())} />
      <Typography>
        {t('sessionsUi.whenLine', { date: formatLongDate(session.date), start: session.startTime, end: session.endTime })}
      </Typography>
      <Typography color="text.secondary">
        {disciplines.label(session.discipline)}
        {session.location ? ` · ${session.location}` : ''}
      </Typography>
      <Typography>{t('sessionsUi.withLine', { names: session.practitioners.map((p) => p.name).join(', ') })}</Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5, display: 'grid', gap: 0.5 }}>
        {session.pupils.map((p) => (
          <li key={p.pupilId}>
            <Link component={RouterLink} to={`/pupils/${p.pupilId}?tab=sessions`}>
              {p.name}
            </Link>
            {' · '}
            {t(`sessionsUi.attendance.${p.attendance}`)}
            {p.attendance === 'cancelled' && p.cancelledBy
              ? ` (${t(`sessionsUi.byShort.${p.cancelledBy}`)}${p.reason ? `: ${p.reason}` : ''})`
              : ''}
            {p.attendance === 'attended' && p.deliveredMinutes !== null
              ? ` (${t('sessionsUi.minutesShort', { count: p.deliveredMinutes })})`
              : ''}
          </li>
        ))}
      </Box>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 1 }}>
        {onRecord ? (
          <Button variant="contained" onClick={onRecord}>
            {session.recorded ? t('sessionsUi.calendar.editRecord') : t('sessionsUi.calendar.record')}
          </Button>
        ) : null}
        {session.pupils.length === 1 && session.pupils[0] ? (
          <Button component={RouterLink} to={`/pupils/${session.pupils[0].pupilId}?tab=sessions`} variant="outlined">
            {t('sessionsUi.calendar.openPupil')}
          </Button>
        ) : null}
      </Box>
    </Box>
  );
}

const STATE_ICON: Record<SessionState, typeof CheckCircleOutline> = {
  upcoming: ScheduleOutlined,
  to_record: EditNoteOutlined,
  recorded: CheckCircleOutline,
  cancelled: EventBusyOutlined,
};

/** Where a session stands, as an icon and a word: the same in the week, the day, the details and the list to record. */
export function SessionStateMark({ state, inverse = false }: { readonly state: SessionState; readonly inverse?: boolean }) {
  const { t } = useTranslation();
  const Icon = STATE_ICON[state];
  return (
    <Box
      component="span"
      sx={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 0.25,
        fontWeight: 700,
        whiteSpace: 'nowrap',
        ...(inverse ? {} : { color: 'text.primary' }),
      }}
      data-state={state}
    >
      <Icon sx={{ fontSize: '1em' }} aria-hidden />
      {t(`sessionsUi.calendar.state.${state}`)}
    </Box>
  );
}

const nowLocal = () => format(new Date(), "yyyy-MM-dd'T'HH:mm");

/** What the month view shows for one day: a count, and how many are still to record or cancelled, in words. */
function daySummaryText(d: DaySummary, t: TFunction): string {
  return [
    t('sessionsUi.calendar.dayCount', { count: d.total }),
    d.toRecord ? t('sessionsUi.calendar.dayToRecord', { count: d.toRecord }) : null,
    d.cancelled ? t('sessionsUi.calendar.dayCancelled', { count: d.cancelled }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** "To record": past sessions without an outcome for each practitioner, oldest first, each with its Record button. */
function ToRecordList({
  sessions,
  onRecord,
}: {
  readonly sessions: readonly SessionView[];
  readonly onRecord: ((s: SessionView) => void) | null;
}) {
  const { t } = useTranslation();
  const groups = toRecordByPractitioner(sessions, nowLocal());
  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'grid', gap: 2 }} data-testid="to-record">
      <Typography>{t('sessionsUi.calendar.toRecordIntro')}</Typography>
      {groups.length === 0 ? (
        <Typography role="status" color="text.secondary">
          {t('sessionsUi.calendar.toRecordNone')}
        </Typography>
      ) : null}
      {groups.map((g) => (
        <Box key={g.id} component="section" aria-labelledby={`to-record-${g.id}`} sx={{ display: 'grid', gap: 1 }}>
          <Typography variant="h2" id={`to-record-${g.id}`} sx={{ fontSize: '1.05rem' }}>
            {t('sessionsUi.calendar.toRecordGroup', { name: g.name, count: g.sessions.length })}
          </Typography>
          <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'grid', gap: 0.75 }}>
            {g.sessions.map((s) => (
              <Box
                component="li"
                key={s.id}
                sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}
                data-testid="to-record-item"
              >
                <SessionStateMark state="to_record" />
                <Typography sx={{ flex: 1, minWidth: 240 }}>
                  {t('sessionsUi.calendar.toRecordLine', {
                    date: formatLongDate(s.date),
                    start: s.startTime,
                    end: s.endTime,
                    title: s.title,
                    pupils: pupilInitials(s.pupils),
                  })}
                </Typography>
                {onRecord ? (
                  <Button
                    size="small"
                    variant="outlined"
                    onClick={() => onRecord(s)}
                    aria-label={t('sessionsUi.calendar.recordThis', { title: s.title, date: formatLongDate(s.date) })}
                  >
                    {t('sessionsUi.calendar.record')}
                  </Button>
                ) : null}
              </Box>
            ))}
          </Box>
        </Box>
      ))}
    </Paper>
  );
}

export default function CalendarPage() {
  const { t } = useTranslation();
  usePageTitle(t('sessionsUi.calendar.title'));
  const info = useSessionInfo();
  const queryClient = useQueryClient();
  const disciplines = useDisciplines();
  const practitioners = usePractitioners();
  const [params, setParams] = useSearchParams();
  const initialDate = params.get('date') ?? todayIso();
  const viewParam = params.get('view');
  const initialView = (VIEWS as readonly string[]).includes(viewParam ?? '') ? (viewParam as string) : 'timeGridWeek';
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [viewType, setViewType] = useState(initialView);
  // Whose sessions: the signed-in practitioner's own unless they chose (the SENCo chooses whose; "all" is everyone's,
  // which in a school with many therapists is a wall of blocks). Kept in the address, so back and reload keep it.
  const chosen = params.get('practitioner');
  const fallback = practitioners.me?.id ?? practitioners.list[0]?.id ?? '';
  const practitionerId = chosen === 'all' ? '' : (chosen ?? fallback);
  const choosePractitioner = (id: string) => {
    const next = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
    next.set('practitioner', id || 'all');
    setParams(next, { replace: true });
  };
  const tab = params.get('tab') === 'to-record' ? 'to-record' : 'calendar';
  const chooseTab = (value: string) => {
    const next = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
    if (value === 'to-record') next.set('tab', 'to-record');
    else next.delete('tab');
    setParams(next, { replace: true });
  };
  const [pupil, setPupil] = useState<PickedPupil | null>(null);
  const [discipline, setDiscipline] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const [refusal, setRefusal] = useState<MoveRefusal | null>(null);
  const [moved, setMoved] = useState<string | null>(null);
  const canMove = MOVERS.includes(info.user.role);
  const calendarRef = useRef<FullCalendar>(null);
  // The date and view the calendar last reported: a different one in the address (back, forward, a link) moves it.
  const shown = useRef<{ date: string; view: string } | null>(null);
  const dateParam = params.get('date');
  useEffect(() => {
    const api = calendarRef.current?.getApi();
    if (!api || !shown.current || !dateParam) return;
    const view = (VIEWS as readonly string[]).includes(viewParam ?? '') ? (viewParam as string) : shown.current.view;
    if (dateParam !== shown.current.date || view !== shown.current.view) api.changeView(view, dateParam);
  }, [dateParam, viewParam]);
  const canRecord = RECORDERS.includes(info.user.role);

  const sessions = useQuery({
    queryKey: qk('sessions.list', { ...range, practitionerId, pupilId: pupil?.id, discipline }),
    queryFn: () =>
      call('sessions.list', {
        from: range?.from ?? initialDate,
        to: range?.to ?? initialDate,
        practitionerId: practitionerId || undefined,
        pupilId: pupil?.id || undefined,
        discipline: discipline || undefined,
      }),
    // Wait for the practitioner list before the first fetch, so it is not everyone's for a moment.
    enabled: range !== null && (chosen !== null || !practitioners.isPending),
    placeholderData: (prev) => prev,
  });
  // The last eight weeks (TO_RECORD_DAYS, the worklist's window too), for the list of sessions still to record.
  const today = todayIso();
  const toRecordFrom = addDaysIso(today, -(TO_RECORD_DAYS - 1));
  const recent = useQuery({
    queryKey: qk('sessions.list', { from: toRecordFrom, to: today, practitionerId }),
    queryFn: () => call('sessions.list', { from: toRecordFrom, to: today, practitionerId: practitionerId || undefined }),
    enabled: chosen !== null || !practitioners.isPending,
  });
  const toRecordCount = (recent.data ?? []).filter((s) => sessionState(s, nowLocal()) === 'to_record').length;
  const years = useMemo(() => {
    if (!range) return [];
    return [...new Set([academicYearOf(range.from), academicYearOf(range.to)])];
  }, [range]);
  const terms = useQueries({
    queries: years.map((y) => ({
      queryKey: qk('terms.list', y),
      queryFn: () => call('terms.list', { academicYear: y }),
      staleTime: 60_000,
    })),
  });
  const days = useQueries({
    queries: years.map((y) => ({
      queryKey: qk('calendar.listDays', y),
      queryFn: () => call('calendar.listDays', { academicYear: y }),
      staleTime: 60_000,
    })),
  });
  const termList = terms.flatMap((q) => q.data ?? []);
  const dayList = days.flatMap((q) => q.data ?? []);
  const codes = disciplines.list.map((d) => d.code);

  const bands: EventInput[] = holidayBands(termList, dayList, () => t('sessionsUi.calendar.holiday')).map((b) => ({
    id: `band-${b.kind}-${b.start}`,
    start: b.start,
    end: addDaysIso(b.end, 1),
    allDay: true,
    display: 'background',
    title: b.name,
    classNames: ['senco-holiday'],
  }));
  const now = nowLocal();
  const month = viewType === 'dayGridMonth';
  const sessionEvents: EventInput[] = month
    ? // The month shows a count per day (a busy school's month of blocks is unreadable); choosing one opens the day.
      daySummaries(sessions.data ?? [], now).map((d) => ({
        id: `day-${d.date}`,
        title: daySummaryText(d, t),
        start: d.date,
        allDay: true,
        editable: false,
        backgroundColor: '#e8eef7',
        borderColor: '#1d4f91',
        textColor: '#0b2545',
        extendedProps: { day: d },
      }))
    : (sessions.data ?? []).map((s) => {
        const state = sessionState(s, now);
        const colour = disciplineColour(s.discipline, codes);
        return {
          id: s.id,
          title: s.title,
          start: `${s.date}T${s.startTime}`,
          end: `${s.date}T${s.endTime}`,
          // Cancelled sessions fade and are struck through; still to record, a dashed edge: each also says so in words.
          backgroundColor: state === 'cancelled' ? '#f3f3f3' : colour,
          borderColor: state === 'cancelled' ? '#6b6b6b' : colour,
          textColor: state === 'cancelled' ? '#222' : '#fff',
          classNames: [`senco-${state}`],
          editable: canMove && state !== 'recorded',
          extendedProps: { session: s, state },
        };
      });
  const events = [...bands, ...sessionEvents];

  const selected = [...(sessions.data ?? []), ...(recent.data ?? [])].find((s) => s.id === selectedId) ?? null;

  const onDatesSet = (arg: DatesSetArg) => {
    setViewType(arg.view.type);
    const from = format(arg.start, 'yyyy-MM-dd');
    const to = addDaysIso(format(arg.end, 'yyyy-MM-dd'), -1);
    setRange((r) => (r && r.from === from && r.to === to ? r : { from, to }));
    const date = format(arg.view.currentStart, 'yyyy-MM-dd');
    shown.current = { date, view: arg.view.type };
    // Against the address as it is now, not as this render saw it: the calendar may call an earlier render's
    // callback, whose parameters are out of date, and setting them back would move it again (a loop).
    const current = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
    if (current.get('date') !== date || current.get('view') !== arg.view.type) {
      const next = new URLSearchParams(current);
      next.set('date', date);
      next.set('view', arg.view.type);
      setParams(next, { replace: true });
    }
  };

  const move = async (id: string, date: string, startTime: string, overrideProtected: boolean): Promise<boolean> => {
    const res = await invoke('sessions.move', { id, date, startTime, overrideProtected });
    // A refused move changed nothing, but a session may have changed meanwhile (a conflict): show them as they are.
    if (!res.ok) await queryClient.invalidateQueries({ queryKey: qk('sessions.list') });
    if (res.ok) {
      setRefusal(null);
      setMoved(
        t('sessionsUi.calendar.moved', { title: res.value.title, date: formatLongDate(res.value.date), start: res.value.startTime }),
      );
      return true;
    }
    setMoved(null);
    setRefusal({ message: res.error.message, protectedLesson: isProtectedRefusal(res.error), id, date, startTime });
    return false;
  };

  const onDrop = (arg: EventDropArg) => {
    const start = arg.event.start;
    if (!start) {
      arg.revert();
      return;
    }
    void move(arg.event.id, format(start, 'yyyy-MM-dd'), format(start, 'HH:mm'), false).then((ok) => {
      if (!ok) arg.revert();
    });
  };

  const renderEvent = (arg: EventContentArg) => {
    if (arg.event.display === 'background') {
      return <Box sx={{ p: 0.5, fontSize: '0.75rem', fontStyle: 'italic', color: '#222', fontWeight: 500 }}>{arg.event.title}</Box>;
    }
    const day = arg.event.extendedProps.day as DaySummary | undefined;
    if (day) {
      return (
        <Box sx={{ px: 0.5, py: 0.25, fontSize: '0.8rem', fontWeight: 600, whiteSpace: 'normal' }} data-testid="calendar-day-count">
          {arg.event.title}
        </Box>
      );
    }
    const s = arg.event.extendedProps.session as SessionView;
    const state = arg.event.extendedProps.state as SessionState;
    return (
      // Two lines, each cut short with an ellipsis rather than wrapping: a 30-minute session's block holds two lines, and
      // a third spilled out of the coloured block, white on the day's background (unreadable; axe: color-contrast).
      // The whole text stays in the page for screen readers, and the details drawer shows it in full.
      <Box
        sx={{
          px: 0.5,
          py: 0.25,
          overflow: 'hidden',
          lineHeight: 1.25,
          fontSize: '0.78rem',
          height: '100%',
          '& > div': { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
        }}
        data-testid="calendar-event"
        data-state={state}
      >
        <div>
          <Box component="span" sx={{ fontWeight: 700 }}>
            {s.startTime}–{s.endTime}
          </Box>{' '}
          <Box component="span" sx={{ fontWeight: 500, textDecoration: state === 'cancelled' ? 'line-through' : undefined }}>
            {s.title}
          </Box>
        </div>
        <Box>
          <SessionStateMark state={state} inverse /> · {pupilInitials(s.pupils)} · {disciplines.label(s.discipline)}
        </Box>
      </Box>
    );
  };

  return (
    <>
      <PageHeader
        title={t('sessionsUi.calendar.title')}
        subtitle={t('sessionsUi.calendar.subtitle')}
        actions={
          MOVERS.includes(info.user.role) ? (
            <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setScheduling(true)}>
              {t('sessionsUi.scheduleButton')}
            </Button>
          ) : undefined
        }
      />
      <Paper variant="outlined" sx={{ p: 2, mb: 2, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' } }}>
        <TextField
          select
          size="small"
          label={t('sessionsUi.calendar.whose')}
          value={practitionerId}
          onChange={(e) => choosePractitioner(e.target.value)}
          slotProps={showEmpty}
          data-testid="calendar-whose"
        >
          <MenuItem value="">{t('sessionsUi.calendar.allPractitioners')}</MenuItem>
          {practitioners.list.map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
        <PupilFilter value={pupil} onChange={setPupil} />
        <TextField
          select
          size="small"
          label={t('sessionsUi.fields.discipline')}
          value={discipline}
          onChange={(e) => setDiscipline(e.target.value)}
          slotProps={showEmpty}
        >
          <MenuItem value="">{t('sessionsUi.calendar.allDisciplines')}</MenuItem>
          {disciplines.options(discipline || null).map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
      </Paper>
      {/* A refused move is said at the foot of the window, over the calendar the user is looking at, not above it. */}
      <Snackbar
        open={refusal !== null}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
        sx={{ maxWidth: 720, width: 'calc(100% - 32px)' }}
      >
        {refusal ? (
          <Alert
            severity="error"
            role="alert"
            variant="filled"
            sx={{ width: '100%' }}
            onClose={() => setRefusal(null)}
            action={
              refusal.protectedLesson ? (
                <Button color="inherit" size="small" onClick={() => void move(refusal.id, refusal.date, refusal.startTime, true)}>
                  {t('sessionsUi.calendar.moveAnyway')}
                </Button>
              ) : undefined
            }
          >
            {t('sessionsUi.calendar.moveRefused', { message: refusal.message })}
          </Alert>
        ) : undefined}
      </Snackbar>
      {moved ? (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setMoved(null)}>
          {moved}
        </Alert>
      ) : null}
      <Tabs value={tab} onChange={(_, v: string) => chooseTab(v)} aria-label={t('sessionsUi.calendar.tabsLabel')} sx={{ mb: 2 }}>
        <Tab value="calendar" label={t('sessionsUi.calendar.calendarTab')} id="calendar-tab" aria-controls="calendar-panel" />
        <Tab
          value="to-record"
          label={t('sessionsUi.calendar.toRecordTab', { count: toRecordCount })}
          id="to-record-tab"
          aria-controls="to-record-panel"
          data-testid="to-record-tab"
        />
      </Tabs>
      {tab === 'to-record' ? (
        <Box role="tabpanel" id="to-record-panel" aria-labelledby="to-record-tab">
          {recent.error ? <QueryError error={recent.error} onRetry={() => void recent.refetch()} /> : null}
          <ToRecordList
            sessions={recent.data ?? []}
            onRecord={
              canRecord
                ? (s) => {
                    setSelectedId(s.id);
                    setRecording(true);
                  }
                : null
            }
          />
        </Box>
      ) : null}
      {sessions.error ? <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      <Paper
        role="tabpanel"
        id="calendar-panel"
        aria-labelledby="calendar-tab"
        hidden={tab !== 'calendar'}
        variant="outlined"
        sx={{
          p: 2,
          '& .fc': { fontFamily: 'inherit' },
          '& .fc .fc-button': { textTransform: 'none' },
          '& .fc .senco-holiday': { background: 'repeating-linear-gradient(135deg, #e4e4e4 0 6px, #f2f2f2 6px 12px)', opacity: 1 },
          '& .fc .fc-event': { cursor: 'pointer' },
          '& .fc .fc-timegrid-slot': { height: '2.4em' },
          '& .fc .fc-daygrid-event': { whiteSpace: 'normal' },
          '& .fc .fc-event:focus-visible': { outline: '3px solid #ffbf47', outlineOffset: 1 },
          // Days of the next or last month in the month view read as quieter, not faint: FullCalendar's 30% opacity
          // left their dates far below WCAG AA contrast; the secondary text colour keeps 7:1.
          '& .fc .fc-day-other .fc-daygrid-day-top': { opacity: 1, color: 'text.secondary' },
          '& .fc .fc-day-other .fc-daygrid-day-number': { color: 'text.secondary' },
          '& .fc .senco-to_record': { borderStyle: 'dashed', borderWidth: 2, borderColor: '#0b0c0c' },
          '& .fc .senco-cancelled': { opacity: 0.85 },
        }}
        data-testid="sessions-calendar"
      >
        <FullCalendar
          ref={calendarRef}
          plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin]}
          locales={[enGbLocale]}
          locale="en-gb"
          initialView={initialView}
          initialDate={initialDate}
          firstDay={1}
          weekends={false}
          slotMinTime="08:00:00"
          slotMaxTime="17:00:00"
          slotLabelFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
          eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
          headerToolbar={{ left: 'prev,next today', center: 'title', right: 'timeGridDay,timeGridWeek,dayGridMonth' }}
          // Previous and Next say so in words: FullCalendar's chevron icons are unnamed images (axe: role-img-alt), and
          // words are plainer anyway. Its hints ("Previous week") stay as the buttons' descriptions.
          buttonIcons={false}
          buttonText={{
            prev: t('sessionsUi.calendar.previous'),
            next: t('sessionsUi.calendar.next'),
            today: t('sessionsUi.calendar.today'),
            day: t('sessionsUi.calendar.day'),
            week: t('sessionsUi.calendar.week'),
            month: t('sessionsUi.calendar.month'),
          }}
          height="auto"
          nowIndicator
          allDaySlot={false}
          events={events}
          editable={canMove}
          eventDurationEditable={false}
          eventContent={renderEvent}
          eventClick={(arg: EventClickArg) => {
            if (arg.event.display === 'background') return;
            const day = arg.event.extendedProps.day as DaySummary | undefined;
            if (day) {
              calendarRef.current?.getApi().changeView('timeGridDay', day.date);
              return;
            }
            setSelectedId(arg.event.id);
          }}
          eventDidMount={(arg) => {
            const day = arg.event.extendedProps.day as DaySummary | undefined;
            if (day)
              arg.el.setAttribute(
                'aria-label',
                t('sessionsUi.calendar.openDay', { date: formatLongDate(day.date), summary: daySummaryText(day, t) }),
              );
          }}
          navLinks
          navLinkDayClick={(date) => calendarRef.current?.getApi().changeView('timeGridDay', date)}
          eventDrop={onDrop}
          datesSet={onDatesSet}
        />
        {range && sessions.data && sessions.data.length === 0 ? (
          <Typography color="text.secondary" sx={{ mt: 1.5 }} role="status">
            {t('sessionsUi.calendar.empty', { from: formatLongDate(range.from), to: formatLongDate(range.to) })}
          </Typography>
        ) : null}
      </Paper>
      <Drawer anchor="right" open={selected !== null && !recording} onClose={() => setSelectedId(null)}>
        {selected ? (
          <SessionDetails
            session={selected}
            onClose={() => setSelectedId(null)}
            onRecord={canRecord ? () => setRecording(true) : undefined}
          />
        ) : null}
      </Drawer>
      {selected && recording ? (
        <Dialog open onClose={() => setRecording(false)} fullWidth maxWidth="md" aria-labelledby="record-dialog-title">
          <DialogTitle id="record-dialog-title">
            {t('sessionsUi.record.title', { title: selected.title, date: formatLongDate(selected.date), start: selected.startTime })}
          </DialogTitle>
          <DialogContent>
            <RecordForm
              session={selected}
              onSaved={() => {
                setRecording(false);
                setSelectedId(null);
              }}
            />
          </DialogContent>
        </Dialog>
      ) : null}
      {scheduling ? <ScheduleDialog onClose={() => setScheduling(false)} /> : null}
    </>
  );
}
