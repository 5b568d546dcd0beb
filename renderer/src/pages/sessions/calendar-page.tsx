/**
 * The sessions calendar: day, week and month views over school hours, Monday first, weekends hidden. Each event
 * is coloured by discipline and always labelled in words (time, title, discipline, pupil initials). Holidays and
 * closures are shaded with their names. Click an event for its details; drag it to move it (the core checks
 * clashes; a refused move goes back where it was and says why).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
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
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import Close from '@mui/icons-material/Close';
import AddOutlined from '@mui/icons-material/AddOutlined';
import type { SessionView } from '../../../../shared/contract';
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
import { addDaysIso, disciplineColour, holidayBands, pupilInitials } from '../../components/sessions/session-model';

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

export function SessionDetails({ session, onRecord, onClose }: { readonly session: SessionView; readonly onRecord?: () => void; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const disciplines = useDisciplines();
  return (
    <Box sx={{ width: { xs: '100vw', sm: 400 }, p: 2.5, display: 'grid', gap: 1.5, alignContent: 'start' }} role="region" aria-label={t('sessionsUi.calendar.detailsAria')} data-testid="session-details">
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
        <Typography variant="h2" sx={{ fontSize: '1.2rem', flex: 1 }}>
          {session.title}
        </Typography>
        <IconButton aria-label={t('sessionsUi.close')} onClick={onClose} size="small">
          <Close />
        </IconButton>
      </Box>
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
            {p.attendance === 'cancelled' && p.cancelledBy ? ` (${t(`sessionsUi.byShort.${p.cancelledBy}`)}${p.reason ? `: ${p.reason}` : ''})` : ''}
            {p.attendance === 'attended' && p.deliveredMinutes !== null ? ` (${t('sessionsUi.minutesShort', { count: p.deliveredMinutes })})` : ''}
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
  const [practitionerId, setPractitionerId] = useState(params.get('practitioner') ?? '');
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
    queryKey: ['sessions.list', { ...range, practitionerId, pupilId: pupil?.id, discipline }],
    queryFn: () =>
      call('sessions.list', {
        from: range?.from ?? initialDate,
        to: range?.to ?? initialDate,
        practitionerId: practitionerId || undefined,
        pupilId: pupil?.id || undefined,
        discipline: discipline || undefined,
      }),
    enabled: range !== null,
    placeholderData: (prev) => prev,
  });
  const years = useMemo(() => {
    if (!range) return [];
    return [...new Set([academicYearOf(range.from), academicYearOf(range.to)])];
  }, [range]);
  const terms = useQueries({ queries: years.map((y) => ({ queryKey: ['terms.list', y], queryFn: () => call('terms.list', { academicYear: y }), staleTime: 60_000 })) });
  const days = useQueries({ queries: years.map((y) => ({ queryKey: ['calendar.listDays', y], queryFn: () => call('calendar.listDays', { academicYear: y }), staleTime: 60_000 })) });
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
  const sessionEvents: EventInput[] = (sessions.data ?? []).map((s) => ({
    id: s.id,
    title: s.title,
    start: `${s.date}T${s.startTime}`,
    end: `${s.date}T${s.endTime}`,
    backgroundColor: disciplineColour(s.discipline, codes),
    borderColor: disciplineColour(s.discipline, codes),
    textColor: '#fff',
    editable: canMove,
    extendedProps: { session: s },
  }));
  const events = [...bands, ...sessionEvents];

  const selected = (sessions.data ?? []).find((s) => s.id === selectedId) ?? null;

  const onDatesSet = (arg: DatesSetArg) => {
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
    await queryClient.invalidateQueries({ queryKey: ['sessions.list'] });
    if (res.ok) {
      setRefusal(null);
      setMoved(t('sessionsUi.calendar.moved', { title: res.value.title, date: formatLongDate(res.value.date), start: res.value.startTime }));
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
      return (
        <Box sx={{ p: 0.5, fontSize: '0.75rem', fontStyle: 'italic', color: '#222', fontWeight: 500 }}>{arg.event.title}</Box>
      );
    }
    const s = arg.event.extendedProps.session as SessionView;
    return (
      <Box sx={{ px: 0.5, py: 0.25, overflow: 'hidden', lineHeight: 1.25, fontSize: '0.78rem' }} data-testid="calendar-event">
        <Box component="span" sx={{ fontWeight: 700 }}>
          {s.startTime}–{s.endTime}
        </Box>{' '}
        <Box component="span" sx={{ fontWeight: 500 }}>{s.title}</Box>
        <Box sx={{ opacity: 0.95 }}>
          {pupilInitials(s.pupils)} · {disciplines.label(s.discipline)}
          {s.recorded ? ` · ${t('sessionsUi.calendar.recordedMark')}` : ''}
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
        <TextField select size="small" label={t('sessionsUi.fields.practitioner')} value={practitionerId} onChange={(e) => setPractitionerId(e.target.value)} slotProps={showEmpty}>
          <MenuItem value="">{t('sessionsUi.calendar.allPractitioners')}</MenuItem>
          {practitioners.list.map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
        <PupilFilter value={pupil} onChange={setPupil} />
        <TextField select size="small" label={t('sessionsUi.fields.discipline')} value={discipline} onChange={(e) => setDiscipline(e.target.value)} slotProps={showEmpty}>
          <MenuItem value="">{t('sessionsUi.calendar.allDisciplines')}</MenuItem>
          {disciplines.options(discipline || null).map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
      </Paper>
      {refusal ? (
        <Alert
          severity="error"
          role="alert"
          sx={{ mb: 2 }}
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
      ) : null}
      {moved ? (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setMoved(null)}>
          {moved}
        </Alert>
      ) : null}
      {sessions.error ? <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      <Paper
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
          buttonText={{ today: t('sessionsUi.calendar.today'), day: t('sessionsUi.calendar.day'), week: t('sessionsUi.calendar.week'), month: t('sessionsUi.calendar.month') }}
          height="auto"
          nowIndicator
          allDaySlot={false}
          events={events}
          editable={canMove}
          eventDurationEditable={false}
          eventContent={renderEvent}
          eventClick={(arg: EventClickArg) => {
            if (arg.event.display === 'background') return;
            setSelectedId(arg.event.id);
          }}
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
        {selected ? <SessionDetails session={selected} onClose={() => setSelectedId(null)} onRecord={canRecord ? () => setRecording(true) : undefined} /> : null}
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
