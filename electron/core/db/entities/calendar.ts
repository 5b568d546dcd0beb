import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A day inside term when pupils are not in: an INSET day, a bank holiday or another closure. */
@Entity({ name: 'calendar_day' })
@Index('uq_calendar_day_date', ['date'], { unique: true })
export class CalendarDayEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'academic_year', type: 'varchar', length: 7 }) academicYear!: string;
  @Column({ type: 'date' }) date!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
}

/** A school's own setting for one clock; clocks without a row use the defaults in electron/core/clocks/rules.ts. */
@Entity({ name: 'clock_setting' })
export class ClockSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) key!: string;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ type: 'integer' }) amount!: number;
  @Column({ type: 'varchar', length: 20 }) unit!: string;
  @Column({ name: 'under5_months', type: 'integer', nullable: true }) under5Months!: number | null;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}
