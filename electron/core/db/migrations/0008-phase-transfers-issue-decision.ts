import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { str, date } from './kit';

/**
 * 0008 (issue 14, items 11 and 13):
 * - `pupil_transfer`: the move between phases of education the SENCo records for a pupil with an EHC plan (the
 *   kind of move, its date and the next school if known). SEND Regulations 2014 reg. 18 deadlines (15 February;
 *   31 March for secondary to post-16) and the annual review brought forward follow from it, not from the year
 *   group. One per pupil: recording again replaces it, clearing deletes it.
 * - `ehc_assessment_request.issue_decision` and `issue_decision_date`: after assessing, whether the LA will issue
 *   a plan and when it said so (reg. 10: the parent is told within 16 weeks of the request if it will not).
 * No rows are changed: existing requests have no issue decision recorded, and no pupil has a transfer until the
 * SENCo records one.
 */

export class PhaseTransfersIssueDecision1700000000008 implements MigrationInterface {
  name = 'PhaseTransfersIssueDecision1700000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'pupil_transfer',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('pupil_id', 36),
          str('kind', 30),
          date('transfer_date'),
          str('next_setting', 200, true),
          str('recorded_by', 140),
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
        indices: [new TableIndex({ name: 'uq_pupil_transfer_pupil', columnNames: ['pupil_id'], isUnique: true })],
      }),
    );
    await q.addColumn('ehc_assessment_request', new TableColumn(str('issue_decision', 10, true)));
    await q.addColumn('ehc_assessment_request', new TableColumn(date('issue_decision_date', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('ehc_assessment_request', 'issue_decision_date');
    await q.dropColumn('ehc_assessment_request', 'issue_decision');
    await q.dropTable('pupil_transfer');
  }
}
