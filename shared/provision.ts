/**
 * The school's costed provision map (issue 18, items 1 and 2): the words a provision is described in, and the one
 * costing rule. Pure, shared by the core (electron/core/services/provision-map.ts), the CLI and the renderer.
 */

/** Waves of provision, in the bands' words (DOMAIN.md): whole-class, small-group, individual. */
export const WAVES = ['universal', 'targeted', 'specific'] as const;
export type Wave = (typeof WAVES)[number];

/**
 * Who delivers a provision: the staff roles a school costs at an hourly rate (Settings). Not the app's sign-in roles:
 * a teaching assistant signs in as "teacher", and many who deliver provision never sign in at all.
 */
export const DELIVERY_ROLES = [
  'teaching_assistant',
  'higher_level_teaching_assistant',
  'teacher',
  'senco',
  'learning_mentor',
  'speech_language_therapist',
  'occupational_therapist',
  'educational_psychologist',
  'counsellor',
  'external_specialist',
] as const;
export type DeliveryRole = (typeof DELIVERY_ROLES)[number];

/** The notional SEN threshold a school meets from its own budget before an LA tops up (DfE: £6,000 a pupil a year). */
export const DEFAULT_THRESHOLD_PENCE = 600_000;
/** The largest hourly rate taken: £500.00 an hour. */
export const MAX_HOURLY_PENCE = 50_000;
/** The largest threshold taken: £100,000.00. */
export const MAX_THRESHOLD_PENCE = 10_000_000;

/** Roles that see what provision costs (rates, costs, the threshold): the SENCo and the headteacher, never anyone else. */
export const COST_ROLES = ['senco', 'headteacher'] as const;

/** How a provision map is grouped. */
export const MAP_GROUPINGS = ['provision', 'year', 'class', 'area', 'wave', 'pupil'] as const;
export type MapGrouping = (typeof MAP_GROUPINGS)[number];

/** A school week is five school days (electron/core/clocks/calendar.ts). */
export const SCHOOL_DAYS_A_WEEK = 5;

/** Hours a week one pupil spends on a provision. */
export function hoursPerWeek(p: { readonly sessionsPerWeek: number; readonly minutesPerSession: number }): number {
  return (p.sessionsPerWeek * p.minutesPerSession) / 60;
}

/**
 * What one pupil's place on a provision costs over some school days, in whole pence: the staff time a week (sessions ×
 * minutes ÷ 60 hours) at the delivering role's hourly rate, shared by the group (÷ group size), for the school weeks
 * (school days ÷ 5) of the placement. Worked in one expression and rounded once, to the nearest penny (half up).
 */
export function placementCostPence(p: {
  readonly sessionsPerWeek: number;
  readonly minutesPerSession: number;
  readonly groupSize: number;
  readonly hourlyPence: number;
  readonly schoolDays: number;
}): number {
  // One division of two whole numbers (school days are whole but for a year without term dates): a true half-penny is
  // exactly representable, so Math.round rounds it up as it should.
  return Math.round((p.sessionsPerWeek * p.minutesPerSession * p.hourlyPence * p.schoolDays) / (60 * SCHOOL_DAYS_A_WEEK * p.groupSize));
}

/** The part of a pupil's additional provision for the year above the school's notional SEN threshold (none below it). */
export function aboveThreshold(totalPence: number, thresholdPence: number): number {
  return Math.max(0, totalPence - thresholdPence);
}
