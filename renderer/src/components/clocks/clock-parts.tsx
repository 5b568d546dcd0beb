/**
 * Pieces every list of clocks shares: the state chip (colour and words and an icon, never colour alone), the
 * clock's label with its source, the due date with a relative hint, and the notes for a moved date or a gap in
 * the term dates.
 */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ErrorOutline from '@mui/icons-material/ErrorOutlineOutlined';
import ScheduleOutlined from '@mui/icons-material/ScheduleOutlined';
import EventOutlined from '@mui/icons-material/EventOutlined';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlineOutlined';
import InfoOutlined from '@mui/icons-material/InfoOutlined';
import type { ClockItemView } from '../../../../shared/contract';
import type { ClockKey, ClockState } from '../../../../shared/clock-types';
import { formatLongDate } from '../../../../shared/dates';
import { clockNotes } from '../../../../shared/clock-notes';
import { relativeHint } from './clock-view';

export const STATE_STYLE: Record<ClockState, { bg: string; fg: string; border: string; accent: string }> = {
  overdue: { bg: '#fdecea', fg: '#8c1d18', border: '#e6a9a4', accent: '#b3261e' },
  due_this_week: { bg: '#fff4e0', fg: '#6b4500', border: '#e8c17a', accent: '#b26a00' },
  upcoming: { bg: '#e6f0fb', fg: '#14406f', border: '#9dbfe6', accent: '#1d4f91' },
  done: { bg: '#e7f4ec', fg: '#1e5631', border: '#9fcfb0', accent: '#1e6b3a' },
};

export const STATE_ICON: Record<ClockState, typeof ErrorOutline> = {
  overdue: ErrorOutline,
  due_this_week: ScheduleOutlined,
  upcoming: EventOutlined,
  done: CheckCircleOutline,
};

export function ClockStateChip({ state }: { readonly state: ClockState }) {
  const { t } = useTranslation();
  const s = STATE_STYLE[state];
  const Icon = STATE_ICON[state];
  return (
    <Chip
      size="small"
      icon={<Icon aria-hidden sx={{ '&&': { color: s.fg } }} />}
      label={t(`clocks.states.${state}`)}
      sx={{ bgcolor: s.bg, color: s.fg, border: `1px solid ${s.border}`, fontWeight: 500 }}
    />
  );
}

/** The clock's label, with its rule and source behind an info button (a tooltip, also shown on keyboard focus). */
export function ClockLabel({ clockKey, dense = false }: { readonly clockKey: ClockKey; readonly dense?: boolean }) {
  const { t } = useTranslation();
  const label = t(`clocks.keys.${clockKey}.label`);
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.25 }}>
      <Typography component="span" sx={{ fontWeight: 500, fontSize: dense ? '0.875rem' : undefined }}>
        {label}
      </Typography>
      <Tooltip
        describeChild
        title={
          <Box sx={{ p: 0.5 }}>
            <Typography variant="body2" sx={{ mb: 0.5 }}>
              {t(`clocks.keys.${clockKey}.description`)}
            </Typography>
            <Typography variant="caption" component="p">
              {t('clocksUi.item.sourceLine', { source: t(`clocks.keys.${clockKey}.source`) })}
            </Typography>
          </Box>
        }
      >
        <IconButton size="small" aria-label={t('clocksUi.item.sourceLabel', { clock: label })} sx={{ color: 'text.secondary', p: 0.25 }}>
          <InfoOutlined sx={{ fontSize: 18 }} />
        </IconButton>
      </Tooltip>
    </Box>
  );
}

/** "14 March 2026" with "5 days overdue" / "in 3 days" / "due today" beneath. */
export function DueDate({ item, today }: { readonly item: ClockItemView; readonly today: string }) {
  const { t } = useTranslation();
  const hint = relativeHint(item, today);
  const text =
    hint.key === 'doneOn'
      ? t('clocksUi.relative.doneOn', { date: formatLongDate(hint.date) })
      : hint.key === 'supersededBy'
        ? t(`clocksUi.relative.supersededBy.${hint.by}`, { date: formatLongDate(hint.date) })
        : 'count' in hint
          ? t(`clocksUi.relative.${hint.key}`, { count: hint.count })
          : t(`clocksUi.relative.${hint.key}`);
  const s = STATE_STYLE[item.state];
  return (
    <Box>
      <Typography component="span" sx={{ display: 'block', whiteSpace: 'nowrap' }}>
        {formatLongDate(item.dueDate)}
      </Typography>
      <Typography
        component="span"
        variant="body2"
        sx={{
          display: 'block',
          color: item.state === 'overdue' || item.state === 'due_this_week' ? s.fg : 'text.secondary',
          fontWeight: item.state === 'overdue' ? 500 : 400,
        }}
      >
        {text}
      </Typography>
    </Box>
  );
}

/**
 * The recorded phase transfer a clock runs on, "Brought forward from ... for the phase transfer", "Moved from
 * 12 August 2027 (school closed that day)" and the calendar-gap note, when they apply (shared/clock-notes.ts).
 */
export function ClockNotes({ item }: { readonly item: ClockItemView }) {
  const { t } = useTranslation();
  const notes = clockNotes(item);
  if (!notes.length && !item.calendarGap) return null;
  return (
    <Box sx={{ mt: 0.25 }} data-testid="clock-notes">
      {notes.map((note) => (
        <Typography key={note} variant="body2" color="text.secondary">
          {note}
        </Typography>
      ))}
      {item.calendarGap ? (
        <Typography variant="body2" sx={{ color: STATE_STYLE.due_this_week.fg }}>
          {t('clocksUi.item.calendarGap')}
        </Typography>
      ) : null}
    </Box>
  );
}
