/** Public API of the statutory and policy clocks (pure: no database, no Electron). */
export * from './types';
export {
  isSchoolDay,
  coversDate,
  addSchoolWeeks,
  addCalendarWeeks,
  addMonthsClamped,
  lastSchoolDayOnOrBefore,
  addPeriod,
  addDays,
  dayOfWeek,
  type DueDate,
} from './calendar';
export {
  DEFAULT_RULES,
  FIXED_CLOCK_KEYS,
  SCHOOL_DAY_CLOCK_KEYS,
  ALLOWED_UNITS,
  AMOUNT_LIMITS,
  UNDER5_LIMITS,
  defaultRule,
  validateRule,
  mergeRules,
  type SavedClockRule,
} from './rules';
export {
  computeClocks,
  stateFor,
  academicYear,
  isCurrent,
  annualReviewDates,
  transferDeadline,
  latestTransferReview,
  NEEDS_IDENTIFIED_LOOKBACK_DAYS,
} from './compute';
export { placementDates, type NamedTerm, type PlacementDates } from './placement';
