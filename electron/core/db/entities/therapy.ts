import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PupilEntity } from './pupil';
import { ProvisionEntity } from './provision';
import { SchoolEntity } from './school';
import { UserEntity } from './user';

/**
 * A therapy discipline a school uses (configurable list, one per school since migration 0017; a new school gets the
 * defaults: electron/core/services/referrals.ts seedDisciplines). Referrals, assessments, sessions and allocations name
 * a discipline by its code, which is unique within the school.
 */
@Entity({ name: 'discipline' })
export class DisciplineEntity {
  @PrimaryColumn({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  @PrimaryColumn({ type: 'varchar', length: 40 }) code!: string;
  @Column({ type: 'varchar', length: 80 }) label!: string;
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ type: 'integer' }) position!: number;
}

abstract class PupilOwned {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @ManyToOne(() => PupilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
}

/** A referral to the therapy team, with consent and its state (seed policy 5). */
@Entity({ name: 'referral' })
@Index('ix_referral_pupil', ['pupilId'])
@Index('ix_referral_state', ['state'])
export class ReferralEntity extends PupilOwned {
  @Column({ name: 'referrer_kind', type: 'varchar', length: 20 }) referrerKind!: string;
  @Column({ name: 'referrer_name', type: 'varchar', length: 120 }) referrerName!: string;
  @Column({ name: 'la_category', type: 'varchar', length: 20, nullable: true }) laCategory!: string | null;
  @Column({ type: 'varchar', length: 40 }) discipline!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'received_date', type: 'date' }) receivedDate!: string;
  @Column({ name: 'consent_status', type: 'varchar', length: 10 }) consentStatus!: string;
  @Column({ name: 'consent_by', type: 'varchar', length: 120, nullable: true }) consentBy!: string | null;
  @Column({ name: 'consent_date', type: 'date', nullable: true }) consentDate!: string | null;
  @Column({ type: 'varchar', length: 20 }) state!: string;
  @Column({ name: 'declined_reason', type: 'text', nullable: true }) declinedReason!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}

/** Each move of a referral, kept as its history. */
@Entity({ name: 'referral_event' })
@Index('ix_referral_event_referral', ['referralId'])
export class ReferralEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'referral_id', type: 'varchar', length: 36 }) referralId!: string;
  @ManyToOne(() => ReferralEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id' })
  referral?: ReferralEntity;
  @Column({ name: 'from_state', type: 'varchar', length: 20, nullable: true }) fromState!: string | null;
  @Column({ name: 'to_state', type: 'varchar', length: 20 }) toState!: string;
  @Column({ name: 'event_date', type: 'date' }) eventDate!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'created_by', type: 'varchar', length: 140 }) createdBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
}

/** An initial or follow-up assessment, its need level, and the scores of standardised measures (numbers only). */
@Entity({ name: 'assessment' })
@Index('ix_assessment_pupil', ['pupilId', 'date'])
export class AssessmentEntity extends PupilOwned {
  @Column({ name: 'referral_id', type: 'varchar', length: 36, nullable: true }) referralId!: string | null;
  @Column({ type: 'varchar', length: 10 }) kind!: string;
  @Column({ type: 'varchar', length: 40 }) discipline!: string;
  @Column({ name: 'assessor_name', type: 'varchar', length: 120 }) assessorName!: string;
  @Column({ type: 'date' }) date!: string;
  @Column({ name: 'need_level', type: 'varchar', length: 10, nullable: true }) needLevel!: string | null;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  /** Scores and Thrive strand results as JSON: [{measure, scale, value}], [{strand, result, notes}]. */
  @Column({ name: 'scores_json', type: 'text' }) scoresJson!: string;
  @Column({ name: 'thrive_json', type: 'text' }) thriveJson!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}

