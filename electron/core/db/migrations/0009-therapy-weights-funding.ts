import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * 0009 (issue 14, therapy rules):
 *   ipp_goal.weight                          a goal's GAS weight in the Kiresuk-Sherman T-score (1 to 10); every goal
 *                                            written before this migration counts 1, which is the score it had;
 *   placement.extension_funding_*            the funding of an agreed alternative-provision extension (second seed:
 *                                            "may be extended ... if funding is available"): its source, the amount in
 *                                            pence (exact GBP), who approved it and when.
 */
export class TherapyWeightsFunding1700000000009 implements MigrationInterface {
  name = 'TherapyWeightsFunding1700000000009';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('ipp_goal', new TableColumn({ name: 'weight', type: 'integer', isNullable: false, default: 1 }));
    await q.addColumns('placement', [
      new TableColumn({ name: 'extension_funding_source', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'extension_funding_pence', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'extension_funding_approved_by', type: 'varchar', length: '120', isNullable: true }),
      new TableColumn({ name: 'extension_funding_approved_date', type: 'date', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of [
      'extension_funding_approved_date',
      'extension_funding_approved_by',
      'extension_funding_pence',
      'extension_funding_source',
    ])
      await q.dropColumn('placement', c);
    await q.dropColumn('ipp_goal', 'weight');
  }
}
