import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An operation sent with an idempotency key (a connected desk's outbox: electron/connect), remembered with its answer
 * in the same transaction as what it wrote (electron/core/dispatcher.ts), so the same key sent again writes nothing
 * and gets the same answer. Migration 0016.
 */
@Entity({ name: 'applied_operation' })
@Index('ix_applied_operation_at', ['appliedAt'])
export class AppliedOperationEntity {
  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 64 }) idempotencyKey!: string;
  @Column({ name: 'user_id', type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 60 }) operation!: string;
  /** The operation's answer (its value), as JSON. */
  @Column({ type: 'text' }) result!: string;
  @Column({ name: 'applied_at', type: 'varchar', length: 30 }) appliedAt!: string;
}
