/**
 * Migration 0009 (GAS goal weights, placement extension funding) on a database holding plans and placements: every
 * goal written before it counts 1 (the score it had), placements keep their rows with no funding recorded, and the
 * migration can be undone and applied again. On SQLite adding a column rebuilds the table, so the rows must survive.
 */
import { describe, expect, it } from 'vitest';
import { TherapyWeightsFunding1700000000009 } from './migrations/0009-therapy-weights-funding';
import { testDrivers } from '../testing/harness';
import { cleanUpMigrationSteps, migrationStep } from '../testing/migration-step';

cleanUpMigrationSteps();

describe.each(testDrivers())('migration 0009 on %s', (driver) => {
  it('gives existing goals weight 1 and keeps placements, with no funding recorded', async () => {
    const { before, withMigration } = await migrationStep(driver, TherapyWeightsFunding1700000000009);
    const rows = [
      `INSERT INTO pupil (id, upn, legal_first_name, legal_last_name, date_of_birth, year_group, date_joined, created_at, updated_at)
       VALUES ('p1', 'H801200001001', 'Ada', 'Example', '2015-01-02', '6', '2019-09-04', 'x', 'x')`,
      `INSERT INTO ipp (id, pupil_id, current_version, created_at, updated_at) VALUES ('i1', 'p1', 1, 'x', 'x')`,
      `INSERT INTO ipp_version (id, ipp_id, number, title, start_date, review_date, end_date, created_by, created_at)
       VALUES ('v1', 'i1', 1, 'Plan', '2026-09-07', '2026-11-02', '2027-01-25', 'test', 'x')`,
      `INSERT INTO ipp_goal (id, version_id, goal_key, position, description, level_expected) VALUES ('g1', 'v1', 'k1', 0, 'Asks for help', 'Twice a day')`,
      `INSERT INTO ipp_goal (id, version_id, goal_key, position, description, level_expected) VALUES ('g2', 'v1', 'k2', 1, 'Retells a story', 'Three events')`,
      `INSERT INTO placement (id, pupil_id, commissioning_la, la_category, home_school_name, start_date, staffing_ratio, extension_status, extension_requested_date, extension_end_date, created_at, updated_at)
       VALUES ('pl1', 'p1', 'Exampleshire', 'inclusion', 'Hill Top', '2026-09-07', 'one_to_one', 'approved', '2026-11-02', '2027-06-30', 'x', 'x')`,
    ];
    for (const sql of rows) await before.query(sql);
    await before.destroy();

    const ds = await withMigration();
    expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(['TherapyWeightsFunding1700000000009']);
    const goals = (await ds.query('SELECT id, goal_key, description, weight FROM ipp_goal ORDER BY position')) as {
      id: string;
      goal_key: string;
      description: string;
      weight: unknown;
    }[];
    expect(goals.map((g) => [g.id, g.goal_key, g.description, Number(g.weight)])).toEqual([
      ['g1', 'k1', 'Asks for help', 1],
      ['g2', 'k2', 'Retells a story', 1],
    ]);
    const [p] = (await ds.query(
      'SELECT id, extension_status, extension_funding_source, extension_funding_pence, extension_funding_approved_by, extension_funding_approved_date FROM placement',
    )) as Record<string, unknown>[];
    expect(p).toEqual({
      id: 'pl1',
      extension_status: 'approved',
      extension_funding_source: null,
      extension_funding_pence: null,
      extension_funding_approved_by: null,
      extension_funding_approved_date: null,
    });
    // A goal written later without a weight gets the default too.
    await ds.query(
      `INSERT INTO ipp_goal (id, version_id, goal_key, position, description, level_expected) VALUES ('g3', 'v1', 'k3', 2, 'Waits a turn', 'Once a lesson')`,
    );
    expect(Number(((await ds.query("SELECT weight FROM ipp_goal WHERE id = 'g3'")) as { weight: unknown }[])[0]!.weight)).toBe(1);
    // Undone, the rows are still there; applied again, the weights are back at 1.
    await ds.undoLastMigration({ transaction: 'each' });
    expect(((await ds.query('SELECT COUNT(*) AS n FROM ipp_goal')) as { n: unknown }[])[0]!.n).toEqual(driver === 'postgres' ? '3' : 3);
    await ds.runMigrations({ transaction: 'each' });
    expect(
      ((await ds.query('SELECT weight FROM ipp_goal ORDER BY position')) as { weight: unknown }[]).map((g) => Number(g.weight)),
    ).toEqual([1, 1, 1]);
  });
});
