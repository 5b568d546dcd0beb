import { AuditEventEntity } from './audit-event';
import { PupilContactEntity, PupilEntity, PupilNeedEntity, SenStatusPeriodEntity } from './pupil';
import { SchoolEntity } from './school';
import { TermEntity } from './term';
import { UserEntity } from './user';

export { AuditEventEntity, PupilContactEntity, PupilEntity, PupilNeedEntity, SenStatusPeriodEntity, SchoolEntity, TermEntity, UserEntity };

export const ENTITIES = [
  SchoolEntity,
  TermEntity,
  UserEntity,
  PupilEntity,
  SenStatusPeriodEntity,
  PupilNeedEntity,
  PupilContactEntity,
  AuditEventEntity,
];
