import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUpn } from '../../../shared/upn';
import { openTestCore, setUp, SYSTEM, testDrivers, type TestCore } from '../testing/harness';
import type { ImportReport } from '../../../shared/contract';

const U = (n: number) => makeUpn(999, 4001, 19, n);
const row = (line: number, values: Record<string, string>) => ({ line, values });
const base = (n: number, extra: Record<string, string> = {}) => ({
  upn: U(n), 'Legal Surname': `Surname${n}`, 'LEGAL FORENAME': `First${n}`, 'Date of Birth': '01/09/2014', 'Year Group': 'Year 7', 'SEN Status': 'K', 'Primary Need': 'slcn', ...extra,
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
