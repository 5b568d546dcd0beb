/** Every migration, in order. Listed explicitly (no glob) so a bundle carries them and the order is reviewed. */
import { Foundation1700000000001 } from './0001-foundation';
import { EhcPlansCalendarClocks1700000000002 } from './0002-ehc-plans-calendar-clocks';
import { Therapy1700000000003 } from './0003-therapy';
import { Sessions1700000000004 } from './0004-sessions';
import { Reviews1700000000005 } from './0005-reviews';
import { AccountsScope1700000000006 } from './0006-accounts-scope';
import { SharingSafeguardingStaff1700000000007 } from './0007-sharing-safeguarding-staff';
import { PhaseTransfersIssueDecision1700000000008 } from './0008-phase-transfers-issue-decision';
import { TherapyWeightsFunding1700000000009 } from './0009-therapy-weights-funding';
import { TransferSigning1700000000010 } from './0010-transfer-signing';
import { AllocationsFromSessions1700000000013 } from './0013-allocations-from-sessions';
import { SignInSessions1700000000014 } from './0014-sign-in-sessions';
import { SchoolsAsTenants1700000000015 } from './0015-schools-as-tenants';
import { AppliedOperations1700000000016 } from './0016-applied-operations';
import { SchoolSettings1700000000017 } from './0017-school-settings';
import { AnnualReviewRecord1700000000018 } from './0018-annual-review-record';
import { Drafts1700000000019 } from './0019-drafts';
import { ProvisionMap1700000000020 } from './0020-provision-map';
import { PupilPassports1700000000021 } from './0021-pupil-passports';
import { SessionDatesCopied1700000000022 } from './0022-session-dates-copied';
import { PlacementMeasureDates1700000000023 } from './0023-placement-measure-dates';

export const MIGRATIONS = [
  Foundation1700000000001,
  EhcPlansCalendarClocks1700000000002,
  Therapy1700000000003,
  Sessions1700000000004,
  Reviews1700000000005,
  AccountsScope1700000000006,
  SharingSafeguardingStaff1700000000007,
  PhaseTransfersIssueDecision1700000000008,
  TherapyWeightsFunding1700000000009,
  TransferSigning1700000000010,
  AllocationsFromSessions1700000000013,
  SignInSessions1700000000014,
  SchoolsAsTenants1700000000015,
  AppliedOperations1700000000016,
  SchoolSettings1700000000017,
  AnnualReviewRecord1700000000018,
  Drafts1700000000019,
  ProvisionMap1700000000020,
  PupilPassports1700000000021,
  SessionDatesCopied1700000000022,
  PlacementMeasureDates1700000000023,
];
