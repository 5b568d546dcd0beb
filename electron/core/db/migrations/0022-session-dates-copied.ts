import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 0022 (issue 17, the worklist's speed): each session's date (and end time) copied onto the rows the worklist filters,
 * so "sessions still to record" is read from one index rather than joined across three tables.
 *
 * The dashboard's worklist asks, for the last eight weeks and earlier this school year, which past sessions still have
 * a pupil whose attendance is pending: everyone's (the counts) and the signed-in practitioner's (Do next, the earliest
 * few per pupil). The session's date and end time are on therapy_session, the practitioner on session_practitioner and
 * the attendance on session_pupil, so every such read joined them, row by row, through the wide tables. Now:
 *
 *   session_pupil.session_date, session_end_time   the session's date and end time
 *   session_practitioner.session_date              the session's date
 *   ix_session_pupil_to_record         (session_date, session_id, pupil_id, session_end_time, attendance), pending places
 *                                      only: the counts walk it by date without touching a table
 *   ix_session_pupil_pending_session   (session_id, pupil_id, session_date, session_end_time, attendance), pending places
 *                                      only: a practitioner's sessions find their pending pupils in it
 *   ix_session_practitioner_date       (user_id, session_date, session_id): a practitioner's sessions by date
 * (attendance is a column of the partial indexes too, so SQLite reads them without going back to the table).
 *
 * The copies are kept true by the database itself, whatever writes the rows (booking, moving, the demo, the server's
 * import, a connected desk's replica): triggers fill them when a place or a practitioner is added, put them back when
 * anything writes them wrongly, and follow the session when its date or end time changes. On SQLite they are AFTER
 * triggers guarded by a WHEN (no write when the copy is already true); on PostgreSQL a BEFORE trigger fills the row
 * and an AFTER trigger on therapy_session follows a move. A later migration that rebuilds one of these tables on
 * SQLite must create the triggers again (migration-0022.test.ts checks the copies stay true on the latest schema).
 */
const SQLITE_TRIGGERS = [
  // A pupil's place: the copy is the session's date and end time, on insert and whenever it is written otherwise.
  ...(['INSERT', 'UPDATE OF session_id, session_date, session_end_time'] as const).map(
    (on, i) =>
      `CREATE TRIGGER tr_session_pupil_dates_${i ? 'update' : 'insert'} AFTER ${on} ON session_pupil ` +
      'WHEN NEW.session_date IS NOT (SELECT date FROM therapy_session WHERE id = NEW.session_id) ' +
      'OR NEW.session_end_time IS NOT (SELECT end_time FROM therapy_session WHERE id = NEW.session_id) BEGIN ' +
      'UPDATE session_pupil SET session_date = (SELECT date FROM therapy_session WHERE id = NEW.session_id), ' +
      'session_end_time = (SELECT end_time FROM therapy_session WHERE id = NEW.session_id) WHERE session_id = NEW.session_id AND pupil_id = NEW.pupil_id; END',
  ),
  ...(['INSERT', 'UPDATE OF session_id, session_date'] as const).map(
    (on, i) =>
      `CREATE TRIGGER tr_session_practitioner_date_${i ? 'update' : 'insert'} AFTER ${on} ON session_practitioner ` +
      'WHEN NEW.session_date IS NOT (SELECT date FROM therapy_session WHERE id = NEW.session_id) BEGIN ' +
      'UPDATE session_practitioner SET session_date = (SELECT date FROM therapy_session WHERE id = NEW.session_id) ' +
      'WHERE session_id = NEW.session_id AND user_id = NEW.user_id; END',
  ),
  // A session moved (or its places written before it, with foreign keys off): its places and practitioners follow.
  ...(['INSERT', 'UPDATE OF id, date, end_time'] as const).map(
    (on, i) =>
      `CREATE TRIGGER tr_therapy_session_dates_${i ? 'update' : 'insert'} AFTER ${on} ON therapy_session BEGIN ` +
      'UPDATE session_pupil SET session_date = NEW.date, session_end_time = NEW.end_time WHERE session_id = NEW.id ' +
      'AND (session_date IS NOT NEW.date OR session_end_time IS NOT NEW.end_time); ' +
      'UPDATE session_practitioner SET session_date = NEW.date WHERE session_id = NEW.id AND session_date IS NOT NEW.date; END',
  ),
];
const SQLITE_TRIGGER_NAMES = [
  'tr_session_pupil_dates_insert',
  'tr_session_pupil_dates_update',
  'tr_session_practitioner_date_insert',
  'tr_session_practitioner_date_update',
  'tr_therapy_session_dates_insert',
  'tr_therapy_session_dates_update',
];

const PG_FUNCTIONS = [
  `CREATE FUNCTION session_pupil_dates() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
     SELECT s.date, s.end_time INTO NEW.session_date, NEW.session_end_time FROM therapy_session s WHERE s.id = NEW.session_id;
     RETURN NEW; END $$`,
  `CREATE FUNCTION session_practitioner_date() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
     SELECT s.date INTO NEW.session_date FROM therapy_session s WHERE s.id = NEW.session_id;
     RETURN NEW; END $$`,
  `CREATE FUNCTION therapy_session_dates() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
     UPDATE session_pupil SET session_date = NEW.date, session_end_time = NEW.end_time WHERE session_id = NEW.id
       AND (session_date IS DISTINCT FROM NEW.date OR session_end_time IS DISTINCT FROM NEW.end_time);
     UPDATE session_practitioner SET session_date = NEW.date WHERE session_id = NEW.id AND session_date IS DISTINCT FROM NEW.date;
     RETURN NULL; END $$`,
];
const PG_TRIGGERS = [
  'CREATE TRIGGER tr_session_pupil_dates BEFORE INSERT OR UPDATE OF session_id, session_date, session_end_time ON session_pupil FOR EACH ROW EXECUTE FUNCTION session_pupil_dates()',
  'CREATE TRIGGER tr_session_practitioner_date BEFORE INSERT OR UPDATE OF session_id, session_date ON session_practitioner FOR EACH ROW EXECUTE FUNCTION session_practitioner_date()',
  'CREATE TRIGGER tr_therapy_session_dates AFTER INSERT OR UPDATE OF id, date, end_time ON therapy_session FOR EACH ROW EXECUTE FUNCTION therapy_session_dates()',
];

const INDEXES = [
  "CREATE INDEX ix_session_pupil_to_record ON session_pupil (session_date, session_id, pupil_id, session_end_time, attendance) WHERE attendance = 'pending'",
  "CREATE INDEX ix_session_pupil_pending_session ON session_pupil (session_id, pupil_id, session_date, session_end_time, attendance) WHERE attendance = 'pending'",
  'CREATE INDEX ix_session_practitioner_date ON session_practitioner (user_id, session_date, session_id)',
];

export class SessionDatesCopied1700000000022 implements MigrationInterface {
  name = 'SessionDatesCopied1700000000022';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    // Plain ADD COLUMN on both (nullable, no foreign key): SQLite adds it in place, with no rebuild of the tables.
    await q.query('ALTER TABLE session_pupil ADD COLUMN session_date date');
    await q.query('ALTER TABLE session_pupil ADD COLUMN session_end_time varchar(5)');
    await q.query('ALTER TABLE session_practitioner ADD COLUMN session_date date');
    // The rows there already: copied from their sessions.
    await q.query(
      'UPDATE session_pupil SET session_date = s.date, session_end_time = s.end_time FROM therapy_session s WHERE s.id = session_pupil.session_id',
    );
    await q.query(
      'UPDATE session_practitioner SET session_date = s.date FROM therapy_session s WHERE s.id = session_practitioner.session_id',
    );
    for (const sql of INDEXES) await q.query(sql);
    if (pg) {
      for (const sql of [...PG_FUNCTIONS, ...PG_TRIGGERS]) await q.query(sql);
    } else {
      for (const sql of SQLITE_TRIGGERS) await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    if (pg) {
      await q.query('DROP TRIGGER tr_therapy_session_dates ON therapy_session');
      await q.query('DROP TRIGGER tr_session_practitioner_date ON session_practitioner');
      await q.query('DROP TRIGGER tr_session_pupil_dates ON session_pupil');
      for (const f of ['therapy_session_dates', 'session_practitioner_date', 'session_pupil_dates']) await q.query(`DROP FUNCTION ${f}()`);
    } else {
      for (const name of SQLITE_TRIGGER_NAMES) await q.query(`DROP TRIGGER ${name}`);
    }
    for (const name of ['ix_session_practitioner_date', 'ix_session_pupil_pending_session', 'ix_session_pupil_to_record'])
      await q.query(`DROP INDEX ${name}`);
    await q.query('ALTER TABLE session_practitioner DROP COLUMN session_date');
    await q.query('ALTER TABLE session_pupil DROP COLUMN session_end_time');
    await q.query('ALTER TABLE session_pupil DROP COLUMN session_date');
  }
}
