/**
 * Record a session in a few keystrokes: for each pupil Attended / Absent / Cancelled (keys A, B, C while the
 * pupil's row has focus), minutes prefilled with the scheduled length, notes, and a GAS (goal attainment scaling)
 * rating for their plan goals. Cancelled asks who cancelled and why. Only pupils given an attendance are sent, so a
 * session can be recorded in part.
 */
import { useState, type KeyboardEvent } from 'react';
import { Controller, useForm, useWatch, type Control, type Resolver } from 'react-hook-form';
import { useDraft } from '../../lib/use-draft';
import { DraftStatus } from '../draft-guard';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { CANCELLED_BY, recordInput, type SessionView } from '../../../../shared/contract/sessions';
import { invoke, call } from '../../api/client';
import { scoreLabel } from '../ipp/ipp-model';
import { qk } from '../../lib/query-keys';

type RecordIn = z.input<typeof recordInput>;
type PupilIn = RecordIn['pupils'][number];
type Choice = PupilIn['attendance'];
interface FormPupil extends Omit<PupilIn, 'attendance'> {
  readonly attendance: Choice | null;
}
interface FormValues {
  readonly sessionId: string;
  readonly pupils: FormPupil[];
}

const KEYS: Record<string, Choice> = { a: 'attended', b: 'absent', c: 'cancelled' };
const RATINGS = [-2, -1, 0, 1, 2] as const;

function initialValues(session: SessionView): FormValues {
  return {
    sessionId: session.id,
    pupils: session.pupils.map((p) => ({
      pupilId: p.pupilId,
      attendance: p.attendance === 'pending' ? null : p.attendance,
      cancelledBy: p.cancelledBy,
      reason: p.reason,
      deliveredMinutes:
        p.attendance === 'attended'
          ? (p.deliveredMinutes ?? session.durationMinutes)
          : p.attendance === 'pending'
            ? session.durationMinutes
            : null,
      notes: p.notes,
      goals: [],
    })),
  };
}

/** Validates only the pupils given an attendance, with the contract's schema, and puts messages back on their rows. */
const resolver: Resolver<FormValues> = async (values, context, options) => {
  const chosen = values.pupils.map((p, i) => [p, i] as const).filter(([p]) => p.attendance !== null);
  const input: RecordIn = {
    sessionId: values.sessionId,
    pupils: chosen.map(([p]) => ({
      ...p,
      attendance: p.attendance as Choice,
      deliveredMinutes: p.attendance === 'attended' ? p.deliveredMinutes : null,
    })),
  };
  const inner = zodResolver(recordInput) as unknown as Resolver<RecordIn>;
  const result = await inner(input, context, options as never);
  if (Object.keys(result.errors).length === 0) return { values: values, errors: {} };
  const errors = result.errors as unknown as { pupils?: Record<number, unknown> & { message?: string; root?: unknown } };
  const mapped: Record<string, unknown> = {};
  if (errors.pupils) {
    const rows: unknown[] = [];
    for (const [k, v] of Object.entries(errors.pupils)) {
      const n = Number(k);
      if (Number.isInteger(n) && chosen[n]) rows[chosen[n][1]] = v;
      else (rows as unknown as Record<string, unknown>)[k] = v;
    }
    mapped.pupils = rows;
  }
  return { values: {}, errors: mapped as never };
};

