import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SchoolEntity } from './school';

@Entity({ name: 'pupil' })
@Index('uq_pupil_upn', ['upn'], { unique: true })
@Index('ix_pupil_school', ['schoolId'])
export class PupilEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The school this belongs to (migration 0015: schools are tenants of a trust's server; electron/core/scope.ts). */
  @Column({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  /** Unique across current and former pupils: a leaver keeps their row with date_left set. */
  @Column({ type: 'varchar', length: 13 }) upn!: string;
  @Column({ name: 'legal_first_name', type: 'varchar', length: 100 }) legalFirstName!: string;
  @Index('ix_pupil_last_name')
  @Column({ name: 'legal_last_name', type: 'varchar', length: 100 })
  legalLastName!: string;
  @Column({ name: 'preferred_first_name', type: 'varchar', length: 100, nullable: true }) preferredFirstName!: string | null;
  @Column({ name: 'preferred_last_name', type: 'varchar', length: 100, nullable: true }) preferredLastName!: string | null;
  @Column({ name: 'date_of_birth', type: 'date' }) dateOfBirth!: string;
  @Index('ix_pupil_year_group')
  @Column({ name: 'year_group', type: 'varchar', length: 3 })
  yearGroup!: string;
  @Column({ name: 'class_name', type: 'varchar', length: 40, nullable: true }) className!: string | null;
  @Column({ name: 'date_joined', type: 'date' }) dateJoined!: string;
  @Column({ name: 'date_left', type: 'date', nullable: true }) dateLeft!: string | null;
  /** For pupils placed with a provider: the school that keeps them on roll. */
  @Column({ name: 'home_school_name', type: 'varchar', length: 200, nullable: true }) homeSchoolName!: string | null;
  @Column({ name: 'home_school_urn', type: 'varchar', length: 6, nullable: true }) homeSchoolUrn!: string | null;
  /** When the SENCo recorded the pupil's needs as identified after joining (school policy: within 6 weeks). */
  @Column({ name: 'needs_identified_on', type: 'date', nullable: true }) needsIdentifiedOn!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}

/**
 * SEN provision status (E/K/N) with dated history. One period is open (end_date null) at a time,
 * enforced by a partial unique index, because the school census reads the status on census day.
 */
@Entity({ name: 'sen_status_period' })
@Index('uq_sen_status_open', ['pupilId'], { unique: true, where: 'end_date IS NULL' })
@Index('ix_sen_status_pupil', ['pupilId', 'startDate'])
export class SenStatusPeriodEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @ManyToOne(() => PupilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
  @Column({ type: 'varchar', length: 1 }) status!: string;
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate!: string | null;
}

/** Ranked need types (census codes): rank 1 is the primary need, rank 2 the secondary. */
@Entity({ name: 'pupil_need' })
@Index('uq_pupil_need_rank', ['pupilId', 'rank'], { unique: true })
export class PupilNeedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @ManyToOne(() => PupilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
  @Column({ type: 'integer' }) rank!: number;
  @Index('ix_pupil_need_code')
  @Column({ name: 'need_code', type: 'varchar', length: 4 })
  needCode!: string;
}

@Entity({ name: 'pupil_contact' })
@Index('ix_pupil_contact_pupil', ['pupilId'])
export class PupilContactEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @ManyToOne(() => PupilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ type: 'varchar', length: 20 }) relationship!: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) phone!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) email!: string | null;
  @Column({ name: 'parental_responsibility', type: 'boolean' }) parentalResponsibility!: boolean;
}
