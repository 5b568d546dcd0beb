import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SchoolEntity } from './school';

/** A day inside term when a school's pupils are not in: an INSET day, a bank holiday or another closure. */
@Entity({ name: 'calendar_day' })
@Index('uq_calendar_day_school_date', ['schoolId', 'date'], { unique: true })
export class CalendarDayEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The school that is closed (migration 0017: each school of a trust has its own INSET days). */
  @Column({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  @Column({ name: 'academic_year', type: 'varchar', length: 7 }) academicYear!: string;
  @Column({ type: 'date' }) date!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
}

/**
 * A school's own setting for one clock; clocks without a row use the defaults in electron/core/clocks/rules.ts. One
 * row per school and clock (migration 0017).
 */
@Entity({ name: 'clock_setting' })
export class ClockSettingEntity {
  @PrimaryColumn({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  @PrimaryColumn({ type: 'varchar', length: 40 }) key!: string;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ type: 'integer' }) amount!: number;
  @Column({ type: 'varchar', length: 20 }) unit!: string;
  @Column({ name: 'under5_months', type: 'integer', nullable: true }) under5Months!: number | null;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}
