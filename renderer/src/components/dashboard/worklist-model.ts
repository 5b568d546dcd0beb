/**
 * Pure helpers for the dashboard's worklist: how much of "Do next" shows before "Show all" (so a school's dashboard
 * fits the first screen at 1366x768), and where each item opens.
 */
import type { WorkGroup, WorkItem } from '../../../../shared/contract';
import { clockHref } from '../clocks/clock-view';

/** Pupils shown before "Show all", and items shown per pupil before "and N more". */
export const FOLDED_PUPILS = 4;
export const FOLDED_ITEMS = 2;

export interface FoldedGroup {
  readonly group: WorkGroup;
  readonly shown: readonly WorkItem[];
  /** Items of this pupil left out ("and N more", a link to the pupil). */
  readonly more: number;
}

/** The first `pupils` groups with their first `items` items each; everything when `all`. */
export function foldGroups(
  groups: readonly WorkGroup[],
  all: boolean,
  pupils = FOLDED_PUPILS,
  items = FOLDED_ITEMS,
): { readonly shown: readonly FoldedGroup[]; readonly hiddenPupils: number } {
  const list = all ? groups : groups.slice(0, pupils);
  return {
    shown: list.map((group) => {
      const shown = all ? group.items : group.items.slice(0, items);
      return { group, shown, more: group.items.length - shown.length + group.more };
    }),
    hiddenPupils: groups.length - list.length,
  };
}

/** Where an item opens: the deadline's record, the review the action came from, the calendar on the session's day. */
export function workItemHref(pupilId: string, item: WorkItem): string {
  if (item.clock) return clockHref({ pupilId, recordType: item.clock.recordType, recordId: item.clock.recordId });
  if (item.action) return `/pupils/${encodeURIComponent(pupilId)}/reviews/${encodeURIComponent(item.action.reviewId)}`;
  return `/calendar?date=${item.dueDate}&view=timeGridDay`;
}
