import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { str } from './kit';

/**
 * 0019 (issue 17, item 3): work is never lost. What a user has typed into a form or dialog and not yet saved is kept
 * in the store as a draft (one per user and form: `key` names the form and the record it edits), so that leaving the
 * page, closing a dialog by mistake, the screen lock or a closed window loses nothing, and the draft never sits in
 * the browser's own storage (which is not encrypted). A school's own rows (school_id: electron/core/db/school-owned.ts);
 * gone with their author or their pupil (ON DELETE CASCADE). A new table: nothing to carry over.
 */

export class Drafts1700000000019 implements MigrationInterface {
  name = 'Drafts1700000000019';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'draft',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('school_id', 36),
          str('user_id', 36),
          str('key', 200),
          str('pupil_id', 36, true),
          { name: 'payload', type: 'text', isNullable: false },
          str('updated_at', 30),
        ],
        indices: [
          new TableIndex({ name: 'uq_draft_user_key', columnNames: ['user_id', 'key'], isUnique: true }),
          new TableIndex({ name: 'ix_draft_school', columnNames: ['school_id'] }),
          new TableIndex({ name: 'ix_draft_pupil', columnNames: ['pupil_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['school_id'], referencedTableName: 'school', referencedColumnNames: ['id'] }),
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'app_user',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            columnNames: ['pupil_id'],
            referencedTableName: 'pupil',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  /** Undone, every unsaved draft is gone (what was typed and never saved): keep a backup first. */
  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('draft');
  }
}
