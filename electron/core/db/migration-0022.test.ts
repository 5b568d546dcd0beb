/**
 * Migration 0022 (the session's date and end time copied onto session_pupil and session_practitioner, for the
 * worklist's sessions to record) on a database holding sessions: the copies are backfilled from the sessions, the
 * database keeps them true afterwards (a place or practitioner added, a session moved or its end time changed, a copy
 * written wrongly), the partial index serves the pending places, and the migration can be undone and applied again.
 */
import { describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { SessionDatesCopied1700000000022 } from './migrations/0022-session-dates-copied';
import { testDrivers } from '../testing/harness';
import { cleanUpMigrationSteps, migrationStep } from '../testing/migration-step';

cleanUpMigrationSteps();

const day = (v: unknown) =>
  v instanceof Date ? `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}` : v;

/** Every place's and practitioner's copy beside its session's date and end time: [session, who, copied date, copied end, session date, session end]. */
async function copies(ds: DataSource): Promise<unknown[][]> {
  const places = (await ds.query(
    'SELECT sp.session_id, sp.pupil_id AS who, sp.session_date, sp.session_end_time, s.date, s.end_time FROM session_pupil sp JOIN therapy_session s ON s.id = sp.session_id',
  )) as Record<string, unknown>[];
  const prac = (await ds.query(
    'SELECT m.session_id, m.user_id AS who, m.session_date, s.date FROM session_practitioner m JOIN therapy_session s ON s.id = m.session_id',
  )) as Record<string, unknown>[];
  return [
    ...places.map((r) => [r.session_id, r.who, day(r.session_date), r.session_end_time, day(r.date), r.end_time]),
    ...prac.map((r) => [r.session_id, r.who, day(r.session_date), null, day(r.date), null]),
  ].sort((a, b) => `${String(a[0])}${String(a[1])}`.localeCompare(`${String(b[0])}${String(b[1])}`));
}

/** True when every copy equals its session's date (and end time, for places). */
function allTrue(rows: unknown[][]): boolean {
  return rows.every((r) => r[2] === r[4] && r[3] === r[5]);
}

describe.each(testDrivers())('migration 0022 on %s', (driver) => {
  it('backfills the copied dates, keeps them true through inserts, moves and wrong writes, and can be undone', async () => {
    const { before, withMigration } = await migrationStep(driver, SessionDatesCopied1700000000022);
    const bool = driver === 'postgres' ? 'true' : '1';
    const session = (id: string, date: string, end: string) =>
      `INSERT INTO therapy_session (id, school_id, date, start_time, end_time, duration_minutes, title, discipline, created_by, created_at) VALUES ('${id}', 's1', '${date}', '10:00', '${end}', 30, 'Language group', 'speech_language', 'x', 'x')`;
    for (const sql of [
      `INSERT INTO school (id, name, urn, local_authority, created_at, updated_at) VALUES ('s1', 'Example School', '123456', 'Exampleshire', 'x', 'x')`,
      `INSERT INTO pupil (id, school_id, upn, legal_first_name, legal_last_name, date_of_birth, year_group, date_joined, created_at, updated_at)
       VALUES ('p1', 's1', 'H801200001001', 'Ada', 'Example', '2015-01-02', '6', '2019-09-04', 'x', 'x')`,
      `INSERT INTO pupil (id, school_id, upn, legal_first_name, legal_last_name, date_of_birth, year_group, date_joined, created_at, updated_at)
       VALUES ('p2', 's1', 'H801200001002', 'Ben', 'Example', '2015-03-04', '6', '2019-09-04', 'x', 'x')`,
      `INSERT INTO app_user (id, school_id, username, display_name, role, password_hash, active, failed_attempts, created_at) VALUES ('u1', 's1', 'tess', 'Tess', 'therapist', 'h', ${bool}, 0, 'x')`,
      session('t1', '2026-11-24', '10:30'),
      session('t2', '2026-11-25', '10:45'),
      `INSERT INTO session_practitioner (session_id, user_id) VALUES ('t1', 'u1')`,
      `INSERT INTO session_practitioner (session_id, user_id) VALUES ('t2', 'u1')`,
      `INSERT INTO session_pupil (session_id, pupil_id, attendance) VALUES ('t1', 'p1', 'attended')`,
      `INSERT INTO session_pupil (session_id, pupil_id, attendance) VALUES ('t2', 'p1', 'pending')`,
    ]) {
      await before.query(sql);
    }
    await before.destroy();

    const ds = await withMigration();
    expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(['SessionDatesCopied1700000000022']);
    // Backfilled from the sessions.
    expect(await copies(ds)).toEqual([
      ['t1', 'p1', '2026-11-24', '10:30', '2026-11-24', '10:30'],
      ['t1', 'u1', '2026-11-24', null, '2026-11-24', null],
      ['t2', 'p1', '2026-11-25', '10:45', '2026-11-25', '10:45'],
      ['t2', 'u1', '2026-11-25', null, '2026-11-25', null],
    ]);

    // A place and a practitioner added (with no copy, or a wrong one): the copy is the session's.
    await ds.query(`INSERT INTO session_pupil (session_id, pupil_id, attendance) VALUES ('t1', 'p2', 'pending')`);
    await ds.query(
      `INSERT INTO session_pupil (session_id, pupil_id, attendance, session_date, session_end_time) VALUES ('t2', 'p2', 'pending', '2020-01-01', '23:00')`,
    );
    // A session moved, and one whose end time changed: its places and practitioners follow.
    await ds.query(`UPDATE therapy_session SET date = '2026-12-01', start_time = '13:00', end_time = '13:30' WHERE id = 't1'`);
    await ds.query(`UPDATE therapy_session SET end_time = '11:00' WHERE id = 't2'`);
    // A copy written wrongly by hand is put back.
    await ds.query(`UPDATE session_practitioner SET session_date = '2020-01-01' WHERE session_id = 't2'`);
    await ds.query(`UPDATE session_pupil SET session_end_time = '09:00' WHERE session_id = 't2' AND pupil_id = 'p1'`);
    // Recording attendance leaves the copy alone.
    await ds.query(`UPDATE session_pupil SET attendance = 'attended', recorded_at = 'x' WHERE session_id = 't2' AND pupil_id = 'p1'`);
    const after = await copies(ds);
    expect(allTrue(after), JSON.stringify(after)).toBe(true);
    expect(after.map((r) => r.slice(0, 4))).toEqual([
      ['t1', 'p1', '2026-12-01', '13:30'],
      ['t1', 'p2', '2026-12-01', '13:30'],
      ['t1', 'u1', '2026-12-01', null],
      ['t2', 'p1', '2026-11-25', '11:00'],
      ['t2', 'p2', '2026-11-25', '11:00'],
      ['t2', 'u1', '2026-11-25', null],
    ]);
    // The pending places by date, as the worklist counts them.
    const pending = (await ds.query(
      `SELECT sp.session_id, sp.pupil_id FROM session_pupil sp WHERE sp.session_date >= '2026-11-25' AND sp.session_date <= '2026-12-01' AND sp.attendance = 'pending' ORDER BY sp.session_id, sp.pupil_id`,
    )) as { session_id: string; pupil_id: string }[];
    expect(pending.map((r) => `${r.session_id}/${r.pupil_id}`)).toEqual(['t1/p2', 't2/p2']);
    // Undone: the columns, indexes and triggers go, the rows stay; applied again, the copies are back.
    await ds.undoLastMigration({ transaction: 'each' });
    expect(((await ds.query('SELECT COUNT(*) AS n FROM session_pupil')) as { n: unknown }[]).map((r) => Number(r.n))).toEqual([4]);
    await ds.query(session('t3', '2026-12-02', '10:30'));
    await ds.query(`INSERT INTO session_pupil (session_id, pupil_id, attendance) VALUES ('t3', 'p1', 'pending')`);
    await ds.runMigrations({ transaction: 'each' });
    const again = await copies(ds);
    expect(allTrue(again), JSON.stringify(again)).toBe(true);
    expect(again).toHaveLength(7);
    // The counts' read is served by the partial index alone (SQLite: last, as the plan's statement stays open).
    if (driver === 'sqlite') {
      const plan = (await ds.query(
        `EXPLAIN QUERY PLAN SELECT DISTINCT sp.session_date, sp.session_id FROM session_pupil sp WHERE sp.session_date >= '2026-11-25' AND sp.session_date <= '2026-12-01' AND sp.attendance = 'pending'`,
      )) as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/COVERING INDEX ix_session_pupil_to_record/);
    }
  });
});
