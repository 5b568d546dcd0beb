import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { str } from './kit';

/**
 * 0014 (issue 16, item 1): signed-in sessions move from a process's memory into the store, so that several school
 * server processes on one PostgreSQL database share them (sign in through one, carry on through another). Only a
 * SHA-256 hash of each session token is stored, never the token (electron/core/sign-in-sessions.ts). No data to carry over:
 * sessions held in memory ended when the earlier version closed.
 */

export class SignInSessions1700000000014 implements MigrationInterface {
  name = 'SignInSessions1700000000014';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'sign_in_session',
        columns: [
          { ...str('token_hash', 64), isPrimary: true },
          str('holder', 40),
          str('user_id', 36),
          str('username', 40),
          str('display_name', 100),
          str('role', 20),
          { name: 'last_seen', type: 'bigint', isNullable: false },
          { name: 'locked', type: 'boolean', isNullable: false },
          { name: 'lock_after_ms', type: 'integer', isNullable: false },
          { name: 'must_change_password', type: 'boolean', isNullable: false },
          str('created_at', 30),
        ],
        indices: [new TableIndex({ name: 'ix_sign_in_session_user', columnNames: ['user_id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('sign_in_session');
  }
}
