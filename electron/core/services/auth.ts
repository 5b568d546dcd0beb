import type { EntityManager } from 'typeorm';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import type { ServiceContext, ServiceFn } from '../context';
import type { KeyHooks } from '../crypto/vault';
import { UserEntity } from '../db/entities';
import { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS, afterWrongPassword, isLockedAt, signInFailedMessage } from '../lockout';
import { hashPassword, spendPasswordCheck, verifyPassword } from '../passwords';
import { requireSchool, schoolView, startSession, userViewOf } from './setup';

/** Lockout after repeated failures slows password guessing on a shared office machine (policy: electron/core/lockout.ts). */
export { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS };

function lockedUntilText(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** For a signed-in user (changing their password): they know the account exists, so the lockout is said plainly. */
function refuseIfLocked(ctx: ServiceContext, user: UserEntity): void {
  if (isLockedAt(user.lockedUntil, ctx.now)) {
    throw new AppFailure('locked', t('errors.accountLocked', { count: MAX_FAILED_SIGN_INS, time: lockedUntilText(user.lockedUntil!) }));
  }
}

/**
 * Keeps the lockout before the database is opened in step (electron/core/crypto/sign-in-guard.ts): an encrypted store's
 * key vault mirrors each change of a user's count beside the keyring. Best effort: the count in the users table is
 * what this sign-in is judged by, and a failure to mirror must not undo it.
 */
function mirrorLockout(keys: KeyHooks | null | undefined, username: string, failures: number, lockedUntil: string | null): void {
  try {
    keys?.signInState?.(username, { failures, lockedUntil });
  } catch {
    // The file beside the keyring could not be written: the next unlock reports that itself (it refuses to check).
  }
}

/** A wrong password for `user`: the count goes up (and may lock the account), in the users table and beside the keyring. */
export async function countWrongPassword(
  em: EntityManager,
  keys: KeyHooks | null | undefined,
  user: UserEntity,
  now: Date,
): Promise<string | null> {
  const next = afterWrongPassword(user.failedAttempts, now);
  user.failedAttempts = next.failures;
  if (next.lockedUntil) user.lockedUntil = next.lockedUntil;
  await em.getRepository(UserEntity).update(user.id, { failedAttempts: user.failedAttempts, lockedUntil: user.lockedUntil });
  mirrorLockout(keys, user.username, user.failedAttempts, user.lockedUntil);
  return next.lockedUntil;
}

/**
 * Checks a user's password where a wrong one counts towards the lockout: sign-in, unlocking the screen and changing
 * the password. A wrong password commits the count (and the audit event) and fails with `wrong` (or, when this
 * failure locked the account, with `onLockout`); a right one clears the count.
 */
async function checkPassword(
  ctx: ServiceContext,
  user: UserEntity,
  password: string,
  wrong: AppFailure,
  onLockout?: (until: string) => Promise<AppFailure>,
): Promise<void> {
  await holdCounts(ctx, user);
  if (!(await verifyPassword(password, user.passwordHash))) {
    const lockedNow = await countWrongPassword(ctx.em, ctx.keys, user, ctx.now);
    ctx.auditDetail({ username: user.username, result: 'wrong password', ...(lockedNow ? { lockedUntil: lockedNow } : {}) });
    throw lockedNow && onLockout ? await onLockout(lockedNow) : wrong;
  }
  if (user.failedAttempts !== 0 || user.lockedUntil) {
    await ctx.em.getRepository(UserEntity).update(user.id, { failedAttempts: 0, lockedUntil: null });
    user.failedAttempts = 0;
    user.lockedUntil = null;
    mirrorLockout(ctx.keys, user.username, 0, null);
  }
}

/**
 * PostgreSQL: the user's row is held (SELECT ... FOR UPDATE) until this operation commits, and the lockout count read
 * again under that hold. Without it two wrong passwords checked at once (two requests to one server, or to two server
 * processes on one database) would both read the same count and both write count + 1: lost updates that let guessing
 * run in parallel past the lockout. SQLite runs one operation at a time (the dispatcher's queue), so has no such race.
 */
async function holdCounts(ctx: ServiceContext, user: UserEntity): Promise<void> {
  if (ctx.driver !== 'postgres') return;
  const rows = (await ctx.em.query('SELECT failed_attempts, locked_until FROM app_user WHERE id = $1 FOR UPDATE', [user.id])) as {
    failed_attempts: number;
    locked_until: string | null;
  }[];
  const row = rows[0];
  if (!row) return;
  user.failedAttempts = Number(row.failed_attempts);
  user.lockedUntil = row.locked_until;
}

async function signedInUser(ctx: ServiceContext): Promise<UserEntity> {
  if (ctx.actor.kind !== 'user' || !ctx.sessionToken) throw new AppFailure('unauthenticated', t('errors.unauthenticated'));
  const user = await ctx.em.getRepository(UserEntity).findOne({ where: { id: ctx.actor.userId } });
  if (!user || !user.active) throw new AppFailure('unauthenticated', t('errors.unauthenticated'));
  return user;
}

/**
 * Signing in. Every failure before the right password of an account that may sign in gets one answer after one
 * scrypt check (electron/core/lockout.ts): an unknown username is checked against a dummy hash, and a locked account
 * is not checked against its own hash at all (so even the right password learns nothing while it is locked). Only
 * the right password hears that an account is disabled. Every failure is audited; an unknown username is recorded
 * without the text typed (it may be a password typed into the wrong box).
 */
export const signIn: ServiceFn<'auth.signIn'> = async (ctx, input) => {
  await requireSchool(ctx.em);
  const user = await ctx.em.getRepository(UserEntity).findOne({ where: { username: input.username } });
  const refused = () => new AppFailure('unauthenticated', signInFailedMessage(), undefined, true);
  if (!user) {
    await spendPasswordCheck(input.password);
    ctx.auditDetail({ result: 'unknown username' });
    throw refused();
  }
  // The count as it stands once no other check of this account is under way (holdCounts).
  await holdCounts(ctx, user);
  if (isLockedAt(user.lockedUntil, ctx.now)) {
    await spendPasswordCheck(input.password);
    ctx.auditDetail({ username: user.username, result: 'locked', lockedUntil: user.lockedUntil });
    throw refused();
  }
  await checkPassword(ctx, user, input.password, refused());
  if (!user.active) throw new AppFailure('forbidden', t('errors.accountDisabled'));
  // An encrypted store opened by someone else: a user without a copy of the key (enabled again, or from before the
  // database was encrypted) gets one now, so their own password opens it next time.
  if (ctx.keys && !ctx.keys.has(user.id)) await ctx.keys.grant({ userId: user.id, username: user.username, password: input.password });
  ctx.auditDetail({ username: user.username });
  // The school the account works in (a trust's server holds several: electron/core/scope.ts).
  return startSession(ctx, user, await requireSchool(ctx.em, user.schoolId));
};

export const signOut: ServiceFn<'auth.signOut'> = async (ctx) => {
  if (ctx.sessionToken) await ctx.signIns.end(ctx.sessionToken);
  return null;
};

export const me: ServiceFn<'auth.me'> = async (ctx) => {
  const user = await signedInUser(ctx);
  const school = await requireSchool(ctx.em, user.schoolId);
  return {
    session: ctx.sessionToken!,
    user: await userViewOf(ctx.em, user),
    school: schoolView(school),
    locked: await ctx.signIns.isLocked(ctx.sessionToken!),
  };
};

export const changePassword: ServiceFn<'auth.changePassword'> = async (ctx, input) => {
  const user = await signedInUser(ctx);
  refuseIfLocked(ctx, user);
  const wrong = t('validation.currentPasswordWrong');
  await checkPassword(
    ctx,
    user,
    input.currentPassword,
    new AppFailure('invalid_input', wrong, { currentPassword: wrong }, true),
    async (until) => {
      await ctx.signIns.endUser(user.id);
      return new AppFailure(
        'locked',
        t('errors.lockedOutSignedOut', { count: MAX_FAILED_SIGN_INS, time: lockedUntilText(until) }),
        undefined,
        true,
      );
    },
  );
  if (input.newPassword === input.currentPassword) {
    const same = t('validation.samePassword');
    throw new AppFailure('invalid_input', same, { newPassword: same });
  }
  await ctx.em
    .getRepository(UserEntity)
    .update(user.id, { passwordHash: await hashPassword(input.newPassword), mustChangePassword: false });
  // Their copy of the database key is wrapped again under the new password (the old one no longer opens it).
  if (ctx.keys) await ctx.keys.grant({ userId: user.id, username: user.username, password: input.newPassword });
  // Whoever else was signed in with the old password (another machine, someone who had learnt it) is signed out;
  // this session carries on, and may now do everything its role allows.
  const token = ctx.sessionToken!;
  const ended = await ctx.signIns.endOtherSessions(user.id, token);
  await ctx.signIns.passwordChanged(token);
  ctx.auditDetail({ username: user.username, ...(ended > 0 ? { otherSessionsEnded: ended } : {}) });
  return null;
};

export const lock: ServiceFn<'auth.lock'> = async (ctx) => {
  await signedInUser(ctx);
  await ctx.signIns.lock(ctx.sessionToken!);
  return null;
};

export const unlock: ServiceFn<'auth.unlock'> = async (ctx, input) => {
  const user = await signedInUser(ctx);
  const token = ctx.sessionToken!;
  await checkPassword(
    ctx,
    user,
    input.password,
    new AppFailure('unauthenticated', t('errors.unlockFailed'), { password: t('errors.unlockFailed') }, true),
    async (until) => {
      // Too many wrong passwords at the lock screen: signed out, and the account locked as for sign-in.
      await ctx.signIns.endUser(user.id);
      return new AppFailure(
        'locked',
        t('errors.lockedOutSignedOut', { count: MAX_FAILED_SIGN_INS, time: lockedUntilText(until) }),
        undefined,
        true,
      );
    },
  );
  await ctx.signIns.unlock(token);
  const school = await requireSchool(ctx.em, user.schoolId);
  return { session: token, user: await userViewOf(ctx.em, user), school: schoolView(school), locked: false };
};
