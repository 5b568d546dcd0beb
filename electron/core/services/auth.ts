import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import type { ServiceFn } from '../context';
import { UserEntity } from '../db/entities';
import { verifyPassword } from '../passwords';
import { requireSchool, schoolView, startSession, userView } from './setup';

/** Lockout after repeated failures slows password guessing on a shared office machine. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

export const signIn: ServiceFn<'auth.signIn'> = async (ctx, input) => {
  const school = await requireSchool(ctx.em);
  const repo = ctx.em.getRepository(UserEntity);
  const user = await repo.findOne({ where: { username: input.username } });
  const nowMs = ctx.now.getTime();
  if (!user) {
    // Same message as a wrong password: do not reveal which usernames exist.
    throw new AppFailure('unauthenticated', t('errors.signInFailed'));
  }
  if (user.lockedUntil && Date.parse(user.lockedUntil) > nowMs) {
    throw new AppFailure(
      'locked',
      t('errors.accountLocked', {
        count: MAX_FAILED_SIGN_INS,
        time: new Date(user.lockedUntil).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }),
      }),
    );
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    user.failedAttempts += 1;
    if (user.failedAttempts >= MAX_FAILED_SIGN_INS) {
      user.lockedUntil = new Date(nowMs + LOCKOUT_MINUTES * 60_000).toISOString();
      user.failedAttempts = 0;
    }
    await repo.update(user.id, { failedAttempts: user.failedAttempts, lockedUntil: user.lockedUntil });
    ctx.auditDetail({ username: input.username, result: 'wrong password' });
    throw new AppFailure('unauthenticated', t('errors.signInFailed'), undefined, true);
  }
  if (!user.active) throw new AppFailure('forbidden', t('errors.accountDisabled'));
  if (user.failedAttempts !== 0 || user.lockedUntil) {
    await repo.update(user.id, { failedAttempts: 0, lockedUntil: null });
  }
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
  if (ctx.actor.kind !== 'user' || !ctx.sessionToken) throw new AppFailure('unauthenticated', t('errors.unauthenticated'));
  const user = await ctx.em.getRepository(UserEntity).findOne({ where: { id: ctx.actor.userId } });
  if (!user || !user.active) throw new AppFailure('unauthenticated', t('errors.unauthenticated'));
  const school = await requireSchool(ctx.em);
  return { session: ctx.sessionToken, user: userView(user), school: schoolView(school) };
};
