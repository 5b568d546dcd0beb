import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { withoutForeignKeys } from './kit';

/**
 * 0020 (issue 18, items 1 and 2): the school's costed provision map.
 *   provision            the school's catalogue of the provision it runs: area of need, wave, group size, sessions a
 *                        week and minutes, the staff role delivering it, start and end, an optional entry/exit measure;
 *   provision_placement  a pupil on a provision, from when to when, with the measure's entry and exit values;
 *   provision_rate       a school's hourly rate per staff role, in pence (the SENCo and headteacher set them);
 *   provision_setting    a school's notional SEN threshold in pence (no row: the default £6,000).
 * The first, third and fourth are a school's own (their school_id names the school: electron/core/db/school-owned.ts);
 * a placement follows its pupil. What was typed before links to the catalogue instead of being typed again: an EHC
 * plan's Section F line (ehcp_provision), a pupil plan's intervention (ipp_intervention) and a booked session
 * (therapy_session) each get an optional provision_id. Nothing existing changes: every link starts empty.
 */
const LINKED = ['ehcp_provision', 'ipp_intervention', 'therapy_session'] as const;

const id = (name = 'id', primary = true) => new TableColumn({ name, type: 'varchar', length: '36', isPrimary: primary });
const schoolFk = () => new TableForeignKey({ columnNames: ['school_id'], referencedTableName: 'school', referencedColumnNames: ['id'] });

export class ProvisionMap1700000000020 implements MigrationInterface {
  name = 'ProvisionMap1700000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'provision',
        columns: [
          id(),
          id('school_id', false),
          { name: 'name', type: 'varchar', length: '120' },
          { name: 'area', type: 'varchar', length: '30' },
          { name: 'wave', type: 'varchar', length: '10' },
          { name: 'group_size', type: 'integer' },
          { name: 'sessions_per_week', type: 'integer' },
          { name: 'minutes_per_session', type: 'integer' },
          { name: 'staff_role', type: 'varchar', length: '40' },
          { name: 'start_date', type: 'date' },
          { name: 'end_date', type: 'date', isNullable: true },
          { name: 'measure_name', type: 'varchar', length: '120', isNullable: true },
          { name: 'description', type: 'text', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
        foreignKeys: [schoolFk()],
        indices: [
          new TableIndex({ name: 'ix_provision_school', columnNames: ['school_id'] }),
          new TableIndex({ name: 'uq_provision_school_name', columnNames: ['school_id', 'name'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'provision_placement',
        columns: [
          id(),
          id('provision_id', false),
          id('pupil_id', false),
          { name: 'start_date', type: 'date' },
          { name: 'end_date', type: 'date', isNullable: true },
          { name: 'entry_value', type: 'real', isNullable: true },
          { name: 'exit_value', type: 'real', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '140' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['provision_id'], referencedTableName: 'provision', referencedColumnNames: ['id'] }),
          new TableForeignKey({
            columnNames: ['pupil_id'],
            referencedTableName: 'pupil',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [
          new TableIndex({ name: 'ix_provision_placement_provision', columnNames: ['provision_id'] }),
          new TableIndex({ name: 'ix_provision_placement_pupil', columnNames: ['pupil_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'provision_rate',
        columns: [
          id('school_id'),
          { name: 'role', type: 'varchar', length: '40', isPrimary: true },
          { name: 'hourly_pence', type: 'integer' },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
        foreignKeys: [schoolFk()],
      }),
    );
    await q.createTable(
      new Table({
        name: 'provision_setting',
        columns: [id('school_id'), { name: 'threshold_pence', type: 'integer' }, { name: 'updated_at', type: 'varchar', length: '30' }],
        foreignKeys: [schoolFk()],
      }),
    );
    await withoutForeignKeys(q, async () => {
      for (const table of LINKED) {
        await q.addColumn(table, new TableColumn({ name: 'provision_id', type: 'varchar', length: '36', isNullable: true }));
        await q.createForeignKey(
          table,
          new TableForeignKey({ columnNames: ['provision_id'], referencedTableName: 'provision', referencedColumnNames: ['id'] }),
        );
      }
      await q.createIndex('therapy_session', new TableIndex({ name: 'ix_therapy_session_provision', columnNames: ['provision_id'] }));
    });
  }

  /** Undone, the catalogue, placements, rates and threshold are deleted, and the links with them (keep a backup first). */
  async down(q: QueryRunner): Promise<void> {
    await withoutForeignKeys(q, async () => {
      await q.dropIndex('therapy_session', 'ix_therapy_session_provision');
      for (const table of [...LINKED].reverse()) {
        const t = await q.getTable(table);
        const fk = t?.foreignKeys.find((f) => f.columnNames.includes('provision_id'));
        if (fk) await q.dropForeignKey(table, fk);
        await q.dropColumn(table, 'provision_id');
      }
    });
    for (const table of ['provision_setting', 'provision_rate', 'provision_placement', 'provision']) await q.dropTable(table);
  }
}
