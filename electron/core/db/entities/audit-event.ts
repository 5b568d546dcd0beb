import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Append-only record of who did what to which pupil, and when. Each event carries the hash of the one before,
 * so an edited or deleted event breaks the chain (UK GDPR Art. 5(2) accountability). No foreign key to pupil:
 * the trail must outlive the records it describes.
 */
@Entity({ name: 'audit_event' })
@Index('ix_audit_pupil', ['pupilId'])
@Index('ix_audit_at', ['at'])
export class AuditEventEntity {
  /** Sequence number, assigned by the dispatcher under its write lock so the chain has one order. */
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ type: 'varchar', length: 30 }) at!: string;
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true }) userId!: string | null;
  @Column({ type: 'varchar', length: 140 }) actor!: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) role!: string | null;
  @Column({ type: 'varchar', length: 60 }) operation!: string;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36, nullable: true }) pupilId!: string | null;
  @Column({ type: 'varchar', length: 10 }) outcome!: string;
  @Column({ type: 'text', nullable: true }) detail!: string | null;
  @Column({ name: 'prev_hash', type: 'varchar', length: 64 }) prevHash!: string;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
}
