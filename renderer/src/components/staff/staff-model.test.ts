import { describe, expect, it } from 'vitest';
import {
  COMPLIANCE_ITEMS,
  REGISTRATION_BODIES,
  SAFEGUARDING_LEVELS,
  type ComplianceAlert,
  type StaffRecord,
} from '../../../../shared/contract';
import { i18n } from '../../../../shared/i18n';
import { SAFEGUARDING_YEARS } from '../../../../shared/staff-rules';
import {
  cleanStaff,
  complianceWords,
  filterStaff,
  formatHours,
  hoursBetween,
  listInWords,
  needsAttention,
  newStaff,
  parseHours,
  safeguardingRuleGroups,
  sortAlerts,
  sortStaff,
  staffToInput,
} from './staff-model';

function record(name: string, over: Partial<StaffRecord> = {}): StaffRecord {
  return {
    ...newStaff(),
    id: name.toLowerCase(),
    name,
    jobTitle: 'Teaching assistant',
    dbsUpdateService: false,
    compliance: [],
    cpd: [],
    cpdHoursThisYear: 0,
    ...over,
  } as StaffRecord;
}

describe('staff form', () => {
  it('keeps nothing for a section whose box is unticked, and takes spaces out of the DBS number', () => {
    const v = cleanStaff({
      ...newStaff(),
      name: 'Sam Taylor',
      jobTitle: 'TA',
      dbsNumber: '0012 3456 7890',
      dbsUpdateService: false,
      dbsCheckedOn: '2025-01-01',
      firstAidRequired: false,
      firstAidDate: '2024-01-01',
      registrationRequired: false,
      registrationBody: 'hcpc',
      registrationNumber: 'SL1',
      registrationExpiry: '2027-01-01',
      thriveRequired: false,
      thriveLicence: 'T1',
      thriveExpiry: '2027-01-01',
    });
    expect(v).toMatchObject({
      dbsNumber: '001234567890',
      dbsCheckedOn: null,
      firstAidDate: null,
      registrationBody: null,
      registrationNumber: null,
      registrationExpiry: null,
      thriveLicence: null,
      thriveExpiry: null,
    });
  });

  it('keeps what applies when the boxes are ticked, and an empty DBS number is none', () => {
    const v = cleanStaff({
      ...newStaff(),
      dbsNumber: '  ',
      dbsUpdateService: true,
      dbsCheckedOn: '2025-01-01',
      firstAidRequired: true,
      firstAidDate: '2024-01-01',
      registrationRequired: true,
      registrationBody: 'hcpc',
    });
    expect(v).toMatchObject({ dbsNumber: null, dbsCheckedOn: '2025-01-01', firstAidDate: '2024-01-01', registrationBody: 'hcpc' });
  });

  it('round-trips a record into the form', () => {
    const r = record('Ana', { firstAidRequired: true, firstAidDate: '2023-02-01' });
    expect(staffToInput(r)).toMatchObject({ id: 'ana', name: 'Ana', firstAidRequired: true, firstAidDate: '2023-02-01' });
    expect(Object.keys(staffToInput(r)).sort()).toEqual(Object.keys(newStaff()).sort());
  });
});

describe('compliance in words', () => {
  it('says the state and the date as dd/mm/yyyy', () => {
    expect(complianceWords({ state: 'ok', due: '2027-03-12' })).toEqual({ key: 'staffUi.state.ok', date: '12 March 2027' });
    expect(complianceWords({ state: 'expired', due: '2026-01-03' })).toEqual({ key: 'staffUi.state.expired', date: '3 January 2026' });
    expect(complianceWords({ state: 'missing', due: null })).toEqual({ key: 'staffUi.state.missing', date: '' });
    expect(complianceWords({ state: 'not_required', due: null }).date).toBe('');
  });

  it('has words for every state, item, level and register', () => {
    const keys = [
      ...['ok', 'due_soon', 'expired', 'missing', 'not_required'].map((s) => `staffUi.state.${s}`),
      ...COMPLIANCE_ITEMS.map((i) => `staffUi.items.${i}`),
      ...SAFEGUARDING_LEVELS.flatMap((l) => [`staffUi.levels.${l}`, `staffUi.levelsShort.${l}`]),
      ...REGISTRATION_BODIES.flatMap((b) => [`staffUi.bodies.${b}`, `staffUi.bodiesShort.${b}`]),
      ...['ok', 'due_soon', 'overdue'].map((s) => `staffUi.policies.state.${s}`),
    ];
    expect(keys.filter((k) => !i18n.exists(k))).toEqual([]);
    expect(i18n.t('staffUi.state.not_required')).toBe('Not needed');
  });
});

