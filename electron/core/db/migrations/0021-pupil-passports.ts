import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { str, txt } from './kit';

/**
 * 0021 (issue 18, item 3): pupil passports. A one-page profile written with the pupil (about me, what I am good at,
 * what I find hard, what helps, what does not, the strategies staff should use, the pupil's own words, an optional
 * photo), kept in versions: `pupil_passport` is one per pupil and names the current version; each save writes a new
 * `pupil_passport_version`, so every earlier one stays as it was. Both follow the pupil (pupil_id, then passport_id):
 * like a pupil's plans and reviews they are not a school's own table (electron/core/db/school-owned.ts) but move with
 * the pupil (electron/server/import.ts TABLE_ROLES: records).
 *
 * The photo is held in the (encrypted) database as base64 text, never as a file: the only binary the schema would hold,
 * and text keeps the backup, the server import and the agency export, which copy rows as text, unchanged. The service
 * checks its type and size and strips its metadata (electron/core/services/passport-photo.ts) before it is written.
 */

export class PupilPassports1700000000021 implements MigrationInterface {
  name = 'PupilPassports1700000000021';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'pupil_passport',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('pupil_id', 36),
          { name: 'current_version', type: 'integer' },
          str('created_at', 30),
          str('updated_at', 30),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['pupil_id'],
            referencedTableName: 'pupil',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [new TableIndex({ name: 'uq_pupil_passport_pupil', columnNames: ['pupil_id'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'pupil_passport_version',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('passport_id', 36),
          { name: 'number', type: 'integer' },
          txt('about_me', true),
          txt('good_at', true),
          txt('find_hard', true),
          txt('helps_me', true),
          txt('does_not_help', true),
          txt('strategies_json', false),
          txt('pupil_words', true),
          str('written_with', 200, true),
          txt('photo_base64', true),
          str('photo_type', 20, true),
          str('photo_alt', 200, true),
          str('created_by', 140),
          str('created_at', 30),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['passport_id'],
            referencedTableName: 'pupil_passport',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [new TableIndex({ name: 'uq_pupil_passport_version', columnNames: ['passport_id', 'number'], isUnique: true })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('pupil_passport_version');
    await q.dropTable('pupil_passport');
  }
}
