import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import type { ServiceContext, ServiceFn } from '../context';
import { UserEntity } from '../db/entities';
import { hashPassword, verifyPassword } from '../passwords';
import { requireSchool, schoolView, startSession, userViewOf } from './setup';

/** Lockout after repeated failures slows password guessing on a shared office machine. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

function lockedUntilText(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

function refuseIfLocked(ctx: ServiceContext, user: UserEntity): void {
  if (user.lockedUntil && Date.parse(user.lockedUntil) > ctx.now.getTime()) {
    throw new AppFailure('locked', t('errors.accountLocked', { count: MAX_FAILED_SIGN_INS, time: lockedUntilText(user.lockedUntil) }));
  }
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
  onLockout?: (until: string) => AppFailure,
): Promise<void> {
  const repo = ctx.em.getRepository(UserEntity);
  if (!(await verifyPassword(password, user.passwordHash))) {
    user.failedAttempts += 1;
    let lockedNow: string | null = null;
    if (user.failedAttempts >= MAX_FAILED_SIGN_INS) {
      lockedNow = new Date(ctx.now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
      user.lockedUntil = lockedNow;
      user.failedAttempts = 0;
    }
    await repo.update(user.id, { failedAttempts: user.failedAttempts, lockedUntil: user.lockedUntil });
    ctx.auditDetail({ username: user.username, result: 'wrong password', ...(lockedNow ? { lockedUntil: lockedNow } : {}) });
    throw lockedNow && onLockout ? onLockout(lockedNow) : wrong;
  }
  if (user.failedAttempts !== 0 || user.lockedUntil) {
    await repo.update(user.id, { failedAttempts: 0, lockedUntil: null });
    user.failedAttempts = 0;
    user.lockedUntil = null;
  }
}

async function signedInUser(ctx: ServiceContext): Promise<UserEntity> {
  if (ctx.actor.kind !== 'user' || !ctx.sessionToken) throw new AppFailure('unauthenticated', t('errors.unauthenticated'));
  const user = await ctx.em.getRepository(UserEntity).findOne({ where: { id: ctx.actor.userId } });
  if (!user || !user.active) throw new AppFailure('unauthenticated', t('errors.unauthenticated'));
  return user;
}

export const signIn: ServiceFn<'auth.signIn'> = async (ctx, input) => {
  const school = await requireSchool(ctx.em);
  const user = await ctx.em.getRepository(UserEntity).findOne({ where: { username: input.username } });
  if (!user) {
    // Same message as a wrong password: do not reveal which usernames exist.
    throw new AppFailure('unauthenticated', t('errors.signInFailed'));
  }
  refuseIfLocked(ctx, user);
  await checkPassword(ctx, user, input.password, new AppFailure('unauthenticated', t('errors.signInFailed'), undefined, true));
  if (!user.active) throw new AppFailure('forbidden', t('errors.accountDisabled'));
  // An encrypted store opened by someone else: a user without a copy of the key (enabled again, or from before the
  // database was encrypted) gets one now, so their own password opens it next time.
  if (ctx.keys && !ctx.keys.has(user.id)) await ctx.keys.grant({ userId: user.id, username: user.username, password: input.password });
  ctx.auditDetail({ username: user.username });
  return startSession(ctx, user, school);
};

export const signOut: ServiceFn<'auth.signOut'> = async (ctx) => {
  if (ctx.sessionToken) ctx.sessions.end(ctx.sessionToken);
  return null;
};

export const me: ServiceFn<'auth.me'> = async (ctx) => {
  const user = await signedInUser(ctx);
  const school = await requireSchool(ctx.em);
  return { session: ctx.sessionToken!, user: await userViewOf(ctx.em, user), school: schoolView(school), locked: ctx.sessions.isLocked(ctx.sessionToken!) };
};

export const changePassword: ServiceFn<'auth.changePassword'> = async (ctx, input) => {
  const user = await signedInUser(ctx);
  refuseIfLocked(ctx, user);
  const wrong = t('validation.currentPasswordWrong');
  await checkPassword(ctx, user, input.currentPassword, new AppFailure('invalid_input', wrong, { currentPassword: wrong }, true), (until) => {
    ctx.sessions.endUser(user.id);
    return new AppFailure('locked', t('errors.lockedOutSignedOut', { count: MAX_FAILED_SIGN_INS, time: lockedUntilText(until) }), undefined, true);
  });
  if (input.newPassword === input.currentPassword) {
    const same = t('validation.samePassword');
    throw new AppFailure('invalid_input', same, { newPassword: same });
  }
  await ctx.em.getRepository(UserEntity).update(user.id, { passwordHash: await hashPassword(input.newPassword), mustChangePassword: false });
  // Their copy of the database key is wrapped again under the new password (the old one no longer opens it).
  if (ctx.keys) await ctx.keys.grant({ userId: user.id, username: user.username, password: input.newPassword });
  ctx.auditDetail({ username: user.username });
  return null;
};

export const lock: ServiceFn<'auth.lock'> = async (ctx) => {
  await signedInUser(ctx);
  ctx.sessions.lock(ctx.sessionToken!);
  return null;
};

export const unlock: ServiceFn<'auth.unlock'> = async (ctx, input) => {
  const user = await signedInUser(ctx);
  const token = ctx.sessionToken!;
  await checkPassword(ctx, user, input.password, new AppFailure('unauthenticated', t('errors.unlockFailed'), { password: t('errors.unlockFailed') }, true), (until) => {
    // Too many wrong passwords at the lock screen: signed out, and the account locked as for sign-in.
    ctx.sessions.endUser(user.id);
    return new AppFailure('locked', t('errors.lockedOutSignedOut', { count: MAX_FAILED_SIGN_INS, time: lockedUntilText(until) }), undefined, true);
  });
  ctx.sessions.unlock(token);
  const school = await requireSchool(ctx.em);
  return { session: token, user: await userViewOf(ctx.em, user), school: schoolView(school), locked: false };
};
