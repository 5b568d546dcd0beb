import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { str } from './kit';

/**
 * 0016 (issue 16, item 3): operations sent with an idempotency key (a connected desk's outbox, replayed after it was
 * offline) are remembered with their answer, in the same transaction as what they wrote, so a replay interrupted
 * and repeated writes everything exactly once and gets the first answer again.
 */

export class AppliedOperations1700000000016 implements MigrationInterface {
  name = 'AppliedOperations1700000000016';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'applied_operation',
        columns: [
          { ...str('idempotency_key', 64), isPrimary: true },
          str('user_id', 36),
          str('operation', 60),
          { name: 'result', type: 'text', isNullable: false },
          str('applied_at', 30),
        ],
        indices: [new TableIndex({ name: 'ix_applied_operation_at', columnNames: ['applied_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('applied_operation');
  }
}
