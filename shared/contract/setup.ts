import { z } from 'zod';
import { op } from './define';
import { text, isoDate } from '../validation';
import { t } from '../i18n';
import { ROLES, TERM_NAMES, type Role, type TermName } from '../domain';

export const urn = z
  .string()
  .trim()
  .max(6)
  .regex(/^\d{6}$/, { error: () => t('validation.urn') });

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9._-]{3,40}$/, { error: () => t('validation.username') });
export const password = z
  .string()
  .min(10, { error: () => t('validation.password') })
  .max(200);

/** Minutes without use before the screen locks (the school's policy; 5 by default). */
export const AUTO_LOCK_DEFAULT_MINUTES = 5;
export const autoLockMinutes = z
  .number({ error: () => t('validation.autoLockMinutes') })
  .int({ error: () => t('validation.autoLockMinutes') })
  .min(1, { error: () => t('validation.autoLockMinutes') })
  .max(60, { error: () => t('validation.autoLockMinutes') });

export const schoolInput = z
  .object({
    name: text(200),
    urn,
    localAuthority: text(100),
    /** Left out: unchanged (a new school gets the default). */
    autoLockMinutes: autoLockMinutes.optional(),
  })
  .strict();

/** A class or teaching group as the register names it (pupil.className), e.g. "4B" or "Oak". */
export const className = text(40);

export const academicYear = z
  .string()
  .max(7)
  .regex(/^\d{4}\/\d{2}$/, { error: () => t('validation.academicYear') })
  .refine((y) => (Number(y.slice(0, 4)) + 1) % 100 === Number(y.slice(5)), { error: () => t('validation.academicYear') });

export const termInput = z
  .object({
    name: z.enum(TERM_NAMES),
    startDate: isoDate,
    endDate: isoDate,
  })
  .strict()
  .refine((v) => v.endDate >= v.startDate, { error: () => t('validation.termOrder'), path: ['endDate'] });

export const userInput = z
  .object({
    displayName: text(100),
    username,
    role: z.enum(ROLES),
    password,
  })
  .strict();

export interface School {
  readonly name: string;
  readonly urn: string;
  readonly localAuthority: string;
  /** Minutes without use before the screen locks until the password is entered again. */
  readonly autoLockMinutes: number;
}

export interface Term {
  readonly id: string;
  readonly academicYear: string;
  readonly name: TermName;
  readonly startDate: string;
  readonly endDate: string;
}

export interface UserSummary {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly active: boolean;
  /** Set when the SENCo reset the password: the user must choose their own at their next sign-in. */
  readonly mustChangePassword: boolean;
  /** Teachers and TAs: the classes whose pupils they may see (pupil.className, compared without case). */
  readonly classes: readonly string[];
}

export interface SessionInfo {
  readonly session: string;
  readonly user: UserSummary;
  readonly school: School;
  /** The screen was locked (after inactivity, or by the user): only auth.unlock and auth.signOut are answered. */
  readonly locked: boolean;
}

export const setupOps = {
  /**
   * `schoolName`: the school's, for the sign-in screen; null on a trust's server holding several schools (no one's yet)
   * and while an encrypted database is still locked (`locked`: it opens at the first sign-in; electron/core/gate.ts).
   */
  'setup.status': op<{ readonly needsSetup: boolean; readonly schoolName: string | null; readonly locked?: boolean }>()({
    input: z.object({}).strict(),
    access: 'public',
    kind: 'read',
    audit: false,
  }),
  /**
   * `recoveryKey`: on an encrypted database, the recovery key, returned this once only (print it and lock it away:
   * it opens the database if every password is forgotten); null on PostgreSQL or an unencrypted file.
   */
  'setup.initialise': op<SessionInfo & { readonly recoveryKey: string | null }>()({
    input: z
      .object({
        school: schoolInput,
        user: userInput.omit({ role: true }),
      })
      .strict(),
    access: 'public',
    kind: 'write',
    audit: false,
  }),
  /** `recoveryKey`: set once, when this sign-in encrypted an earlier version's database (see setup.initialise). */
  'auth.signIn': op<SessionInfo & { readonly recoveryKey?: string | null }>()({
    input: z.object({ username: z.string().trim().toLowerCase().min(1).max(40), password: z.string().min(1).max(200) }).strict(),
    access: 'public',
    kind: 'write',
    audit: false,
  }),
  'auth.signOut': op<null>()({
    input: z.object({}).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: false,
  }),
  /** Changes the signed-in user's own password (and re-wraps their copy of the database key). */
  'auth.changePassword': op<null>()({
    input: z.object({ currentPassword: z.string().min(1).max(200), newPassword: password }).strict(),
    access: 'signed_in',
    kind: 'write',
    audit: true,
  }),
  /** Locks the screen of this session (inactivity or "Lock now"); everything but unlock and sign-out is refused. */
  'auth.lock': op<null>()({
    input: z.object({}).strict(),
    access: 'signed_in',
    kind: 'write',
    audit: true,
  }),
  /** Unlocks this session with the user's password; failures count towards the lockout, which signs them out. */
  'auth.unlock': op<SessionInfo>()({
    input: z.object({ password: z.string().min(1).max(200) }).strict(),
    access: 'signed_in',
    kind: 'write',
    audit: true,
  }),
  'auth.me': op<SessionInfo>()({
    input: z.object({}).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: false,
  }),
  'school.get': op<School>()({
    input: z.object({}).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: false,
  }),
  'school.update': op<School>()({
    input: schoolInput,
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
  'terms.list': op<readonly Term[]>()({
    input: z.object({ academicYear: academicYear.optional() }).strict(),
    access: 'signed_in',
    kind: 'read',
    audit: false,
  }),
  'terms.replaceYear': op<readonly Term[]>()({
    input: z
      .object({
        academicYear,
        terms: z.array(termInput).max(6),
      })
      .strict(),
    access: ['senco', 'office'],
    kind: 'write',
    audit: true,
  }),
  'users.list': op<readonly UserSummary[]>()({
    input: z.object({}).strict(),
    /** The office links staff compliance records to accounts. */
    access: ['senco', 'therapy_lead', 'headteacher', 'office'],
    kind: 'read',
    audit: false,
  }),
  'users.create': op<UserSummary>()({
    input: userInput,
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
  'users.setActive': op<UserSummary>()({
    input: z.object({ id: z.string().min(1).max(64), active: z.boolean() }).strict(),
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
  /**
   * The SENCo sets a new password for a user who has forgotten theirs (or is locked out): the lockout is cleared,
   * their sessions end, their copy of the database key is re-wrapped, and they choose their own at next sign-in.
   */
  'users.resetPassword': op<UserSummary>()({
    input: z.object({ id: z.string().min(1).max(64), password }).strict(),
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
  /** The classes a teacher or TA teaches: they see only pupils in these classes. */
  'users.setClasses': op<UserSummary>()({
    input: z.object({ id: z.string().min(1).max(64), classes: z.array(className).max(30) }).strict(),
    access: ['senco'],
    kind: 'write',
    audit: true,
  }),
} as const;
