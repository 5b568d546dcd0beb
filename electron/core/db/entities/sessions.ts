import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SchoolEntity } from './school';
import { ProvisionEntity } from './provision';

/**
 * A therapy session on one date. Recurring bookings are expanded into one row per occurrence (sharing a series
 * id), so attendance, moves and the provision report work on plain rows and stay fast at hundreds of thousands.
 */
@Entity({ name: 'therapy_session' })
@Index('ix_session_date', ['date', 'startTime'])
@Index('ix_session_series', ['seriesId'])
@Index('ix_therapy_session_school', ['schoolId'])
@Index('ix_therapy_session_provision', ['provisionId'])
export class TherapySessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The school this belongs to (migration 0015: schools are tenants of a trust's server; electron/core/scope.ts). */
  @Column({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  @Column({ name: 'series_id', type: 'varchar', length: 36, nullable: true }) seriesId!: string | null;
  @Column({ type: 'date' }) date!: string;
  @Column({ name: 'start_time', type: 'varchar', length: 5 }) startTime!: string;
  @Column({ name: 'end_time', type: 'varchar', length: 5 }) endTime!: string;
  @Column({ name: 'duration_minutes', type: 'integer' }) durationMinutes!: number;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'varchar', length: 40 }) discipline!: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) location!: string | null;
  @Column({ name: 'created_by', type: 'varchar', length: 140 }) createdBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  /** The school's catalogue provision this session delivers (migration 0020); null: not linked. */
  @Column({ name: 'provision_id', type: 'varchar', length: 36, nullable: true }) provisionId!: string | null;
  @ManyToOne(() => ProvisionEntity)
  @JoinColumn({ name: 'provision_id' })
  catalogue?: ProvisionEntity;
}

@Entity({ name: 'session_practitioner' })
@Index('ix_session_practitioner_user', ['userId'])
@Index('ix_session_practitioner_date', ['userId', 'sessionDate', 'sessionId'])
export class SessionPractitionerEntity {
  @PrimaryColumn({ name: 'session_id', type: 'varchar', length: 36 }) sessionId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 }) userId!: string;
  /**
   * The session's date, copied here (migration 0022) so a practitioner's sessions are found by date from one index.
   * Written only by the database's triggers, which keep it the session's date (so never written by the app).
   */
  @Column({ name: 'session_date', type: 'date', nullable: true, insert: false, update: false }) sessionDate!: string | null;
  @ManyToOne(() => TherapySessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: TherapySessionEntity;
}

/** A pupil in a session, with what it delivers (EHC plan provision or plan intervention) and their attendance. */
@Entity({ name: 'session_pupil' })
@Index('ix_session_pupil_pupil', ['pupilId'])
/** The places still to record, by date (the worklist's counts) and by session (a practitioner's sessions): migration 0022. */
@Index('ix_session_pupil_to_record', ['sessionDate', 'sessionId', 'pupilId', 'sessionEndTime', 'attendance'], {
  where: "attendance = 'pending'",
})
@Index('ix_session_pupil_pending_session', ['sessionId', 'pupilId', 'sessionDate', 'sessionEndTime', 'attendance'], {
  where: "attendance = 'pending'",
})
export class SessionPupilEntity {
  @PrimaryColumn({ name: 'session_id', type: 'varchar', length: 36 }) sessionId!: string;
  @PrimaryColumn({ name: 'pupil_id', type: 'varchar', length: 36 }) pupilId!: string;
  @ManyToOne(() => TherapySessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: TherapySessionEntity;
  @Column({ name: 'ehcp_provision_id', type: 'varchar', length: 36, nullable: true }) ehcpProvisionId!: string | null;
  @Column({ name: 'ipp_intervention_id', type: 'varchar', length: 36, nullable: true }) ippInterventionId!: string | null;
  @Column({ type: 'varchar', length: 10 }) attendance!: string;
  @Column({ name: 'cancelled_by', type: 'varchar', length: 10, nullable: true }) cancelledBy!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'delivered_minutes', type: 'integer', nullable: true }) deliveredMinutes!: number | null;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  /** [{ippId, goalKey, rating, note}] recorded in the session. */
  @Column({ name: 'goals_json', type: 'text', nullable: true }) goalsJson!: string | null;
  @Column({ name: 'recorded_at', type: 'varchar', length: 30, nullable: true }) recordedAt!: string | null;
  /**
   * The session's date and end time, copied here (migration 0022) so the places still to record are read from one
   * index. Written only by the database's triggers, which keep them the session's (so never written by the app).
   */
  @Column({ name: 'session_date', type: 'date', nullable: true, insert: false, update: false }) sessionDate!: string | null;
  @Column({ name: 'session_end_time', type: 'varchar', length: 5, nullable: true, insert: false, update: false }) sessionEndTime!:
    string | null;
}

/** A lesson a pupil (or a whole class) must not miss, so sessions "minimise disruption" (policy 6). */
@Entity({ name: 'protected_time' })
@Index('ix_protected_time_school', ['schoolId'])
export class ProtectedTimeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The school this belongs to (migration 0015: schools are tenants of a trust's server; electron/core/scope.ts). */
  @Column({ name: 'school_id', type: 'varchar', length: 36 }) schoolId!: string;
  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_id' })
  school?: SchoolEntity;
  @Column({ name: 'pupil_id', type: 'varchar', length: 36, nullable: true }) pupilId!: string | null;
  @Column({ name: 'class_name', type: 'varchar', length: 40, nullable: true }) className!: string | null;
  @Column({ type: 'integer' }) weekday!: number;
  @Column({ name: 'start_time', type: 'varchar', length: 5 }) startTime!: string;
  @Column({ name: 'end_time', type: 'varchar', length: 5 }) endTime!: string;
  @Column({ type: 'varchar', length: 100 }) label!: string;
}
