/**
 * Caseload allocations: the SENCo or therapy lead allocates a therapist to a pupil (audited). A therapist's scope
 * (their own caseload, electron/core/scope.ts) is exactly the pupils allocated to them; a session can only be booked
 * for a therapist and a pupil allocated to each other (sessions.ts `requireAllocations`).
 */
import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import type { Allocation } from '../../../shared/contract';
import { codeLabel, t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { actorLabel, nowIso, type ServiceContext, type ServiceFn } from '../context';
import { CaseloadAllocationEntity, UserEntity } from '../db/entities';
import { formatLongDate } from '../../../shared/dates';
import { requireDiscipline, requirePupil } from './referrals';
import { ownRecord } from '../scope';

function view(a: CaseloadAllocationEntity, name: string): Allocation {
  return {
    id: a.id,
    pupilId: a.pupilId,
    userId: a.userId,
    practitionerName: name,
    discipline: a.discipline,
    startDate: a.startDate,
    endDate: a.endDate,
  };
}

async function namesOf(ctx: ServiceContext): Promise<Map<string, string>> {
  const users = await ctx.em.getRepository(UserEntity).find({ select: { id: true, displayName: true } });
  // Names only, for allocations of pupils already in scope (their therapists are of the pupil's school).
  return new Map(users.map((u) => [u.id, u.displayName]));
}

export const allocationsList: ServiceFn<'caseload.allocations'> = async (ctx, input) => {
  await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  const rows = await ctx.em.getRepository(CaseloadAllocationEntity).find({ where: { pupilId: input.pupilId } });
  const names = await namesOf(ctx);
  return rows
    .sort((a, b) => Number(a.endDate !== null) - Number(b.endDate !== null) || b.startDate.localeCompare(a.startDate))
    .map((a) => view(a, names.get(a.userId) ?? '?'));
};

export const allocate: ServiceFn<'caseload.allocate'> = async (ctx, input) => {
  const pupil = await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  const user = ownRecord(ctx, await ctx.em.getRepository(UserEntity).findOne({ where: { id: input.userId } }), t('things.user'));
  if (!user) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.user') }));
  // A therapist works with their own school's pupils (a trust's server: electron/core/scope.ts).
  if (user.schoolId !== pupil.schoolId)
    throw new AppFailure('invalid_input', t('tenancy.userOtherSchool'), { userId: t('tenancy.userOtherSchool') });
  if (user.role !== 'therapist' && user.role !== 'therapy_lead') {
    const message = t('errors.notATherapist', { name: user.displayName, role: codeLabel('roles', user.role) });
    throw new AppFailure('invalid_input', message, { userId: message });
  }
  if (!user.active) {
    const message = t('errors.userDisabled', { name: user.displayName });
    throw new AppFailure('invalid_input', message, { userId: message });
  }
  // One of the pupil's school's disciplines (migration 0017).
  const discipline = input.discipline ? await requireDiscipline(ctx.em, pupil.schoolId, input.discipline, 'discipline') : null;
  const repo = ctx.em.getRepository(CaseloadAllocationEntity);
  const open = await repo.findOne({
    where: { pupilId: input.pupilId, userId: input.userId, discipline: input.discipline ?? IsNull(), endDate: IsNull() },
  });
  if (open) {
    const label = discipline?.label ?? null;
    const message = t('errors.alreadyAllocated', { name: user.displayName, discipline: label ? ` (${label})` : '' });
    throw new AppFailure('conflict', message, { userId: message });
  }
  const row = repo.create({
    id: randomUUID(),
    pupilId: input.pupilId,
    userId: input.userId,
    discipline: input.discipline ?? null,
    startDate: input.startDate,
    endDate: null,
    createdBy: actorLabel(ctx.actor),
    createdAt: nowIso(ctx),
  });
  await repo.insert(row);
  ctx.auditDetail({ practitioner: user.username, discipline: row.discipline });
  return view(row, user.displayName);
};

export const endAllocation: ServiceFn<'caseload.endAllocation'> = async (ctx, input) => {
  const repo = ctx.em.getRepository(CaseloadAllocationEntity);
  const a = await repo.findOne({ where: { id: input.id } });
  if (!a) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.allocation') }));
  ctx.touchPupil(a.pupilId);
  if (input.endDate < a.startDate) {
    const message = t('errors.allocationEndBeforeStart', { date: formatLongDate(a.startDate) });
    throw new AppFailure('invalid_input', message, { endDate: message });
  }
  await repo.update(a.id, { endDate: input.endDate });
  const names = await namesOf(ctx);
  ctx.auditDetail({ endDate: input.endDate });
  return view({ ...a, endDate: input.endDate }, names.get(a.userId) ?? '?');
};
