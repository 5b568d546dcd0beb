import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A signed-in session (electron/core/sign-in-sessions.ts), kept in the store so that several server processes on one
 * PostgreSQL database share them (issue 16, item 1). Only a SHA-256 hash of the session's token is kept, never the
 * token itself: someone who reads this table (a backup, `psql`) cannot act as anyone.
 *
 * `holder` says who may use the session: `server` for the school server's processes, which all share them; for the
 * desktop app, the CLI and the browser edition, the one process that made it (a random name), whose sessions end when
 * it closes, as they always have.
 */
@Entity({ name: 'sign_in_session' })
@Index('ix_sign_in_session_user', ['userId'])
export class SignInSessionEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash!: string;
  @Column({ type: 'varchar', length: 40 }) holder!: string;
  @Column({ name: 'user_id', type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 40 }) username!: string;
  @Column({ name: 'display_name', type: 'varchar', length: 100 }) displayName!: string;
  @Column({ type: 'varchar', length: 20 }) role!: string;
  /** Milliseconds since 1970 of the last request that counted as use. */
  @Column({ name: 'last_seen', type: 'bigint' }) lastSeen!: string;
  @Column({ type: 'boolean' }) locked!: boolean;
  @Column({ name: 'lock_after_ms', type: 'integer' }) lockAfterMs!: number;
  @Column({ name: 'must_change_password', type: 'boolean' }) mustChangePassword!: boolean;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
}
