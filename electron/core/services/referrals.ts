/** Referrals (with consent and a state machine), assessments with scores, and the configurable disciplines. */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AssessmentRecord, ReferralRecord } from '../../../shared/contract';
import {
  checkMove,
  DEFAULT_DISCIPLINES,
  type ConsentStatus,
  type LaCategory,
  type ReferralState,
  type ReferrerKind,
} from '../../../shared/therapy';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { actorLabel, nowIso, type ServiceFn } from '../context';
import { AssessmentEntity, DisciplineEntity, PupilEntity, ReferralEntity, ReferralEventEntity } from '../db/entities';
import { displayName } from './pupil-name';
import { inScope, owningSchool } from '../scope';

export async function requirePupil(em: EntityManager, pupilId: string): Promise<PupilEntity> {
  const p = await em.getRepository(PupilEntity).findOne({ where: { id: pupilId } });
  if (!p) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.pupil') }));
  return p;
}

/** The discipline must be one of the school's own (a pupil's records use their school's list: migration 0017). */
export async function requireDiscipline(em: EntityManager, schoolId: string, code: string, field: string): Promise<DisciplineEntity> {
  const d = await em.getRepository(DisciplineEntity).findOne({ where: { schoolId, code } });
  if (!d) throw new AppFailure('invalid_input', t('errors.invalidInput'), { [field]: t('validation.unknownDiscipline', { code }) });
  return d;
}

/**
 * A new school's therapy disciplines: the defaults (seed policy section 5), labelled as the app labels them. Setup and
 * trust.schools.add call this with the school they make; each school then changes its own list in Settings.
 */
export async function seedDisciplines(em: EntityManager, schoolId: string): Promise<void> {
  const repo = em.getRepository(DisciplineEntity);
  if ((await repo.count({ where: { schoolId } })) > 0) return;
  await repo.insert(
    DEFAULT_DISCIPLINES.map((code, position) => ({ schoolId, code, label: t(`disciplines.${code}`), active: true, position })),
  );
}

/** The caller's own school's disciplines. */
export const disciplinesList: ServiceFn<'disciplines.list'> = async (ctx) => {
  const rows = await ctx.em
    .getRepository(DisciplineEntity)
    .find({ where: { schoolId: await owningSchool(ctx) }, order: { position: 'ASC' } });
  return rows.map((r) => ({ code: r.code, label: r.label, active: r.active }));
};

/** Adds or changes one of the caller's own school's disciplines (another school of the trust keeps its own). */
export const disciplinesSave: ServiceFn<'disciplines.save'> = async (ctx, input) => {
  const schoolId = await owningSchool(ctx);
  const repo = ctx.em.getRepository(DisciplineEntity);
  const existing = await repo.findOne({ where: { schoolId, code: input.code } });
  if (existing) await repo.update({ schoolId, code: input.code }, { label: input.label, active: input.active });
  else await repo.insert({ ...input, schoolId, position: await repo.count({ where: { schoolId } }) });
  ctx.auditDetail({ code: input.code, active: input.active });
  return disciplinesList(ctx, {});
};

async function referralView(em: EntityManager, r: ReferralEntity, pupil?: PupilEntity): Promise<ReferralRecord> {
  const p = pupil ?? (await em.getRepository(PupilEntity).findOneOrFail({ where: { id: r.pupilId } }));
  const events = await em.getRepository(ReferralEventEntity).find({ where: { referralId: r.id }, order: { createdAt: 'ASC' } });
  return {
    id: r.id,
    pupilId: r.pupilId,
    pupilName: displayName(p),
    referrerKind: r.referrerKind as ReferrerKind,
    referrerName: r.referrerName,
    laCategory: r.laCategory as LaCategory | null,
    discipline: r.discipline,
    reason: r.reason,
    receivedDate: r.receivedDate,
    consentStatus: r.consentStatus as ConsentStatus,
    consentBy: r.consentBy,
    consentDate: r.consentDate,
    state: r.state as ReferralState,
    declinedReason: r.declinedReason,
    history: events.map((e) => ({
      from: e.fromState as ReferralState | null,
      to: e.toState as ReferralState,
      date: e.eventDate,
      reason: e.reason,
      by: e.createdBy,
    })),
  };
}

export const referralsList: ServiceFn<'referrals.list'> = async (ctx, input) => {
  if (input.pupilId) ctx.touchPupil(input.pupilId);
  const rows = await ctx.em.getRepository(ReferralEntity).find({
    where: { ...(input.pupilId ? { pupilId: input.pupilId } : {}), ...(input.state ? { state: input.state } : {}) },
    order: { receivedDate: 'DESC' },
    take: 500,
  });
  return Promise.all(rows.filter((r) => inScope(ctx.scope, r.pupilId)).map((r) => referralView(ctx.em, r)));
};

