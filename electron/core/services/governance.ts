/**
 * Complaints and feedback, the governors' report, and school policies with their review dates
 * (shared/contract/governance.ts). Working days for the complaint timescales are weekdays: complaints are
 * answered in the school holidays too, so term dates do not stop the clock.
 */
import { randomUUID } from 'node:crypto';
import { addDays, addWeekdays, weekdaysBetween } from '../../../shared/date-only';
import type { FeedbackRecord, GovernorsReport, PolicyRecord } from '../../../shared/contract';
import { ACKNOWLEDGE_WORKING_DAYS, RESPOND_WORKING_DAYS } from '../../../shared/contract';
import { todayIso } from '../../../shared/dates';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { actorLabel, nowIso, type ServiceContext, type ServiceFn } from '../context';
import { FeedbackEntity, PupilEntity, SchoolPolicyEntity } from '../db/entities';
import { displayName } from './pupil-name';
import { requirePupil } from './referrals';
import { owningSchool, ownRecord, schoolWhere } from '../scope';

// Working days for complaints are weekdays (shared/date-only.ts), exported by the names the complaint rules have had.
export { addWeekdays as addWorkingDays, weekdaysBetween as workingDaysBetween } from '../../../shared/date-only';

function feedbackView(f: FeedbackEntity, pupilName: string | null, today: string): FeedbackRecord {
  const complaint = f.kind === 'complaint';
  const status: FeedbackRecord['status'] = !complaint
    ? 'logged'
    : f.closedDate
      ? 'closed'
      : f.escalatedDate
        ? 'escalated'
        : f.respondedDate
          ? 'responded'
          : f.acknowledgedDate
            ? 'acknowledged'
            : 'received';
  const acknowledgeBy = complaint ? addWeekdays(f.receivedDate, ACKNOWLEDGE_WORKING_DAYS) : null;
  const respondBy = complaint ? addWeekdays(f.receivedDate, RESPOND_WORKING_DAYS) : null;
  const late =
    complaint &&
    ((f.acknowledgedDate ?? today) > acknowledgeBy! || (!f.closedDate && !f.escalatedDate && (f.respondedDate ?? today) > respondBy!));
  return {
    id: f.id,
    kind: f.kind as FeedbackRecord['kind'],
    source: f.source as FeedbackRecord['source'],
    fromName: f.fromName,
    pupilId: f.pupilId,
    pupilName,
    receivedDate: f.receivedDate,
    summary: f.summary,
    sentiment: f.sentiment as FeedbackRecord['sentiment'],
    stage: f.stage as FeedbackRecord['stage'],
    acknowledgedDate: f.acknowledgedDate,
    respondedDate: f.respondedDate,
    escalatedDate: f.escalatedDate,
    closedDate: f.closedDate,
    outcome: f.outcome,
    status,
    acknowledgeBy,
    respondBy,
    late,
    recordedBy: f.recordedBy,
  };
}

async function feedbackViews(ctx: ServiceContext, rows: FeedbackEntity[]): Promise<FeedbackRecord[]> {
  const ids = [...new Set(rows.map((r) => r.pupilId).filter((x): x is string => x !== null))];
  const pupils = ids.length ? await ctx.em.getRepository(PupilEntity).findBy(ids.map((id) => ({ id }))) : [];
  const names = new Map(pupils.map((p) => [p.id, displayName(p)]));
  const today = todayIso(ctx.now);
  return rows.map((r) => feedbackView(r, r.pupilId ? (names.get(r.pupilId) ?? null) : null, today));
}

export const feedbackList: ServiceFn<'feedback.list'> = async (ctx, input) => {
  // The school's own feedback (a trust's server: electron/core/scope.ts).
  const rows = await ctx.em.getRepository(FeedbackEntity).find({
    where: input.kind ? { kind: input.kind, ...schoolWhere(ctx) } : schoolWhere(ctx),
    order: { receivedDate: 'DESC', createdAt: 'DESC' },
    take: 5000,
  });
  const all = await feedbackViews(ctx, rows);
  const out = input.openOnly ? all.filter((f) => f.status !== 'closed' && f.status !== 'logged') : all;
  ctx.auditDetail({ listed: out.length });
  return out;
};

