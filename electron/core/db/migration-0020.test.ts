/**
 * Migration 0020 (the provision map) on a database holding what it links to: a booked session with its pupil's
 * attendance, an EHC plan's Section F line with its outcome, and a pupil plan's intervention. Adding provision_id
 * rebuilds those tables on SQLite; every row survives (and what hangs off them by ON DELETE CASCADE), unlinked. The new
 * tables take a catalogue provision, a placement, a rate and a threshold, with a link from each old table; undoing it
 * keeps the old rows (and their cascaded children) and applying it again works.
 */
import { describe, expect, it } from 'vitest';
import { ProvisionMap1700000000020 } from './migrations/0020-provision-map';
import { testDrivers } from '../testing/harness';
import { cleanUpMigrationSteps, migrationStep } from '../testing/migration-step';

cleanUpMigrationSteps();

const COUNTS = ['therapy_session', 'session_pupil', 'session_practitioner', 'ehcp_provision', 'ehcp_provision_outcome', 'ipp_intervention'];

describe.each(testDrivers())('migration 0020 on %s', (driver) => {
  it('keeps sessions, plan provision and interventions (and what hangs off them), unlinked, and links them once it has run', async () => {
    const { before, withMigration } = await migrationStep(driver, ProvisionMap1700000000020);
    const f = driver === 'postgres' ? 'false' : '0';
    for (const sql of [
      `INSERT INTO school (id, name, urn, local_authority, created_at, updated_at) VALUES ('s1', 'Example School', '123456', 'Exampleshire', 'x', 'x')`,
      `INSERT INTO pupil (id, school_id, upn, legal_first_name, legal_last_name, date_of_birth, year_group, date_joined, created_at, updated_at)
       VALUES ('p1', 's1', 'H801200001001', 'Ada', 'Example', '2015-01-02', '6', '2019-09-04', 'x', 'x')`,
      `INSERT INTO app_user (id, school_id, username, display_name, role, password_hash, active, failed_attempts, created_at) VALUES ('u1', 's1', 'tess', 'Tess', 'therapist', 'h', ${driver === 'postgres' ? 'true' : '1'}, 0, 'x')`,
      `INSERT INTO therapy_session (id, school_id, date, start_time, end_time, duration_minutes, title, discipline, created_by, created_at) VALUES ('t1', 's1', '2026-11-24', '10:00', '10:30', 30, 'Language group', 'speech_language', 'x', 'x')`,
      `INSERT INTO session_practitioner (session_id, user_id) VALUES ('t1', 'u1')`,
      `INSERT INTO session_pupil (session_id, pupil_id, attendance) VALUES ('t1', 'p1', 'attended')`,
      `INSERT INTO ehc_plan (id, pupil_id, local_authority, status, current_version, created_at, updated_at) VALUES ('e1', 'p1', 'Exampleshire', 'final', 1, 'x', 'x')`,
      `INSERT INTO ehc_plan_version (id, plan_id, number, kind, effective_date, names_next_phase, created_at, created_by) VALUES ('v1', 'e1', 1, 'original', '2026-01-05', ${f}, 'x', 'x')`,
      `INSERT INTO ehcp_outcome (id, version_id, position, description) VALUES ('o1', 'v1', 0, 'Follows instructions')`,
      `INSERT INTO ehcp_provision (id, version_id, position, description, marked_quantified) VALUES ('f1', 'v1', 0, 'Speech and language therapy', ${f})`,
      `INSERT INTO ehcp_provision_outcome (provision_id, outcome_id) VALUES ('f1', 'o1')`,
      `INSERT INTO ipp (id, pupil_id, current_version, created_at, updated_at) VALUES ('i1', 'p1', 1, 'x', 'x')`,
      `INSERT INTO ipp_version (id, ipp_id, number, title, start_date, review_date, end_date, created_by, created_at) VALUES ('iv1', 'i1', 1, 'Plan', '2026-09-07', '2026-12-01', '2027-03-01', 'x', 'x')`,
      `INSERT INTO ipp_intervention (id, version_id, position, discipline, description, staffing_ratio) VALUES ('n1', 'iv1', 0, 'speech_language', 'Narrative group', 'one_to_one')`,
    ]) {
      await before.query(sql);
    }
    const counts = async (ds: typeof before) => {
      const out: Record<string, number> = {};
      for (const table of COUNTS) out[table] = Number(((await ds.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: unknown }[])[0]!.n);
      return out;
    };
    const all = Object.fromEntries(COUNTS.map((c) => [c, 1]));
    expect(await counts(before)).toEqual(all);
    await before.destroy();

    const ds = await withMigration();
    expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(['ProvisionMap1700000000020']);
    expect(await counts(ds)).toEqual(all);
    for (const table of ['therapy_session', 'ehcp_provision', 'ipp_intervention']) {
      expect(await ds.query(`SELECT provision_id FROM ${table}`), table).toEqual([{ provision_id: null }]);
    }
    await ds.query(
      `INSERT INTO provision (id, school_id, name, area, wave, group_size, sessions_per_week, minutes_per_session, staff_role, start_date, created_at, updated_at)
       VALUES ('pr1', 's1', 'Language group', 'communication_interaction', 'targeted', 4, 2, 30, 'teaching_assistant', '2026-09-07', 'x', 'x')`,
    );
    await ds.query(
      `INSERT INTO provision_placement (id, provision_id, pupil_id, start_date, entry_value, created_by, created_at, updated_at) VALUES ('pl1', 'pr1', 'p1', '2026-09-14', 12.5, 'x', 'x', 'x')`,
    );
    await ds.query(`INSERT INTO provision_rate (school_id, role, hourly_pence, updated_at) VALUES ('s1', 'teaching_assistant', 1850, 'x')`);
    await ds.query(`INSERT INTO provision_setting (school_id, threshold_pence, updated_at) VALUES ('s1', 600000, 'x')`);
    for (const table of ['therapy_session', 'ehcp_provision', 'ipp_intervention'])
      await ds.query(`UPDATE ${table} SET provision_id = 'pr1'`);
    // A link must name a provision that exists.
    await expect(ds.query(`UPDATE ipp_intervention SET provision_id = 'missing'`)).rejects.toThrow();
    expect(await ds.query('SELECT entry_value FROM provision_placement')).toEqual([{ entry_value: 12.5 }]);

    await ds.undoLastMigration({ transaction: 'each' });
    expect(await counts(ds)).toEqual(all);
    await ds.runMigrations({ transaction: 'each' });
    expect(await counts(ds)).toEqual(all);
    expect(await ds.query('SELECT provision_id FROM therapy_session')).toEqual([{ provision_id: null }]);
    expect(await ds.query('SELECT COUNT(*) AS n FROM provision')).toEqual([{ n: driver === 'postgres' ? '0' : 0 }]);
  });
});
