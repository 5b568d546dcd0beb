import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SchoolEntity } from './school';

@Entity({ name: 'app_user' })
@Index('uq_user_username', ['username'], { unique: true })
@Index('ix_app_user_school', ['schoolId'])
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The school this belongs to (migration 0015: schools are tenants of a trust's server; electron/core/scope.ts). */
  @Column({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  @Column({ type: 'varchar', length: 40 }) username!: string;
  @Column({ name: 'display_name', type: 'varchar', length: 100 }) displayName!: string;
  @Column({ type: 'varchar', length: 20 }) role!: string;
  /** scrypt parameters, salt and hash; never the password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 300 }) passwordHash!: string;
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ name: 'failed_attempts', type: 'integer' }) failedAttempts!: number;
  @Column({ name: 'locked_until', type: 'varchar', length: 30, nullable: true }) lockedUntil!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  /** Set by a SENCo's reset (null or false: no). */
  @Column({ name: 'must_change_password', type: 'boolean', nullable: true }) mustChangePassword!: boolean | null;
}

/** A class a teacher or TA teaches (matched to pupil.class_name without case). */
@Entity({ name: 'user_class' })
export class UserClassEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 }) userId!: string;
  @PrimaryColumn({ name: 'class_name', type: 'varchar', length: 40 }) className!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
}
