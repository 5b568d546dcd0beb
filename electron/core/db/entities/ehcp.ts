import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PupilEntity } from './pupil';
import { ProvisionEntity } from './provision';

/** An EHC plan: its identity, issuing LA and status with dates. Its content lives in versions. */
@Entity({ name: 'ehc_plan' })
@Index('ix_ehc_plan_pupil', ['pupilId'])
export class EhcPlanEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @ManyToOne(() => PupilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
  @Column({ name: 'local_authority', type: 'varchar', length: 100 }) localAuthority!: string;
  @Column({ name: 'owner_user_id', type: 'varchar', length: 36, nullable: true }) ownerId!: string | null;
  @Column({ type: 'varchar', length: 10 }) status!: string;
  @Column({ name: 'draft_date', type: 'date', nullable: true }) draftDate!: string | null;
  @Column({ name: 'issued_date', type: 'date', nullable: true }) issuedDate!: string | null;
  @Column({ name: 'ceased_date', type: 'date', nullable: true }) ceasedDate!: string | null;
  @Column({ name: 'ceased_reason', type: 'varchar', length: 500, nullable: true }) ceasedReason!: string | null;
  @Column({ name: 'current_version', type: 'integer' }) currentVersion!: number;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}

/**
 * One version of a plan's content. Versions are never changed once the plan is final: an amendment writes a new
 * version with all its sections, so any past version can be viewed and printed as it stood.
 * Sections A (views), I (placement) and J (personal budget) are single values, held here.
 */
@Entity({ name: 'ehc_plan_version' })
@Index('uq_ehc_plan_version', ['planId', 'number'], { unique: true })
export class EhcPlanVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'plan_id', type: 'varchar', length: 36 }) planId!: string;
  @ManyToOne(() => EhcPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: EhcPlanEntity;
  @Column({ type: 'integer' }) number!: number;
  @Column({ type: 'varchar', length: 10 }) kind!: string;
  @Column({ name: 'effective_date', type: 'date' }) effectiveDate!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  @Column({ name: 'names_next_phase', type: 'boolean' }) namesNextPhase!: boolean;
  @Column({ name: 'a_views', type: 'text', nullable: true }) aViews!: string | null;
  @Column({ name: 'a_interests', type: 'text', nullable: true }) aInterests!: string | null;
  @Column({ name: 'a_aspirations', type: 'text', nullable: true }) aAspirations!: string | null;
  @Column({ name: 'i_placement_name', type: 'varchar', length: 200, nullable: true }) iPlacementName!: string | null;
  @Column({ name: 'i_placement_urn', type: 'varchar', length: 6, nullable: true }) iPlacementUrn!: string | null;
  @Column({ name: 'i_placement_type', type: 'varchar', length: 100, nullable: true }) iPlacementType!: string | null;
  @Column({ name: 'j_personal_budget', type: 'text', nullable: true }) jPersonalBudget!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'created_by', type: 'varchar', length: 140 }) createdBy!: string;
}

abstract class VersionPart {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'version_id', type: 'varchar', length: 36 }) versionId!: string;
  @Column({ type: 'integer' }) position!: number;
}

/** Section B: a special educational need, tagged with one of the four broad areas. */
@Entity({ name: 'ehcp_need' })
@Index('ix_ehcp_need_version', ['versionId'])
export class EhcpNeedEntity extends VersionPart {
  @ManyToOne(() => EhcPlanVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: EhcPlanVersionEntity;
  @Column({ type: 'varchar', length: 30 }) area!: string;
  @Column({ type: 'text' }) description!: string;
}

/** Sections C, D, G, H1 and H2: health and social care needs and provision. */
@Entity({ name: 'ehcp_item' })
@Index('ix_ehcp_item_version', ['versionId'])
export class EhcpItemEntity extends VersionPart {
  @ManyToOne(() => EhcPlanVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: EhcPlanVersionEntity;
  @Column({ type: 'varchar', length: 2 }) section!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) provider!: string | null;
}

/** Section E: an outcome, with its target date and the needs it answers. */
@Entity({ name: 'ehcp_outcome' })
@Index('ix_ehcp_outcome_version', ['versionId'])
export class EhcpOutcomeEntity extends VersionPart {
  @ManyToOne(() => EhcPlanVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: EhcPlanVersionEntity;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'target_date', type: 'date', nullable: true }) targetDate!: string | null;
  @Column({ name: 'pfa_area', type: 'varchar', length: 30, nullable: true }) pfaArea!: string | null;
}

@Entity({ name: 'ehcp_outcome_need' })
@Index('ix_ehcp_outcome_need_need', ['needId'])
export class EhcpOutcomeNeedEntity {
  @PrimaryColumn({ name: 'outcome_id', type: 'varchar', length: 36 }) outcomeId!: string;
  @PrimaryColumn({ name: 'need_id', type: 'varchar', length: 36 }) needId!: string;
  @ManyToOne(() => EhcpOutcomeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outcome_id' })
  outcome?: EhcpOutcomeEntity;
  @ManyToOne(() => EhcpNeedEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'need_id' })
  need?: EhcpNeedEntity;
}

