import { randomUUID } from 'node:crypto';
import { TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { withoutForeignKeys } from './kit';

/**
 * 0015 (issue 16, item 5): schools become tenants. A trust's server holds several schools (the `school` table gets a
 * row per school); each record that is one school's own names it in `school_id`:
 *   pupil            the pupil's school (everything about a pupil: plans, sessions' attendance, reviews, referrals,
 *                    concerns... follows the pupil through its pupil_id, so it moves with them);
 *   app_user         the school the account works in (its role is a role at that school);
 *   therapy_session  the school whose timetable it is in (a session can have no pupil yet);
 *   staff_member     the school's single central record of staff checks (and their CPD, through staff_id);
 *   school_policy    the school's policies;
 *   feedback         the school's feedback and complaints (a complaint need not name a pupil);
 *   protected_time   the school's protected lessons (a whole class has no pupil).
 * Kept for the whole server (the trust's): term dates and closures, clock rules, therapy disciplines, the signing
 * key and trusted senders, and the audit trail (one hash chain; a school's staff read only their school's events).
 * Every existing row is given the existing school, so a standalone desk's data and behaviour are unchanged. A
 * database holding rows but no school yet (never made by the app: setup makes the school first) gets one to hold
 * them, to be named in Settings.
 */
const TENANT_TABLES = ['pupil', 'app_user', 'therapy_session', 'staff_member', 'school_policy', 'feedback', 'protected_time'] as const;

export class SchoolsAsTenants1700000000015 implements MigrationInterface {
  name = 'SchoolsAsTenants1700000000015';

  async up(q: QueryRunner): Promise<void> {
    await withoutForeignKeys(q, () => this.addSchools(q));
  }

  private async addSchools(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const column = (nullable: boolean) => new TableColumn({ name: 'school_id', type: 'varchar', length: '36', isNullable: nullable });
    for (const table of TENANT_TABLES) await q.addColumn(table, column(true));
    let [school] = (await q.query('SELECT id FROM school ORDER BY created_at, id')) as { id: string }[];
    if (!school) {
      let held = 0;
      for (const table of TENANT_TABLES)
        held += Number(((await q.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: unknown }[])[0]?.n ?? 0);
      if (held > 0) {
        const at = new Date().toISOString();
        school = { id: randomUUID() };
        await q.query(
          `INSERT INTO school (id, name, urn, local_authority, created_at, updated_at) VALUES (${pg ? '$1, $2, $3, $4, $5, $5' : '?, ?, ?, ?, ?, ?'})`,
          pg
            ? [school.id, 'School (name it in Settings)', '000000', '', at]
            : [school.id, 'School (name it in Settings)', '000000', '', at, at],
        );
      }
    }
    if (school) for (const table of TENANT_TABLES) await q.query(`UPDATE ${table} SET school_id = ${pg ? '$1' : '?'}`, [school.id]);
    for (const table of TENANT_TABLES) {
      await q.changeColumn(table, 'school_id', column(false));
      await q.createForeignKey(
        table,
        new TableForeignKey({ columnNames: ['school_id'], referencedTableName: 'school', referencedColumnNames: ['id'] }),
      );
      await q.createIndex(table, new TableIndex({ name: `ix_${table}_school`, columnNames: ['school_id'] }));
    }
  }

  /** Undone, every record is the one school's again (a trust's several schools become one: keep a backup first). */
  async down(q: QueryRunner): Promise<void> {
    await withoutForeignKeys(q, async () => {
      for (const table of [...TENANT_TABLES].reverse()) {
        await q.dropIndex(table, `ix_${table}_school`);
        const t = await q.getTable(table);
        const fk = t?.foreignKeys.find((f) => f.columnNames.includes('school_id'));
        if (fk) await q.dropForeignKey(table, fk);
        await q.dropColumn(table, 'school_id');
      }
    });
  }
}
