/**
 * A pupil's protected lessons ("Lessons not to be missed"): times in the school week when sessions should not be
 * booked. The core refuses bookings over them unless the person confirms. Listed for everyone signed in; the
 * SENCo, therapy lead and office add and remove them. Field messages come from the core.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { codeLabel } from '../../../../shared/i18n';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import { invoke, call } from '../../api/client';
import { useSessionInfo } from '../../auth/auth';
import { Loading, QueryError } from '../status';
import { qk } from '../../lib/query-keys';

export const PROTECTED_EDITORS = ['senco', 'therapy_lead', 'office'];
const WEEKDAYS = [1, 2, 3, 4, 5] as const;
type Field = 'weekday' | 'start' | 'end' | 'label';

export function ProtectedLessons({ pupilId }: { readonly pupilId: string }) {
  const { t } = useTranslation();
  const info = useSessionInfo();
  const canEdit = PROTECTED_EDITORS.includes(info.user.role);
  const key = qk('sessions.protected.list', { pupilId });
  const lessons = useQuery({ queryKey: key, queryFn: () => call('sessions.protected.list', { pupilId }) });
  const [weekday, setWeekday] = useState(1);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [label, setLabel] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (input: { id: string | null; weekday: number; start: string; end: string; label: string; remove: boolean }) => {
    setBusy(true);
    setSummary(null);
    const res = await invoke('sessions.protected.save', { ...input, pupilId, className: null });
    setBusy(false);
    if (res.ok) {
      return true;
    }
    const next: Partial<Record<Field, string>> = {};
    const other: string[] = [];
    for (const [path, message] of Object.entries(res.error.fields ?? {})) {
      if (path === 'weekday' || path === 'start' || path === 'end' || path === 'label') next[path] = message;
      else other.push(message);
    }
    setErrors(next);
    setSummary([Object.keys(next).length > 0 ? t('errors.invalidInput') : res.error.message, ...other].join(' '));
    return false;
  };

  const add = async () => {
    setErrors({});
    if (await save({ id: null, weekday, start: start.trim(), end: end.trim(), label: label.trim(), remove: false })) {
      setStart('');
      setEnd('');
      setLabel('');
    }
  };

  const rows = [...(lessons.data ?? [])].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));

  return (
    <Box sx={{ display: 'grid', gap: 1.5 }} data-testid="protected-lessons">
      <Typography variant="body2" color="text.secondary">
        {t('sessionsUi.protected.intro')}
      </Typography>
      {lessons.isPending ? (
        <Loading />
      ) : lessons.error ? (
        <QueryError error={lessons.error} onRetry={() => void lessons.refetch()} />
      ) : rows.length === 0 ? (
        <Typography color="text.secondary">{t('sessionsUi.protected.none')}</Typography>
      ) : (
        <List dense disablePadding aria-label={t('sessionsUi.protected.title')}>
          {rows.map((l) => {
            const when = t('sessionsUi.protected.when', {
              day: codeLabel('sessionsUi.protected.weekdays', String(l.weekday)),
              start: l.start,
              end: l.end,
            });
            return (
              <ListItem
                key={l.id}
                disableGutters
                secondaryAction={
                  canEdit ? (
                    <IconButton
                      edge="end"
                      disabled={busy}
                      aria-label={t('sessionsUi.protected.remove', { label: l.label, when })}
                      onClick={() => void save({ id: l.id, weekday: l.weekday, start: l.start, end: l.end, label: l.label, remove: true })}
                    >
                      <DeleteOutline />
                    </IconButton>
                  ) : undefined
                }
              >
                <ListItemText primary={l.label} secondary={when} />
              </ListItem>
            );
          })}
        </List>
      )}
      {summary ? (
        <Alert severity="error" role="alert">
          {summary}
        </Alert>
      ) : null}
      {canEdit ? (
        <Box
          component="form"
          noValidate
          aria-label={t('sessionsUi.protected.addTitle')}
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
          sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' }, alignItems: 'start' }}
        >
          <TextField
            select
            size="small"
            label={t('sessionsUi.protected.weekday')}
            value={weekday}
            onChange={(e) => setWeekday(Number(e.target.value))}
            error={!!errors.weekday}
            helperText={errors.weekday}
          >
            {WEEKDAYS.map((d) => (
              <MenuItem key={d} value={d}>
                {t(`sessionsUi.protected.weekdays.${d}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            label={t('sessionsUi.protected.start')}
            value={start}
            onChange={(e) => setStart(e.target.value)}
            required
            error={!!errors.start}
            helperText={errors.start ?? t('sessionsUi.schedule.timeHelp')}
            slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5 } }}
          />
          <TextField
            size="small"
            label={t('sessionsUi.protected.end')}
            value={end}
            onChange={(e) => setEnd(e.target.value)}
            required
            error={!!errors.end}
            helperText={errors.end}
            slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5 } }}
          />
          <TextField
            size="small"
            label={t('sessionsUi.protected.label')}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            required
            error={!!errors.label}
            helperText={errors.label ?? t('sessionsUi.protected.labelHelp')}
            sx={{ gridColumn: { md: 'span 2' } }}
          />
          <Button type="submit" variant="outlined" disabled={busy} sx={{ justifySelf: 'start' }}>
            {t('sessionsUi.protected.add')}
          </Button>
        </Box>
      ) : null}
    </Box>
  );
}
