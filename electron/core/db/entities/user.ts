import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'app_user' })
@Index('uq_user_username', ['username'], { unique: true })
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 40 }) username!: string;
  @Column({ name: 'display_name', type: 'varchar', length: 100 }) displayName!: string;
  @Column({ type: 'varchar', length: 20 }) role!: string;
  /** scrypt parameters, salt and hash; never the password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 300 }) passwordHash!: string;
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ name: 'failed_attempts', type: 'integer' }) failedAttempts!: number;
  @Column({ name: 'locked_until', type: 'varchar', length: 30, nullable: true }) lockedUntil!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
}