/** The pupil's band over time: one open period at a time (partial unique index), with reasons. */
@Entity({ name: 'band_period' })
@Index('uq_band_open', ['pupilId'], { unique: true, where: 'end_date IS NULL' })
@Index('ix_band_pupil', ['pupilId', 'startDate'])
export class BandPeriodEntity extends PupilOwned {
  @Column({ type: 'varchar', length: 10 }) band!: string;
  @Column({ name: 'need_level', type: 'varchar', length: 10, nullable: true }) needLevel!: string | null;
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate!: string | null;
  @Column({ name: 'planned_weeks', type: 'integer', nullable: true }) plannedWeeks!: number | null;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'created_by', type: 'varchar', length: 140 }) createdBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  /** The review that decided this move, if one did (migration 0005). */
  @Column({ name: 'review_id', type: 'varchar', length: 36, nullable: true }) reviewId!: string | null;
}

/** An individual pupil plan (IPP); its content lives in versions, so revisions keep what came before. */
@Entity({ name: 'ipp' })
@Index('ix_ipp_pupil', ['pupilId'])
export class IppEntity extends PupilOwned {
  @Column({ name: 'current_version', type: 'integer' }) currentVersion!: number;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
  /** Closed by a review's decision (migration 0005): the plan stays readable but is no longer current. */
  @Column({ name: 'closed_date', type: 'date', nullable: true }) closedDate!: string | null;
}

/** One version of an IPP: dates, goals with their GAS ladders, interventions (as JSON documents per version). */
@Entity({ name: 'ipp_version' })
@Index('uq_ipp_version', ['ippId', 'number'], { unique: true })
export class IppVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'ipp_id', type: 'varchar', length: 36 }) ippId!: string;
  @ManyToOne(() => IppEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ipp_id' })
  ipp?: IppEntity;
  @Column({ type: 'integer' }) number!: number;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  @Column({ name: 'review_date', type: 'date' }) reviewDate!: string;
  @Column({ name: 'end_date', type: 'date' }) endDate!: string;
  @Column({ name: 'expected_outcomes', type: 'text', nullable: true }) expectedOutcomes!: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  @Column({ name: 'created_by', type: 'varchar', length: 140 }) createdBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  /** The review whose decision this revision carries out, if any (migration 0005). */
  @Column({ name: 'review_id', type: 'varchar', length: 36, nullable: true }) reviewId!: string | null;
}

/** A goal in one IPP version, with its GAS ladder; `goal_key` is stable across versions so ratings follow it. */
@Entity({ name: 'ipp_goal' })
@Index('ix_ipp_goal_version', ['versionId'])
export class IppGoalEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'version_id', type: 'varchar', length: 36 }) versionId!: string;
  @ManyToOne(() => IppVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: IppVersionEntity;
  @Column({ name: 'goal_key', type: 'varchar', length: 64 }) goalKey!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'ehcp_outcome_id', type: 'varchar', length: 36, nullable: true }) ehcpOutcomeId!: string | null;
  @Column({ name: 'level_m2', type: 'varchar', length: 500, nullable: true }) levelM2!: string | null;
  @Column({ name: 'level_m1', type: 'varchar', length: 500, nullable: true }) levelM1!: string | null;
  @Column({ name: 'level_expected', type: 'varchar', length: 500 }) levelExpected!: string;
  @Column({ name: 'level_p1', type: 'varchar', length: 500, nullable: true }) levelP1!: string | null;
  @Column({ name: 'level_p2', type: 'varchar', length: 500, nullable: true }) levelP2!: string | null;
  /** How much the goal counts in the T-score, 1 to 10 (migration 0009; goals from before it count 1). */
  @Column({ type: 'integer', default: 1 }) weight!: number;
}

@Entity({ name: 'ipp_intervention' })
@Index('ix_ipp_intervention_version', ['versionId'])
export class IppInterventionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'version_id', type: 'varchar', length: 36 }) versionId!: string;
  @ManyToOne(() => IppVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: IppVersionEntity;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'varchar', length: 40 }) discipline!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'frequency_count', type: 'integer', nullable: true }) frequencyCount!: number | null;
  @Column({ name: 'frequency_period', type: 'varchar', length: 10, nullable: true }) frequencyPeriod!: string | null;
  @Column({ name: 'session_minutes', type: 'integer', nullable: true }) sessionMinutes!: number | null;
  @Column({ name: 'duration_weeks', type: 'integer', nullable: true }) durationWeeks!: number | null;
  @Column({ name: 'group_size', type: 'integer', nullable: true }) groupSize!: number | null;
  @Column({ name: 'staffing_ratio', type: 'varchar', length: 20 }) staffingRatio!: string;
  @Column({ name: 'delivered_by', type: 'varchar', length: 200, nullable: true }) deliveredBy!: string | null;
  @Column({ name: 'classroom_strategies', type: 'text', nullable: true }) classroomStrategies!: string | null;
  /** The school's catalogue provision this intervention is (migration 0020); null: not linked. */
  @Column({ name: 'provision_id', type: 'varchar', length: 36, nullable: true }) provisionId!: string | null;
  @ManyToOne(() => ProvisionEntity)
  @JoinColumn({ name: 'provision_id' })
  catalogue?: ProvisionEntity;
}

