/**
 * The sign-in lockout, one policy for both places a password is checked before anyone is signed in: the users
 * table (electron/core/services/auth.ts, once the database is open) and the key file (electron/core/crypto/
 * sign-in-guard.ts, while an encrypted database is still locked).
 *
 * After MAX_FAILED_SIGN_INS wrong passwords for one username the account is locked for LOCKOUT_MINUTES. Every failed
 * sign-in gets the same answer (`signInFailedMessage`) after the same scrypt work: an unknown username, a wrong
 * password, and any password at all for a locked account, so that neither the words nor the time taken say which
 * usernames exist. While an account is locked even the right password gets that answer: saying "locked" to the right
 * password only would tell someone guessing that they had found it, and the lockout would no longer slow guessing
 * down at all. (OWASP Authentication Cheat Sheet: "Authentication and Error Messages", "Account Lockout".)
 */
import { t } from '../../shared/i18n';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

/** The one answer to a failed sign-in. */
export function signInFailedMessage(): string {
  return t('errors.signInFailed', { count: MAX_FAILED_SIGN_INS, minutes: LOCKOUT_MINUTES });
}

/** One more wrong password after `failures` earlier ones: the new count and, when this one locks it, until when. */
export function afterWrongPassword(failures: number, now: Date): { readonly failures: number; readonly lockedUntil: string | null } {
  const count = failures + 1;
  if (count >= MAX_FAILED_SIGN_INS) return { failures: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() };
  return { failures: count, lockedUntil: null };
}

export function isLockedAt(lockedUntil: string | null | undefined, now: Date): boolean {
  return !!lockedUntil && Date.parse(lockedUntil) > now.getTime();
}