export const feedbackSave: ServiceFn<'feedback.save'> = async (ctx, input) => {
  const today = todayIso(ctx.now);
  for (const k of ['receivedDate', 'acknowledgedDate', 'respondedDate', 'escalatedDate', 'closedDate'] as const) {
    if (input[k] !== null && input[k]! > today) {
      const message = t('validation.dateInFuture');
      throw new AppFailure('invalid_input', message, { [k]: message });
    }
  }
  if (input.pupilId) {
    await requirePupil(ctx.em, input.pupilId);
    ctx.touchPupil(input.pupilId);
  }
  const repo = ctx.em.getRepository(FeedbackEntity);
  const at = nowIso(ctx);
  const { id: _id, ...fields } = input;
  let row: FeedbackEntity;
  if (input.id) {
    const existing = ownRecord(ctx, await repo.findOne({ where: { id: input.id } }), t('things.feedback'));
    if (!existing) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.feedback') }));
    if (existing.pupilId) ctx.touchPupil(existing.pupilId);
    if (existing.kind !== input.kind) {
      const message = t('validation.feedbackKindFixed');
      throw new AppFailure('invalid_input', message, { kind: message });
    }
    row = { ...existing, ...fields, updatedAt: at };
    await repo.update(existing.id, { ...fields, updatedAt: at });
  } else {
    row = {
      ...fields,
      id: randomUUID(),
      schoolId: await owningSchool(ctx),
      recordedBy: actorLabel(ctx.actor),
      createdAt: at,
      updatedAt: at,
    };
    await repo.insert(row);
  }
  ctx.auditDetail({ kind: row.kind, source: row.source, stage: row.stage });
  return (await feedbackViews(ctx, [row]))[0]!;
};

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const countBy = <T>(xs: readonly T[], key: (x: T) => string | null) =>
  xs.reduce<Record<string, number>>((acc, x) => {
    const k = key(x) ?? 'not_recorded';
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

/** For governors: counts and timescales only, no names or summaries. */
export const feedbackReport: ServiceFn<'feedback.report'> = async (ctx, input) => {
  const rows = (await ctx.em.getRepository(FeedbackEntity).find({ where: schoolWhere(ctx) })).filter(
    (f) => f.receivedDate >= input.from && f.receivedDate <= input.to,
  );
  const views = await feedbackViews(ctx, rows);
  const feedback = views.filter((f) => f.kind === 'feedback');
  const complaints = views.filter((f) => f.kind === 'complaint');
  const report: GovernorsReport = {
    from: input.from,
    to: input.to,
    feedback: { total: feedback.length, bySource: countBy(feedback, (f) => f.source), bySentiment: countBy(feedback, (f) => f.sentiment) },
    complaints: {
      total: complaints.length,
      bySource: countBy(complaints, (f) => f.source),
      resolvedAtSenco: complaints.filter((c) => c.closedDate && !c.escalatedDate).length,
      escalated: complaints.filter((c) => c.escalatedDate).length,
      open: complaints.filter((c) => !c.closedDate).length,
      closed: complaints.filter((c) => c.closedDate).length,
      medianDaysToAcknowledge: median(
        complaints.filter((c) => c.acknowledgedDate).map((c) => weekdaysBetween(c.receivedDate, c.acknowledgedDate!)),
      ),
      medianDaysToRespond: median(complaints.filter((c) => c.respondedDate).map((c) => weekdaysBetween(c.receivedDate, c.respondedDate!))),
      acknowledgedLate: complaints.filter((c) => c.acknowledgedDate && c.acknowledgedDate > c.acknowledgeBy!).length,
    },
  };
  return report;
};

export const POLICY_DUE_SOON_DAYS = 60;

function policyView(p: SchoolPolicyEntity, today: string): PolicyRecord {
  const soon = addDays(today, POLICY_DUE_SOON_DAYS);
  return {
    id: p.id,
    title: p.title,
    holder: p.holder,
    approvedBy: p.approvedBy,
    approvedDate: p.approvedDate,
    nextReviewDate: p.nextReviewDate,
    state: p.nextReviewDate < today ? 'overdue' : p.nextReviewDate <= soon ? 'due_soon' : 'ok',
  };
}

export const policiesList: ServiceFn<'policies.list'> = async (ctx) => {
  const today = todayIso(ctx.now);
  return (await ctx.em.getRepository(SchoolPolicyEntity).find({ where: schoolWhere(ctx), order: { nextReviewDate: 'ASC' } })).map((p) =>
    policyView(p, today),
  );
};

export const policiesSave: ServiceFn<'policies.save'> = async (ctx, input) => {
  const repo = ctx.em.getRepository(SchoolPolicyEntity);
  const at = nowIso(ctx);
  const { id: _id, ...fields } = input;
  let row: SchoolPolicyEntity;
  if (input.id) {
    const existing = ownRecord(ctx, await repo.findOne({ where: { id: input.id } }), t('things.policy'));
    if (!existing) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.policy') }));
    row = { ...existing, ...fields, updatedAt: at };
    await repo.update(existing.id, { ...fields, updatedAt: at });
  } else {
    row = { ...fields, id: randomUUID(), schoolId: await owningSchool(ctx), createdAt: at, updatedAt: at };
    await repo.insert(row);
  }
  ctx.auditDetail({ title: row.title, nextReviewDate: row.nextReviewDate });
  return policyView(row, todayIso(ctx.now));
};
