import { randomUUID } from 'node:crypto';
import { codeLabel, t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import type { Term } from '../../../shared/contract';
import type { TermName } from '../../../shared/domain';
import { TERM_NAMES } from '../../../shared/domain';
import { nowIso, type ServiceContext, type ServiceFn } from '../context';
import { SchoolEntity, TermEntity, UserClassEntity, UserEntity } from '../db/entities';
import { hashPassword } from '../passwords';
import { owningSchool, ownRecord, schoolWhere } from '../scope';
import { classesByUser, createUser, requireSchool, schoolView, userView, userViewOf } from './setup';

/** The acting user's own school (on a trust's server, each school is a tenant: electron/core/scope.ts). */
export const schoolGet: ServiceFn<'school.get'> = async (ctx) => schoolView(await requireSchool(ctx.em, ctx.tenancy?.schoolId));

export const schoolUpdate: ServiceFn<'school.update'> = async (ctx, input) => {
  const s = await requireSchool(ctx.em, ctx.tenancy?.schoolId);
  const before = schoolView(s);
  const changed = (['name', 'urn', 'localAuthority', 'autoLockMinutes'] as const).filter(
    (k) => input[k] !== undefined && before[k] !== input[k],
  );
  // A trust's schools each keep their own URN (trust.schools.add refuses a second one too).
  const taken = changed.includes('urn') ? await ctx.em.getRepository(SchoolEntity).findOne({ where: { urn: input.urn } }) : null;
  if (taken && taken.id !== s.id) {
    const message = t('tenancy.addSchoolUrnTaken', { urn: input.urn, school: taken.name });
    throw new AppFailure('conflict', message, { urn: message });
  }
  const next = { ...s, ...input, autoLockMinutes: input.autoLockMinutes ?? s.autoLockMinutes, updatedAt: nowIso(ctx) };
  await ctx.em.getRepository(SchoolEntity).update(s.id, {
    name: next.name,
    urn: next.urn,
    localAuthority: next.localAuthority,
    autoLockMinutes: next.autoLockMinutes,
    updatedAt: next.updatedAt,
  });
  const view = schoolView(next);
  if (changed.includes('autoLockMinutes')) await ctx.signIns.setLockAfter(view.autoLockMinutes * 60_000);
  ctx.auditDetail({ changed });
  return view;
};

function termView(e: TermEntity): Term {
  return { id: e.id, academicYear: e.academicYear, name: e.name as TermName, startDate: e.startDate, endDate: e.endDate };
}

const termOrder = (a: { name: string; startDate: string }, b: { name: string; startDate: string }) =>
  a.startDate.localeCompare(b.startDate) || TERM_NAMES.indexOf(a.name as TermName) - TERM_NAMES.indexOf(b.name as TermName);

/** The caller's own school's terms (a trust's schools each have their own term dates: migration 0017). */
export const termsList: ServiceFn<'terms.list'> = async (ctx, input) => {
  const schoolId = await owningSchool(ctx);
  const rows = await ctx.em
    .getRepository(TermEntity)
    .find({ where: input.academicYear ? { schoolId, academicYear: input.academicYear } : { schoolId } });
  return rows.sort(termOrder).map(termView);
};

/** Replaces one academic year's terms of the caller's school as a whole, refusing overlaps and duplicate names. */
export async function replaceTerms(
  ctx: ServiceContext,
  academicYear: string,
  terms: readonly { name: TermName; startDate: string; endDate: string }[],
): Promise<Term[]> {
  const fields: Record<string, string> = {};
  const sorted = terms.map((term, index) => ({ ...term, index })).sort(termOrder);
  const seen = new Set<string>();
  terms.forEach((term, i) => {
    if (seen.has(term.name)) fields[`terms.${i}.name`] = t('validation.duplicateTerm', { name: t(`terms.${term.name}`) });
    seen.add(term.name);
  });
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.startDate <= prev.endDate) {
      fields[`terms.${cur.index}.startDate`] = t('validation.termOverlap', { other: t(`terms.${prev.name}`) });
    }
  }
  if (Object.keys(fields).length) throw new AppFailure('invalid_input', t('errors.invalidInput'), fields);
  const schoolId = await owningSchool(ctx);
  const repo = ctx.em.getRepository(TermEntity);
  await repo.delete({ schoolId, academicYear });
  const rows = terms.map((term) => repo.create({ id: randomUUID(), schoolId, academicYear, ...term }));
  if (rows.length) await repo.insert(rows);
  return rows.sort(termOrder).map(termView);
}

