import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SchoolEntity } from './school';
import { PupilEntity } from './pupil';
import { UserEntity } from './user';

/** One export to an agency (issue 9): who, when, to whom, which sections, the lawful basis, and the file's digest. */
@Entity({ name: 'sharing_log' })
@Index('ix_sharing_pupil', ['pupilId', 'exportedAt'])
@Index('ix_sharing_at', ['exportedAt'])
export class SharingLogEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @ManyToOne(() => PupilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
  @Column({ type: 'varchar', length: 200 }) organisation!: string;
  @Column({ name: 'sections_json', type: 'text' }) sectionsJson!: string;
  @Column({ type: 'varchar', length: 40 }) article6!: string;
  @Column({ type: 'varchar', length: 40 }) article9!: string;
  @Column({ type: 'varchar', length: 20 }) format!: string;
  @Column({ name: 'locked_with', type: 'varchar', length: 20 }) lockedWith!: string;
  @Column({ name: 'recipient_key', type: 'varchar', length: 100, nullable: true }) recipientKey!: string | null;
  @Column({ name: 'file_name', type: 'varchar', length: 200 }) fileName!: string;
  @Column({ type: 'integer' }) bytes!: number;
  @Column({ type: 'varchar', length: 64 }) sha256!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'exported_by', type: 'varchar', length: 140 }) exportedBy!: string;
  @Column({ name: 'exported_by_user_id', type: 'varchar', length: 36, nullable: true }) exportedByUserId!: string | null;
  @Column({ name: 'exported_at', type: 'varchar', length: 30 }) exportedAt!: string;
}

/** A safeguarding hand-off to the DSL: the minimum (not a second child-protection file). */
@Entity({ name: 'safeguarding_concern' })
@Index('ix_concern_status', ['status', 'raisedAt'])
@Index('ix_concern_raiser', ['raisedByUserId'])
export class SafeguardingConcernEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @ManyToOne(() => PupilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
  @Column({ name: 'raised_by_user_id', type: 'varchar', length: 36, nullable: true }) raisedByUserId!: string | null;
  @Column({ name: 'raised_by', type: 'varchar', length: 140 }) raisedBy!: string;
  @Column({ name: 'raised_at', type: 'varchar', length: 30 }) raisedAt!: string;
  @Column({ name: 'happened_at', type: 'varchar', length: 16 }) happenedAt!: string;
  @Column({ type: 'text' }) what!: string;
  @Column({ name: 'child_words', type: 'text', nullable: true }) childWords!: string | null;
  @Column({ type: 'varchar', length: 12 }) status!: string;
  @Column({ name: 'acknowledge_by', type: 'varchar', length: 30 }) acknowledgeBy!: string;
  @Column({ name: 'acknowledged_at', type: 'varchar', length: 30, nullable: true }) acknowledgedAt!: string | null;
  @Column({ name: 'acknowledged_by', type: 'varchar', length: 140, nullable: true }) acknowledgedBy!: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) system!: string | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) reference!: string | null;
  @Column({ name: 'closed_at', type: 'varchar', length: 30, nullable: true }) closedAt!: string | null;
  @Column({ name: 'closed_by', type: 'varchar', length: 140, nullable: true }) closedBy!: string | null;
}

