/**
 * Long work through the dispatcher (operation.ts): progress reaches the caller in order, and a cancel between steps
 * rolls the whole operation back (nothing written, no audit event), answered with a plain "Cancelled" failure.
 * pupils.import is the long one here: it writes a pupil per row, so a cancel part-way through would otherwise leave
 * the rows before it saved.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUpn } from '../../shared/upn';
import { openTestCore, setUp, SYSTEM, testDrivers, type TestCore } from './testing/harness';
import type { OperationControl, Progress } from './operation';

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    line: i + 2,
    values: {
      upn: makeUpn(999, 4001, 19, i + 1),
      'Legal Surname': `Surname${i}`,
      'Legal Forename': `First${i}`,
      'Date of Birth': '01/09/2014',
      'Year Group': 'Year 7',
      'SEN Status': 'K',
      'Primary Need': 'slcn',
    },
  }));

/** A control that records progress and asks to cancel once `cancelAt` rows are done (never, when undefined). */
function control(cancelAt?: number): OperationControl & { seen: Progress[] } {
  const seen: Progress[] = [];
  let cancelled = false;
  return {
    seen,
    cancelled: () => cancelled,
    progress: (p) => {
      seen.push(p);
      if (cancelAt !== undefined && p.done >= cancelAt) cancelled = true;
    },
  };
}

describe.each(testDrivers())('long work on %s', (driver) => {
  let core: TestCore;
  beforeEach(async () => {
    core = await openTestCore(driver);
    await setUp(core);
  });
  afterEach(async () => core.cleanup());

  const count = async (sql: string) => Number(((await core.ds.query(sql)) as { n: number | string }[])[0]!.n);

  it('reports progress in order, from 0 to the total', async () => {
    const c = control();
    const r = await core.dispatcher.invokeAs(SYSTEM, 'pupils.import', { rows: rows(60) }, c);
    expect(r.ok).toBe(true);
    expect(c.seen.map((p) => p.done)).toEqual([0, 25, 50, 60]);
    expect(c.seen.every((p) => p.total === 60 && p.label === 'importing')).toBe(true);
  });

  it('a cancel part-way through leaves nothing written and no audit event, and says so plainly', async () => {
    const pupilsBefore = await count('SELECT COUNT(*) AS n FROM pupil');
    const auditBefore = await count('SELECT COUNT(*) AS n FROM audit_event');
    const c = control(25);
    const r = await core.dispatcher.invokeAs(SYSTEM, 'pupils.import', { rows: rows(60) }, c);
    expect(r).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'Cancelled: nothing was saved. Start it again when you are ready.' },
    });
    // 25 rows had been written when the cancel came: all rolled back.
    expect(c.seen.map((p) => p.done)).toEqual([0, 25]);
    expect(await count('SELECT COUNT(*) AS n FROM pupil')).toBe(pupilsBefore);
    expect(await count('SELECT COUNT(*) AS n FROM audit_event')).toBe(auditBefore);
    // And the same import, not cancelled, goes through afterwards: nothing was left half done in its way.
    const again = await core.dispatcher.invokeAs(SYSTEM, 'pupils.import', { rows: rows(60) }, control());
    expect(again.ok && again.value.created).toBe(60);
  });

  it('a cancel that comes as the last step finishes is rolled back too: "cancelled" always means nothing saved', async () => {
    // Set by the import's last progress report, after its own last check: the dispatcher's check after the
    // service catches it, before the commit.
    let flag = false;
    const late: OperationControl = { cancelled: () => flag, progress: (p) => void (p.done === 30 && (flag = true)) };
    const before = await count('SELECT COUNT(*) AS n FROM pupil');
    const r = await core.dispatcher.invokeAs(SYSTEM, 'pupils.import', { rows: rows(30) }, late);
    expect(!r.ok && r.error.code).toBe('cancelled');
    expect(await count('SELECT COUNT(*) AS n FROM pupil')).toBe(before);
  });
});
