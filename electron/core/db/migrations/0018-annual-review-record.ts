import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * 0018 (issue 17, item 4): what an EHC plan annual review concludes, kept on its meeting: progress against each
 * Section E outcome and the amendments recommended (JSON lists, as the meeting's attendees and ratings are), and
 * the recommendation to the local authority (maintain, amend or cease; SEND Regulations 2014 reg. 20(10)).
 * Reviews recorded before it have none of these (null), which the service reads as "not recorded".
 */
export class AnnualReviewRecord1700000000018 implements MigrationInterface {
  name = 'AnnualReviewRecord1700000000018';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('review_meeting', [
      new TableColumn({ name: 'outcomes_json', type: 'text', isNullable: true }),
      new TableColumn({ name: 'amendments_json', type: 'text', isNullable: true }),
      new TableColumn({ name: 'la_recommendation', type: 'varchar', length: '10', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of ['la_recommendation', 'amendments_json', 'outcomes_json']) await q.dropColumn('review_meeting', c);
  }
}
