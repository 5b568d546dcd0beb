/**
 * Migration 0018 (an annual review's conclusions) on a database holding a review meeting: the meeting survives (on
 * SQLite adding columns rebuilds the table) with nothing recorded for its conclusions, a new one keeps them, and the
 * migration can be undone and applied again with the rows kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations';
import { AnnualReviewRecord1700000000018 } from './migrations/0018-annual-review-record';
import { makeDataSource, prepareStore } from './data-source';
import { storeFor, testDrivers } from '../testing/harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe.each(testDrivers())('migration 0018 on %s', (driver) => {
  it('keeps review meetings, with no conclusions recorded, and takes them for new ones', async () => {
    const { store, cleanup } = await storeFor(driver);
    cleanups.push(cleanup);
    await prepareStore(store);
    const at = MIGRATIONS.indexOf(AnnualReviewRecord1700000000018);
    expect(at).toBeGreaterThan(0);
    const before = makeDataSource(store);
    (before.options as { migrations: unknown[] }).migrations = MIGRATIONS.slice(0, at);
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    await before.query(`INSERT INTO school (id, name, urn, local_authority, created_at, updated_at) VALUES ('s1', 'Example School', '123456', 'Exampleshire', 'x', 'x')`);
    await before.query(
      `INSERT INTO pupil (id, school_id, upn, legal_first_name, legal_last_name, date_of_birth, year_group, date_joined, created_at, updated_at)
       VALUES ('p1', 's1', 'H801200001001', 'Ada', 'Example', '2015-01-02', '6', '2019-09-04', 'x', 'x')`,
    );
    await before.query(
      `INSERT INTO review_meeting (id, pupil_id, kind, date, status, attendees_json, ratings_json, recorded_by, created_at, updated_at)
       VALUES ('r1', 'p1', 'annual', '2026-11-20', 'held', '[]', '[]', 'test', 'x', 'x')`,
    );
    await before.destroy();

    const ds = makeDataSource(store);
    (ds.options as { migrations: unknown[] }).migrations = MIGRATIONS.slice(0, at + 1);
    await ds.initialize();
    cleanups.push(async () => {
      if (ds.isInitialized) await ds.destroy();
    });
    expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(['AnnualReviewRecord1700000000018']);
    expect(await ds.query('SELECT id, kind, status, outcomes_json, amendments_json, la_recommendation FROM review_meeting')).toEqual([
      { id: 'r1', kind: 'annual', status: 'held', outcomes_json: null, amendments_json: null, la_recommendation: null },
    ]);
    await ds.query(
      `INSERT INTO review_meeting (id, pupil_id, kind, date, status, attendees_json, ratings_json, outcomes_json, amendments_json, la_recommendation, recorded_by, created_at, updated_at)
       VALUES ('r2', 'p1', 'annual', '2026-11-27', 'held', '[]', '[]', '[]', '[{"section":"F","text":"Weekly"}]', 'amend', 'test', 'x', 'x')`,
    );
    expect((await ds.query("SELECT la_recommendation FROM review_meeting WHERE id = 'r2'")) as unknown[]).toEqual([{ la_recommendation: 'amend' }]);
    await ds.undoLastMigration({ transaction: 'each' });
    expect(((await ds.query('SELECT id FROM review_meeting ORDER BY id')) as { id: string }[]).map((r) => r.id)).toEqual(['r1', 'r2']);
    await ds.runMigrations({ transaction: 'each' });
    expect(((await ds.query('SELECT la_recommendation FROM review_meeting ORDER BY id')) as { la_recommendation: string | null }[]).map((r) => r.la_recommendation)).toEqual([null, null]);
  });
});
