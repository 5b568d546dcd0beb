import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import type { School, SessionInfo, UserSummary } from '../../../shared/contract';
import type { Role } from '../../../shared/domain';
import { nowIso, type ServiceContext, type ServiceFn } from '../context';
import { AUTO_LOCK_DEFAULT_MINUTES } from '../../../shared/contract/setup';
import { SchoolEntity, UserClassEntity, UserEntity } from '../db/entities';
import { hashPassword } from '../passwords';
import { installationKey } from './installation-key';
import { owningSchool, schoolFilter } from '../scope';
import { seedDisciplines } from './referrals';

export function schoolView(s: SchoolEntity): School {
  return { name: s.name, urn: s.urn, localAuthority: s.localAuthority, autoLockMinutes: s.autoLockMinutes ?? AUTO_LOCK_DEFAULT_MINUTES };
}

export function userView(u: UserEntity, classes: readonly string[] = []): UserSummary {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    active: u.active,
    mustChangePassword: u.mustChangePassword === true,
    classes,
  };
}

/** Each user's classes (teachers and TAs), sorted; users without classes are absent from the map. */
export async function classesByUser(em: EntityManager, userIds?: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await em.getRepository(UserClassEntity).find();
  const out = new Map<string, string[]>();
  for (const r of rows) {
    if (userIds && !userIds.includes(r.userId)) continue;
    out.set(r.userId, [...(out.get(r.userId) ?? []), r.className]);
  }
  for (const list of out.values()) list.sort((a, b) => a.localeCompare(b, 'en-GB', { numeric: true }));
  return out;
}

export async function userViewOf(em: EntityManager, u: UserEntity): Promise<UserSummary> {
  return userView(u, (await classesByUser(em, [u.id])).get(u.id) ?? []);
}

/** The server's first school (a standalone desk's only one), or the one named: a trust's server holds several. */
export async function loadSchool(em: EntityManager, id?: string | null): Promise<SchoolEntity | null> {
  const rows = await em.getRepository(SchoolEntity).find({ where: id ? { id } : {}, order: { createdAt: 'ASC', id: 'ASC' }, take: 1 });
  return rows[0] ?? null;
}

/** The school named (a signed-in user's own: `ctx.tenancy.schoolId`, electron/core/scope.ts), or else the first. */
export async function requireSchool(em: EntityManager, id?: string | null): Promise<SchoolEntity> {
  const s = await loadSchool(em, id);
  if (!s) throw new AppFailure('setup_required', t('errors.setupRequired'));
  return s;
}

export async function createUser(
  ctx: ServiceContext,
  input: { displayName: string; username: string; password: string; role: Role },
  opts: { readonly grantKey?: boolean; readonly schoolId?: string } = {},
): Promise<UserEntity> {
  const repo = ctx.em.getRepository(UserEntity);
  const holder = await repo.findOne({ where: { username: input.username }, select: { id: true, schoolId: true } });
  if (holder) {
    // Sign-in is by username alone, so a trust's server keeps usernames unique across its schools. Another school's
    // account is not named: the message says only that the name is used on this server and how to choose another.
    const ownSchool = opts.schoolId ?? ctx.tenancy?.schoolId ?? null;
    const message =
      schoolFilter(ctx) && ownSchool && holder.schoolId !== ownSchool
        ? t('errors.usernameTakenOnServer', { username: input.username })
        : t('errors.usernameTaken', { username: input.username });
    throw new AppFailure('conflict', message, { username: message });
  }
  const user = repo.create({
    id: randomUUID(),
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    active: true,
    failedAttempts: 0,
    lockedUntil: null,
    createdAt: nowIso(ctx),
    mustChangePassword: null,
    // The acting user's school (a trust's server: each account works in one school); setup gives the new school's.
    schoolId: opts.schoolId ?? (await owningSchool(ctx)),
  });
  await repo.insert(user);
  // An encrypted store: the new user's own wrapped copy of the database key (setup wraps the first one itself).
  if (ctx.keys && opts.grantKey !== false) await ctx.keys.grant({ userId: user.id, username: user.username, password: input.password });
  return user;
}

export async function startSession(ctx: ServiceContext, user: UserEntity, school: SchoolEntity): Promise<SessionInfo> {
  const view = schoolView(school);
  const session = await ctx.signIns.create(
    { userId: user.id, username: user.username, displayName: user.displayName, role: user.role as Role },
    Date.now(),
    view.autoLockMinutes * 60_000,
    { mustChangePassword: user.mustChangePassword === true },
  );
  return { session, user: await userViewOf(ctx.em, user), school: view, locked: false };
}

/**
 * Before sign-in: whether the school is set up, and the name the sign-in screen shows. A trust's server holds several
 * schools and nobody is signed in yet, so it names none of them (the screen says plainly "sign in"); after sign-in each
 * user sees their own school (auth.signIn, auth.me).
 */
export const setupStatus: ServiceFn<'setup.status'> = async (ctx) => {
  const s = await loadSchool(ctx.em);
  const several = s !== null && (await ctx.em.getRepository(SchoolEntity).count()) > 1;
  return { needsSetup: s === null, schoolName: several ? null : (s?.name ?? null) };
};

/** First run: the school and its first SENCo, in one transaction. Refused once a school exists. */
export const setupInitialise: ServiceFn<'setup.initialise'> = async (ctx, input) => {
  const existing = await loadSchool(ctx.em);
  if (existing) throw new AppFailure('already_set_up', t('errors.alreadySetUp', { school: existing.name }));
  const at = nowIso(ctx);
  const school = ctx.em.getRepository(SchoolEntity).create({ id: randomUUID(), ...input.school, createdAt: at, updatedAt: at });
  await ctx.em.getRepository(SchoolEntity).insert(school);
  // The key its export packages are signed with (issue 14, item 7): made with the school, kept in the database.
  await installationKey(ctx.em, at);
  // The school's own settings: the default therapy disciplines (term dates and closures are the SENCo's to enter).
  await seedDisciplines(ctx.em, school.id);
  const user = await createUser(ctx, { ...input.user, role: 'senco' }, { grantKey: false, schoolId: school.id });
  // Last, so a failure before it leaves the keyring untouched: the first SENCo's copy and the recovery key.
  const recoveryKey = ctx.keys
    ? await ctx.keys.completeSetup({ userId: user.id, username: user.username, password: input.user.password })
    : null;
  ctx.auditDetail({ school: school.name, firstUser: user.username, encrypted: recoveryKey !== null });
  return { ...(await startSession(ctx, user, school)), recoveryKey };
};
