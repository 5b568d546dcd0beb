import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one school (or provider) this database belongs to. */
@Entity({ name: 'school' })
export class SchoolEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  /** Unique reference number from Get Information about Schools (6 digits). */
  @Column({ type: 'varchar', length: 6 }) urn!: string;
  @Column({ name: 'local_authority', type: 'varchar', length: 100 }) localAuthority!: string;
  /** Minutes without use before the screen locks; null: the default (5). */
  @Column({ name: 'auto_lock_minutes', type: 'integer', nullable: true }) autoLockMinutes!: number | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}
