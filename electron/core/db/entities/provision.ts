import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PupilEntity } from './pupil';
import { SchoolEntity } from './school';

/**
 * One provision a school runs (issue 18, item 1; migration 0020): "Lego therapy", "1:1 speech and language", "Precision
 * teaching". Its area of need (the four broad areas), wave (Universal, Targeted, Specific), group size, sessions a week
 * and minutes, the staff role delivering it (costed at that role's hourly rate: provision_rate), when it runs, and an
 * optional entry and exit measure. A school's own: `school_id` (electron/core/db/school-owned.ts). Never deleted:
 * a provision that stops is ended, so past maps and costs stay as they were.
 */
@Entity({ name: 'provision' })
@Index('ix_provision_school', ['schoolId'])
@Index('uq_provision_school_name', ['schoolId', 'name'], { unique: true })
export class ProvisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  /** One of the four broad areas of need (shared/ehcp.ts NEED_AREAS). */
  @Column({ type: 'varchar', length: 30 }) area!: string;
  /** universal, targeted or specific (the bands' words: DOMAIN.md). */
  @Column({ type: 'varchar', length: 10 }) wave!: string;
  @Column({ name: 'group_size', type: 'integer' }) groupSize!: number;
  @Column({ name: 'sessions_per_week', type: 'integer' }) sessionsPerWeek!: number;
  @Column({ name: 'minutes_per_session', type: 'integer' }) minutesPerSession!: number;
  /** Who delivers it (shared/provision.ts DELIVERY_ROLES): its cost is that role's hourly rate. */
  @Column({ name: 'staff_role', type: 'varchar', length: 40 }) staffRole!: string;
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  /** Null: running, with no end date set. */
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate!: string | null;
  /** The measure taken on entry and exit ("Words read per minute", "Boxall developmental strand"); null: none. */
  @Column({ name: 'measure_name', type: 'varchar', length: 120, nullable: true }) measureName!: string | null;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}

/**
 * A pupil placed on a provision for a while (not to be confused with `placement`, an alternative-provision placement):
 * from when to when, and the entry and exit values of the provision's measure. Follows its pupil (pupil_id).
 */
@Entity({ name: 'provision_placement' })
@Index('ix_provision_placement_provision', ['provisionId'])
@Index('ix_provision_placement_pupil', ['pupilId'])
export class ProvisionPlacementEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'provision_id', type: 'varchar', length: 36 }) provisionId!: string;
  @ManyToOne(() => ProvisionEntity)
  @JoinColumn({ name: 'provision_id' })
  provision?: ProvisionEntity;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @ManyToOne(() => PupilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  /** Null: until the provision ends. */
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate!: string | null;
  @Column({ name: 'entry_value', type: 'real', nullable: true }) entryValue!: number | null;
  @Column({ name: 'exit_value', type: 'real', nullable: true }) exitValue!: number | null;
  /** When the entry and exit measures were taken (migration 0023); null while the value is. */
  @Column({ name: 'entry_date', type: 'date', nullable: true }) entryDate!: string | null;
  @Column({ name: 'exit_date', type: 'date', nullable: true }) exitDate!: string | null;
  @Column({ name: 'created_by', type: 'varchar', length: 140 }) createdBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}

/** What an hour of one staff role costs the school, in pence (set in Settings by the SENCo or headteacher). */
@Entity({ name: 'provision_rate' })
export class ProvisionRateEntity {
  @PrimaryColumn({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  @PrimaryColumn({ type: 'varchar', length: 40 }) role!: string;
  @Column({ name: 'hourly_pence', type: 'integer' }) hourlyPence!: number;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}

/** A school's costing settings: its notional SEN threshold (no row: the default, £6,000). */
@Entity({ name: 'provision_setting' })
export class ProvisionSettingEntity {
  @PrimaryColumn({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  @Column({ name: 'threshold_pence', type: 'integer' }) thresholdPence!: number;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}