export const referralsSave: ServiceFn<'referrals.save'> = async (ctx, input) => {
  const pupil = await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(pupil.id);
  await requireDiscipline(ctx.em, pupil.schoolId, input.discipline, 'discipline');
  const repo = ctx.em.getRepository(ReferralEntity);
  const { id, ...fields } = input;
  const at = nowIso(ctx);
  if (id) {
    const existing = await repo.findOne({ where: { id } });
    if (!existing || existing.pupilId !== pupil.id)
      throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.referral') }));
    await repo.update(id, { ...fields, updatedAt: at });
    return referralView(ctx.em, { ...existing, ...fields, updatedAt: at }, pupil);
  }
  const row = Object.assign(new ReferralEntity(), {
    id: randomUUID(),
    ...fields,
    state: 'received',
    declinedReason: null,
    createdAt: at,
    updatedAt: at,
  });
  await repo.insert(row);
  await ctx.em.getRepository(ReferralEventEntity).insert({
    id: randomUUID(),
    referralId: row.id,
    fromState: null,
    toState: 'received',
    eventDate: input.receivedDate,
    reason: null,
    createdBy: actorLabel(ctx.actor),
    createdAt: at,
  });
  ctx.auditDetail({ referralId: row.id, discipline: row.discipline });
  return referralView(ctx.em, row, pupil);
};

/** Moves a referral through its states, refusing moves the policy does not allow (see REFERRAL_MOVES). */
export const referralsMove: ServiceFn<'referrals.move'> = async (ctx, input) => {
  const repo = ctx.em.getRepository(ReferralEntity);
  const r = await repo.findOne({ where: { id: input.id } });
  if (!r) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.referral') }));
  ctx.touchPupil(r.pupilId);
  const from = r.state as ReferralState;
  const problem = checkMove(from, input.to, r.consentStatus as ConsentStatus, input.reason);
  if (problem) {
    switch (problem.kind) {
      case 'not_allowed': {
        const state = (s: ReferralState) => t(`referralStates.${s}`);
        const message = problem.allowed.length
          ? t('validation.illegalMove', { from: state(from), to: state(input.to), allowed: problem.allowed.map(state).join(', ') })
          : t('validation.illegalMoveNone', { from: state(from) });
        throw new AppFailure('invalid_input', message, { to: message });
      }
      case 'consent_needed':
        throw new AppFailure('invalid_input', t('validation.consentNeeded'), { to: t('validation.consentNeeded') });
      case 'reason_needed':
        throw new AppFailure('invalid_input', t('validation.declineReason'), { reason: t('validation.declineReason') });
    }
  }
  if (input.date < r.receivedDate) {
    throw new AppFailure('invalid_input', t('errors.invalidInput'), { date: t('validation.dateBefore', { date: r.receivedDate }) });
  }
  const at = nowIso(ctx);
  await repo.update(r.id, { state: input.to, declinedReason: input.to === 'declined' ? input.reason : r.declinedReason, updatedAt: at });
  await ctx.em.getRepository(ReferralEventEntity).insert({
    id: randomUUID(),
    referralId: r.id,
    fromState: from,
    toState: input.to,
    eventDate: input.date,
    reason: input.reason,
    createdBy: actorLabel(ctx.actor),
    createdAt: at,
  });
  ctx.auditDetail({ referralId: r.id, from, to: input.to });
  return referralView(ctx.em, { ...r, state: input.to, declinedReason: input.to === 'declined' ? input.reason : r.declinedReason });
};

function assessmentView(a: AssessmentEntity): AssessmentRecord {
  return {
    id: a.id,
    pupilId: a.pupilId,
    referralId: a.referralId,
    kind: a.kind as AssessmentRecord['kind'],
    discipline: a.discipline,
    assessorName: a.assessorName,
    date: a.date,
    needLevel: a.needLevel as AssessmentRecord['needLevel'],
    notes: a.notes,
    scores: JSON.parse(a.scoresJson) as AssessmentRecord['scores'],
    thrive: JSON.parse(a.thriveJson) as AssessmentRecord['thrive'],
  };
}

export const assessmentsList: ServiceFn<'assessments.list'> = async (ctx, input) => {
  ctx.touchPupil(input.pupilId);
  const rows = await ctx.em.getRepository(AssessmentEntity).find({ where: { pupilId: input.pupilId }, order: { date: 'DESC' } });
  return rows.map(assessmentView);
};

/** Records an assessment; an initial assessment linked to a booked referral moves it to "assessed". */
export const assessmentsSave: ServiceFn<'assessments.save'> = async (ctx, input) => {
  const pupil = await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(pupil.id);
  await requireDiscipline(ctx.em, pupil.schoolId, input.discipline, 'discipline');
  const repo = ctx.em.getRepository(AssessmentEntity);
  const { id, scores, thrive, ...fields } = input;
  const at = nowIso(ctx);
  const data = { ...fields, scoresJson: JSON.stringify(scores), thriveJson: JSON.stringify(thrive), updatedAt: at };
  if (input.referralId) {
    const ref = await ctx.em.getRepository(ReferralEntity).findOne({ where: { id: input.referralId } });
    if (!ref || ref.pupilId !== pupil.id)
      throw new AppFailure('invalid_input', t('errors.invalidInput'), {
        referralId: t('errors.notFound', { thing: t('things.referral') }),
      });
    if (!id && input.kind === 'initial' && ref.state === 'assessment_booked') {
      await referralsMove(ctx, { id: ref.id, to: 'assessed', date: input.date, reason: null });
    }
  }
  if (id) {
    const existing = await repo.findOne({ where: { id } });
    if (!existing || existing.pupilId !== pupil.id)
      throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.assessment') }));
    await repo.update(id, data);
    return assessmentView({ ...existing, ...data });
  }
  const row = Object.assign(new AssessmentEntity(), { id: randomUUID(), ...data, createdAt: at });
  await repo.insert(row);
  ctx.auditDetail({ assessmentId: row.id, kind: row.kind, discipline: row.discipline });
  return assessmentView(row);
};
