/**
 * Schedule a session: one-off or repeating over the school calendar (holidays and closures are skipped by the
 * core and listed afterwards), for one or two practitioners and up to twelve pupils, each linked to the EHC plan
 * provision it delivers. The core refuses double bookings (naming the clash) and protected lessons unless the
 * person confirms the booking has been agreed.
 */
import { useEffect, useRef, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import { scheduleInput, type ScheduleResult } from '../../../../shared/contract/sessions';
import { formatLongDate, todayIso } from '../../../../shared/dates';
import { invoke, call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { hasPath, splitServerErrors } from '../../lib/server-errors';
import { FormDate, FormSelect, FormText, IsoDateInput } from '../form-fields';
import { FormNumber } from '../ipp/number-field';
import { PupilPicker, type PickedPupil } from '../therapy/pupil-picker';
import { ProvisionPicker } from '../provisions/provision-picker';
import { useDisciplines } from '../therapy/use-disciplines';
import { usePractitioners } from './use-practitioners';
import { useDraft } from '../../lib/use-draft';
import { DraftStatus, useCloseGuard } from '../draft-guard';
import { yearGroupLabel } from '../../../../shared/i18n';
import { qk } from '../../lib/query-keys';

type ScheduleIn = z.input<typeof scheduleInput>;
type ScheduleOut = z.output<typeof scheduleInput>;
/** A draft of the dialog: the form, the pupils chosen (by id), what each delivers, and how a series ends. */
interface ScheduleDraft {
  readonly values: ScheduleIn;
  readonly pupilIds: readonly string[];
  readonly delivers: Readonly<Record<string, string>>;
  readonly endsBy: 'until' | 'count';
}

const EHCP_READERS = ['senco', 'therapy_lead', 'therapist', 'headteacher'];
const grid2 = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' } as const;
const grid3 = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' }, alignItems: 'start' } as const;

export function isProtectedRefusal(error: { readonly message: string; readonly fields?: Readonly<Record<string, string>> }): boolean {
  return !!error.fields?.overrideProtected || /protected lesson/i.test(error.message);
}

/** What a pupil's "Delivers" select offers: their EHC plan provision (section F) and their plan interventions. */
function useDeliversOptions(pupilId: string) {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const canEhcp = EHCP_READERS.includes(info.user.role);
  const plans = useQuery({
    queryKey: qk('ehcp.listForPupil', pupilId),
    queryFn: () => call('ehcp.listForPupil', { pupilId }),
    enabled: canEhcp,
  });
  const live = (plans.data ?? []).filter((p) => p.status !== 'ceased');
  const views = useQueries({
    queries: live.map((p) => ({ queryKey: qk('ehcp.get', p.id), queryFn: () => call('ehcp.get', { planId: p.id }) })),
  });
  const ipps = useQuery({ queryKey: qk('ipps.listForPupil', pupilId), queryFn: () => call('ipps.listForPupil', { pupilId }) });
  const options: { value: string; label: string; group: string }[] = [];
  for (const v of views) {
    for (const p of v.data?.content.provision ?? [])
      options.push({ value: `ehcp:${p.key}`, label: p.description, group: t('sessionsUi.schedule.deliversEhcp') });
  }
  for (const ipp of ipps.data ?? []) {
    ipp.interventions.forEach((iv) =>
      options.push({ value: `ipp:${iv.id}`, label: `${iv.description} (${ipp.title})`, group: t('sessionsUi.schedule.deliversIpp') }),
    );
  }
  return options;
}

/** Dates a repeating session skips (an INSET day only this group misses, a trip): picked one at a time, shown as chips. */
function ExceptionDates({
  value,
  onChange,
  error,
}: {
  readonly value: readonly string[];
  readonly onChange: (v: string[]) => void;
  readonly error: string | null;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const add = () => {
    if (!draft || value.includes(draft)) {
      setDraft(null);
      return;
    }
    onChange([...value, draft].sort());
    setDraft(null);
  };
  return (
    <Box sx={{ display: 'grid', gap: 1 }} data-testid="schedule-exceptions">
      <Typography variant="h3" sx={{ fontSize: '1rem' }}>
        {t('sessionsUi.schedule.exceptionsTitle')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <Box sx={{ minWidth: 220 }}>
          <IsoDateInput
            value={draft}
            onChange={setDraft}
            label={t('sessionsUi.schedule.exceptionDate')}
            name="exceptionDate"
            error={error}
            helperText={t('sessionsUi.schedule.exceptionsHelp')}
          />
        </Box>
        <Button variant="outlined" onClick={add} disabled={!draft || value.length >= 100} sx={{ mt: 1 }}>
          {t('sessionsUi.schedule.exceptionAdd')}
        </Button>
      </Box>
      {value.length > 0 ? (
        <Box
          component="ul"
          aria-label={t('sessionsUi.schedule.exceptionsTitle')}
          sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', listStyle: 'none', m: 0, p: 0 }}
        >
          {value.map((d) => (
            <li key={d}>
              <Chip
                variant="outlined"
                sx={{ pr: 0.25 }}
                label={
                  <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
                    {formatLongDate(d)}
                    <IconButton
                      size="small"
                      sx={{ p: 0.25 }}
                      aria-label={t('sessionsUi.schedule.exceptionRemove', { date: formatLongDate(d) })}
                      onClick={() => onChange(value.filter((x) => x !== d))}
                    >
                      <DeleteOutline fontSize="small" />
                    </IconButton>
                  </Box>
                }
              />
            </li>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}

function PupilRow({
  pupil,
  value,
  onChange,
  onRemove,
}: {
  readonly pupil: PickedPupil;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly onRemove: () => void;
}) {
  const { t } = useTranslation();
  const options = useDeliversOptions(pupil.id);
  return (
    <Paper
      variant="outlined"
      sx={{ p: 1.5, display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '1fr 2fr auto' }, alignItems: 'center' }}
      data-testid="schedule-pupil"
    >
      <Box>
        <Typography sx={{ fontWeight: 500 }}>{pupil.name}</Typography>
        <Typography variant="body2" color="text.secondary">
          {pupil.detail}
        </Typography>
      </Box>
      <TextField
        select
        size="small"
        label={t('sessionsUi.schedule.delivers', { name: pupil.name })}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
        helperText={options.length === 0 ? t('sessionsUi.schedule.deliversNone') : undefined}
      >
        <MenuItem value="">{t('sessionsUi.schedule.deliversNothing')}</MenuItem>
        {options.map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.group}: {o.label}
          </MenuItem>
        ))}
      </TextField>
      <IconButton aria-label={t('sessionsUi.schedule.removePupil', { name: pupil.name })} onClick={onRemove}>
        <DeleteOutline />
      </IconButton>
    </Paper>
  );
}

/**
 * The next times everyone chosen is free (sessions.freeSlots): school days, the school day, their other sessions and
 * the pupils' protected lessons respected by the core. Choosing one fills in the date and the start time.
 */
function FreeSlotsOffer({
  practitionerIds,
  pupilIds,
  durationMinutes,
  from,
  onChoose,
}: {
  readonly practitionerIds: readonly string[];
  readonly pupilIds: readonly string[];
  readonly durationMinutes: number | null;
  readonly from: string | null;
  readonly onChoose: (date: string, start: string) => void;
}) {
  const { t } = useTranslation();
  const ready = practitionerIds.length > 0 && durationMinutes !== null && durationMinutes >= 5 && durationMinutes <= 480;
  const input = { practitionerIds: [...practitionerIds], pupilIds: [...pupilIds], durationMinutes: durationMinutes ?? 30, from };
  const free = useQuery({
    queryKey: qk('sessions.freeSlots', input),
    queryFn: () => call('sessions.freeSlots', input),
    enabled: ready,
    staleTime: 15_000,
  });
  return (
    <Box component="section" aria-labelledby="free-slots-title" sx={{ display: 'grid', gap: 1 }} data-testid="free-slots">
      <Typography variant="h3" id="free-slots-title" sx={{ fontSize: '1rem' }}>
        {t('sessionsUi.schedule.freeTitle')}
      </Typography>
      {!ready ? (
        <Typography variant="body2" color="text.secondary">
          {t('sessionsUi.schedule.freeNeedPeople')}
        </Typography>
      ) : free.data ? (
        <>
          <Typography variant="body2" color="text.secondary">
            {t('sessionsUi.schedule.freeIntro', { minutes: durationMinutes, start: free.data.dayStart, end: free.data.dayEnd })}
          </Typography>
          {free.data.slots.length === 0 ? (
            <Typography role="status">{t('sessionsUi.schedule.freeNone', { date: formatLongDate(free.data.searchedTo) })}</Typography>
          ) : (
            <Box component="ul" sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', listStyle: 'none', m: 0, p: 0 }}>
              {free.data.slots.map((slot) => {
                const date = formatLongDate(slot.date);
                return (
                  <li key={`${slot.date}-${slot.start}`}>
                    <Button variant="outlined" size="small" onClick={() => onChoose(slot.date, slot.start)} data-testid="free-slot">
                      {t(slot.calendarGap ? 'sessionsUi.schedule.freeSlotGap' : 'sessionsUi.schedule.freeSlot', {
                        date,
                        start: slot.start,
                        end: slot.end,
                      })}
                    </Button>
                  </li>
                );
              })}
            </Box>
          )}
        </>
      ) : free.error ? (
        <Alert severity="warning">{free.error.message}</Alert>
      ) : null}
    </Box>
  );
}

export function ScheduleDialog({ onClose, initialPupil }: { readonly onClose: () => void; readonly initialPupil?: PickedPupil | null }) {
  const { t } = useTranslation();
  const disciplines = useDisciplines();
  const practitioners = usePractitioners();
  const [summary, setSummary] = useState<string | null>(null);
  const [protectedAsk, setProtectedAsk] = useState(false);
  const [result, setResult] = useState<ScheduleResult | null>(null);
  const [endsBy, setEndsBy] = useState<'until' | 'count'>('until');
  const [picked, setPicked] = useState<PickedPupil[]>(initialPupil ? [initialPupil] : []);
  const [delivers, setDelivers] = useState<Record<string, string>>({});
  const [adding, setAdding] = useState<PickedPupil | null>(null);

  const { control, handleSubmit, setError, setValue, getValues, reset, formState } = useForm<ScheduleIn, unknown, ScheduleOut>({
    resolver: zodResolver(scheduleInput),
    defaultValues: {
      title: '',
      discipline: '',
      location: null,
      firstDate: todayIso(),
      startTime: '09:00',
      durationMinutes: 30,
      recurrence: 'none',
      intervalWeeks: 1,
      until: null,
      count: null,
      exceptions: [],
      practitionerIds: practitioners.me ? [practitioners.me.id] : [],
      pupils: initialPupil ? [{ pupilId: initialPupil.id, ehcpProvisionId: null, ippInterventionId: null }] : [],
      overrideProtected: false,
      provisionId: null,
    },
    mode: 'onTouched',
  });
  // What is typed is kept as a draft until the sessions are booked (issue 17, item 3). The pupils are kept by id only
  // and looked up again when the draft comes back, so a pupil the user may no longer see does not come back with it.
  const all = useWatch({ control }) as ScheduleIn;
  const snapshot: ScheduleDraft = { values: all, pupilIds: picked.map((p) => p.id), delivers, endsBy };
  const [opened] = useState(() => JSON.stringify(snapshot));
  const draft = useDraft<ScheduleDraft>({
    draftKey: initialPupil ? `sessions.schedule:new-${initialPupil.id}` : 'sessions.schedule:new',
    pupilId: initialPupil?.id ?? null,
    value: snapshot,
    dirty: !result && JSON.stringify(snapshot) !== opened,
    restore: (d) => void restoreDraft(d),
  });
  const restoreDraft = async (d: ScheduleDraft) => {
    const found = await Promise.all(
      d.pupilIds.map((id) =>
        call('pupils.get', { id }).then(
          (p) => ({ id: p.id, name: p.name, detail: `${yearGroupLabel(p.yearGroup)} · UPN ${p.upn}` }),
          () => null,
        ),
      ),
    );
    const pupils = found.filter((p): p is PickedPupil => p !== null);
    const kept = new Set(pupils.map((p) => p.id));
    setPicked(pupils);
    setDelivers(Object.fromEntries(Object.entries(d.delivers).filter(([id]) => kept.has(id))));
    setEndsBy(d.endsBy);
    reset({ ...d.values, pupils: (d.values.pupils ?? []).filter((p) => kept.has(p.pupilId)) }, { keepDefaultValues: true });
  };
  const guard = useCloseGuard({ draft, onClose, title: t('sessionsUi.schedule.title') });
  const recurrence = useWatch({ control, name: 'recurrence' });
  const watchedPractitioners = useWatch({ control, name: 'practitionerIds' });
  const watchedPupils = useWatch({ control, name: 'pupils' });
  const watchedDuration = useWatch({ control, name: 'durationMinutes' });
  const watchedFirstDate = useWatch({ control, name: 'firstDate' });
  const [slotChosen, setSlotChosen] = useState<string | null>(null);
  // A refusal (a clash, a protected lesson) is said beside the Schedule button the user has just pressed, and read out.
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (summary) summaryRef.current?.scrollIntoView({ block: 'nearest' });
  }, [summary]);

  const syncPupils = (list: PickedPupil[], map: Record<string, string>) => {
    setValue(
      'pupils',
      list.map((p) => {
        const v = map[p.id] ?? '';
        return {
          pupilId: p.id,
          ehcpProvisionId: v.startsWith('ehcp:') ? v.slice(5) : null,
          ippInterventionId: v.startsWith('ipp:') ? v.slice(4) : null,
        };
      }),
      { shouldValidate: formState.isSubmitted },
    );
  };

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const input = {
        ...values,
        intervalWeeks: values.recurrence === 'every_n_weeks' ? values.intervalWeeks : 1,
        until: values.recurrence === 'none' || endsBy !== 'until' ? null : values.until,
        count: values.recurrence === 'none' || endsBy !== 'count' ? null : values.count,
        exceptions: values.recurrence === 'none' ? [] : values.exceptions,
      };
      const res = await invoke('sessions.schedule', input);
      if (res.ok) {
        void draft.saved();
        setResult(res.value);
        return;
      }
      if (isProtectedRefusal(res.error)) setProtectedAsk(true);
      const current = getValues();
      const { fields, other } = splitServerErrors(res.error, (p) => p !== 'overrideProtected' && hasPath(current, p));
      for (const [p, m] of fields) setError(p as keyof ScheduleIn, { type: 'server', message: m });
      setSummary(
        [
          fields.length && res.error.code !== 'conflict' ? t('errors.invalidInput') : res.error.message,
          ...other.filter((o) => !o.startsWith('overrideProtected')),
        ].join(' '),
      );
    },
    () => setSummary(t('errors.invalidInput')),
  );

  if (result) {
    return (
      <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="schedule-result-title">
        <DialogTitle id="schedule-result-title">{t('sessionsUi.schedule.doneTitle')}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 1.5 }} data-testid="schedule-result">
            <Alert severity="success">{t('sessionsUi.schedule.booked', { count: result.sessions })}</Alert>
            {result.dates.length > 0 ? (
              <Typography>
                {t('sessionsUi.schedule.datesLine', { dates: result.dates.map((d) => formatLongDate(d)).join(', ') })}
              </Typography>
            ) : null}
            {result.skipped.length > 0 ? (
              <Box>
                <Typography sx={{ fontWeight: 500 }}>{t('sessionsUi.schedule.skippedTitle')}</Typography>
                <Box component="ul" sx={{ m: 0, pl: 3 }}>
                  {result.skipped.map((s) => (
                    <li key={s.date}>
                      {t('sessionsUi.schedule.skipped', { date: formatLongDate(s.date), reason: t(`skipReasons.${s.reason}`) })}
                    </li>
                  ))}
                </Box>
              </Box>
            ) : null}
            {result.calendarGap ? <Alert severity="warning">{t('sessionsUi.schedule.calendarGap')}</Alert> : null}
          </Box>
        </DialogContent>
        <DialogActions>
          <Button variant="contained" onClick={onClose}>
            {t('sessionsUi.done')}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={guard.requestClose} fullWidth maxWidth="md" aria-labelledby="schedule-dialog-title">
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="schedule-dialog-title">
        <DialogTitle id="schedule-dialog-title">{t('sessionsUi.schedule.title')}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gap: 2.5, pt: 1 }}>
            <DraftStatus
              draft={draft}
              onDiscard={() =>
                void draft.discard().then(() => {
                  reset();
                  setPicked(initialPupil ? [initialPupil] : []);
                  setDelivers({});
                  setEndsBy('until');
                })
              }
            />
            <ProvisionPicker
              value={all.provisionId}
              error={formState.errors.provisionId?.message ?? null}
              onChange={(p) => {
                setValue('provisionId', p?.id ?? null, { shouldDirty: true });
                if (!p) return;
                // What the catalogue knows: the provision's name and a session's length.
                setValue('title', p.name, { shouldValidate: true, shouldDirty: true });
                setValue('durationMinutes', p.minutesPerSession, { shouldValidate: true, shouldDirty: true });
              }}
            />
            <Box sx={grid2}>
              <FormText
                control={control}
                name="title"
                label={t('sessionsUi.fields.title')}
                required
                helperText={t('sessionsUi.schedule.titleHelp')}
              />
              <FormSelect
                control={control}
                name="discipline"
                label={t('sessionsUi.fields.discipline')}
                required
                options={disciplines.options()}
              />
            </Box>
            <Box sx={grid3}>
              <FormDate control={control} name="firstDate" label={t('sessionsUi.fields.firstDate')} required />
              <FormText
                control={control}
                name="startTime"
                label={t('sessionsUi.fields.startTime')}
                required
                helperText={t('sessionsUi.schedule.timeHelp')}
                slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5 } }}
              />
              <FormNumber control={control} name="durationMinutes" label={t('sessionsUi.fields.durationMinutes')} required />
            </Box>
            <FreeSlotsOffer
              practitionerIds={watchedPractitioners ?? []}
              pupilIds={(watchedPupils ?? []).map((p) => p.pupilId)}
              durationMinutes={typeof watchedDuration === 'number' ? watchedDuration : null}
              from={typeof watchedFirstDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(watchedFirstDate) ? watchedFirstDate : null}
              onChoose={(date, start) => {
                setValue('firstDate', date, { shouldValidate: true, shouldDirty: true });
                setValue('startTime', start, { shouldValidate: true, shouldDirty: true });
                setSlotChosen(t('sessionsUi.schedule.freeChosen', { date: formatLongDate(date), start }));
              }}
            />
            {slotChosen ? (
              <Typography role="status" variant="body2">
                {slotChosen}
              </Typography>
            ) : null}
            <Box sx={grid3}>
              <FormSelect
                control={control}
                name="recurrence"
                label={t('sessionsUi.fields.recurrence')}
                options={(['none', 'weekly', 'every_n_weeks'] as const).map((r) => ({ value: r, label: t(`sessionsUi.recurrence.${r}`) }))}
              />
              {recurrence === 'every_n_weeks' ? (
                <FormNumber control={control} name="intervalWeeks" label={t('sessionsUi.fields.intervalWeeks')} />
              ) : (
                <Box />
              )}
              <FormText control={control} name="location" label={t('sessionsUi.fields.location')} nullable />
            </Box>
            {recurrence !== 'none' ? (
              <Box sx={grid2}>
                <RadioGroup
                  row
                  value={endsBy}
                  onChange={(e) => setEndsBy(e.target.value === 'count' ? 'count' : 'until')}
                  aria-label={t('sessionsUi.schedule.ends')}
                >
                  <FormControlLabel value="until" control={<Radio />} label={t('sessionsUi.schedule.endsOn')} />
                  <FormControlLabel value="count" control={<Radio />} label={t('sessionsUi.schedule.endsAfter')} />
                </RadioGroup>
                {endsBy === 'until' ? (
                  <FormDate control={control} name="until" label={t('sessionsUi.fields.until')} />
                ) : (
                  <FormNumber control={control} name="count" label={t('sessionsUi.fields.count')} />
                )}
              </Box>
            ) : null}
            {recurrence !== 'none' ? (
              <Controller
                control={control}
                name="exceptions"
                render={({ field, fieldState }) => (
                  <ExceptionDates
                    value={field.value ?? []}
                    onChange={(v) => field.onChange(v)}
                    error={
                      fieldState.error?.message ??
                      (fieldState.error as { readonly [k: number]: { readonly message?: string } } | undefined)?.[0]?.message ??
                      null
                    }
                  />
                )}
              />
            ) : null}
            <Controller
              control={control}
              name="practitionerIds"
              render={({ field, fieldState }) => (
                <Autocomplete
                  multiple
                  options={practitioners.list}
                  getOptionLabel={(o) => o.name}
                  isOptionEqualToValue={(a, b) => a.id === b.id}
                  value={practitioners.list.filter((p) => (field.value ?? []).includes(p.id))}
                  onChange={(_, v) => field.onChange(v.slice(0, 2).map((p) => p.id))}
                  onBlur={field.onBlur}
                  renderInput={(params) => (
                    <TextField
                      {...params}
                      inputRef={field.ref}
                      label={t('sessionsUi.fields.practitioners')}
                      required
                      error={!!fieldState.error}
                      helperText={fieldState.error?.message ?? t('sessionsUi.schedule.practitionersHelp')}
                    />
                  )}
                />
              )}
            />
            <Box sx={{ display: 'grid', gap: 1.5 }}>
              <Typography variant="h3" sx={{ fontSize: '1rem' }}>
                {t('sessionsUi.schedule.pupilsTitle', { count: picked.length })}
              </Typography>
              {picked.map((p) => (
                <PupilRow
                  key={p.id}
                  pupil={p}
                  value={delivers[p.id] ?? ''}
                  onChange={(v) => {
                    const next = { ...delivers, [p.id]: v };
                    setDelivers(next);
                    syncPupils(picked, next);
                  }}
                  onRemove={() => {
                    const next = picked.filter((x) => x.id !== p.id);
                    setPicked(next);
                    syncPupils(next, delivers);
                  }}
                />
              ))}
              {picked.length < 12 ? (
                <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
                  <Box sx={{ flex: 1 }}>
                    <PupilPicker
                      value={adding}
                      onChange={(p) => {
                        setAdding(null);
                        if (p && !picked.some((x) => x.id === p.id)) {
                          const next = [...picked, p];
                          setPicked(next);
                          syncPupils(next, delivers);
                        }
                      }}
                      error={formState.errors.pupils?.message ?? formState.errors.pupils?.root?.message ?? null}
                    />
                  </Box>
                </Box>
              ) : null}
            </Box>
          </Box>
        </DialogContent>
        {summary || protectedAsk ? (
          <Box ref={summaryRef} sx={{ px: 3, pt: 1, display: 'grid', gap: 1 }}>
            {summary ? (
              <Alert severity="error" role="alert" data-testid="schedule-refusal">
                {summary}
              </Alert>
            ) : null}
            {protectedAsk ? (
              <Controller
                control={control}
                name="overrideProtected"
                render={({ field }) => (
                  <FormControlLabel
                    control={<Checkbox checked={!!field.value} onChange={(e) => field.onChange(e.target.checked)} />}
                    label={t('sessionsUi.schedule.bookAnyway')}
                  />
                )}
              />
            ) : null}
          </Box>
        ) : null}
        <DialogActions>
          <Button onClick={guard.requestClose}>{t('sessionsUi.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('sessionsUi.schedule.submit')}
          </Button>
        </DialogActions>
      </form>
      {guard.question}
    </Dialog>
  );
}
