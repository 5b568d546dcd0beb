/**
 * The safeguarding hand-off (shared/contract/safeguarding.ts). The concern's text is returned only to the DSL and
 * to the person who raised it; the audit trail names the concern, never its text or the pupil (the audit view is
 * read by people who must not learn of a concern from it).
 */
import { randomUUID } from 'node:crypto';
import { weekdayOnOrAfter } from '../../../shared/date-only';
import type { Concern, ConcernAlerts } from '../../../shared/contract';
import { codeLabel, t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { londonLocal } from '../../../shared/dates';
import { actorLabel, nowIso, type ServiceContext, type ServiceFn } from '../context';
import { PupilEntity, SafeguardingConcernEntity } from '../db/entities';
import { displayName } from './pupil-name';
import { requirePupil } from './referrals';
import { schoolFilter } from '../scope';

/**
 * The end of the working day a concern must be acknowledged by (local time, "yyyy-MM-ddTHH:mm"): the day it was
 * raised when that is a weekday, else the next weekday. Safeguarding does not stop in the school holidays, so
 * working days are weekdays, not term days.
 */
export function acknowledgeBy(raisedLocal: string): string {
  return `${weekdayOnOrAfter(raisedLocal.slice(0, 10))}T23:59`;
}

const isDsl = (ctx: ServiceContext) => ctx.actor.kind !== 'anonymous' && ctx.actor.role === 'dsl';
const myId = (ctx: ServiceContext) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

function view(ctx: ServiceContext, c: SafeguardingConcernEntity, pupil: PupilEntity | undefined): Concern {
  const mayRead = isDsl(ctx) || (c.raisedByUserId !== null && c.raisedByUserId === myId(ctx));
  return {
    id: c.id,
    pupilId: c.pupilId,
    pupilName: pupil ? displayName(pupil) : '?',
    yearGroup: pupil?.yearGroup ?? '',
    raisedBy: c.raisedBy,
    raisedByUserId: c.raisedByUserId,
    raisedAt: c.raisedAt,
    happenedAt: c.happenedAt,
    status: c.status as Concern['status'],
    what: mayRead ? c.what : null,
    childWords: mayRead ? c.childWords : null,
    acknowledgedAt: c.acknowledgedAt,
    acknowledgedBy: c.acknowledgedBy,
    cpomsReference: c.reference ? `${c.system ?? ''} ${c.reference}`.trim() : null,
    closedAt: c.closedAt,
    closedBy: c.closedBy,
    overdue: c.status === 'raised' && londonLocal(ctx.now) > c.acknowledgeBy,
    acknowledgeBy: c.acknowledgeBy,
  };
}

async function withPupils(ctx: ServiceContext, rows: SafeguardingConcernEntity[]): Promise<Concern[]> {
  const pupils = rows.length ? await ctx.em.getRepository(PupilEntity).findBy(rows.map((r) => ({ id: r.pupilId }))) : [];
  const byId = new Map(pupils.map((p) => [p.id, p]));
  return rows.map((r) => view(ctx, r, byId.get(r.pupilId)));
}

export const concernRaise: ServiceFn<'safeguarding.raise'> = async (ctx, input) => {
  const pupil = await requirePupil(ctx.em, input.pupilId);
  const local = londonLocal(ctx.now);
  if (input.happenedAt > local) {
    const message = t('validation.concernInFuture');
    throw new AppFailure('invalid_input', message, { happenedAt: message });
  }
  const row: SafeguardingConcernEntity = {
    id: randomUUID(),
    pupilId: pupil.id,
    raisedByUserId: myId(ctx),
    raisedBy: actorLabel(ctx.actor),
    raisedAt: nowIso(ctx),
    happenedAt: input.happenedAt,
    what: input.what,
    childWords: input.childWords,
    status: 'raised',
    acknowledgeBy: acknowledgeBy(local),
    acknowledgedAt: null,
    acknowledgedBy: null,
    system: null,
    reference: null,
    closedAt: null,
    closedBy: null,
  };
  await ctx.em.getRepository(SafeguardingConcernEntity).insert(row);
  ctx.auditDetail({ concernId: row.id });
  return view(ctx, row, pupil);
};

export const concernList: ServiceFn<'safeguarding.list'> = async (ctx, input) => {
  const qb = ctx.em.getRepository(SafeguardingConcernEntity).createQueryBuilder('c').orderBy('c.raised_at', 'DESC').limit(2000);
  // Anyone but the DSL sees only the concerns they raised.
  if (!isDsl(ctx)) qb.andWhere('c.raised_by_user_id = :me', { me: myId(ctx) ?? '' });
  if (input.status) qb.andWhere('c.status = :status', { status: input.status });
  if (input.pupilId) qb.andWhere('c.pupil_id = :pupilId', { pupilId: input.pupilId });
  // The concerns about the school's own pupils (a trust's server: a concern moves with its pupil; scope.ts).
  const school = schoolFilter(ctx);
  if (school) qb.andWhere('c.pupil_id IN (SELECT p.id FROM pupil p WHERE p.school_id = :school)', { school });
  const rows = await qb.getMany();
  ctx.auditDetail({ listed: rows.length });
  return withPupils(ctx, rows);
};

export const concernAlerts: ServiceFn<'safeguarding.alerts'> = async (ctx) => {
  const school = schoolFilter(ctx);
  const open = await ctx.em.getRepository(SafeguardingConcernEntity).find({
    where: [{ status: 'raised' }, { status: 'acknowledged' }].map((w) => (school ? { ...w, pupil: { schoolId: school } } : w)),
  });
  const local = londonLocal(ctx.now);
  const raised = open.filter((c) => c.status === 'raised');
  const out: ConcernAlerts = {
    open: open.length,
    unacknowledged: raised.length,
    overdue: raised.filter((c) => local > c.acknowledgeBy).length,
    newestRaisedAt:
      raised
        .map((c) => c.raisedAt)
        .sort()
        .at(-1) ?? null,
  };
  return out;
};

async function requireConcern(ctx: ServiceContext, id: string): Promise<SafeguardingConcernEntity> {
  const c = await ctx.em.getRepository(SafeguardingConcernEntity).findOne({ where: { id } });
  if (!c) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.concern') }));
  // Only the DSL of the pupil's own school acknowledges or closes it (a trust's server: electron/core/scope.ts).
  ctx.touchPupil(c.pupilId);
  return c;
}

export const concernAcknowledge: ServiceFn<'safeguarding.acknowledge'> = async (ctx, input) => {
  const c = await requireConcern(ctx, input.id);
  if (c.status !== 'raised') throw new AppFailure('conflict', t('errors.concernAlready', { status: codeLabel('concernStatus', c.status) }));
  const next = { ...c, status: 'acknowledged', acknowledgedAt: nowIso(ctx), acknowledgedBy: actorLabel(ctx.actor) };
  await ctx.em
    .getRepository(SafeguardingConcernEntity)
    .update(c.id, { status: next.status, acknowledgedAt: next.acknowledgedAt, acknowledgedBy: next.acknowledgedBy });
  ctx.auditDetail({ concernId: c.id });
  return (await withPupils(ctx, [next]))[0]!;
};

/** Closing records where it was logged (CPOMS or the school's system) and its reference; acknowledging first if need be. */
export const concernClose: ServiceFn<'safeguarding.close'> = async (ctx, input) => {
  const c = await requireConcern(ctx, input.id);
  if (c.status === 'closed') throw new AppFailure('conflict', t('errors.concernAlready', { status: t('concernStatus.closed') }));
  const at = nowIso(ctx);
  const who = actorLabel(ctx.actor);
  const next = {
    ...c,
    status: 'closed',
    system: input.system,
    reference: input.reference,
    closedAt: at,
    closedBy: who,
    acknowledgedAt: c.acknowledgedAt ?? at,
    acknowledgedBy: c.acknowledgedBy ?? who,
  };
  await ctx.em.getRepository(SafeguardingConcernEntity).update(c.id, {
    status: next.status,
    system: next.system,
    reference: next.reference,
    closedAt: next.closedAt,
    closedBy: next.closedBy,
    acknowledgedAt: next.acknowledgedAt,
    acknowledgedBy: next.acknowledgedBy,
  });
  ctx.auditDetail({ concernId: c.id, system: input.system });
  return (await withPupils(ctx, [next]))[0]!;
};
