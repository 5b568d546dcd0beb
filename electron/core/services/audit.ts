import { In } from 'typeorm';
import type { AuditEntry } from '../../../shared/contract';
import type { ServiceFn } from '../context';
import { verifyAuditChain } from '../audit';
import type { FoundCheckpoint } from '../audit-checkpoint';
import { AuditEventEntity, PupilEntity, UserEntity } from '../db/entities';
import { displayName } from './pupil-name';
import { schoolFilter, schoolWhere } from '../scope';
import { addDays } from '../../../shared/date-only';

const UK_OFFSET = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' });

/**
 * The instant (ISO, UTC) at which a calendar day starts in the UK. The clocks change at 01:00 UTC, so London's
 * offset at 00:00 UTC on a date is the offset in force at London's midnight that day.
 */
export function ukDayStartUtc(isoDate: string): string {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
  const name = UK_OFFSET.formatToParts(new Date(utcMidnight)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-]\d{1,2})(?::(\d\d))?$/.exec(name);
  const offsetMinutes = m ? Number(m[1]) * 60 + Math.sign(Number(m[1])) * Number(m[2] ?? 0) : 0;
  return new Date(utcMidnight - offsetMinutes * 60_000).toISOString();
}

export const auditList: ServiceFn<'audit.list'> = async (ctx, input) => {
  const qb = ctx.em.getRepository(AuditEventEntity).createQueryBuilder('a');
  // A trust's server keeps one trail (one hash chain); each school's staff read their own school's part of it: the
  // events about its pupils (wherever they were then: a pupil's history moves with them), and its own staff's events
  // about no pupil (electron/core/scope.ts).
  const school = schoolFilter(ctx);
  if (school) {
    qb.andWhere(
      '(a.pupil_id IN (SELECT p.id FROM pupil p WHERE p.school_id = :school) OR (a.pupil_id IS NULL AND a.user_id IN (SELECT u.id FROM app_user u WHERE u.school_id = :school)))',
      { school },
    );
  }
  if (input.userId) {
    // A sign-in is recorded before anyone is signed in (no user id): it names the username in its detail.
    const user = await ctx.em.getRepository(UserEntity).findOne({ where: { id: input.userId, ...schoolWhere(ctx) } });
    if (user) {
      // The detail is {"username": ...} alone, or with more after it (the result of a wrong password, the transport:
      // "via": "senco-desk CLI"). Usernames may hold "_", a LIKE wildcard: escaped.
      const exact = JSON.stringify({ username: user.username });
      qb.andWhere(
        "(a.user_id = :userId OR (a.user_id IS NULL AND a.operation = 'auth.signIn' AND (a.detail = :exact OR a.detail LIKE :more ESCAPE '\\')))",
        {
          userId: input.userId,
          exact,
          more: `${exact.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)},%`,
        },
      );
    } else {
      qb.andWhere('a.user_id = :userId', { userId: input.userId });
    }
  }
  if (input.pupilId) qb.andWhere('a.pupil_id = :pupilId', { pupilId: input.pupilId });
  if (input.operation) qb.andWhere('a.operation = :operation', { operation: input.operation });
  // Days are the school's (UK) days; timestamps are ISO strings in UTC, so comparing them as text sorts by time.
  if (input.from) qb.andWhere('a.at >= :from', { from: ukDayStartUtc(input.from) });
  if (input.to) qb.andWhere('a.at < :to', { to: ukDayStartUtc(addDays(input.to, 1)) });
  const pageSize = input.pageSize ?? 100;
  const [rows, total] = await qb
    .orderBy('a.seq', 'DESC')
    .skip((input.page ?? 0) * pageSize)
    .take(pageSize)
    .getManyAndCount();
  const pupilIds = [...new Set(rows.map((r) => r.pupilId).filter((id): id is string => id !== null))];
  const pupils = pupilIds.length ? await ctx.em.getRepository(PupilEntity).find({ where: { id: In(pupilIds) } }) : [];
  const names = new Map(pupils.map((p) => [p.id, displayName(p)]));
  // Reading the trail names pupils too, so it is itself audited: with counts, never naming a pupil (so a pupil's own
  // history is not filled with views of the audit trail).
  ctx.auditDetail({ events: rows.length, pupils: pupilIds.length });
  return {
    total,
    rows: rows.map((r): AuditEntry => ({
      seq: r.seq,
      at: r.at,
      userId: r.userId,
      actor: r.actor,
      role: r.role,
      operation: r.operation,
      pupilId: r.pupilId,
      pupilName: r.pupilId ? (names.get(r.pupilId) ?? null) : null,
      outcome: r.outcome as AuditEntry['outcome'],
      detail: r.detail,
    })),
  };
};

/**
 * The chain check: the whole trail, compared with the checkpoints of its head kept outside it (the data folder's
 * and the backups', through the core; and any the caller gives, such as a backup's copied off the machine).
 */
export const auditVerify: ServiceFn<'audit.verify'> = async (ctx, input) => {
  await ctx.auditCheckpoints?.flush();
  const kept = ctx.auditCheckpoints?.find() ?? { found: [], unreadable: [] };
  const given: FoundCheckpoint[] = (input.checkpoints ?? []).map((c) => ({
    seq: c.seq,
    hash: c.hash,
    at: c.at,
    writtenAt: c.writtenAt,
    store: c.store,
    source: { kind: 'given', name: c.source },
  }));
  const report = await verifyAuditChain(ctx.em, {
    checkpoints: [...kept.found, ...given],
    // Without a data folder (a bare store, in tests) every given checkpoint is compared.
    ...(ctx.auditCheckpoints ? { store: ctx.auditCheckpoints.store } : {}),
    unreadable: kept.unreadable,
  });
  return {
    ok: report.ok,
    events: report.events,
    firstBroken: report.firstBroken,
    checkpoints: report.checkpoints,
    restores: report.restores,
  };
};