/** A plan review with a GAS rating per goal (-2..+2); the ratings feed progress and the Specific flag. */
@Entity({ name: 'ipp_review' })
@Index('ix_ipp_review_ipp', ['ippId', 'date'])
export class IppReviewEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'ipp_id', type: 'varchar', length: 36 }) ippId!: string;
  @ManyToOne(() => IppEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ipp_id' })
  ipp?: IppEntity;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @Column({ type: 'date' }) date!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  /** [{goalKey, rating, note}] */
  @Column({ name: 'ratings_json', type: 'text' }) ratingsJson!: string;
  @Column({ name: 'mean_rating', type: 'real' }) meanRating!: number;
  @Column({ name: 'created_by', type: 'varchar', length: 140 }) createdBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
}

/** A placement with an alternative-provision service (second seed): up to two terms, midpoint review, extension. */
@Entity({ name: 'placement' })
@Index('ix_placement_pupil', ['pupilId'])
export class PlacementEntity extends PupilOwned {
  @Column({ name: 'commissioning_la', type: 'varchar', length: 100 }) commissioningLa!: string;
  @Column({ name: 'la_category', type: 'varchar', length: 20 }) laCategory!: string;
  @Column({ name: 'home_school_name', type: 'varchar', length: 200 }) homeSchoolName!: string;
  @Column({ name: 'home_school_urn', type: 'varchar', length: 6, nullable: true }) homeSchoolUrn!: string | null;
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  @Column({ name: 'staffing_ratio', type: 'varchar', length: 20 }) staffingRatio!: string;
  @Column({ name: 'extension_status', type: 'varchar', length: 10 }) extensionStatus!: string;
  @Column({ name: 'extension_requested_date', type: 'date', nullable: true }) extensionRequestedDate!: string | null;
  @Column({ name: 'extension_end_date', type: 'date', nullable: true }) extensionEndDate!: string | null;
  /** The funding found for an agreed extension (second seed: "extended ... if funding is available"; migration 0009). */
  @Column({ name: 'extension_funding_source', type: 'varchar', length: 200, nullable: true }) extensionFundingSource!: string | null;
  /** In pence, so the amount is exact (GBP). */
  @Column({ name: 'extension_funding_pence', type: 'integer', nullable: true }) extensionFundingPence!: number | null;
  @Column({ name: 'extension_funding_approved_by', type: 'varchar', length: 120, nullable: true }) extensionFundingApprovedBy!:
    string | null;
  @Column({ name: 'extension_funding_approved_date', type: 'date', nullable: true }) extensionFundingApprovedDate!: string | null;
  @Column({ name: 'closure_plan', type: 'text', nullable: true }) closurePlan!: string | null;
  @Column({ name: 'closed_date', type: 'date', nullable: true }) closedDate!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}

/** A therapist allocated to a pupil (a therapist sees only their own caseload; see shared/contract/therapy.ts). */
@Entity({ name: 'caseload_allocation' })
@Index('ix_allocation_user', ['userId', 'endDate'])
@Index('ix_allocation_pupil', ['pupilId'])
export class CaseloadAllocationEntity extends PupilOwned {
  @Column({ name: 'user_id', type: 'varchar', length: 36 }) userId!: string;
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
  @Column({ type: 'varchar', length: 40, nullable: true }) discipline!: string | null;
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate!: string | null;
  @Column({ name: 'created_by', type: 'varchar', length: 140 }) createdBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
}
