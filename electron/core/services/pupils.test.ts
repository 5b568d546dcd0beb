import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';
import type { PupilProfile } from '../../../shared/contract';
import { makeUpn } from '../../../shared/upn';

describe.each(testDrivers())('pupils on %s', (driver) => {
  let core: TestCore;
  let session: string;
  const call = (op: string, input: unknown) => core.dispatcher.invoke({ op, input, session });

  beforeEach(async () => {
    core = await openTestCore(driver);
    session = await setUp(core);
  });
  afterEach(async () => core.cleanup());

  it('creates a pupil, lists and finds them by search', async () => {
    const r = await call('pupils.create', pupilInput());
    expect(r.ok).toBe(true);
    const p = (r as { value: PupilProfile }).value;
    expect(p.senHistory).toEqual([{ status: 'K', startDate: '2019-09-04', endDate: null }]);
    expect(p.needs).toEqual(['SLCN', 'SEMH']);
    const list = await call('pupils.list', { search: 'testing' });
    expect(list.ok && (list.value as { total: number }).total).toBe(1);
    const none = await call('pupils.list', { search: 'zzz' });
    expect(none.ok && (none.value as { total: number }).total).toBe(0);
  });

  it('refuses a wrong UPN check letter naming the expected letter', async () => {
    const r = await call('pupils.create', pupilInput({ upn: 'A801200001001' }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.fields?.upn).toMatch(/should be H/);
    }
  });

  it('refuses a duplicate UPN, including a former pupil', async () => {
    await call('pupils.create', pupilInput({ dateLeft: '2024-07-20' }));
    const r = await call('pupils.create', pupilInput({ legalFirstName: 'Other' }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('conflict');
      expect(r.error.fields?.upn).toMatch(/former pupil/);
    }
  });

  it('changes SEN status with dated history, one period open', async () => {
    const c = await call('pupils.create', pupilInput());
    const p = (c as { value: PupilProfile }).value;
    const u = await call('pupils.update', { ...pupilInput(), id: p.id, senStatus: 'E', senStatusFrom: '2024-03-01' });
    expect(u.ok).toBe(true);
    const v = (u as { value: PupilProfile }).value;
    expect(v.senStatus).toBe('E');
    expect(v.senHistory).toEqual([
      { status: 'K', startDate: '2019-09-04', endDate: '2024-02-29' },
      { status: 'E', startDate: '2024-03-01', endDate: null },
    ]);
  });

  it('refuses a record the school census would refuse, with the reason on the needs field, and writes nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ senStatus: 'E', needs: [] }, /needs a primary need/],
      [{ senStatus: 'K', needs: [] }, /needs a primary need/],
      [{ senStatus: 'N', needs: ['MLD'] }, /no SEN \(N\) has no type of need/],
      [{ senStatus: 'E', needs: ['NSA'] }, /only for pupils on SEN support \(K\)/],
      [{ senStatus: 'K', needs: ['NSA', 'SLCN'] }, /stands alone/],
    ];
    for (const [fields, message] of cases) {
      const r = await call('pupils.create', pupilInput(fields));
      expect(r.ok, JSON.stringify(fields)).toBe(false);
      if (!r.ok) expect(r.error.fields?.needs).toMatch(message);
    }
    const none = await call('pupils.list', {});
    expect(none.ok && (none.value as { total: number }).total).toBe(0);
    // An update is held to the same rules: an E pupil cannot lose their primary need.
    const c = await call('pupils.create', pupilInput({ senStatus: 'K', needs: ['NSA'] }));
    expect(c.ok).toBe(true);
    const id = (c as { value: PupilProfile }).value.id;
    const u = await call('pupils.update', { ...pupilInput({ senStatus: 'E', needs: ['NSA'] }), id });
    expect(u.ok).toBe(false);
    const after = await call('pupils.get', { id });
    expect(after.ok && (after.value as PupilProfile)).toMatchObject({ senStatus: 'K', needs: ['NSA'] });
  });

  it('takes year group X (not following National Curriculum year groups), filters and sorts by it', async () => {
    const x = await call('pupils.create', pupilInput({ yearGroup: 'X', upn: 'H801200001001' }));
    expect(x.ok).toBe(true);
    expect((x as { value: PupilProfile }).value.yearGroup).toBe('X');
    for (const [n, yearGroup] of [
      [2, '6'],
      [3, 'R'],
    ] as const) {
      const other = await call('pupils.create', pupilInput({ yearGroup, upn: makeUpn(801, 2000, 1, n), legalFirstName: `P${n}` }));
      expect(other.ok).toBe(true);
    }
    const onlyX = await call('pupils.list', { yearGroup: 'X' });
    expect(onlyX.ok && (onlyX.value as { rows: { yearGroup: string }[] }).rows.map((r) => r.yearGroup)).toEqual(['X']);
    // Sorting by year group puts X after the numbered years (on PostgreSQL a CAST of 'X' to a number would fail).
    const sorted = await call('pupils.list', { sort: 'yearGroup' });
    expect(sorted.ok, sorted.ok ? '' : sorted.error.message).toBe(true);
    expect(sorted.ok && (sorted.value as { rows: { yearGroup: string }[] }).rows.map((r) => r.yearGroup)).toEqual(['R', '6', 'X']);
    const desc = await call('pupils.list', { sort: 'yearGroup', direction: 'desc' });
    expect(desc.ok && (desc.value as { rows: { yearGroup: string }[] }).rows.map((r) => r.yearGroup)).toEqual(['X', '6', 'R']);
    const summary = await call('register.summary', {});
    expect(summary.ok && (summary.value as { byYearGroup: { yearGroup: string }[] }).byYearGroup.map((y) => y.yearGroup)).toEqual([
      'R',
      '6',
      'X',
    ]);
  });
});
