/**
 * Need-to-know policy (UK GDPR Art. 5(1)(c) and 9): which operations carry clinical detail, which are
 * safeguarding, and which roles must never reach them. The contract's `access` on each operation is the one
 * declaration the dispatcher enforces; `electron/core/access-matrix.test.ts` checks it against this policy and
 * checks the dispatcher against it for every operation and every role.
 */
import type { Role } from './domain';

/** Operations whose results hold clinical notes, assessment scores or therapy detail. */
export const CLINICAL_OPERATIONS = [
  'assessments.list',
  'assessments.save',
  'sessions.get',
  'sessions.record',
  'referrals.list',
  'referrals.move',
  'reviews.get',
  'reviews.save',
  'reviews.listForPupil',
  'reviews.pack',
  'ipps.save',
  'ipps.review',
  'progress.forPupil',
  'sessions.stats',
] as const;

/** Roles that may see clinical detail: the SENCo and the therapy team. */
export const CLINICAL_ROLES: readonly Role[] = ['senco', 'therapy_lead', 'therapist'];

/** Roles that must never reach clinical detail through any operation. */
export const NO_CLINICAL_ROLES: readonly Role[] = ['teacher', 'office', 'dsl', 'trust_lead'];

/** Roles that see session notes and cancellation reasons in session views; others get the timetable only. */
export const SESSION_NOTE_ROLES: readonly Role[] = CLINICAL_ROLES;

/**
 * Roles limited to some pupils, enforced by the dispatcher for every operation that names a pupil
 * (electron/core/scope.ts) and by every list they read: a therapist to their own caseload (the pupils the SENCo or
 * therapy lead allocated to them; booking a session gives no access); a teacher or TA to the pupils in their classes.
 */
export const SCOPED_ROLES: readonly Role[] = ['therapist', 'teacher'];

/** Operations a locked screen still answers: unlocking, signing out, and who is signed in. */
export const LOCKED_SESSION_OPERATIONS = ['auth.unlock', 'auth.signOut', 'auth.me', 'auth.lock'] as const;

/**
 * Operations a session may use while its user must change the password the SENCo set (users.resetPassword): the
 * change itself, who is signed in, signing out, and the screen lock (and what anyone may do without signing in).
 * Everything else is refused by the core (electron/core/dispatcher.ts), not only hidden by the screen.
 */
export const MUST_CHANGE_PASSWORD_OPERATIONS = ['auth.changePassword', 'auth.me', 'auth.signOut', 'auth.lock', 'auth.unlock'] as const;
