/**
 * Migration 0018 (an annual review's conclusions) on a database holding a review meeting: the meeting survives (on
 * SQLite adding columns rebuilds the table) with nothing recorded for its conclusions, a new one keeps them, and the
 * migration can be undone and applied again with the rows kept.
 */
import { describe, expect, it } from 'vitest';
import { AnnualReviewRecord1700000000018 } from './migrations/0018-annual-review-record';
import { testDrivers } from '../testing/harness';
import { cleanUpMigrationSteps, migrationStep } from '../testing/migration-step';

cleanUpMigrationSteps();

describe.each(testDrivers())('migration 0018 on %s', (driver) => {
  it('keeps review meetings, with no conclusions recorded, and takes them for new ones', async () => {
    const { before, withMigration } = await migrationStep(driver, AnnualReviewRecord1700000000018);
    await before.query(
      `INSERT INTO school (id, name, urn, local_authority, created_at, updated_at) VALUES ('s1', 'Example School', '123456', 'Exampleshire', 'x', 'x')`,
    );
    await before.query(
      `INSERT INTO pupil (id, school_id, upn, legal_first_name, legal_last_name, date_of_birth, year_group, date_joined, created_at, updated_at)
       VALUES ('p1', 's1', 'H801200001001', 'Ada', 'Example', '2015-01-02', '6', '2019-09-04', 'x', 'x')`,
    );
    await before.query(
      `INSERT INTO review_meeting (id, pupil_id, kind, date, status, attendees_json, ratings_json, recorded_by, created_at, updated_at)
       VALUES ('r1', 'p1', 'annual', '2026-11-20', 'held', '[]', '[]', 'test', 'x', 'x')`,
    );
    await before.destroy();

    const ds = await withMigration();
    expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(['AnnualReviewRecord1700000000018']);
    expect(await ds.query('SELECT id, kind, status, outcomes_json, amendments_json, la_recommendation FROM review_meeting')).toEqual([
      { id: 'r1', kind: 'annual', status: 'held', outcomes_json: null, amendments_json: null, la_recommendation: null },
    ]);
    await ds.query(
      `INSERT INTO review_meeting (id, pupil_id, kind, date, status, attendees_json, ratings_json, outcomes_json, amendments_json, la_recommendation, recorded_by, created_at, updated_at)
       VALUES ('r2', 'p1', 'annual', '2026-11-27', 'held', '[]', '[]', '[]', '[{"section":"F","text":"Weekly"}]', 'amend', 'test', 'x', 'x')`,
    );
    expect((await ds.query("SELECT la_recommendation FROM review_meeting WHERE id = 'r2'")) as unknown[]).toEqual([
      { la_recommendation: 'amend' },
    ]);
    await ds.undoLastMigration({ transaction: 'each' });
    expect(((await ds.query('SELECT id FROM review_meeting ORDER BY id')) as { id: string }[]).map((r) => r.id)).toEqual(['r1', 'r2']);
    await ds.runMigrations({ transaction: 'each' });
    expect(
      ((await ds.query('SELECT la_recommendation FROM review_meeting ORDER BY id')) as { la_recommendation: string | null }[]).map(
        (r) => r.la_recommendation,
      ),
    ).toEqual([null, null]);
  });
});
