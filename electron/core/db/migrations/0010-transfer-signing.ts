import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { str } from './kit';

/**
 * 0010 (issue 14, item 7): where an installation's signing key lives, and the senders its SENCo trusts. The key is
 * not made here: setup makes it for a new school, and the first export or look at the fingerprint makes it for a
 * database from before this migration.
 */

export class TransferSigning1700000000010 implements MigrationInterface {
  name = 'TransferSigning1700000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'installation_key',
        columns: [
          { ...str('id', 20), isPrimary: true },
          str('algorithm', 20),
          str('public_key', 64),
          { name: 'private_key', type: 'text', isNullable: false },
          str('fingerprint', 80),
          str('created_at', 30),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'trusted_sender',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('public_key', 64),
          str('fingerprint', 80),
          str('school', 200),
          str('urn', 6),
          { name: 'note', type: 'text', isNullable: true },
          str('trusted_by', 140),
          str('trusted_by_user_id', 36, true),
          str('trusted_at', 30),
        ],
        indices: [new TableIndex({ name: 'ux_trusted_sender_key', columnNames: ['public_key'], isUnique: true })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['trusted_sender', 'installation_key']) await q.dropTable(t);
  }
}