export const termsReplaceYear: ServiceFn<'terms.replaceYear'> = async (ctx, input) => {
  const out = await replaceTerms(ctx, input.academicYear, input.terms);
  ctx.auditDetail({ academicYear: input.academicYear, terms: out.length });
  return out;
};

export const usersList: ServiceFn<'users.list'> = async (ctx) => {
  // The acting user's own school's staff (a trust's server: electron/core/scope.ts).
  const rows = await ctx.em.getRepository(UserEntity).find({ where: schoolWhere(ctx), order: { displayName: 'ASC' } });
  const classes = await classesByUser(ctx.em);
  return rows.map((u) => userView(u, classes.get(u.id) ?? []));
};

export const usersCreate: ServiceFn<'users.create'> = async (ctx, input) => {
  // A school's SENCo cannot make an account that sees figures across the trust's schools.
  if (input.role === 'trust_lead' && ctx.actor.kind !== 'system')
    throw new AppFailure('invalid_input', t('tenancy.trustLeadByIt'), { role: t('tenancy.trustLeadByIt') });
  const u = await createUser(ctx, input);
  ctx.auditDetail({ username: u.username, role: u.role });
  return userView(u);
};

export const usersSetActive: ServiceFn<'users.setActive'> = async (ctx, input) => {
  const repo = ctx.em.getRepository(UserEntity);
  const u = ownRecord(ctx, await repo.findOne({ where: { id: input.id } }), t('things.user'));
  if (!u) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.user') }));
  await repo.update(u.id, { active: input.active });
  if (!input.active) await ctx.signIns.endUser(u.id);
  // A disabled user's password must no longer open an encrypted database. (Enabled again, they get a new copy when
  // they next sign in while the database is open.)
  if (!input.active) ctx.keys?.revoke(u.id);
  ctx.auditDetail({ username: u.username, active: input.active });
  return userViewOf(ctx.em, { ...u, active: input.active });
};

async function findUser(ctx: ServiceContext, id: string): Promise<UserEntity> {
  const u = ownRecord(ctx, await ctx.em.getRepository(UserEntity).findOne({ where: { id } }), t('things.user'));
  if (!u) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.user') }));
  return u;
}

/**
 * A SENCo resets a forgotten password: the lockout is cleared, the user's sessions end, their copy of the database
 * key is wrapped again under the new password, and they must choose their own when they next sign in.
 */
export const usersResetPassword: ServiceFn<'users.resetPassword'> = async (ctx, input) => {
  const u = await findUser(ctx, input.id);
  if (ctx.actor.kind === 'user' && ctx.actor.userId === u.id) throw new AppFailure('invalid_input', t('errors.resetOwnPassword'));
  if (!u.active) throw new AppFailure('invalid_input', t('errors.userDisabled', { name: u.displayName }));
  const next = { ...u, passwordHash: await hashPassword(input.password), failedAttempts: 0, lockedUntil: null, mustChangePassword: true };
  await ctx.em.getRepository(UserEntity).update(u.id, {
    passwordHash: next.passwordHash,
    failedAttempts: 0,
    lockedUntil: null,
    mustChangePassword: true,
  });
  await ctx.signIns.endUser(u.id);
  if (ctx.keys) await ctx.keys.grant({ userId: u.id, username: u.username, password: input.password });
  // The lockout is cleared before the database is opened too (crypto/sign-in-guard.ts); best effort, as a mirror.
  try {
    ctx.keys?.signInState?.(u.username, { failures: 0, lockedUntil: null });
  } catch {
    // The next unlock says itself that the record beside the keyring cannot be written.
  }
  ctx.auditDetail({ username: u.username });
  return userViewOf(ctx.em, next);
};

export const usersSetClasses: ServiceFn<'users.setClasses'> = async (ctx, input) => {
  const u = await findUser(ctx, input.id);
  if (u.role !== 'teacher') {
    throw new AppFailure('invalid_input', t('errors.classesNotTeacher', { name: u.displayName, role: codeLabel('roles', u.role) }));
  }
  const seen = new Set<string>();
  const classes = input.classes.filter((c) => !seen.has(c.toLowerCase()) && seen.add(c.toLowerCase()));
  const repo = ctx.em.getRepository(UserClassEntity);
  await repo.delete({ userId: u.id });
  if (classes.length) await repo.insert(classes.map((className) => ({ userId: u.id, className })));
  ctx.auditDetail({ username: u.username, classes: classes.length });
  return userViewOf(ctx.em, u);
};
