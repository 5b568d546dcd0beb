import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One term or half-term of the school's own calendar; clocks that count school weeks read these. */
@Entity({ name: 'term' })
@Index('uq_term_year_name', ['academicYear', 'name'], { unique: true })
export class TermEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'academic_year', type: 'varchar', length: 7 }) academicYear!: string;
  @Column({ type: 'varchar', length: 10 }) name!: string;
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  @Column({ name: 'end_date', type: 'date' }) endDate!: string;
}
