import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PupilEntity } from './pupil';
import { SchoolEntity } from './school';
import { UserEntity } from './user';

/**
 * What a user has typed into a form or dialog and not yet saved or discarded (issue 17, item 3; migration 0019): one
 * row per user and form (`key`, e.g. `ehcp.plan:<planId>` or `sessions.schedule:new`), kept in the store (encrypted
 * on a desk, on the school server otherwise) and never in the browser's storage. Only its author reads it back
 * (electron/core/services/drafts.ts), and a draft about a pupil only while they may still see that pupil.
 */
@Entity({ name: 'draft' })
@Index('uq_draft_user_key', ['userId', 'key'], { unique: true })
@Index('ix_draft_school', ['schoolId'])
@Index('ix_draft_pupil', ['pupilId'])
export class DraftEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The author's school (a school's own row: electron/core/db/school-owned.ts). */
  @Column({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  @Column({ name: 'user_id', type: 'varchar', length: 36 }) userId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
  /** The form and the record it edits. */
  @Column({ type: 'varchar', length: 200 }) key!: string;
  /** The pupil the form is about, if any: the draft is read back only while the author may see them. */
  @Column({ name: 'pupil_id', type: 'varchar', length: 36, nullable: true }) pupilId!: string | null;
  @ManyToOne(() => PupilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
  /** The form's values, as JSON. */
  @Column({ type: 'text' }) payload!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}
