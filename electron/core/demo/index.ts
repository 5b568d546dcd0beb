export * from './generate';
export * from './load';
export { demoCalendar, easterSunday, englishBankHolidays, type DemoCalendarYear, type DemoClosureDay } from './calendar';
export {
  DEMO_OTHER_LAS,
  type DemoAssessmentRequest,
  type DemoPlan,
  type DemoPlanVersion,
  type DemoReview,
  type DemoTransfer,
} from './ehcp';
export { createRng, seedFrom, type Rng } from './prng';
export type {
  DemoBandPeriod,
  DemoIpp,
  DemoIppReview,
  DemoIppVersion,
  DemoPlacement,
  DemoReferral,
  DemoTherapy,
  DemoTherapyAssessment,
} from './therapy';
export { generateSessionYear, sessionYears, type DemoSession, type DemoSessionPupil, type DemoSessionYear } from './sessions';
export {
  generateReviews,
  reviewCounts,
  reviewYears,
  type DemoAttendee,
  type DemoParentUpdate,
  type DemoReviewAction,
  type DemoReviewData,
  type DemoReviewDecision,
  type DemoReviewMeeting,
} from './reviews';
