import { describe, expect, it } from 'vitest';
import type { ClockItemView } from '../../../../shared/contract';
import {
  clockHref,
  clockViewToInput,
  clockViewToParams,
  daysBetween,
  groupClocks,
  isClockViewFiltered,
  parseClockView,
  relativeHint,
  wholeMonthsBetween,
} from './clock-view';

function item(over: Partial<ClockItemView>): ClockItemView {
  return {
    id: 'annual_review:p1',
    key: 'annual_review',
    pupilId: 'pupil-1',
    pupilName: 'Robin Example',
    yearGroup: '5',
    className: '5B',
    localAuthority: 'Example LA',
    ownerId: null,
    ownerName: null,
    recordType: 'plan',
    recordId: 'plan-1',
    fromDate: '2026-03-02',
    dueDate: '2027-03-02',
    adjustedFrom: null,
    adjustedReason: null,
    transfer: null,
    state: 'upcoming',
    doneDate: null,
    calendarGap: false,
    supersededBy: null,
    ...over,
  };
}

describe('dates between', () => {
  it('counts days across months, years and the clocks changing', () => {
    expect(daysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-11-23', '2026-06-10')).toBe(-166);
  });

  it('counts whole months', () => {
    expect(wholeMonthsBetween('2026-06-10', '2026-07-09')).toBe(0);
    expect(wholeMonthsBetween('2026-06-10', '2026-07-10')).toBe(1);
    expect(wholeMonthsBetween('2026-06-10', '2026-11-23')).toBe(5);
    expect(wholeMonthsBetween('2026-11-23', '2027-03-02')).toBe(3);
  });
});

describe('relative hints', () => {
  const today = '2026-11-23';
  it('says due today and tomorrow', () => {
    expect(relativeHint(item({ dueDate: today, state: 'due_this_week' }), today)).toEqual({ key: 'dueToday' });
    expect(relativeHint(item({ dueDate: '2026-11-24', state: 'due_this_week' }), today)).toEqual({ key: 'dueTomorrow' });
  });

  it('counts days, then weeks, then months ahead', () => {
    expect(relativeHint(item({ dueDate: '2026-11-26' }), today)).toEqual({ key: 'inDays', count: 3 });
    expect(relativeHint(item({ dueDate: '2026-12-06' }), today)).toEqual({ key: 'inDays', count: 13 });
    expect(relativeHint(item({ dueDate: '2026-12-07' }), today)).toEqual({ key: 'inWeeks', count: 2 });
    expect(relativeHint(item({ dueDate: '2027-01-24' }), today)).toEqual({ key: 'inWeeks', count: 8 });
    expect(relativeHint(item({ dueDate: '2027-03-02' }), today)).toEqual({ key: 'inMonths', count: 3 });
  });

  it('counts days, weeks and months overdue', () => {
    expect(relativeHint(item({ dueDate: '2026-11-18', state: 'overdue' }), today)).toEqual({ key: 'overdueDays', count: 5 });
    expect(relativeHint(item({ dueDate: '2026-11-02', state: 'overdue' }), today)).toEqual({ key: 'overdueWeeks', count: 3 });
    expect(relativeHint(item({ dueDate: '2026-06-10', state: 'overdue' }), today)).toEqual({ key: 'overdueMonths', count: 5 });
  });

  it('never says fewer than 2 months once past 9 weeks', () => {
    expect(relativeHint(item({ dueDate: '2026-09-21', state: 'overdue' }), today)).toEqual({ key: 'overdueMonths', count: 2 });
  });

  it('says when a done item was done', () => {
    expect(relativeHint(item({ state: 'done', doneDate: '2026-10-01' }), today)).toEqual({ key: 'doneOn', date: '2026-10-01' });
  });
});

describe('grouping', () => {
  it('puts overdue first, then this week, upcoming and done; soonest first, latest done first', () => {
    const items = [
      item({ id: 'a', state: 'upcoming', dueDate: '2027-03-02' }),
      item({ id: 'b', state: 'overdue', dueDate: '2026-11-01' }),
      item({ id: 'c', state: 'upcoming', dueDate: '2027-01-10' }),
      item({ id: 'd', state: 'done', dueDate: '2026-05-01', doneDate: '2026-04-01' }),
      item({ id: 'e', state: 'done', dueDate: '2026-07-01', doneDate: '2026-06-20' }),
      item({ id: 'f', state: 'overdue', dueDate: '2026-06-10' }),
    ];
    const groups = groupClocks(items);
    expect(groups.map((g) => g.state)).toEqual(['overdue', 'upcoming', 'done']);
    expect(groups.map((g) => g.items.map((i) => i.id))).toEqual([
      ['f', 'b'],
      ['c', 'a'],
      ['e', 'd'],
    ]);
  });
});

describe('links', () => {
  it('opens the plan, the EHC plan tab or the profile', () => {
    expect(clockHref(item({ recordType: 'plan', recordId: 'plan-1' }))).toBe('/pupils/pupil-1/plans/ehcp/plan-1');
    expect(clockHref(item({ recordType: 'review', recordId: 'review-1' }))).toBe('/pupils/pupil-1?tab=ehcp');
    expect(clockHref(item({ recordType: 'assessment', recordId: 'req-1' }))).toBe('/pupils/pupil-1?tab=ehcp');
    expect(clockHref(item({ recordType: 'pupil', recordId: 'pupil-1' }))).toBe('/pupils/pupil-1');
  });
});

describe('dashboard filters in the address', () => {
  it('defaults to everything not done', () => {
    const v = parseClockView(new URLSearchParams());
    expect(v).toEqual({ state: null, localAuthority: null, yearGroup: null, ownerId: null, showDone: false });
    expect(clockViewToParams(v).toString()).toBe('');
    expect(clockViewToInput(v)).toEqual({ states: ['overdue', 'due_this_week', 'upcoming'] });
    expect(isClockViewFiltered(v)).toBe(false);
  });

  it('round-trips the filters and asks for one state when a count is chosen', () => {
    const q = 'state=overdue&la=Example+Borough+Council&year=5&owner=user-1&done=1';
    const v = parseClockView(new URLSearchParams(q));
    expect(clockViewToParams(v).toString()).toBe(q);
    expect(clockViewToInput(v)).toEqual({
      localAuthority: 'Example Borough Council',
      yearGroup: '5',
      ownerId: 'user-1',
      states: ['overdue'],
    });
    expect(isClockViewFiltered(v)).toBe(true);
  });

  it('includes done items only when asked', () => {
    expect(clockViewToInput(parseClockView(new URLSearchParams('done=1'))).states).toEqual([
      'overdue',
      'due_this_week',
      'upcoming',
      'done',
    ]);
  });

  it('ignores values the contract would refuse', () => {
    const v = parseClockView(new URLSearchParams(`state=done&year=99&la=${'x'.repeat(101)}&owner=%20`));
    expect(v).toEqual({ state: null, localAuthority: null, yearGroup: null, ownerId: null, showDone: false });
  });
});
