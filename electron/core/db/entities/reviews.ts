import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PupilEntity } from './pupil';

/**
 * A review meeting: a plan review, band review, provider midpoint review or EHC plan annual review, with who came,
 * the pupil's and parents' views, the goal ratings (kept as the plan's review too), decisions and actions.
 */
@Entity({ name: 'review_meeting' })
@Index('ix_review_pupil', ['pupilId', 'date'])
export class ReviewMeetingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @ManyToOne(() => PupilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
  @Column({ type: 'varchar', length: 10 }) kind!: string;
  @Column({ type: 'date' }) date!: string;
  @Column({ type: 'varchar', length: 10 }) status!: string;
  @Column({ name: 'ipp_id', type: 'varchar', length: 36, nullable: true }) ippId!: string | null;
  @Column({ name: 'placement_id', type: 'varchar', length: 36, nullable: true }) placementId!: string | null;
  @Column({ name: 'ehc_plan_id', type: 'varchar', length: 36, nullable: true }) ehcPlanId!: string | null;
  /** The annual review's statutory steps live in ehcp_review, where the clocks read them. */
  @Column({ name: 'ehcp_review_id', type: 'varchar', length: 36, nullable: true }) ehcpReviewId!: string | null;
  /** The plan review written from this meeting's ratings (ipp_review), so plan history and T-scores have one source. */
  @Column({ name: 'ipp_review_id', type: 'varchar', length: 36, nullable: true }) ippReviewId!: string | null;
  /** [{role, name, organisation, present}] */
  @Column({ name: 'attendees_json', type: 'text' }) attendeesJson!: string;
  @Column({ name: 'pupil_views', type: 'text', nullable: true }) pupilViews!: string | null;
  @Column({ name: 'parent_views', type: 'text', nullable: true }) parentViews!: string | null;
  @Column({ type: 'text', nullable: true }) discussion!: string | null;
  /** [{goalKey, rating, note}] */
  @Column({ name: 'ratings_json', type: 'text' }) ratingsJson!: string;
  @Column({ name: 't_score', type: 'double precision', nullable: true }) tScore!: number | null;
  /** Annual reviews: [{outcomeKey, outcome, progress, note}] against section E of the plan reviewed (migration 0018). */
  @Column({ name: 'outcomes_json', type: 'text', nullable: true }) outcomesJson!: string | null;
  /** Annual reviews: [{section, text}], the amendments recommended. */
  @Column({ name: 'amendments_json', type: 'text', nullable: true }) amendmentsJson!: string | null;
  /** Annual reviews: the recommendation to the local authority (maintain, amend, cease). */
  @Column({ name: 'la_recommendation', type: 'varchar', length: 10, nullable: true }) laRecommendation!: string | null;
  @Column({ name: 'recorded_by', type: 'varchar', length: 140 }) recordedBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}

/** A decision taken at a review; once the review is held it acts on the records and says what it changed. */
@Entity({ name: 'review_decision' })
@Index('ix_review_decision_review', ['reviewId'])
export class ReviewDecisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'review_id', type: 'varchar', length: 36 }) reviewId!: string;
  @ManyToOne(() => ReviewMeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id' })
  review?: ReviewMeetingEntity;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'varchar', length: 20 }) kind!: string;
  @Column({ type: 'varchar', length: 10, nullable: true }) band!: string | null;
  @Column({ name: 'need_level', type: 'varchar', length: 10, nullable: true }) needLevel!: string | null;
  @Column({ name: 'planned_weeks', type: 'integer', nullable: true }) plannedWeeks!: number | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'acted_at', type: 'varchar', length: 30, nullable: true }) actedAt!: string | null;
  /** What it changed, as "band_period:ID", "ipp_version:IPP:N", "ipp_closed:IPP", "placement:ID". */
  @Column({ name: 'acted_on', type: 'varchar', length: 120, nullable: true }) actedOn!: string | null;
}

/** An action agreed at a review, with an owner and a due date; open ones show on the dashboard. */
@Entity({ name: 'review_action' })
@Index('ix_review_action_review', ['reviewId'])
@Index('ix_review_action_due', ['doneDate', 'dueDate'])
export class ReviewActionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'review_id', type: 'varchar', length: 36 }) reviewId!: string;
  @ManyToOne(() => ReviewMeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id' })
  review?: ReviewMeetingEntity;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'owner_user_id', type: 'varchar', length: 36, nullable: true }) ownerUserId!: string | null;
  @Column({ name: 'owner_name', type: 'varchar', length: 120, nullable: true }) ownerName!: string | null;
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ name: 'done_date', type: 'date', nullable: true }) doneDate!: string | null;
}

/** An update sent to a pupil's parents or carers (CoP 6.65 expects at least three meetings a year). */
@Entity({ name: 'parent_update' })
@Index('ix_parent_update_pupil', ['pupilId', 'date'])
export class ParentUpdateEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @ManyToOne(() => PupilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
  @Column({ type: 'date' }) date!: string;
  @Column({ type: 'varchar', length: 10 }) method!: string;
  @Column({ type: 'text' }) summary!: string;
  @Column({ name: 'sent_by', type: 'varchar', length: 140 }) sentBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
}