describe('staff lists', () => {
  const expired = { item: 'first_aid', state: 'expired', due: '2025-01-01' } as const;
  const ok = { item: 'dbs', state: 'ok', due: '2028-01-01' } as const;
  const rows = [
    record('Zoe', { compliance: [ok], cpdHoursThisYear: 3 }),
    record('amir', { jobTitle: 'Speech therapist', compliance: [expired], cpdHoursThisYear: 1.5 }),
    record('Bea', { compliance: [ok] }),
  ];

  it('needs attention when anything is expired, missing or due', () => {
    expect(needsAttention(rows[0]!)).toBe(false);
    expect(needsAttention(rows[1]!)).toBe(true);
  });

  it('searches names and job titles and narrows to those needing attention', () => {
    expect(filterStaff(rows, 'THERAP', false).map((r) => r.name)).toEqual(['amir']);
    expect(filterStaff(rows, '', true).map((r) => r.name)).toEqual(['amir']);
    expect(filterStaff(rows, 'zo', true)).toEqual([]);
  });

  it('sorts by name without regard to case, or by CPD hours then name', () => {
    expect(sortStaff(rows, 'name', 'asc').map((r) => r.name)).toEqual(['amir', 'Bea', 'Zoe']);
    expect(sortStaff(rows, 'name', 'desc').map((r) => r.name)).toEqual(['Zoe', 'Bea', 'amir']);
    expect(sortStaff(rows, 'cpd', 'asc').map((r) => r.name)).toEqual(['Bea', 'amir', 'Zoe']);
    expect(sortStaff(rows, 'cpd', 'desc').map((r) => r.name)).toEqual(['Zoe', 'amir', 'Bea']);
  });

  it('puts expired alerts first, then missing, then due soon, soonest first', () => {
    const a = (name: string, state: ComplianceAlert['state'], due: string | null): ComplianceAlert => ({
      staffId: name,
      name,
      item: 'dbs',
      state,
      due,
    });
    const sorted = sortAlerts([
      a('C', 'due_soon', '2026-05-01'),
      a('B', 'missing', null),
      a('A', 'due_soon', '2026-04-01'),
      a('D', 'expired', '2026-01-01'),
      a('E', 'expired', '2025-01-01'),
    ]);
    expect(sorted.map((x) => x.name)).toEqual(['E', 'D', 'B', 'A', 'C']);
  });
});

describe('CPD hours', () => {
  it('reads decimals with a point or a comma, and refuses anything else', () => {
    expect(parseHours('1.5')).toBe(1.5);
    expect(parseHours(' 1,5 ')).toBe(1.5);
    expect(parseHours('2')).toBe(2);
    expect(parseHours('.25')).toBe(0.25);
    expect(parseHours('0.333')).toBe(0.33);
    for (const bad of ['', 'abc', '1.5h', '-1', '1.2.3', '1 5']) expect(parseHours(bad), bad).toBeNull();
  });

  it('shows hours without trailing zeros or float noise', () => {
    expect(formatHours(1.5)).toBe('1.5');
    expect(formatHours(12)).toBe('12');
    expect(formatHours(0.1 + 0.2)).toBe('0.3');
  });

  it('adds up the hours in a period', () => {
    const e = [
      { date: '2025-08-31', hours: 2 },
      { date: '2025-09-01', hours: 1.5 },
      { date: '2026-03-01', hours: 0.25 },
    ];
    expect(hoursBetween(e, '2025-09-01', '2026-08-31')).toBe(1.75);
  });
});

describe('the rules note', () => {
  it('groups the safeguarding levels by how often they renew', () => {
    expect(safeguardingRuleGroups(SAFEGUARDING_YEARS)).toEqual([
      { years: 2, levels: ['dsl'] },
      { years: 3, levels: ['level1', 'level2', 'level3'] },
    ]);
  });

  it('lists in words', () => {
    expect(listInWords(['a'], 'and')).toBe('a');
    expect(listInWords(['a', 'b'], 'and')).toBe('a and b');
    expect(listInWords(['a', 'b', 'c'], 'and')).toBe('a, b and c');
  });
});
