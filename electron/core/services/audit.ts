import type { AuditEntry } from '../../../shared/contract';
import type { ServiceFn } from '../context';
import { AuditEventEntity } from '../db/entities';

export const auditList: ServiceFn<'audit.list'> = async (ctx, input) => {
  const qb = ctx.em.getRepository(AuditEventEntity).createQueryBuilder('a');
  if (input.pupilId) qb.andWhere('a.pupil_id = :pupilId', { pupilId: input.pupilId });
  if (input.operation) qb.andWhere('a.operation = :operation', { operation: input.operation });
  if (input.from) qb.andWhere('a.at >= :from', { from: input.from });
  // `to` is a whole day: everything before the next day's midnight (timestamps are ISO strings, so this sorts).
  if (input.to) qb.andWhere('a.at < :to', { to: `${input.to}T99` });
  const pageSize = input.pageSize ?? 100;
  const [rows, total] = await qb
    .orderBy('a.seq', 'DESC')
    .skip((input.page ?? 0) * pageSize)
    .take(pageSize)
    .getManyAndCount();
  return {
    total,
    rows: rows.map(
      (r): AuditEntry => ({ seq: r.seq, at: r.at, actor: r.actor, operation: r.operation, pupilId: r.pupilId, outcome: r.outcome as AuditEntry['outcome'] }),
    ),
  };
};
