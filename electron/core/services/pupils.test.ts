import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';
import type { PupilProfile } from '../../../shared/contract';

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
});
