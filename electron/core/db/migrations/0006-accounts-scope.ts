import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { str } from './kit';

/**
 * 0006: accounts and record scope (issue 8).
 *   app_user.must_change_password   set by a SENCo's password reset; the user chooses their own at next sign-in
 *                                   (nullable: null is "no", so no boolean default differs between drivers);
 *   school.auto_lock_minutes        the screen lock after inactivity (null: the default, 5 minutes);
 *   user_class                      the classes a teacher or TA teaches: they see only those pupils;
 *   caseload_allocation             a therapist allocated to a pupil: a therapist sees only their own caseload.
 */

export class AccountsScope1700000000006 implements MigrationInterface {
  name = 'AccountsScope1700000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('app_user', new TableColumn({ name: 'must_change_password', type: 'boolean', isNullable: true }));
    await q.addColumn('school', new TableColumn({ name: 'auto_lock_minutes', type: 'integer', isNullable: true }));
    await q.createTable(
      new Table({
        name: 'user_class',
        columns: [
          { ...str('user_id', 36), isPrimary: true },
          { ...str('class_name', 40), isPrimary: true },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'app_user',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'caseload_allocation',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('pupil_id', 36),
          str('user_id', 36),
          str('discipline', 40, true),
          { name: 'start_date', type: 'date' },
          { name: 'end_date', type: 'date', isNullable: true },
          str('created_by', 140),
          str('created_at', 30),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['pupil_id'],
            referencedTableName: 'pupil',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'app_user',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [
          new TableIndex({ name: 'ix_allocation_user', columnNames: ['user_id', 'end_date'] }),
          new TableIndex({ name: 'ix_allocation_pupil', columnNames: ['pupil_id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('caseload_allocation');
    await q.dropTable('user_class');
    await q.dropColumn('school', 'auto_lock_minutes');
    await q.dropColumn('app_user', 'must_change_password');
  }
}
