import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUpn } from '../../../shared/upn';
import { openTestCore, setUp, SYSTEM, testDrivers, type TestCore } from '../testing/harness';
import type { ImportReport } from '../../../shared/contract';

const U = (n: number) => makeUpn(999, 4001, 19, n);
const row = (line: number, values: Record<string, string>) => ({ line, values });
const base = (n: number, extra: Record<string, string> = {}) => ({
  upn: U(n),
  'Legal Surname': `Surname${n}`,
  'LEGAL FORENAME': `First${n}`,
  'Date of Birth': '01/09/2014',
  'Year Group': 'Year 7',
  'SEN Status': 'K',
  'Primary Need': 'slcn',
  ...extra,
});

describe.each(testDrivers())('pupil import on %s', (driver) => {
  let core: TestCore;
  beforeEach(async () => {
    core = await openTestCore(driver);
    await setUp(core);
  });
  afterEach(async () => core.cleanup());
  const run = async (rows: ReturnType<typeof row>[]) => {
    const r = await core.dispatcher.invokeAs(SYSTEM, 'pupils.import', { rows });
    if (!r.ok) throw new Error(r.error.message);
    return r.value as ImportReport;
  };

  it('imports exactly the good rows and names each bad one', async () => {
    const report = await run([
      row(2, base(1)),
      row(3, base(2, { upn: 'A' + U(2).slice(1) === U(2) ? 'B' + U(2).slice(1) : 'A' + U(2).slice(1) })),
      row(4, base(3, { 'Date of Birth': '31/02/2015' })),
      row(5, base(4, { 'Year Group': 'Year 19' })),
      row(6, base(1)),
      row(7, base(5, { 'Primary Need': 'XYZ' })),
      row(8, base(6, { 'Legal Surname': '' })),
      row(9, base(7, { 'SEN Status': 'EHC plan' })),
    ]);
    expect(report.created).toBe(2);
    expect(report.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, 'upn'],
      [4, 'Date of Birth'],
      [5, 'Year Group'],
      [6, 'upn'],
      [7, 'Primary Need'],
      [8, 'Legal Surname'],
    ]);
    expect(report.rejected[0]!.reason).toMatch(/should be [A-Z]/);
    expect(report.rejected[3]!.reason).toMatch(/line 2/);
    const list = await core.dispatcher.invokeAs(SYSTEM, 'pupils.list', { sort: 'upn' });
    expect(list.ok && list.value.rows.map((r) => [r.upn, r.senStatus, r.yearGroup, r.primaryNeed]).sort()).toEqual(
      [
        [U(1), 'K', '7', 'SLCN'],
        [U(7), 'E', '7', 'SLCN'],
      ].sort(),
    );
  });

  it('updates by UPN on re-import and never duplicates', async () => {
    await run([row(2, base(1)), row(3, base(2))]);
    const again = await run([row(2, base(1, { 'Year Group': '8' })), row(3, base(2))]);
    expect(again).toMatchObject({ created: 0, updated: 1, unchanged: 1, rejected: [] });
    const list = await core.dispatcher.invokeAs(SYSTEM, 'pupils.list', { sort: 'upn' });
    expect(list.ok && list.value.total).toBe(2);
    expect(list.ok && list.value.rows.find((r) => r.upn === U(1))!.yearGroup).toBe('8');
  });

  it('reports a missing required column once, and imports nothing', async () => {
    const report = await run([row(2, { UPN: U(1), Forename: 'A', DOB: '01/01/2015', Year: '6' })]);
    expect(report.created).toBe(0);
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.reason).toMatch(/Legal surname/);
  });
});

/** 6 December 2026: the school year 2026/27. A child born 2 January 2015 is in Year 7 (11 on 31 August 2026). */
const NOW = new Date('2026-12-06T12:00:00Z');
/** Rows in the order of their UPNs' serial numbers (U(1), U(2), ...), as the check letter leads the UPN. */
const bySerial = <R extends { upn: string }>(rows: readonly R[]): R[] =>
  [...rows].sort((a, b) => Number(a.upn.slice(10)) - Number(b.upn.slice(10)));

