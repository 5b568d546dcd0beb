import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { str, int, txt } from './kit';

/** 0004: therapy sessions (one row per occurrence), their practitioners and pupils with attendance, protected lessons. */
const sessionFk = () =>
  new TableForeignKey({
    columnNames: ['session_id'],
    referencedTableName: 'therapy_session',
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
  });

export class Sessions1700000000004 implements MigrationInterface {
  name = 'Sessions1700000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'therapy_session',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('series_id', 36, true),
          { name: 'date', type: 'date' },
          str('start_time', 5),
          str('end_time', 5),
          int('duration_minutes'),
          str('title', 200),
          str('discipline', 40),
          str('location', 100, true),
          str('created_by', 140),
          str('created_at', 30),
        ],
        indices: [
          new TableIndex({ name: 'ix_session_date', columnNames: ['date', 'start_time'] }),
          new TableIndex({ name: 'ix_session_series', columnNames: ['series_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'session_practitioner',
        columns: [
          { ...str('session_id', 36), isPrimary: true },
          { ...str('user_id', 36), isPrimary: true },
        ],
        foreignKeys: [sessionFk()],
        indices: [new TableIndex({ name: 'ix_session_practitioner_user', columnNames: ['user_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'session_pupil',
        columns: [
          { ...str('session_id', 36), isPrimary: true },
          { ...str('pupil_id', 36), isPrimary: true },
          str('ehcp_provision_id', 36, true),
          str('ipp_intervention_id', 36, true),
          str('attendance', 10),
          str('cancelled_by', 10, true),
          txt('reason', true),
          int('delivered_minutes', true),
          txt('notes', true),
          txt('goals_json', true),
          str('recorded_at', 30, true),
        ],
        foreignKeys: [sessionFk()],
        indices: [new TableIndex({ name: 'ix_session_pupil_pupil', columnNames: ['pupil_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'protected_time',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('pupil_id', 36, true),
          str('class_name', 40, true),
          int('weekday'),
          str('start_time', 5),
          str('end_time', 5),
          str('label', 100),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['protected_time', 'session_pupil', 'session_practitioner', 'therapy_session']) await q.dropTable(t);
  }
}
