/** Provider placements (alternative provision): two school terms from the term dates, a midpoint, extensions. */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PlacementRecord } from '../../../shared/contract';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { nowIso, type ServiceFn } from '../context';
import { CalendarDayEntity, PlacementEntity, TermEntity } from '../db/entities';
import { placementDates, type PlacementDates } from '../clocks';
import { requirePupil } from './referrals';
import { todayIso } from '../../../shared/dates';
import { owningSchool } from '../scope';
import { pupilSchoolId } from '../school-settings';

/** Two terms of the given school's calendar (the pupil's school, or for a preview the caller's: migration 0017). */
export async function computePlacementDates(em: EntityManager, schoolId: string, startDate: string): Promise<PlacementDates> {
  const [terms, days] = await Promise.all([
    em.getRepository(TermEntity).find({ where: { schoolId } }),
    em.getRepository(CalendarDayEntity).find({ where: { schoolId } }),
  ]);
  return placementDates(
    startDate,
    terms,
    days.map((d) => ({ date: d.date, kind: d.kind as 'inset', name: d.name })),
  );
}

async function placementView(em: EntityManager, schoolId: string, p: PlacementEntity): Promise<PlacementRecord> {
  const dates = await computePlacementDates(em, schoolId, p.startDate);
  return {
    id: p.id,
    pupilId: p.pupilId,
    commissioningLa: p.commissioningLa,
    laCategory: p.laCategory as PlacementRecord['laCategory'],
    homeSchoolName: p.homeSchoolName,
    homeSchoolUrn: p.homeSchoolUrn,
    startDate: p.startDate,
    staffingRatio: p.staffingRatio as PlacementRecord['staffingRatio'],
    extensionStatus: p.extensionStatus as PlacementRecord['extensionStatus'],
    extensionRequestedDate: p.extensionRequestedDate,
    extensionEndDate: p.extensionEndDate,
    extensionFundingSource: p.extensionFundingSource,
    extensionFundingPence: p.extensionFundingPence === null ? null : Number(p.extensionFundingPence),
    extensionFundingApprovedBy: p.extensionFundingApprovedBy,
    extensionFundingApprovedDate: p.extensionFundingApprovedDate,
    closurePlan: p.closurePlan,
    closedDate: p.closedDate,
    plannedEndDate: dates.plannedEndDate,
    midpointDate: dates.midpointDate,
    calendarGap: dates.calendarGap,
  };
}

export const placementsListForPupil: ServiceFn<'placements.listForPupil'> = async (ctx, input) => {
  ctx.touchPupil(input.pupilId);
  const rows = await ctx.em.getRepository(PlacementEntity).find({ where: { pupilId: input.pupilId }, order: { startDate: 'DESC' } });
  if (!rows.length) return [];
  const schoolId = await pupilSchoolId(ctx.em, input.pupilId);
  return Promise.all(rows.map((r) => placementView(ctx.em, schoolId, r)));
};

export const placementsSave: ServiceFn<'placements.save'> = async (ctx, input) => {
  const { schoolId } = await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  const dates = await computePlacementDates(ctx.em, schoolId, input.startDate);
  if (input.extensionEndDate && input.extensionEndDate <= dates.plannedEndDate) {
    throw new AppFailure('invalid_input', t('errors.invalidInput'), {
      extensionEndDate: t('validation.dateBefore', { date: dates.plannedEndDate }),
    });
  }
  // The funding of an agreed extension (the contract requires it with status "approved") is approved by now, not later.
  if (input.extensionFundingApprovedDate && input.extensionFundingApprovedDate > todayIso(ctx.now)) {
    const message = t('therapyRules.validation.fundingInFuture');
    throw new AppFailure('invalid_input', `${t('errors.invalidInput')} ${message}`, { extensionFundingApprovedDate: message });
  }
  const repo = ctx.em.getRepository(PlacementEntity);
  const { id, ...fields } = input;
  const at = nowIso(ctx);
  if (id) {
    const existing = await repo.findOne({ where: { id } });
    if (!existing || existing.pupilId !== input.pupilId)
      throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.placement') }));
    await repo.update(id, { ...fields, updatedAt: at });
    return placementView(ctx.em, schoolId, { ...existing, ...fields, updatedAt: at });
  }
  const row = Object.assign(new PlacementEntity(), { id: randomUUID(), ...fields, createdAt: at, updatedAt: at });
  await repo.insert(row);
  ctx.auditDetail({ placementId: row.id });
  return placementView(ctx.em, schoolId, row);
};

/** A placement not yet saved (no pupil chosen): the caller's school's terms. */
export const placementsPreview: ServiceFn<'placements.preview'> = async (ctx, input) => {
  const d = await computePlacementDates(ctx.em, await owningSchool(ctx), input.startDate);
  return { plannedEndDate: d.plannedEndDate, midpointDate: d.midpointDate, calendarGap: d.calendarGap };
};