describe.each(testDrivers())('pupil import, census rules on %s', (driver) => {
  let core: TestCore;
  beforeEach(async () => {
    core = await openTestCore(driver, () => NOW);
    await setUp(core);
  });
  afterEach(async () => core.cleanup());
  const run = async (rows: ReturnType<typeof row>[]) => {
    const r = await core.dispatcher.invokeAs(SYSTEM, 'pupils.import', { rows });
    if (!r.ok) throw new Error(r.error.message);
    return r.value as ImportReport;
  };
  const census = (n: number, status: string, primary: string, secondary = '', year = '7') => ({
    UPN: U(n),
    Surname: `Surname${n}`,
    Forename: `First${n}`,
    DOB: '02/01/2015',
    'NC Year': year,
    'SEN Provision': status,
    'SEN Need 1': primary,
    'SEN Need 2': secondary,
  });

  it('rejects rows the census would refuse, naming the column and the rule, and imports the rest', async () => {
    const report = await run([
      row(2, census(1, 'E', 'ASD')),
      row(3, census(2, 'E', '')),
      row(4, census(3, 'K', '')),
      row(5, census(4, 'K', 'NSA')),
      row(6, census(5, 'K', 'NSA', 'SLCN')),
      row(7, census(6, 'E', 'NSA')),
      row(8, census(7, 'N', 'MLD')),
      row(9, census(8, 'N', '')),
      row(10, census(9, 'K', 'SEMH', 'NSA')),
    ]);
    expect(report.created).toBe(3);
    expect(report.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, 'SEN Need 1'],
      [4, 'SEN Need 1'],
      [6, 'SEN Need 1'],
      [7, 'SEN Need 1'],
      [8, 'SEN Need 1'],
      [10, 'SEN Need 1'],
    ]);
    expect(report.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/needs a primary need/),
      expect.stringMatching(/needs a primary need/),
      expect.stringMatching(/stands alone/),
      expect.stringMatching(/only for pupils on SEN support \(K\)/),
      expect.stringMatching(/no SEN \(N\) has no type of need/),
      expect.stringMatching(/stands alone/),
    ]);
    const list = await core.dispatcher.invokeAs(SYSTEM, 'pupils.list', { sort: 'upn', includeFormer: true });
    expect(list.ok && bySerial(list.value.rows).map((r) => [r.upn, r.senStatus, r.primaryNeed])).toEqual([
      [U(1), 'E', 'ASD'],
      [U(4), 'K', 'NSA'],
      [U(8), 'N', null],
    ]);
  });

  it('judges a re-import against what is on record when the file has no SEN or need columns', async () => {
    await run([row(2, census(1, 'E', 'ASD', 'SLCN'))]);
    // Names and year group only: the E pupil keeps their needs (the census rules see the record as it will be).
    const again = await run([row(2, { UPN: U(1), Surname: 'Renamed', Forename: 'First1', DOB: '02/01/2015', 'NC Year': '7' })]);
    expect(again).toMatchObject({ created: 0, updated: 1, rejected: [] });
    // SEN status only, to N, while the recorded needs stay: refused, and nothing about the pupil changes.
    const toN = await run([
      row(2, { UPN: U(1), Surname: 'Renamed', Forename: 'First1', DOB: '02/01/2015', 'NC Year': '8', 'SEN Provision': 'N' }),
    ]);
    expect(toN.rejected).toEqual([
      expect.objectContaining({ line: 2, field: 'SEN Provision', reason: expect.stringMatching(/no SEN \(N\)/) }),
    ]);
    const list = await core.dispatcher.invokeAs(SYSTEM, 'pupils.list', {});
    expect(list.ok && list.value.rows.map((r) => [r.legalName, r.yearGroup, r.senStatus, r.primaryNeed])).toEqual([
      ['First1 Renamed', '7', 'E', 'ASD'],
    ]);
  });

  it('takes year group X, and warns per row (importing it as given) when the year group does not fit the date of birth', async () => {
    const report = await run([
      row(2, census(1, 'K', 'SLCN', '', 'Year 7')),
      row(3, census(2, 'K', 'SLCN', '', 'Year 5')),
      row(4, census(3, 'E', 'PMLD', '', 'X')),
      row(5, { ...census(4, 'N', ''), DOB: '01/09/2014', 'NC Year': '8' }),
      row(6, { ...census(5, 'N', ''), DOB: '31/08/2015', 'NC Year': '7' }),
      row(7, { ...census(6, 'N', ''), DOB: '01/09/2015', 'NC Year': '7' }),
    ]);
    expect(report).toMatchObject({ created: 6, rejected: [] });
    expect(report.warnings.map((w) => [w.line, w.field, w.upn])).toEqual([
      [3, 'NC Year', U(2)],
      [5, 'NC Year', U(4)],
      [7, 'NC Year', U(6)],
    ]);
    expect(report.warnings[0]!.reason).toBe(
      'Born on 2 January 2015, a pupil would normally be in Year 7 in 2026/27, not Year 5. Keep it if they are taught out of their year group; choose X if they do not follow National Curriculum year groups.',
    );
    expect(report.warnings[1]!.reason).toMatch(/would normally be in Year 7 in 2026\/27, not Year 8/);
    expect(report.warnings[2]!.reason).toMatch(/would normally be in Year 6 in 2026\/27, not Year 7/);
    // Nothing was lost: every row is there with the year group the file gave.
    const list = await core.dispatcher.invokeAs(SYSTEM, 'pupils.list', { sort: 'upn' });
    expect(list.ok && bySerial(list.value.rows).map((r) => r.yearGroup)).toEqual(['7', '5', 'X', '8', '7', '7']);
    const onlyX = await core.dispatcher.invokeAs(SYSTEM, 'pupils.list', { yearGroup: 'X' });
    expect(onlyX.ok && onlyX.value.rows.map((r) => r.upn)).toEqual([U(3)]);
  });
});
