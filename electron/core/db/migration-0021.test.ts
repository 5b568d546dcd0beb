/**
 * Migration 0021 (pupil passports) on a database holding a pupil: the pupil survives, a passport with two versions
 * can be written (one passport per pupil, one row per version number), deleting the pupil deletes their passport,
 * and the migration can be undone and applied again.
 */
import { describe, expect, it } from 'vitest';
import { PupilPassports1700000000021 } from './migrations/0021-pupil-passports';
import { testDrivers } from '../testing/harness';
import { cleanUpMigrationSteps, migrationStep } from '../testing/migration-step';

cleanUpMigrationSteps();

describe.each(testDrivers())('migration 0021 on %s', (driver) => {
  it('adds passports and their versions beside the pupils, one passport per pupil', async () => {
    const { before, withMigration } = await migrationStep(driver, PupilPassports1700000000021);
    await before.query(
      `INSERT INTO school (id, name, urn, local_authority, created_at, updated_at) VALUES ('s1', 'Example School', '123456', 'Exampleshire', 'x', 'x')`,
    );
    for (const [id, upn] of [
      ['p1', 'H801200001001'],
      ['p2', 'H801200001002'],
    ]) {
      await before.query(
        `INSERT INTO pupil (id, school_id, upn, legal_first_name, legal_last_name, date_of_birth, year_group, date_joined, created_at, updated_at)
         VALUES ('${id}', 's1', '${upn}', 'Ada', 'Example', '2015-01-02', '6', '2019-09-04', 'x', 'x')`,
      );
    }
    await before.destroy();

    const ds = await withMigration();
    expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(['PupilPassports1700000000021']);
    expect(((await ds.query('SELECT id FROM pupil ORDER BY id')) as { id: string }[]).map((r) => r.id)).toEqual(['p1', 'p2']);
    const version = (id: string, passport: string, n: number) =>
      ds.query(
        `INSERT INTO pupil_passport_version (id, passport_id, number, about_me, strategies_json, photo_base64, photo_type, photo_alt, created_by, created_at)
         VALUES ('${id}', '${passport}', ${n}, 'I like trains', '[]', 'iVBORw0KGgo=', 'image/png', 'Ada smiling', 'test', 'x')`,
      );
    await ds.query(`INSERT INTO pupil_passport (id, pupil_id, current_version, created_at, updated_at) VALUES ('pp1', 'p1', 2, 'x', 'x')`);
    await version('v1', 'pp1', 1);
    await version('v2', 'pp1', 2);
    // One passport per pupil, one row per version number.
    await expect(
      ds.query(`INSERT INTO pupil_passport (id, pupil_id, current_version, created_at, updated_at) VALUES ('pp2', 'p1', 1, 'x', 'x')`),
    ).rejects.toThrow();
    await expect(version('v3', 'pp1', 2)).rejects.toThrow();
    expect(
      ((await ds.query('SELECT number FROM pupil_passport_version ORDER BY number')) as { number: number }[]).map((r) => Number(r.number)),
    ).toEqual([1, 2]);
    // A pupil deleted takes their passport with them.
    await ds.query(`INSERT INTO pupil_passport (id, pupil_id, current_version, created_at, updated_at) VALUES ('pp3', 'p2', 1, 'x', 'x')`);
    await version('v4', 'pp3', 1);
    await ds.query(`DELETE FROM pupil WHERE id = 'p2'`);
    expect(((await ds.query('SELECT id FROM pupil_passport_version ORDER BY id')) as { id: string }[]).map((r) => r.id)).toEqual([
      'v1',
      'v2',
    ]);

    await ds.undoLastMigration({ transaction: 'each' });
    expect(((await ds.query('SELECT id FROM pupil ORDER BY id')) as { id: string }[]).map((r) => r.id)).toEqual(['p1']);
    await ds.runMigrations({ transaction: 'each' });
    expect((await ds.query('SELECT COUNT(*) AS n FROM pupil_passport')) as { n: unknown }[]).toEqual([
      { n: driver === 'postgres' ? '0' : 0 },
    ]);
  });
});