function GoalChips({
  control,
  index,
  pupilId,
  setGoals,
}: {
  readonly control: Control<FormValues>;
  readonly index: number;
  readonly pupilId: string;
  readonly setGoals: (g: PupilIn['goals']) => void;
}) {
  const { t } = useTranslation();
  const goals = useWatch({ control, name: `pupils.${index}.goals` });
  const ipps = useQuery({ queryKey: qk('ipps.listForPupil', pupilId), queryFn: () => call('ipps.listForPupil', { pupilId }) });
  const list = (ipps.data ?? []).flatMap((ipp) =>
    ipp.goals.map((g, gi) => ({ ippId: ipp.id, key: g.key, n: gi + 1, description: g.description, title: ipp.title })),
  );
  if (list.length === 0) return null;
  return (
    <Box sx={{ display: 'grid', gap: 0.75 }}>
      <Typography variant="body2" color="text.secondary">
        {t('sessionsUi.record.goalsIntro')}
      </Typography>
      {list.map((g) => {
        const current = goals.find((x) => x.ippId === g.ippId && x.goalKey === g.key)?.rating ?? null;
        return (
          <Box
            key={`${g.ippId}-${g.key}`}
            sx={{ display: 'flex', gap: 0.75, alignItems: 'center', flexWrap: 'wrap' }}
            role="group"
            aria-label={t('sessionsUi.record.goalAria', { n: g.n, goal: g.description })}
          >
            <Tooltip title={`${g.title}: ${g.description}`}>
              <Typography
                variant="body2"
                sx={{ minWidth: 0, flex: '1 1 200px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
              >
                {t('sessionsUi.record.goalN', { n: g.n })}: {g.description}
              </Typography>
            </Tooltip>
            {RATINGS.map((r) => (
              <Chip
                key={r}
                size="small"
                label={scoreLabel(r)}
                variant={current === r ? 'filled' : 'outlined'}
                color={current === r ? 'primary' : 'default'}
                aria-pressed={current === r}
                aria-label={t('sessionsUi.record.rate', { rating: scoreLabel(r) })}
                onClick={() => {
                  const rest = goals.filter((x) => !(x.ippId === g.ippId && x.goalKey === g.key));
                  setGoals(current === r ? rest : [...rest, { ippId: g.ippId, goalKey: g.key, rating: r, note: null }]);
                }}
              />
            ))}
          </Box>
        );
      })}
    </Box>
  );
}

/** The record form's draft (shared/contract/drafts.ts DRAFT_KEY): one per session. */
export const recordDraftKey = (sessionId: string) => `sessions.record:${sessionId}`;

export function RecordForm({ session, onSaved }: { readonly session: SessionView; readonly onSaved?: (s: SessionView) => void }) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { control, handleSubmit, setValue, reset, formState } = useForm<FormValues>({ resolver, defaultValues: initialValues(session) });
  const pupils = useWatch({ control, name: 'pupils' });
  // Kept as a draft until recorded (issue 17, item 3). Only the pupils this session shows the user now come back
  // (the session is read within their scope), so notes about a pupil they may no longer see are not shown again.
  const draft = useDraft<FormValues>({
    draftKey: recordDraftKey(session.id),
    pupilId: session.pupils.length === 1 ? session.pupils[0]!.pupilId : null,
    value: useWatch({ control }) as FormValues,
    dirty: formState.isDirty && !saved,
    restore: (v) => {
      const fresh = initialValues(session);
      const kept = new Map((v.pupils ?? []).map((p) => [p.pupilId, p] as const));
      reset({ ...fresh, pupils: fresh.pupils.map((p) => kept.get(p.pupilId) ?? p) }, { keepDefaultValues: true });
    },
  });

  const choose = (i: number, choice: Choice) => {
    setSaved(false);
    setValue(`pupils.${i}.attendance`, choice, { shouldDirty: true, shouldValidate: formState.isSubmitted });
    setValue(`pupils.${i}.deliveredMinutes`, choice === 'attended' ? (pupils[i]?.deliveredMinutes ?? session.durationMinutes) : null);
    if (choice !== 'cancelled') setValue(`pupils.${i}.cancelledBy`, null);
  };

  const onSubmit = handleSubmit(
    async (values) => {
      setSummary(null);
      const chosen = values.pupils.filter((p) => p.attendance !== null);
      if (chosen.length === 0) {
        setSummary(t('sessionsUi.record.nothingChosen'));
        return;
      }
      const res = await invoke('sessions.record', {
        sessionId: values.sessionId,
        pupils: chosen.map((p) => ({
          ...p,
          attendance: p.attendance as Choice,
          deliveredMinutes: p.attendance === 'attended' ? p.deliveredMinutes : null,
        })),
      });
      if (res.ok) {
        void draft.saved();
        setSaved(true);
        onSaved?.(res.value);
        return;
      }
      setSummary(res.error.message);
    },
    () => setSummary(t('errors.invalidInput')),
  );

  const onKey = (i: number) => (e: KeyboardEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey || e.altKey || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') return;
    const choice = KEYS[e.key.toLowerCase()];
    if (choice) {
      e.preventDefault();
      choose(i, choice);
    }
  };

  return (
    <Box
      component="form"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      sx={{ display: 'grid', gap: 1.5 }}
      aria-label={t('sessionsUi.record.formAria', { title: session.title })}
    >
      <DraftStatus draft={draft} onDiscard={() => void draft.discard().then(() => reset())} />
      {summary ? (
        <Alert severity="error" role="alert">
          {summary}
        </Alert>
      ) : null}
      {session.pupils.map((p, i) => {
        const row = pupils[i];
        return (
          <Box
            key={p.pupilId}
            tabIndex={0}
            onKeyDown={onKey(i)}
            data-testid="record-pupil"
            aria-label={t('sessionsUi.record.pupilAria', { name: p.name })}
            sx={{
              border: 1,
              borderColor: 'divider',
              borderRadius: 1,
              p: 1.5,
              display: 'grid',
              gap: 1.25,
              '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main', outlineOffset: 2 },
            }}
          >
            <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography sx={{ fontWeight: 500, flex: '1 1 160px' }}>{p.name}</Typography>
              <ToggleButtonGroup
                exclusive
                size="small"
                value={row?.attendance ?? null}
                onChange={(_, v: Choice | null) => {
                  if (v) choose(i, v);
                }}
                aria-label={t('sessionsUi.record.attendanceAria', { name: p.name })}
              >
                {(['attended', 'absent', 'cancelled'] as const).map((c) => (
                  <ToggleButton
                    key={c}
                    value={c}
                    sx={{ textTransform: 'none', px: 1.5 }}
                    aria-keyshortcuts={c === 'attended' ? 'A' : c === 'absent' ? 'B' : 'C'}
                  >
                    {t(`sessionsUi.attendance.${c}`)}
                    <Box
                      component="kbd"
                      aria-hidden
                      sx={{
                        ml: 0.75,
                        fontSize: '0.7rem',
                        border: 1,
                        borderColor: 'divider',
                        borderRadius: 0.5,
                        px: 0.5,
                        color: 'text.secondary',
                      }}
                    >
                      {c === 'attended' ? 'A' : c === 'absent' ? 'B' : 'C'}
                    </Box>
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
            </Box>
            {row?.attendance === 'attended' ? (
              <Controller
                control={control}
                name={`pupils.${i}.deliveredMinutes`}
                render={({ field, fieldState }) => (
                  <TextField
                    size="small"
                    label={t('sessionsUi.record.minutes')}
                    value={field.value ?? ''}
                    onChange={(e) =>
                      field.onChange(
                        /^\d+$/.test(e.target.value)
                          ? Number(e.target.value)
                          : e.target.value === ''
                            ? null
                            : (e.target.value as unknown as number),
                      )
                    }
                    error={!!fieldState.error}
                    helperText={fieldState.error?.message}
                    slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 3 } }}
                    sx={{ maxWidth: 200 }}
                  />
                )}
              />
            ) : null}
            {row?.attendance === 'cancelled' ? (
              <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '1fr 2fr' } }}>
                <Controller
                  control={control}
                  name={`pupils.${i}.cancelledBy`}
                  render={({ field, fieldState }) => (
                    <TextField
                      select
                      size="small"
                      required
                      label={t('sessionsUi.record.cancelledBy')}
                      value={field.value ?? ''}
                      onChange={(e) => field.onChange(e.target.value || null)}
                      error={!!fieldState.error}
                      helperText={fieldState.error?.message}
                    >
                      {CANCELLED_BY.map((c) => (
                        <MenuItem key={c} value={c}>
                          {t(`sessionsUi.cancelledBy.${c}`)}
                        </MenuItem>
                      ))}
                    </TextField>
                  )}
                />
                <Controller
                  control={control}
                  name={`pupils.${i}.reason`}
                  render={({ field, fieldState }) => (
                    <TextField
                      size="small"
                      required
                      label={t('sessionsUi.record.reason')}
                      value={field.value ?? ''}
                      onChange={(e) => field.onChange(e.target.value === '' ? null : e.target.value)}
                      error={!!fieldState.error}
                      helperText={fieldState.error?.message}
                    />
                  )}
                />
              </Box>
            ) : null}
            {row?.attendance ? (
              <Controller
                control={control}
                name={`pupils.${i}.notes`}
                render={({ field, fieldState }) => (
                  <TextField
                    size="small"
                    multiline
                    minRows={1}
                    label={t('sessionsUi.record.notes')}
                    value={field.value ?? ''}
                    onChange={(e) => field.onChange(e.target.value === '' ? null : e.target.value)}
                    error={!!fieldState.error}
                    helperText={fieldState.error?.message}
                  />
                )}
              />
            ) : null}
            {row?.attendance === 'attended' ? (
              <GoalChips control={control} index={i} pupilId={p.pupilId} setGoals={(g) => setValue(`pupils.${i}.goals`, [...g])} />
            ) : null}
          </Box>
        );
      })}
      <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center' }}>
        <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
          {t('sessionsUi.record.save')}
        </Button>
        {saved ? (
          <Typography role="status" color="success.main">
            {t('sessionsUi.record.saved')}
          </Typography>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('sessionsUi.record.keysHint')}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
