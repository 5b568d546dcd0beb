/**
 * The statutory records that feed the clocks (`ehcp.reviews.*`, `ehcp.requests.*`, `pupils.markNeedsIdentified`): the dated steps
 * of an EHC plan's annual review, assessment requests, needs identified after joining. Not the review meetings
 * themselves (`reviews.*`, services/reviews.ts).
 */
import { randomUUID } from 'node:crypto';
import type { RequestRecord, ReviewRecord } from '../../../shared/contract';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { nowIso, type ServiceFn } from '../context';
import { EhcAssessmentRequestEntity, EhcPlanEntity, EhcpReviewEntity, PupilEntity } from '../db/entities';
import { requirePupil } from './referrals';
import { requireOwnStaff } from '../scope';
import { refuseHeldInFuture } from './reviews';

function reviewView(r: EhcpReviewEntity): ReviewRecord {
  return {
    id: r.id,
    planId: r.planId,
    meetingDate: r.meetingDate,
    held: r.held,
    invitationsSentDate: r.invitationsSentDate,
    adviceCirculatedDate: r.adviceCirculatedDate,
    reportSentDate: r.reportSentDate,
    laDecisionDate: r.laDecisionDate,
    laDecision: r.laDecision as ReviewRecord['laDecision'],
    amendedFinalDate: r.amendedFinalDate,
  };
}

function requestView(r: EhcAssessmentRequestEntity): RequestRecord {
  return {
    id: r.id,
    pupilId: r.pupilId,
    localAuthority: r.localAuthority,
    ownerId: r.ownerId,
    requestDate: r.requestDate,
    decisionDate: r.decisionDate,
    decision: r.decision as RequestRecord['decision'],
    issueDecision: r.issueDecision as RequestRecord['issueDecision'],
    issueDecisionDate: r.issueDecisionDate,
    finalPlanDate: r.finalPlanDate,
    withdrawnDate: r.withdrawnDate,
  };
}

async function planOf(em: Parameters<ServiceFn<'ehcp.reviews.list'>>[0]['em'], planId: string): Promise<EhcPlanEntity> {
  const plan = await em.getRepository(EhcPlanEntity).findOne({ where: { id: planId } });
  if (!plan) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.plan') }));
  return plan;
}

export const ehcpReviewsList: ServiceFn<'ehcp.reviews.list'> = async (ctx, input) => {
  const plan = await planOf(ctx.em, input.planId);
  ctx.touchPupil(plan.pupilId);
  const rows = await ctx.em.getRepository(EhcpReviewEntity).find({ where: { planId: plan.id }, order: { meetingDate: 'DESC' } });
  return rows.map(reviewView);
};

export const ehcpReviewsSave: ServiceFn<'ehcp.reviews.save'> = async (ctx, input) => {
  const plan = await planOf(ctx.em, input.planId);
  ctx.touchPupil(plan.pupilId);
  const repo = ctx.em.getRepository(EhcpReviewEntity);
  const { id, ...fields } = input;
  const at = nowIso(ctx);
  const existing = id ? await repo.findOne({ where: { id } }) : null;
  if (id && (!existing || existing.planId !== plan.id))
    throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.review') }));
  // A meeting is recorded as held once it has happened: a held date in the future would stop the annual review clock
  // early (services/reviews.ts refuses the same). One already stored as held on the same date can still be edited.
  if (input.held && !(existing?.held && existing.meetingDate === input.meetingDate))
    refuseHeldInFuture(ctx, input.meetingDate, 'meetingDate');
  if (id && existing) {
    await repo.update(id, { ...fields, updatedAt: at });
    ctx.auditDetail({ reviewId: id });
    return reviewView({ ...existing, ...fields, updatedAt: at });
  }
  const row = Object.assign(new EhcpReviewEntity(), { id: randomUUID(), ...fields, createdAt: at, updatedAt: at });
  await repo.insert(row);
  ctx.auditDetail({ reviewId: row.id });
  return reviewView(row);
};

export const ehcpRequestsList: ServiceFn<'ehcp.requests.list'> = async (ctx, input) => {
  await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  const rows = await ctx.em
    .getRepository(EhcAssessmentRequestEntity)
    .find({ where: { pupilId: input.pupilId }, order: { requestDate: 'DESC' } });
  return rows.map(requestView);
};

export const ehcpRequestsSave: ServiceFn<'ehcp.requests.save'> = async (ctx, input) => {
  await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(input.pupilId);
  await requireOwnStaff(ctx, input.ownerId, 'ownerId');
  const repo = ctx.em.getRepository(EhcAssessmentRequestEntity);
  const { id, ...fields } = input;
  const at = nowIso(ctx);
  if (id) {
    const existing = await repo.findOne({ where: { id } });
    if (!existing || existing.pupilId !== input.pupilId)
      throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.request') }));
    await repo.update(id, { ...fields, updatedAt: at });
    return requestView({ ...existing, ...fields, updatedAt: at });
  }
  const row = Object.assign(new EhcAssessmentRequestEntity(), { id: randomUUID(), ...fields, createdAt: at, updatedAt: at });
  await repo.insert(row);
  return requestView(row);
};

export const markNeedsIdentified: ServiceFn<'pupils.markNeedsIdentified'> = async (ctx, input) => {
  const p = await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(p.id);
  if (input.date && input.date < p.dateJoined) {
    throw new AppFailure('invalid_input', t('errors.invalidInput'), { date: t('validation.dateBefore', { date: p.dateJoined }) });
  }
  await ctx.em.getRepository(PupilEntity).update(p.id, { needsIdentifiedOn: input.date, updatedAt: nowIso(ctx) });
  return { needsIdentifiedOn: input.date };
};
