/**
 * Migration 0023 (the dates a placement's measures were taken) on a database holding placements: every placement
 * survives; an entry value already recorded is dated the place's start, an exit value its end (or, for a place still
 * open, the day it was last saved); a place with no values has no dates; undone, the dates go and the values stay.
 */
import { describe, expect, it } from 'vitest';
import { PlacementMeasureDates1700000000023 } from './migrations/0023-placement-measure-dates';
import { testDrivers } from '../testing/harness';
import { cleanUpMigrationSteps, migrationStep } from '../testing/migration-step';

cleanUpMigrationSteps();

type Row = { id: string; entry_date: unknown; exit_date: unknown; entry_value: unknown; exit_value: unknown };
const day = (v: unknown) =>
  v === null
    ? null
    : v instanceof Date
      ? `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`
      : String(v).slice(0, 10);

describe.each(testDrivers())('migration 0023 on %s', (driver) => {
  it('dates the measures already recorded from the places’ own dates, and can be undone', async () => {
    const { before, withMigration } = await migrationStep(driver, PlacementMeasureDates1700000000023);
    await before.query(
      `INSERT INTO school (id, name, urn, local_authority, created_at, updated_at) VALUES ('s1', 'Example School', '123456', 'Exampleshire', 'x', 'x')`,
    );
    await before.query(
      `INSERT INTO pupil (id, school_id, upn, legal_first_name, legal_last_name, date_of_birth, year_group, date_joined, created_at, updated_at)
       VALUES ('p1', 's1', 'H801200001001', 'Ada', 'Example', '2015-01-02', '6', '2019-09-04', 'x', 'x')`,
    );
    await before.query(
      `INSERT INTO provision (id, school_id, name, area, wave, group_size, sessions_per_week, minutes_per_session, staff_role, start_date, created_at, updated_at)
       VALUES ('v1', 's1', 'Lego therapy', 'communication_interaction', 'targeted', 4, 2, 30, 'teaching_assistant', '2026-09-01', 'x', 'x')`,
    );
    const place = (id: string, end: string | null, entry: number | null, exit: number | null, updated: string) =>
      before.query(
        `INSERT INTO provision_placement (id, provision_id, pupil_id, start_date, end_date, entry_value, exit_value, created_by, created_at, updated_at)
         VALUES ('${id}', 'v1', 'p1', '2026-09-0${id.slice(1)}', ${end ? `'${end}'` : 'NULL'}, ${entry ?? 'NULL'}, ${exit ?? 'NULL'}, 'test', 'x', '${updated}')`,
      );
    await place('a1', '2026-12-18', 3, 8, '2026-12-19T10:00:00.000Z');
    await place('a2', null, 2, 5, '2026-11-20T15:30:00.000Z');
    await place('a3', null, null, null, '2026-11-21T15:30:00.000Z');
    await before.destroy();

    const ds = await withMigration();
    expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(['PlacementMeasureDates1700000000023']);
    const rows = (await ds.query(
      'SELECT id, entry_value, exit_value, entry_date, exit_date FROM provision_placement ORDER BY id',
    )) as Row[];
    expect(rows.map((r) => [r.id, Number(r.entry_value ?? NaN), day(r.entry_date), day(r.exit_date)])).toEqual([
      ['a1', 3, '2026-09-01', '2026-12-18'],
      ['a2', 2, '2026-09-02', '2026-11-20'],
      ['a3', NaN, null, null],
    ]);

    await ds.undoLastMigration({ transaction: 'each' });
    const undone = (await ds.query('SELECT * FROM provision_placement ORDER BY id')) as Record<string, unknown>[];
    expect(undone.map((r) => r.id)).toEqual(['a1', 'a2', 'a3']);
    expect(Object.keys(undone[0]!)).not.toContain('entry_date');
    expect(Number(undone[0]!.exit_value)).toBe(8);
    await ds.runMigrations({ transaction: 'each' });
  });
});
