import { describe, expect, it } from 'vitest';
import type { Concern, ConcernAlerts } from '../../../../shared/contract';
import { concernInput } from '../../../../shared/contract';
import {
  formatInstant,
  checkClose,
  checkConcern,
  concernFieldFor,
  deadlineParts,
  filterConcerns,
  formatLocalDateTime,
  hasTyping,
  isNewAlert,
  newConcernValues,
  normaliseTime,
  sortConcerns,
  splitLocal,
} from './concern-model';

const NOW = '2026-11-23T14:05';
const base = {
  pupilId: '00000000-0000-4000-8000-000000000001',
  date: '2026-11-23',
  time: '13:50',
  what: 'Bruise on left forearm, seen at lunch.',
  childWords: '',
};

function concern(over: Partial<Concern>): Concern {
  return {
    id: 'c',
    pupilId: 'p',
    pupilName: 'Amara Okafor',
    yearGroup: '5',
    raisedBy: 'Tara',
    raisedByUserId: 'u',
    raisedAt: '2026-11-23T10:00:00.000Z',
    happenedAt: '2026-11-23T09:55',
    status: 'raised',
    what: null,
    childWords: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    cpomsReference: null,
    closedAt: null,
    closedBy: null,
    overdue: false,
    acknowledgeBy: '2026-11-23T23:59',
    ...over,
  };
}

describe('raise form', () => {
  it('starts at now on England’s clock, split for typing', () => {
    // 14:05 UTC in November is 14:05 in London; in July it is 15:05 (BST).
    expect(newConcernValues('p', new Date('2026-11-23T14:05:30Z'))).toMatchObject({
      pupilId: 'p',
      date: '2026-11-23',
      time: '14:05',
      what: '',
      childWords: '',
    });
    expect(newConcernValues('p', new Date('2026-07-01T14:05:00Z'))).toMatchObject({ date: '2026-07-01', time: '15:05' });
    expect(splitLocal('2026-11-23T09:07')).toEqual({ date: '2026-11-23', time: '09:07' });
  });

  it('reads times typed several ways as 24-hour hh:mm, and refuses impossible ones', () => {
    expect(normaliseTime('14:05')).toBe('14:05');
    expect(normaliseTime('1405')).toBe('14:05');
    expect(normaliseTime('9:05')).toBe('09:05');
    expect(normaliseTime('14.05')).toBe('14:05');
    expect(normaliseTime('24:00')).toBeNull();
    expect(normaliseTime('12:60')).toBeNull();
    expect(normaliseTime('2pm')).toBeNull();
    expect(normaliseTime('')).toBeNull();
  });

  it('sends what the contract accepts: the local time joined, text trimmed, no child’s words as null', () => {
    const { errors, input } = checkConcern({ ...base, what: '  Bruise on arm.  ', childWords: '   ' }, NOW);
    expect(errors).toEqual({});
    expect(input).toEqual({ pupilId: base.pupilId, happenedAt: '2026-11-23T13:50', what: 'Bruise on arm.', childWords: null });
    expect(concernInput.safeParse(input).success).toBe(true);
    expect(checkConcern({ ...base, time: '1350', childWords: ' “He hit me” ' }, NOW).input).toMatchObject({
      happenedAt: '2026-11-23T13:50',
      childWords: '“He hit me”',
    });
  });

  it('says what to do for each missing or wrong field', () => {
    const { errors, input } = checkConcern({ pupilId: '', date: 'invalid', time: '25:00', what: ' ', childWords: '' }, NOW);
    expect(input).toBeNull();
    expect(errors.pupilId).toMatch(/tell the DSL in person straight away/);
    expect(errors.date).toBe('Enter the date it happened as dd/mm/yyyy.');
    expect(errors.time).toMatch(/24-hour clock, for example 14:05/);
    expect(errors.what).toBe('Describe what was seen or said, in your own words.');
    expect(checkConcern({ ...base, date: null }, NOW).errors.date).toBeDefined();
    expect(checkConcern({ ...base, what: 'x'.repeat(4001) }, NOW).errors.what).toMatch(/4000 characters or fewer/);
    expect(checkConcern({ ...base, childWords: 'x'.repeat(2001) }, NOW).errors.childWords).toMatch(/2000 characters or fewer/);
  });

  it('refuses a time in the future (as the core does), on the time today and on the date after', () => {
    expect(checkConcern({ ...base, time: '14:05' }, NOW).input).not.toBeNull();
    expect(checkConcern({ ...base, time: '14:06' }, NOW).errors).toEqual({
      time: 'That time is in the future. Enter when it was seen or said.',
    });
    expect(checkConcern({ ...base, date: '2026-11-24', time: '08:00' }, NOW).errors).toEqual({
      date: 'That time is in the future. Enter when it was seen or said.',
    });
  });

  it('puts the core’s field messages beside the right field', () => {
    expect(concernFieldFor('happenedAt')).toBe('time');
    expect(concernFieldFor('what')).toBe('what');
    expect(concernFieldFor('childWords')).toBe('childWords');
    expect(concernFieldFor('somethingElse')).toBeNull();
  });

  it('asks before discarding only when something was typed', () => {
    expect(hasTyping(base)).toBe(true);
    expect(hasTyping({ ...base, what: ' ', childWords: '' })).toBe(false);
    expect(hasTyping({ ...base, what: '', childWords: 'no' })).toBe(true);
  });
});

