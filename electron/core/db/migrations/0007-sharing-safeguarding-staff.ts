import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { str, date, txt, bool, pupilFk } from './kit';

/**
 * 0007 (issue 9): the sharing log (every export: to whom, which sections, the lawful basis), safeguarding hand-offs
 * (the minimum: what, when, the child's words, and the CPOMS reference once logged), staff compliance and CPD,
 * complaints and feedback, and school policies with their review dates.
 */

export class SharingSafeguardingStaff1700000000007 implements MigrationInterface {
  name = 'SharingSafeguardingStaff1700000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'sharing_log',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('pupil_id', 36),
          str('organisation', 200),
          txt('sections_json', false),
          str('article6', 40),
          str('article9', 40),
          str('format', 20),
          str('locked_with', 20),
          str('recipient_key', 100, true),
          str('file_name', 200),
          { name: 'bytes', type: 'integer' },
          str('sha256', 64),
          txt('note', true),
          str('exported_by', 140),
          str('exported_by_user_id', 36, true),
          str('exported_at', 30),
        ],
        foreignKeys: [pupilFk()],
        indices: [
          new TableIndex({ name: 'ix_sharing_pupil', columnNames: ['pupil_id', 'exported_at'] }),
          new TableIndex({ name: 'ix_sharing_at', columnNames: ['exported_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'safeguarding_concern',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('pupil_id', 36),
          str('raised_by_user_id', 36, true),
          str('raised_by', 140),
          str('raised_at', 30),
          str('happened_at', 16),
          txt('what', false),
          txt('child_words', true),
          str('status', 12),
          str('acknowledge_by', 30),
          str('acknowledged_at', 30, true),
          str('acknowledged_by', 140, true),
          str('system', 40, true),
          str('reference', 60, true),
          str('closed_at', 30, true),
          str('closed_by', 140, true),
        ],
        foreignKeys: [pupilFk()],
        indices: [
          new TableIndex({ name: 'ix_concern_status', columnNames: ['status', 'raised_at'] }),
          new TableIndex({ name: 'ix_concern_raiser', columnNames: ['raised_by_user_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'staff_member',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('name', 120),
          str('job_title', 120),
          str('user_id', 36, true),
          bool('active'),
          str('dbs_number', 12, true),
          date('dbs_issue_date', true),
          bool('dbs_update_service'),
          date('dbs_checked_on', true),
          str('safeguarding_level', 10, true),
          date('safeguarding_date', true),
          bool('first_aid_required'),
          date('first_aid_date', true),
          bool('registration_required'),
          str('registration_body', 10, true),
          str('registration_number', 40, true),
          date('registration_expiry', true),
          bool('thrive_required'),
          str('thrive_licence', 40, true),
          date('thrive_expiry', true),
          str('created_at', 30),
          str('updated_at', 30),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'app_user',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'cpd_entry',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('staff_id', 36),
          str('course', 200),
          date('date'),
          str('provider', 200),
          { name: 'hours', type: 'double precision' },
          str('created_at', 30),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['staff_id'],
            referencedTableName: 'staff_member',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [new TableIndex({ name: 'ix_cpd_staff', columnNames: ['staff_id', 'date'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'feedback',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('kind', 10),
          str('source', 10),
          str('from_name', 120, true),
          str('pupil_id', 36, true),
          date('received_date'),
          txt('summary', false),
          str('sentiment', 12, true),
          str('stage', 10, true),
          date('acknowledged_date', true),
          date('responded_date', true),
          date('escalated_date', true),
          date('closed_date', true),
          txt('outcome', true),
          str('recorded_by', 140),
          str('created_at', 30),
          str('updated_at', 30),
        ],
        foreignKeys: [pupilFk('SET NULL')],
        indices: [new TableIndex({ name: 'ix_feedback_received', columnNames: ['kind', 'received_date'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'school_policy',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('title', 200),
          str('holder', 120),
          str('approved_by', 120),
          date('approved_date'),
          date('next_review_date'),
          str('created_at', 30),
          str('updated_at', 30),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['school_policy', 'feedback', 'cpd_entry', 'staff_member', 'safeguarding_concern', 'sharing_log']) await q.dropTable(t);
  }
}
