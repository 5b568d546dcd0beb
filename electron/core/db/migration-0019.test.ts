/**
 * Migration 0019 (drafts: issue 17, item 3) on a database holding a school, a user and a pupil: the new table takes a
 * draft per user and form (a second for the same form is refused), is a school's own table, goes with its author or
 * pupil, and can be undone and applied again.
 */
import { describe, expect, it } from 'vitest';
import { Drafts1700000000019 } from './migrations/0019-drafts';
import { schoolOwnedTables } from './school-owned';
import { testDrivers } from '../testing/harness';
import { cleanUpMigrationSteps, migrationStep } from '../testing/migration-step';

cleanUpMigrationSteps();

describe.each(testDrivers())('migration 0019 on %s', (driver) => {
  it('adds the draft table: one per user and form, gone with its author or pupil', async () => {
    const { before, withMigration } = await migrationStep(driver, Drafts1700000000019);
    await before.query(
      `INSERT INTO school (id, name, urn, local_authority, created_at, updated_at) VALUES ('s1', 'Example School', '123456', 'Exampleshire', 'x', 'x')`,
    );
    await before.query(
      `INSERT INTO app_user (id, school_id, username, display_name, role, password_hash, active, failed_attempts, created_at) VALUES ('u1', 's1', 'tess', 'Tess', 'therapist', 'h', ${driver === 'postgres' ? 'true' : '1'}, 0, 'x')`,
    );
    await before.query(
      `INSERT INTO pupil (id, school_id, upn, legal_first_name, legal_last_name, date_of_birth, year_group, date_joined, created_at, updated_at)
       VALUES ('p1', 's1', 'H801200001001', 'Ada', 'Example', '2015-01-02', '6', '2019-09-04', 'x', 'x')`,
    );
    await before.destroy();

    const ds = await withMigration();
    expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(['Drafts1700000000019']);
    expect(schoolOwnedTables(ds)).toContain('draft');
    const insert = (id: string, key: string, pupil: string | null) =>
      ds.query(
        `INSERT INTO draft (id, school_id, user_id, key, pupil_id, payload, updated_at) VALUES ('${id}', 's1', 'u1', '${key}', ${pupil ? `'${pupil}'` : 'NULL'}, '{}', 'x')`,
      );
    await insert('d1', 'ehcp.plan:p1', 'p1');
    await insert('d2', 'sessions.schedule:new', null);
    await expect(insert('d3', 'ehcp.plan:p1', 'p1')).rejects.toThrow(/UNIQUE|unique|duplicate/);
    if (driver === 'sqlite') await ds.query('PRAGMA foreign_keys = ON');
    await ds.query(`DELETE FROM pupil WHERE id = 'p1'`);
    expect(((await ds.query('SELECT id FROM draft ORDER BY id')) as { id: string }[]).map((r) => r.id)).toEqual(['d2']);
    await ds.query(`DELETE FROM app_user WHERE id = 'u1'`);
    expect(await ds.query('SELECT id FROM draft')).toEqual([]);
    await ds.undoLastMigration({ transaction: 'each' });
    const tables =
      driver === 'postgres'
        ? ((await ds.query(
            `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'draft'`,
          )) as unknown[])
        : ((await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'draft'`)) as unknown[]);
    expect(tables).toEqual([]);
    expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(['Drafts1700000000019']);
  });
});
