import { randomUUID } from 'node:crypto';
import { TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * 0017 (issue 16, item 5): each school of a trust keeps its own settings. Migration 0015 made the records schools' own
 * but kept four tables for the whole server; on a trust's server two schools have different term dates, INSET days,
 * clock rules and therapy disciplines, so these name their school in `school_id` too:
 *   term           a school's terms and half-terms: unique per school, year and name (was per year and name);
 *   calendar_day   a school's closure days (INSET days, bank holidays, other closures): unique per school and date;
 *   clock_setting  a school's own clock rules: keyed by school and clock (was by clock);
 *   discipline     a school's therapy disciplines: keyed by school and code (was by code). Referrals, assessments,
 *                  sessions, allocations and EHC plan provision name a discipline by its code without a foreign key,
 *                  so they keep working: a code is looked up in the school's own list.
 * Existing rows go to the existing school. A server that already holds several schools gets a copy of the trust-wide
 * rows for each school, so that nothing changes for any of them (each then changes its own). A database with no
 * school yet (a fresh one: migration 0003 seeded the default disciplines before any school existed) keeps no
 * discipline rows: setup and trust.schools.add give each new school the defaults. Rows of the other three tables in a
 * database without a school (never made by the app: setup makes the school first) get one to hold them, as 0015 does.
 */
const TABLES = ['term', 'calendar_day', 'clock_setting', 'discipline'] as const;
/** The tables whose primary key becomes (school, key). */
const KEYED: Readonly<Record<string, string>> = { clock_setting: 'key', discipline: 'code' };
/** The unique keys that become per school: [table, old index, old columns, new index]. */
const UNIQUES = [
  ['term', 'uq_term_year_name', ['academic_year', 'name'], 'uq_term_school_year_name'],
  ['calendar_day', 'uq_calendar_day_date', ['date'], 'uq_calendar_day_school_date'],
] as const;

/** Migration 0003's default disciplines: put back when undoing this on a database with no school (see `down`). */
const DISCIPLINES_0003: readonly [string, string][] = [
  ['speech_language', 'Speech and language therapy'],
  ['occupational_therapy', 'Occupational therapy'],
  ['physiotherapy', 'Physiotherapy'],
  ['psychology', 'Psychology'],
  ['thrive', 'Thrive'],
  ['counselling', 'Counselling'],
  ['other', 'Other'],
];

const schoolColumn = (nullable: boolean, primary = false) =>
  new TableColumn({ name: 'school_id', type: 'varchar', length: '36', isNullable: nullable, isPrimary: primary });

async function count(q: QueryRunner, table: string): Promise<number> {
  return Number(((await q.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: unknown }[])[0]?.n ?? 0);
}

export class SchoolSettings1700000000017 implements MigrationInterface {
  name = 'SchoolSettings1700000000017';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const p = (i: number) => (pg ? `$${i}` : '?');
    for (const table of TABLES) await q.addColumn(table, schoolColumn(true));
    let schools = ((await q.query('SELECT id FROM school ORDER BY created_at, id')) as { id: string }[]).map((s) => s.id);
    if (!schools.length) {
      let held = 0;
      for (const table of ['term', 'calendar_day', 'clock_setting']) held += await count(q, table);
      if (held > 0) {
        const at = new Date().toISOString();
        const id = randomUUID();
        await q.query(
          `INSERT INTO school (id, name, urn, local_authority, created_at, updated_at) VALUES (${[1, 2, 3, 4, 5, 6].map(p).join(', ')})`,
          [id, 'School (name it in Settings)', '000000', '', at, at],
        );
        schools = [id];
      } else {
        // The defaults migration 0003 seeded for a school not yet made: setup gives the school its own.
        await q.query('DELETE FROM discipline');
      }
    }
    const [first, ...others] = schools;
    if (first) for (const table of TABLES) await q.query(`UPDATE ${table} SET school_id = ${p(1)}`, [first]);
    for (const table of TABLES) await q.changeColumn(table, 'school_id', schoolColumn(false, table in KEYED));
    for (const [table, oldName, , newName] of UNIQUES) {
      await q.dropIndex(table, oldName);
      const columns = table === 'term' ? ['school_id', 'academic_year', 'name'] : ['school_id', 'date'];
      await q.createIndex(table, new TableIndex({ name: newName, columnNames: columns, isUnique: true }));
    }
    for (const table of TABLES) {
      await q.createForeignKey(
        table,
        new TableForeignKey({ columnNames: ['school_id'], referencedTableName: 'school', referencedColumnNames: ['id'] }),
      );
    }
    // A trust's server: every other school gets the same settings the whole server had, to change as its own.
    if (first && others.length) {
      const copy: Readonly<Record<(typeof TABLES)[number], string>> = {
        term: 'academic_year, name, start_date, end_date',
        calendar_day: 'academic_year, date, kind, name',
        clock_setting: 'key, enabled, amount, unit, under5_months, updated_at',
        discipline: 'code, label, active, position',
      };
      for (const table of ['term', 'calendar_day'] as const) {
        const ids = ((await q.query(`SELECT id FROM ${table} WHERE school_id = ${p(1)} ORDER BY id`, [first])) as { id: string }[]).map(
          (r) => r.id,
        );
        for (const school of others) {
          for (const id of ids) {
            await q.query(
              `INSERT INTO ${table} (id, school_id, ${copy[table]}) SELECT ${p(1)}, ${p(2)}, ${copy[table]} FROM ${table} WHERE id = ${p(3)}`,
              [randomUUID(), school, id],
            );
          }
        }
      }
      for (const table of ['clock_setting', 'discipline'] as const) {
        for (const school of others) {
          await q.query(
            `INSERT INTO ${table} (school_id, ${copy[table]}) SELECT ${p(1)}, ${copy[table]} FROM ${table} WHERE school_id = ${p(2)}`,
            [school, first],
          );
        }
      }
    }
  }

  /**
   * Undone, the settings are the whole server's again: the FIRST school's are kept and every other school's are
   * deleted (their term dates, closures, clock rules and disciplines: keep a backup first).
   */
  async down(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const p = (i: number) => (pg ? `$${i}` : '?');
    const [first] = (await q.query('SELECT id FROM school ORDER BY created_at, id')) as { id: string }[];
    for (const table of TABLES) {
      if (first) await q.query(`DELETE FROM ${table} WHERE school_id <> ${p(1)}`, [first.id]);
      else await q.query(`DELETE FROM ${table}`);
    }
    for (const table of [...TABLES].reverse()) {
      const t = await q.getTable(table);
      const fk = t?.foreignKeys.find((f) => f.columnNames.includes('school_id'));
      if (fk) await q.dropForeignKey(table, fk);
    }
    for (const [table, oldName, oldColumns, newName] of UNIQUES) {
      await q.dropIndex(table, newName);
      await q.createIndex(table, new TableIndex({ name: oldName, columnNames: [...oldColumns], isUnique: true }));
    }
    for (const table of TABLES) {
      if (table in KEYED) await q.changeColumn(table, 'school_id', schoolColumn(true, false));
      await q.dropColumn(table, 'school_id');
    }
    // As 0003 left a database with no school: the default disciplines.
    if (!first && (await count(q, 'discipline')) === 0) {
      for (const [i, [code, label]] of DISCIPLINES_0003.entries()) {
        await q.query(`INSERT INTO discipline (code, label, active, position) VALUES (${[1, 2, 3, 4].map(p).join(', ')})`, [
          code,
          label,
          pg ? true : 1,
          i,
        ]);
      }
    }
  }
}
