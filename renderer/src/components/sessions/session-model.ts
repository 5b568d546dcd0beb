/**
 * Pure helpers for the session screens: date arithmetic on ISO dates, holiday bands from term dates and closures,
 * hours in words, discipline colours (always shown with text: colour is never the only signal) and sorting the
 * provision report.
 */
import { addDays, daysBetween, mondayOf } from '../../../../shared/date-only';
import type { ProvisionFigures, ProvisionLine, SessionView } from '../../../../shared/contract/sessions';
import { t } from '../../../../shared/i18n';

/** Date arithmetic is the one date-only module's (shared/date-only.ts); exported here too for the session screens. */
export { addDays as addDaysIso, daysBetween, mondayOf };

/** Minutes as hours and minutes in words: 90 → "1 hour 30 minutes", 0 → "none". */
export function minutesInWords(total: number): string {
  const m = Math.max(0, Math.round(total));
  if (m === 0) return t('sessionsUi.words.none');
  const h = Math.floor(m / 60);
  const r = m % 60;
  const hours = h === 0 ? '' : t('sessionsUi.words.hours', { count: h });
  const mins = r === 0 ? '' : t('sessionsUi.words.minutes', { count: r });
  return [hours, mins].filter(Boolean).join(' ');
}

/** Minutes as decimal hours for a table: 90 → "1.5". */
export function hoursFigure(minutes: number): string {
  const h = Math.round((minutes / 60) * 10) / 10;
  return Number.isInteger(h) ? String(h) : h.toFixed(1);
}

/** "HH:MM" plus minutes → "HH:MM". */
export function addMinutesToTime(time: string, minutes: number): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

export interface Band {
  readonly start: string;
  /** Inclusive last day. */
  readonly end: string;
  readonly name: string;
  readonly kind: 'holiday' | 'closure';
}

/**
 * Holidays between consecutive terms (the gap from the day after one term ends to the day before the next starts)
 * and named closures, as bands to shade on the calendar.
 */
export function holidayBands(
  terms: ReadonlyArray<{ readonly startDate: string; readonly endDate: string }>,
  closures: ReadonlyArray<{ readonly date: string; readonly name: string; readonly kind: string }>,
  holidayName: (from: string, to: string) => string,
): Band[] {
  const sorted = [...terms].sort((a, b) => a.startDate.localeCompare(b.startDate));
  const bands: Band[] = [];
  for (let i = 1; i < sorted.length; i += 1) {
    const prev = sorted[i - 1];
    const next = sorted[i];
    if (!prev || !next) continue;
    const start = addDays(prev.endDate, 1);
    const end = addDays(next.startDate, -1);
    if (end >= start) bands.push({ start, end, name: holidayName(start, end), kind: 'holiday' });
  }
  for (const c of closures) {
    if (c.kind === 'term') continue;
    bands.push({ start: c.date, end: c.date, name: c.name, kind: 'closure' });
  }
  return bands;
}

/** Calm, distinguishable colours, dark enough for white text (WCAG AA); the event always carries its words too. */
const DISCIPLINE_COLOURS = ['#1d4f91', '#8a3b12', '#1e6b3a', '#5b3f8c', '#7a5c00', '#2f6f7e', '#8c2f5b', '#3d4a57'];

export function disciplineColour(code: string, codes: readonly string[]): string {
  const i = codes.indexOf(code);
  const n = i >= 0 ? i : [...code].reduce((a, c) => a + c.charCodeAt(0), 0);
  return DISCIPLINE_COLOURS[n % DISCIPLINE_COLOURS.length] ?? '#3d4a57';
}

export const PROVISION_SORTS = ['shortfall', 'pupil', 'delivered'] as const;
export type ProvisionSort = (typeof PROVISION_SORTS)[number];
export type Period = 'term' | 'year';

export function figures(line: ProvisionLine, period: Period): ProvisionFigures {
  return period === 'term' ? line.term : line.year;
}

export function sortProvision(
  lines: readonly ProvisionLine[],
  period: Period,
  sort: ProvisionSort,
  direction: 'asc' | 'desc',
): ProvisionLine[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...lines].sort((a, b) => {
    const fa = figures(a, period);
    const fb = figures(b, period);
    const byName = a.pupilName.localeCompare(b.pupilName);
    if (sort === 'pupil') return sign * byName;
    const va = sort === 'shortfall' ? fa.shortfallMinutes : fa.minutesDelivered;
    const vb = sort === 'shortfall' ? fb.shortfallMinutes : fb.minutesDelivered;
    return sign * (va - vb) || byName;
  });
}

/** Initials a calendar event may show (never a full name on a shared screen). */
export function pupilInitials(pupils: ReadonlyArray<{ readonly initials: string }>): string {
  return pupils.map((p) => p.initials).join(', ');
}

/** Where a session stands, shown with an icon and a word (never colour alone). */
export type SessionState = 'upcoming' | 'to_record' | 'recorded' | 'cancelled';

/**
 * Cancelled when every pupil's place was cancelled; recorded when every pupil has an outcome; to record once it has
 * ended with an outcome missing; otherwise still to come. `now` is local "yyyy-MM-ddTHH:mm".
 */
export function sessionState(s: Pick<SessionView, 'date' | 'endTime' | 'recorded' | 'pupils'>, now: string): SessionState {
  if (s.pupils.length > 0 && s.pupils.every((p) => p.attendance === 'cancelled')) return 'cancelled';
  if (s.recorded) return 'recorded';
  return `${s.date}T${s.endTime}` <= now ? 'to_record' : 'upcoming';
}

/** The month view's one line per day: how many sessions, and how many of them are still to record or cancelled. */
export interface DaySummary {
  readonly date: string;
  readonly total: number;
  readonly toRecord: number;
  readonly cancelled: number;
}

export function daySummaries(sessions: readonly SessionView[], now: string): DaySummary[] {
  const by = new Map<string, { total: number; toRecord: number; cancelled: number }>();
  for (const s of sessions) {
    const d = by.get(s.date) ?? { total: 0, toRecord: 0, cancelled: 0 };
    d.total += 1;
    const state = sessionState(s, now);
    if (state === 'to_record') d.toRecord += 1;
    if (state === 'cancelled') d.cancelled += 1;
    by.set(s.date, d);
  }
  return [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, d]) => ({ date, ...d }));
}

/** Past sessions still without an outcome, oldest first, grouped by practitioner (a group session under each). */
export function toRecordByPractitioner(
  sessions: readonly SessionView[],
  now: string,
): { readonly id: string; readonly name: string; readonly sessions: readonly SessionView[] }[] {
  const groups = new Map<string, { id: string; name: string; sessions: SessionView[] }>();
  const due = sessions
    .filter((s) => sessionState(s, now) === 'to_record')
    .sort((a, b) => `${a.date}T${a.startTime}`.localeCompare(`${b.date}T${b.startTime}`));
  for (const s of due) {
    for (const p of s.practitioners) {
      const g = groups.get(p.id) ?? { id: p.id, name: p.name, sessions: [] };
      g.sessions.push(s);
      groups.set(p.id, g);
    }
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}