/** Section F: special educational provision, specific and quantified (CoP 9.69). */
@Entity({ name: 'ehcp_provision' })
@Index('ix_ehcp_provision_version', ['versionId'])
export class EhcpProvisionEntity extends VersionPart {
  @ManyToOne(() => EhcPlanVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: EhcPlanVersionEntity;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'frequency_count', type: 'integer', nullable: true }) frequencyCount!: number | null;
  @Column({ name: 'frequency_period', type: 'varchar', length: 10, nullable: true }) frequencyPeriod!: string | null;
  @Column({ name: 'session_minutes', type: 'integer', nullable: true }) sessionMinutes!: number | null;
  @Column({ name: 'duration_weeks', type: 'integer', nullable: true }) durationWeeks!: number | null;
  @Column({ name: 'group_size', type: 'integer', nullable: true }) groupSize!: number | null;
  @Column({ name: 'delivered_by', type: 'varchar', length: 200, nullable: true }) deliveredBy!: string | null;
  @Column({ type: 'varchar', length: 400, nullable: true }) expertise!: string | null;
  @Column({ name: 'marked_quantified', type: 'boolean' }) markedQuantified!: boolean;
  /** The school's catalogue provision this line is (migration 0020: typed once, in the catalogue); null: not linked. */
  @Column({ name: 'provision_id', type: 'varchar', length: 36, nullable: true }) provisionId!: string | null;
  @ManyToOne(() => ProvisionEntity)
  @JoinColumn({ name: 'provision_id' })
  catalogue?: ProvisionEntity;
}

@Entity({ name: 'ehcp_provision_outcome' })
@Index('ix_ehcp_provision_outcome_outcome', ['outcomeId'])
export class EhcpProvisionOutcomeEntity {
  @PrimaryColumn({ name: 'provision_id', type: 'varchar', length: 36 }) provisionId!: string;
  @PrimaryColumn({ name: 'outcome_id', type: 'varchar', length: 36 }) outcomeId!: string;
  @ManyToOne(() => EhcpProvisionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'provision_id' })
  provision?: EhcpProvisionEntity;
  @ManyToOne(() => EhcpOutcomeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outcome_id' })
  outcome?: EhcpOutcomeEntity;
}

/** Section K: advice and information received, with dates and authors. */
@Entity({ name: 'ehcp_advice' })
@Index('ix_ehcp_advice_version', ['versionId'])
export class EhcpAdviceEntity extends VersionPart {
  @ManyToOne(() => EhcPlanVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: EhcPlanVersionEntity;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'varchar', length: 200 }) author!: string;
  @Column({ name: 'advice_date', type: 'date' }) adviceDate!: string;
}

/** An annual review of a plan and its statutory steps (SEND Regulations 2014 reg. 20), recorded as they happen. */
@Entity({ name: 'ehcp_review' })
@Index('ix_ehcp_review_plan', ['planId', 'meetingDate'])
export class EhcpReviewEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'plan_id', type: 'varchar', length: 36 }) planId!: string;
  @ManyToOne(() => EhcPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: EhcPlanEntity;
  @Column({ name: 'meeting_date', type: 'date' }) meetingDate!: string;
  @Column({ type: 'boolean' }) held!: boolean;
  @Column({ name: 'invitations_sent_date', type: 'date', nullable: true }) invitationsSentDate!: string | null;
  @Column({ name: 'advice_circulated_date', type: 'date', nullable: true }) adviceCirculatedDate!: string | null;
  @Column({ name: 'report_sent_date', type: 'date', nullable: true }) reportSentDate!: string | null;
  @Column({ name: 'la_decision_date', type: 'date', nullable: true }) laDecisionDate!: string | null;
  @Column({ name: 'la_decision', type: 'varchar', length: 10, nullable: true }) laDecision!: string | null;
  @Column({ name: 'amended_final_date', type: 'date', nullable: true }) amendedFinalDate!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}

/** A request the school made to the LA for an EHC needs assessment (CoP 9.14, 9.40 timescales). */
@Entity({ name: 'ehc_assessment_request' })
@Index('ix_ehc_request_pupil', ['pupilId'])
export class EhcAssessmentRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @ManyToOne(() => PupilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
  @Column({ name: 'local_authority', type: 'varchar', length: 100 }) localAuthority!: string;
  @Column({ name: 'owner_user_id', type: 'varchar', length: 36, nullable: true }) ownerId!: string | null;
  @Column({ name: 'request_date', type: 'date' }) requestDate!: string;
  @Column({ name: 'decision_date', type: 'date', nullable: true }) decisionDate!: string | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) decision!: string | null;
  /** After assessing: 'issue' or 'not_issue', and the date of the draft plan or of the notice to the parent (reg. 10). */
  @Column({ name: 'issue_decision', type: 'varchar', length: 10, nullable: true }) issueDecision!: string | null;
  @Column({ name: 'issue_decision_date', type: 'date', nullable: true }) issueDecisionDate!: string | null;
  @Column({ name: 'final_plan_date', type: 'date', nullable: true }) finalPlanDate!: string | null;
  @Column({ name: 'withdrawn_date', type: 'date', nullable: true }) withdrawnDate!: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}

/**
 * A move between phases of education the SENCo recorded for a pupil (SEND Regulations 2014 reg. 18): the kind of
 * move, when, and the next school once known. One per pupil (migration 0008).
 */
@Entity({ name: 'pupil_transfer' })
@Index('uq_pupil_transfer_pupil', ['pupilId'], { unique: true })
export class PupilTransferEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @ManyToOne(() => PupilEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pupil_id' })
  pupil?: PupilEntity;
  @Column({ type: 'varchar', length: 30 }) kind!: string;
  @Column({ name: 'transfer_date', type: 'date' }) transferDate!: string;
  @Column({ name: 'next_setting', type: 'varchar', length: 200, nullable: true }) nextSetting!: string | null;
  @Column({ name: 'recorded_by', type: 'varchar', length: 140 }) recordedBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
}