/** A member of staff's checks and training (dates and numbers only: never a copy of a DBS certificate). */
@Entity({ name: 'staff_member' })
@Index('ix_staff_member_school', ['schoolId'])
export class StaffMemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The school this belongs to (migration 0015: schools are tenants of a trust's server; electron/core/scope.ts). */
  @Column({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ name: 'job_title', type: 'varchar', length: 120 }) jobTitle!: string;
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true }) userId!: string | null;
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ name: 'dbs_number', type: 'varchar', length: 12, nullable: true }) dbsNumber!: string | null;
  @Column({ name: 'dbs_issue_date', type: 'date', nullable: true }) dbsIssueDate!: string | null;
  @Column({ name: 'dbs_update_service', type: 'boolean' }) dbsUpdateService!: boolean;
  @Column({ name: 'dbs_checked_on', type: 'date', nullable: true }) dbsCheckedOn!: string | null;
  @Column({ name: 'safeguarding_level', type: 'varchar', length: 10, nullable: true }) safeguardingLevel!: string | null;
  @Column({ name: 'safeguarding_date', type: 'date', nullable: true }) safeguardingDate!: string | null;
  @Column({ name: 'first_aid_required', type: 'boolean' }) firstAidRequired!: boolean;
  @Column({ name: 'first_aid_date', type: 'date', nullable: true }) firstAidDate!: string | null;
  @Column({ name: 'registration_required', type: 'boolean' }) registrationRequired!: boolean;
  @Column({ name: 'registration_body', type: 'varchar', length: 10, nullable: true }) registrationBody!: string | null;
  @Column({ name: 'registration_number', type: 'varchar', length: 40, nullable: true }) registrationNumber!: string | null;
  @Column({ name: 'registration_expiry', type: 'date', nullable: true }) registrationExpiry!: string | null;
  @Column({ name: 'thrive_required', type: 'boolean' }) thriveRequired!: boolean;
  @Column({ name: 'thrive_licence', type: 'varchar', length: 40, nullable: true }) thriveLicence!: string | null;
  @Column({ name: 'thrive_expiry', type: 'date', nullable: true }) thriveExpiry!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}

@Entity({ name: 'cpd_entry' })
@Index('ix_cpd_staff', ['staffId', 'date'])
export class CpdEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'staff_id', type: 'varchar', length: 36 }) staffId!: string;
  @ManyToOne(() => StaffMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id' })
  staff?: StaffMemberEntity;
  @Column({ type: 'varchar', length: 200 }) course!: string;
  @Column({ type: 'date' }) date!: string;
  @Column({ type: 'varchar', length: 200 }) provider!: string;
  @Column({ type: 'double precision' }) hours!: number;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
}

/** Feedback and complaints (seed policy 12). */
@Entity({ name: 'feedback' })
@Index('ix_feedback_received', ['kind', 'receivedDate'])
@Index('ix_feedback_school', ['schoolId'])
export class FeedbackEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The school this belongs to (migration 0015: schools are tenants of a trust's server; electron/core/scope.ts). */
  @Column({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  @Column({ type: 'varchar', length: 10 }) kind!: string;
  @Column({ type: 'varchar', length: 10 }) source!: string;
  @Column({ name: 'from_name', type: 'varchar', length: 120, nullable: true }) fromName!: string | null;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36, nullable: true }) pupilId!: string | null;
  @ManyToOne(() => PupilEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
  @Column({ name: 'received_date', type: 'date' }) receivedDate!: string;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'varchar', length: 12, nullable: true }) sentiment!: string | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) stage!: string | null;
  @Column({ name: 'acknowledged_date', type: 'date', nullable: true }) acknowledgedDate!: string | null;
  @Column({ name: 'responded_date', type: 'date', nullable: true }) respondedDate!: string | null;
  @Column({ name: 'escalated_date', type: 'date', nullable: true }) escalatedDate!: string | null;
  @Column({ name: 'closed_date', type: 'date', nullable: true }) closedDate!: string | null;
  @Column({ type: 'text', nullable: true }) outcome!: string | null;
  @Column({ name: 'recorded_by', type: 'varchar', length: 140 }) recordedBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}

/** A school policy and its next review date (the therapy policy: reviewed annually, seed policy 13). */
@Entity({ name: 'school_policy' })
@Index('ix_school_policy_school', ['schoolId'])
export class SchoolPolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The school this belongs to (migration 0015: schools are tenants of a trust's server; electron/core/scope.ts). */
  @Column({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'varchar', length: 120 }) holder!: string;
  @Column({ name: 'approved_by', type: 'varchar', length: 120 }) approvedBy!: string;
  @Column({ name: 'approved_date', type: 'date' }) approvedDate!: string;
  @Column({ name: 'next_review_date', type: 'date' }) nextReviewDate!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}
