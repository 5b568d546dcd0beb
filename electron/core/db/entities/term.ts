import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SchoolEntity } from './school';

/** One term or half-term of the school's own calendar; clocks that count school weeks read these. */
@Entity({ name: 'term' })
@Index('uq_term_school_year_name', ['schoolId', 'academicYear', 'name'], { unique: true })
export class TermEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The school whose calendar this is (migration 0017: on a trust's server each school has its own term dates). */
  @Column({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  @Column({ name: 'academic_year', type: 'varchar', length: 7 }) academicYear!: string;
  @Column({ type: 'varchar', length: 10 }) name!: string;
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  @Column({ name: 'end_date', type: 'date' }) endDate!: string;
}
