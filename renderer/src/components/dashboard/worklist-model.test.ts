import { describe, expect, it } from 'vitest';
import type { WorkGroup, WorkItem } from '../../../../shared/contract';
import { foldGroups, workItemHref } from './worklist-model';

const item = (id: string, over: Partial<WorkItem> = {}): WorkItem => ({
  kind: 'session',
  id,
  clock: null,
  action: null,
  session: { title: 'Group', startTime: '10:00' },
  dueDate: '2026-11-17',
  overdue: true,
  ...over,
});
const group = (pupilId: string, n: number): WorkGroup => ({
  pupilId,
  pupilName: pupilId,
  yearGroup: '5',
  className: null,
  items: Array.from({ length: n }, (_, i) => item(`${pupilId}-${i}`)),
  more: 0,
});

describe('the worklist folded for the first screen', () => {
  it('shows the first pupils with their first items, and says how many more', () => {
    const groups = [group('a', 5), group('b', 1), group('c', 2), group('d', 3), group('e', 1)];
    const folded = foldGroups(groups, false, 4, 2);
    expect(folded.shown.map((g) => [g.group.pupilId, g.shown.length, g.more])).toEqual([
      ['a', 2, 3],
      ['b', 1, 0],
      ['c', 2, 0],
      ['d', 2, 1],
    ]);
    expect(folded.hiddenPupils).toBe(1);
    const all = foldGroups(groups, true, 4, 2);
    expect(all.shown.map((g) => [g.group.pupilId, g.shown.length, g.more])).toEqual([
      ['a', 5, 0],
      ['b', 1, 0],
      ['c', 2, 0],
      ['d', 3, 0],
      ['e', 1, 0],
    ]);
    expect(all.hiddenPupils).toBe(0);
    // Items the core left out (beyond ten a pupil) are counted in "and N more" too.
    expect(foldGroups([{ ...group('f', 10), more: 7 }], false, 4, 2).shown[0]!.more).toBe(15);
  });

  it('opens a deadline on its record, an action on its review, a session on the calendar that day', () => {
    expect(
      workItemHref(
        'p1',
        item('x', {
          kind: 'clock',
          session: null,
          clock: { key: 'annual_review', recordType: 'plan', recordId: 'pl', supersededBy: null },
        }),
      ),
    ).toBe('/pupils/p1/plans/ehcp/pl');
    expect(
      workItemHref(
        'p1',
        item('x', {
          kind: 'action',
          session: null,
          action: { description: 'Call', reviewId: 'r1', reviewKind: 'band', reviewDate: '2026-11-16' },
        }),
      ),
    ).toBe('/pupils/p1/reviews/r1');
    expect(workItemHref('p1', item('s1'))).toBe('/calendar?date=2026-11-17&view=timeGridDay');
  });
});
