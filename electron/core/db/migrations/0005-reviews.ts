import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { str, date, txt, pupilFk } from './kit';

/**
 * 0005: review meetings (attendees, views, ratings), their decisions and actions, parent updates; and the links a
 * review's decisions leave on the records they change (band_period.review_id, ipp_version.review_id, ipp.closed_date).
 */
const reviewFk = () =>
  new TableForeignKey({
    columnNames: ['review_id'],
    referencedTableName: 'review_meeting',
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
  });

export class Reviews1700000000005 implements MigrationInterface {
  name = 'Reviews1700000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'review_meeting',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('pupil_id', 36),
          str('kind', 10),
          date('date'),
          str('status', 10),
          str('ipp_id', 36, true),
          str('placement_id', 36, true),
          str('ehc_plan_id', 36, true),
          str('ehcp_review_id', 36, true),
          str('ipp_review_id', 36, true),
          txt('attendees_json', false),
          txt('pupil_views', true),
          txt('parent_views', true),
          txt('discussion', true),
          txt('ratings_json', false),
          { name: 't_score', type: 'double precision', isNullable: true },
          str('recorded_by', 140),
          str('created_at', 30),
          str('updated_at', 30),
        ],
        foreignKeys: [pupilFk()],
        indices: [new TableIndex({ name: 'ix_review_pupil', columnNames: ['pupil_id', 'date'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'review_decision',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('review_id', 36),
          { name: 'position', type: 'integer' },
          str('kind', 20),
          str('band', 10, true),
          str('need_level', 10, true),
          { name: 'planned_weeks', type: 'integer', isNullable: true },
          txt('note', true),
          str('acted_at', 30, true),
          str('acted_on', 120, true),
        ],
        foreignKeys: [reviewFk()],
        indices: [new TableIndex({ name: 'ix_review_decision_review', columnNames: ['review_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'review_action',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('review_id', 36),
          str('pupil_id', 36),
          { name: 'position', type: 'integer' },
          txt('description', false),
          str('owner_user_id', 36, true),
          str('owner_name', 120, true),
          date('due_date'),
          date('done_date', true),
        ],
        foreignKeys: [reviewFk()],
        indices: [
          new TableIndex({ name: 'ix_review_action_review', columnNames: ['review_id'] }),
          new TableIndex({ name: 'ix_review_action_due', columnNames: ['done_date', 'due_date'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'parent_update',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('pupil_id', 36),
          date('date'),
          str('method', 10),
          txt('summary', false),
          str('sent_by', 140),
          str('created_at', 30),
        ],
        foreignKeys: [pupilFk()],
        indices: [new TableIndex({ name: 'ix_parent_update_pupil', columnNames: ['pupil_id', 'date'] })],
      }),
    );
    await q.addColumn('band_period', new TableColumn(str('review_id', 36, true)));
    await q.addColumn('ipp_version', new TableColumn(str('review_id', 36, true)));
    await q.addColumn('ipp', new TableColumn(date('closed_date', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('ipp', 'closed_date');
    await q.dropColumn('ipp_version', 'review_id');
    await q.dropColumn('band_period', 'review_id');
    for (const t of ['parent_update', 'review_action', 'review_decision', 'review_meeting']) await q.dropTable(t);
  }
}
