/**
 * Phase transfers (SEND Regulations 2014 reg. 18): the move to the next phase of education the SENCo records on a
 * pupil's EHC plan page. One per pupil: recording again replaces it; clearing removes it. The phase-transfer clock
 * and the annual review brought forward for it (electron/core/clocks/compute.ts) read this record, never the
 * year group: a Year 6 pupil in an all-through school does not transfer.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PhaseTransfer } from '../../../shared/contract';
import { phaseTransferClock, type PhaseTransferKind } from '../../../shared/clock-types';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { actorLabel, nowIso, type ServiceFn } from '../context';
import { EhcPlanEntity, PupilTransferEntity } from '../db/entities';
import { latestTransferReview, transferDeadline, type ClockKey, type ClockRule } from '../clocks';
import { loadCalendarAndRules } from './clocks';
import { requirePupil } from './referrals';
import { pupilSchoolId } from '../school-settings';

async function view(em: EntityManager, row: PupilTransferEntity): Promise<PhaseTransfer> {
  // The pupil's own school's calendar and clock rules (a trust's schools each have their own: migration 0017).
  const { calendar, rules } = await loadCalendarAndRules(em, await pupilSchoolId(em, row.pupilId));
  const kind = row.kind as PhaseTransferKind;
  const byKey = new Map<ClockKey, ClockRule>(rules.map((r) => [r.key, r]));
  const deadline = transferDeadline({ kind, transferDate: row.transferDate }, byKey.get(phaseTransferClock(kind)));
  return {
    pupilId: row.pupilId,
    kind,
    transferDate: row.transferDate,
    nextSetting: row.nextSetting,
    deadline,
    latestReview: latestTransferReview(deadline, byKey, calendar),
    recordedBy: row.recordedBy,
    updatedAt: row.updatedAt,
  };
}

export const transferGet: ServiceFn<'ehcp.transfer.get'> = async (ctx, input) => {
  await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  const row = await ctx.em.getRepository(PupilTransferEntity).findOne({ where: { pupilId: input.pupilId } });
  return row ? view(ctx.em, row) : null;
};

export const transferRecord: ServiceFn<'ehcp.transfer.record'> = async (ctx, input) => {
  await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  // Reg. 18 is about the EHC plan: the transfer is recorded on the pupil's plan page, so there must be a plan.
  const plans = await ctx.em.getRepository(EhcPlanEntity).count({ where: { pupilId: input.pupilId } });
  if (plans === 0) throw new AppFailure('invalid_input', t('transfers.errors.noPlan'), { pupilId: t('transfers.errors.noPlan') });
  const repo = ctx.em.getRepository(PupilTransferEntity);
  const at = nowIso(ctx);
  const fields = {
    kind: input.kind,
    transferDate: input.transferDate,
    nextSetting: input.nextSetting,
    recordedBy: actorLabel(ctx.actor),
    updatedAt: at,
  };
  const existing = await repo.findOne({ where: { pupilId: input.pupilId } });
  if (existing) await repo.update(existing.id, fields);
  else await repo.insert({ id: randomUUID(), pupilId: input.pupilId, ...fields, createdAt: at });
  ctx.auditDetail({ kind: input.kind, transferDate: input.transferDate, replaced: existing !== null });
  return view(ctx.em, await repo.findOneOrFail({ where: { pupilId: input.pupilId } }));
};

export const transferClear: ServiceFn<'ehcp.transfer.clear'> = async (ctx, input) => {
  await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  const repo = ctx.em.getRepository(PupilTransferEntity);
  const existing = await repo.findOne({ where: { pupilId: input.pupilId } });
  if (!existing) throw new AppFailure('not_found', t('transfers.errors.none'));
  await repo.delete({ id: existing.id });
  ctx.auditDetail({ kind: existing.kind, transferDate: existing.transferDate });
  return { cleared: true };
};