describe('close form', () => {
  it('needs the system and the reference, trimmed', () => {
    expect(checkClose({ system: ' CPOMS ', reference: ' SG-42 ' })).toEqual({ errors: {}, input: { system: 'CPOMS', reference: 'SG-42' } });
    const empty = checkClose({ system: '', reference: '' });
    expect(empty.input).toBeNull();
    expect(empty.errors.system).toMatch(/for example CPOMS/);
    expect(empty.errors.reference).toBe('Enter the concern’s reference on CPOMS, so it can be found there.');
    expect(checkClose({ system: 'MyConcern', reference: '' }).errors.reference).toMatch(/on MyConcern/);
    expect(checkClose({ system: 'x'.repeat(41), reference: 'r'.repeat(61) }).errors).toEqual({
      system: 'Keep the system’s name to 40 characters or fewer.',
      reference: 'Keep the reference to 60 characters or fewer.',
    });
  });
});

describe('dates and times', () => {
  it('shows dates in words and times 24-hour, and the deadline in parts', () => {
    // Issue 17, item 8: dates in running text in words, not dd/mm/yyyy.
    expect(formatLocalDateTime('2026-03-04T09:07')).toBe('4 March 2026, 09:07');
    expect(deadlineParts('2026-11-23T23:59')).toEqual({ time: '23:59', date: '23 November 2026' });
    expect(formatInstant('2026-03-14T10:05:00')).toBe('14 March 2026, 10:05');
  });
});

describe('the DSL’s list', () => {
  it('puts open concerns first (overdue, waiting, acknowledged), closed last, newest first within each', () => {
    const list = [
      concern({ id: 'closed', status: 'closed', raisedAt: '2026-11-23T12:00:00Z' }),
      concern({ id: 'ack', status: 'acknowledged', raisedAt: '2026-11-23T11:00:00Z' }),
      concern({ id: 'raised-old', raisedAt: '2026-11-22T09:00:00Z' }),
      concern({ id: 'raised-new', raisedAt: '2026-11-23T09:00:00Z' }),
      concern({ id: 'overdue', overdue: true, raisedAt: '2026-11-20T09:00:00Z' }),
    ];
    expect(sortConcerns(list).map((c) => c.id)).toEqual(['overdue', 'raised-new', 'raised-old', 'ack', 'closed']);
  });

  it('filters by open or closed and by part of the pupil’s name', () => {
    const list = [
      concern({ id: 'a' }),
      concern({ id: 'b', status: 'acknowledged', pupilName: 'Ben Hall' }),
      concern({ id: 'c', status: 'closed' }),
    ];
    expect(filterConcerns(list, 'open', '').map((c) => c.id)).toEqual(['a', 'b']);
    expect(filterConcerns(list, 'closed', '').map((c) => c.id)).toEqual(['c']);
    expect(filterConcerns(list, 'all', ' hall ').map((c) => c.id)).toEqual(['b']);
  });
});

describe('alerts', () => {
  const alerts = (newestRaisedAt: string | null): ConcernAlerts => ({
    open: 1,
    unacknowledged: newestRaisedAt ? 1 : 0,
    overdue: 0,
    newestRaisedAt,
  });
  it('announces the first concern waiting, and each newer one, but not the same one twice', () => {
    expect(isNewAlert(undefined, alerts('2026-11-23T10:00:00Z'))).toBe(true);
    expect(isNewAlert(null, alerts('2026-11-23T10:00:00Z'))).toBe(true);
    expect(isNewAlert('2026-11-23T10:00:00Z', alerts('2026-11-23T10:00:00Z'))).toBe(false);
    expect(isNewAlert('2026-11-23T10:00:00Z', alerts('2026-11-23T10:05:00Z'))).toBe(true);
    // The newest was acknowledged: an older one left is not news.
    expect(isNewAlert('2026-11-23T10:05:00Z', alerts('2026-11-23T10:00:00Z'))).toBe(false);
    expect(isNewAlert(undefined, alerts(null))).toBe(false);
    expect(isNewAlert(undefined, undefined)).toBe(false);
  });
});
