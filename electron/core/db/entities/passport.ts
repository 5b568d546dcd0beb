import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PupilEntity } from './pupil';

/**
 * A pupil's passport (migration 0021): one per pupil, naming the version that is current. The versions hold the
 * content; each save is a new one, so earlier versions stay as they were.
 */
@Entity({ name: 'pupil_passport' })
@Index('uq_pupil_passport_pupil', ['pupilId'], { unique: true })
export class PupilPassportEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @ManyToOne(() => PupilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
  @Column({ name: 'current_version', type: 'integer' }) currentVersion!: number;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}

/** One version of a passport: the sections, the strategies (JSON), the pupil's own words and an optional photo. */
@Entity({ name: 'pupil_passport_version' })
@Index('uq_pupil_passport_version', ['passportId', 'number'], { unique: true })
export class PupilPassportVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'passport_id', type: 'varchar', length: 36 }) passportId!: string;
  @ManyToOne(() => PupilPassportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'passport_id' })
  passport?: PupilPassportEntity;
  @Column({ type: 'integer' }) number!: number;
  @Column({ name: 'about_me', type: 'text', nullable: true }) aboutMe!: string | null;
  @Column({ name: 'good_at', type: 'text', nullable: true }) goodAt!: string | null;
  @Column({ name: 'find_hard', type: 'text', nullable: true }) findHard!: string | null;
  @Column({ name: 'helps_me', type: 'text', nullable: true }) helpsMe!: string | null;
  @Column({ name: 'does_not_help', type: 'text', nullable: true }) doesNotHelp!: string | null;
  /** [{text, source}]: source 'ehcp' (Section F), 'ipp' (a pupil plan's classroom strategies) or 'staff' (typed). */
  @Column({ name: 'strategies_json', type: 'text' }) strategiesJson!: string;
  @Column({ name: 'pupil_words', type: 'text', nullable: true }) pupilWords!: string | null;
  /** Who the passport was written with (the pupil, a parent, a teaching assistant), in words. */
  @Column({ name: 'written_with', type: 'varchar', length: 200, nullable: true }) writtenWith!: string | null;
  /** A small PNG or JPEG, metadata stripped, as base64 (never a file). */
  @Column({ name: 'photo_base64', type: 'text', nullable: true }) photoBase64!: string | null;
  @Column({ name: 'photo_type', type: 'varchar', length: 20, nullable: true }) photoType!: string | null;
  @Column({ name: 'photo_alt', type: 'varchar', length: 200, nullable: true }) photoAlt!: string | null;
  @Column({ name: 'created_by', type: 'varchar', length: 140 }) createdBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
}
