import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { str, date, pk, pupilFk } from './kit';

/**
 * 0001: school, terms, users, pupils with SEN status history, ranked needs and contacts, and the audit trail.
 * Written with TypeORM's schema API so the same migration builds the same schema on SQLite and PostgreSQL.
 * Migrations are frozen once released: change the schema with a new numbered migration, never by editing this.
 * TypeORM orders migrations by the number at the end of the class name: 17000000000NN for migration NN.
 */

export class Foundation1700000000001 implements MigrationInterface {
  name = 'Foundation1700000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'school',
        columns: [pk(), str('name', 200), str('urn', 6), str('local_authority', 100), str('created_at', 30), str('updated_at', 30)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'term',
        columns: [pk(), str('academic_year', 7), str('name', 10), date('start_date'), date('end_date')],
        indices: [new TableIndex({ name: 'uq_term_year_name', columnNames: ['academic_year', 'name'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'app_user',
        columns: [
          pk(),
          str('username', 40),
          str('display_name', 100),
          str('role', 20),
          str('password_hash', 300),
          { name: 'active', type: 'boolean' },
          { name: 'failed_attempts', type: 'integer' },
          str('locked_until', 30, true),
          str('created_at', 30),
        ],
        indices: [new TableIndex({ name: 'uq_user_username', columnNames: ['username'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'pupil',
        columns: [
          pk(),
          str('upn', 13),
          str('legal_first_name', 100),
          str('legal_last_name', 100),
          str('preferred_first_name', 100, true),
          str('preferred_last_name', 100, true),
          date('date_of_birth'),
          str('year_group', 3),
          str('class_name', 40, true),
          date('date_joined'),
          date('date_left', true),
          str('home_school_name', 200, true),
          str('home_school_urn', 6, true),
          str('created_at', 30),
          str('updated_at', 30),
        ],
        indices: [
          new TableIndex({ name: 'uq_pupil_upn', columnNames: ['upn'], isUnique: true }),
          new TableIndex({ name: 'ix_pupil_last_name', columnNames: ['legal_last_name'] }),
          new TableIndex({ name: 'ix_pupil_year_group', columnNames: ['year_group'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sen_status_period',
        columns: [pk(), str('pupil_id', 36), str('status', 1), date('start_date'), date('end_date', true)],
        foreignKeys: [pupilFk()],
        indices: [
          new TableIndex({ name: 'uq_sen_status_open', columnNames: ['pupil_id'], isUnique: true, where: 'end_date IS NULL' }),
          new TableIndex({ name: 'ix_sen_status_pupil', columnNames: ['pupil_id', 'start_date'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'pupil_need',
        columns: [pk(), str('pupil_id', 36), { name: 'rank', type: 'integer' }, str('need_code', 4)],
        foreignKeys: [pupilFk()],
        indices: [
          new TableIndex({ name: 'uq_pupil_need_rank', columnNames: ['pupil_id', 'rank'], isUnique: true }),
          new TableIndex({ name: 'ix_pupil_need_code', columnNames: ['need_code'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'pupil_contact',
        columns: [
          pk(),
          str('pupil_id', 36),
          { name: 'position', type: 'integer' },
          str('name', 120),
          str('relationship', 20),
          str('phone', 30, true),
          str('email', 200, true),
          { name: 'parental_responsibility', type: 'boolean' },
        ],
        foreignKeys: [pupilFk()],
        indices: [new TableIndex({ name: 'ix_pupil_contact_pupil', columnNames: ['pupil_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_event',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true },
          str('at', 30),
          str('user_id', 36, true),
          str('actor', 140),
          str('role', 20, true),
          str('operation', 60),
          str('pupil_id', 36, true),
          str('outcome', 10),
          { name: 'detail', type: 'text', isNullable: true },
          str('prev_hash', 64),
          str('hash', 64),
        ],
        indices: [
          new TableIndex({ name: 'ix_audit_pupil', columnNames: ['pupil_id'] }),
          new TableIndex({ name: 'ix_audit_at', columnNames: ['at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_event', 'pupil_contact', 'pupil_need', 'sen_status_period', 'pupil', 'app_user', 'term', 'school']) {
      await q.dropTable(t);
    }
  }
}
