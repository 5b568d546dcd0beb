import { AuditEventEntity } from './audit-event';
import { PupilContactEntity, PupilEntity, PupilNeedEntity, SenStatusPeriodEntity } from './pupil';
import { SchoolEntity } from './school';
import { TermEntity } from './term';
import { UserClassEntity, UserEntity } from './user';
import {
  CpdEntryEntity,
  FeedbackEntity,
  SafeguardingConcernEntity,
  SchoolPolicyEntity,
  SharingLogEntity,
  StaffMemberEntity,
} from './governance';
import { InstallationKeyEntity, TrustedSenderEntity } from './signing';
import { SignInSessionEntity } from './sign-in-session';
import { AppliedOperationEntity } from './applied-operation';
import { PupilPassportEntity, PupilPassportVersionEntity } from './passport';

export { PupilPassportEntity, PupilPassportVersionEntity };
import { DraftEntity } from './draft';

export { DraftEntity };
import { ProvisionEntity, ProvisionPlacementEntity, ProvisionRateEntity, ProvisionSettingEntity } from './provision';

export { ProvisionEntity, ProvisionPlacementEntity, ProvisionRateEntity, ProvisionSettingEntity };

export { SignInSessionEntity };
export { AppliedOperationEntity };

export { InstallationKeyEntity, TrustedSenderEntity };

export { CpdEntryEntity, FeedbackEntity, SafeguardingConcernEntity, SchoolPolicyEntity, SharingLogEntity, StaffMemberEntity };
import { CalendarDayEntity, ClockSettingEntity } from './calendar';
import { ParentUpdateEntity, ReviewActionEntity, ReviewDecisionEntity, ReviewMeetingEntity } from './reviews';
import { ProtectedTimeEntity, SessionPractitionerEntity, SessionPupilEntity, TherapySessionEntity } from './sessions';
import {
  AssessmentEntity,
  BandPeriodEntity,
  DisciplineEntity,
  IppEntity,
  IppGoalEntity,
  IppInterventionEntity,
  IppReviewEntity,
  IppVersionEntity,
  PlacementEntity,
  ReferralEntity,
  ReferralEventEntity,
  CaseloadAllocationEntity,
} from './therapy';
import {
  EhcAssessmentRequestEntity,
  EhcPlanEntity,
  EhcPlanVersionEntity,
  EhcpAdviceEntity,
  EhcpItemEntity,
  EhcpNeedEntity,
  EhcpOutcomeEntity,
  EhcpOutcomeNeedEntity,
  EhcpProvisionEntity,
  EhcpProvisionOutcomeEntity,
  EhcpReviewEntity,
  PupilTransferEntity,
} from './ehcp';

export { PupilTransferEntity };

export {
  AssessmentEntity,
  BandPeriodEntity,
  DisciplineEntity,
  IppEntity,
  IppGoalEntity,
  IppInterventionEntity,
  IppReviewEntity,
  IppVersionEntity,
  PlacementEntity,
  ReferralEntity,
  ReferralEventEntity,
  CaseloadAllocationEntity,
};
export { ProtectedTimeEntity, SessionPractitionerEntity, SessionPupilEntity, TherapySessionEntity };
export { ParentUpdateEntity, ReviewActionEntity, ReviewDecisionEntity, ReviewMeetingEntity };
export {
  CalendarDayEntity,
  ClockSettingEntity,
  EhcAssessmentRequestEntity,
  EhcPlanEntity,
  EhcPlanVersionEntity,
  EhcpAdviceEntity,
  EhcpItemEntity,
  EhcpNeedEntity,
  EhcpOutcomeEntity,
  EhcpOutcomeNeedEntity,
  EhcpProvisionEntity,
  EhcpProvisionOutcomeEntity,
  EhcpReviewEntity,
};
export {
  AuditEventEntity,
  PupilContactEntity,
  PupilEntity,
  PupilNeedEntity,
  SenStatusPeriodEntity,
  SchoolEntity,
  TermEntity,
  UserClassEntity,
  UserEntity,
};

export const ENTITIES = [
  SchoolEntity,
  TermEntity,
  UserEntity,
  UserClassEntity,
  PupilEntity,
  SenStatusPeriodEntity,
  PupilNeedEntity,
  PupilContactEntity,
  AuditEventEntity,
  CalendarDayEntity,
  ClockSettingEntity,
  EhcPlanEntity,
  EhcPlanVersionEntity,
  EhcpNeedEntity,
  EhcpItemEntity,
  EhcpOutcomeEntity,
  EhcpOutcomeNeedEntity,
  EhcpProvisionEntity,
  EhcpProvisionOutcomeEntity,
  EhcpAdviceEntity,
  EhcpReviewEntity,
  EhcAssessmentRequestEntity,
  DisciplineEntity,
  ReferralEntity,
  ReferralEventEntity,
  AssessmentEntity,
  BandPeriodEntity,
  IppEntity,
  IppVersionEntity,
  IppGoalEntity,
  IppInterventionEntity,
  IppReviewEntity,
  PlacementEntity,
  TherapySessionEntity,
  SessionPractitionerEntity,
  SessionPupilEntity,
  ProtectedTimeEntity,
  ReviewMeetingEntity,
  ReviewDecisionEntity,
  ReviewActionEntity,
  ParentUpdateEntity,
  CaseloadAllocationEntity,
  SharingLogEntity,
  SafeguardingConcernEntity,
  StaffMemberEntity,
  CpdEntryEntity,
  FeedbackEntity,
  SchoolPolicyEntity,
  InstallationKeyEntity,
  TrustedSenderEntity,
  PupilTransferEntity,
  SignInSessionEntity,
  AppliedOperationEntity,
  PupilPassportEntity,
  PupilPassportVersionEntity,
  DraftEntity,
  ProvisionEntity,
  ProvisionPlacementEntity,
  ProvisionRateEntity,
  ProvisionSettingEntity,
];
