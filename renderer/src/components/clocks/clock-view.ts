/**
 * Pure helpers for showing clocks: relative hints ("5 days overdue", "in 3 days"), grouping by state then due
 * date, where a row links to, and the dashboard's filters kept in the address (so Back and reload keep the view).
 */
import type { ClockItemView, InputOf } from '../../../../shared/contract';
import type { ClockState } from '../../../../shared/clock-types';
import { daysBetween } from '../../../../shared/date-only';
import { YEAR_GROUPS, type YearGroup } from '../../../../shared/domain';

export const STATE_ORDER: readonly ClockState[] = ['overdue', 'due_this_week', 'upcoming', 'done'];
export const ACTIVE_STATES = ['overdue', 'due_this_week', 'upcoming'] as const;
export type ActiveState = (typeof ACTIVE_STATES)[number];

/** Days from `from` to `to`: the one date-only module's (shared/date-only.ts), exported here too for the clock screens. */
export { daysBetween };

/** Whole calendar months from `from` to `to` (from <= to): 10 June to 9 July is 0, to 10 July is 1. */
export function wholeMonthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let months = (ty - fy) * 12 + (tm - fm);
  if (td < fd) months -= 1;
  return Math.max(0, months);
}

export type RelativeHint =
  | { readonly key: 'dueToday' | 'dueTomorrow' }
  | { readonly key: 'inDays' | 'inWeeks' | 'inMonths' | 'overdueDays' | 'overdueWeeks' | 'overdueMonths'; readonly count: number }
  | { readonly key: 'doneOn'; readonly date: string }
  | { readonly key: 'supersededBy'; readonly by: NonNullable<ClockItemView['supersededBy']>['by']; readonly date: string };

/**
 * A hint relative to today: days up to a fortnight, then weeks up to about two months, then months. Done items
 * say when they were done. The i18n key is `clocksUi.relative.<key>` with `count` (plural) or `date`.
 */
export function relativeHint(item: Pick<ClockItemView, 'dueDate' | 'doneDate' | 'state' | 'supersededBy'>, today: string): RelativeHint {
  if (item.state === 'done' && item.doneDate) return { key: 'doneOn', date: item.doneDate };
  // Not recorded, but a later step is done: nothing left to do (clocks engine, Superseded).
  if (item.state === 'done' && item.supersededBy) return { key: 'supersededBy', by: item.supersededBy.by, date: item.supersededBy.date };
  const days = daysBetween(today, item.dueDate);
  if (days === 0) return { key: 'dueToday' };
  if (days === 1) return { key: 'dueTomorrow' };
  const ahead = days > 0;
  const n = Math.abs(days);
  const [early, late] = ahead ? [today, item.dueDate] : [item.dueDate, today];
  if (n < 14) return { key: ahead ? 'inDays' : 'overdueDays', count: n };
  if (n < 63) return { key: ahead ? 'inWeeks' : 'overdueWeeks', count: Math.floor(n / 7) };
  return { key: ahead ? 'inMonths' : 'overdueMonths', count: Math.max(2, wholeMonthsBetween(early, late)) };
}

export interface ClockGroup {
  readonly state: ClockState;
  readonly items: readonly ClockItemView[];
}

/** Groups items by state (overdue first, done last); soonest due first, and most recently done first. */
export function groupClocks(items: readonly ClockItemView[]): ClockGroup[] {
  return STATE_ORDER.map((state) => {
    const list = items.filter((i) => i.state === state);
    list.sort((a, b) =>
      state === 'done'
        ? (b.doneDate ?? '').localeCompare(a.doneDate ?? '') || a.pupilName.localeCompare(b.pupilName)
        : a.dueDate.localeCompare(b.dueDate) || a.pupilName.localeCompare(b.pupilName) || a.key.localeCompare(b.key),
    );
    return { state, items: list };
  }).filter((g) => g.items.length > 0);
}

/**
 * Where a clock's row leads: the EHC plan for a plan's own clocks; the profile's EHC plan tab for a review or an
 * assessment request (the item carries the review's id, not its plan's); otherwise the pupil's profile.
 */
export function clockHref(item: Pick<ClockItemView, 'pupilId' | 'recordType' | 'recordId'>): string {
  const pupil = `/pupils/${encodeURIComponent(item.pupilId)}`;
  switch (item.recordType) {
    case 'plan':
      return `${pupil}/plans/ehcp/${encodeURIComponent(item.recordId)}`;
    case 'review':
    case 'assessment':
      return `${pupil}?tab=ehcp`;
    default:
      return pupil;
  }
}

/** The dashboard's clock filters, as kept in the address. */
export interface ClockView {
  readonly state: ActiveState | null;
  readonly localAuthority: string | null;
  readonly yearGroup: YearGroup | null;
  readonly ownerId: string | null;
  readonly showDone: boolean;
}

const clip = (v: string | null, max: number): string | null => {
  const s = (v ?? '').trim();
  return s && s.length <= max ? s : null;
};

export function parseClockView(params: URLSearchParams): ClockView {
  const state = params.get('state');
  const year = params.get('year');
  return {
    state: (ACTIVE_STATES as readonly string[]).includes(state ?? '') ? (state as ActiveState) : null,
    localAuthority: clip(params.get('la'), 100),
    yearGroup: (YEAR_GROUPS as readonly string[]).includes(year ?? '') ? (year as YearGroup) : null,
    ownerId: clip(params.get('owner'), 64),
    showDone: params.get('done') === '1',
  };
}

export function clockViewToParams(view: ClockView): URLSearchParams {
  const p = new URLSearchParams();
  if (view.state) p.set('state', view.state);
  if (view.localAuthority) p.set('la', view.localAuthority);
  if (view.yearGroup) p.set('year', view.yearGroup);
  if (view.ownerId) p.set('owner', view.ownerId);
  if (view.showDone) p.set('done', '1');
  return p;
}

/** clocks.list's input: one state when a count is chosen; done items only when asked for. */
export function clockViewToInput(view: ClockView): InputOf<'clocks.list'> {
  return {
    ...(view.localAuthority ? { localAuthority: view.localAuthority } : {}),
    ...(view.yearGroup ? { yearGroup: view.yearGroup } : {}),
    ...(view.ownerId ? { ownerId: view.ownerId } : {}),
    states: view.state ? [view.state] : view.showDone ? [...STATE_ORDER] : [...ACTIVE_STATES],
  };
}

export function isClockViewFiltered(view: ClockView): boolean {
  return !!(view.localAuthority || view.yearGroup || view.ownerId);
}
