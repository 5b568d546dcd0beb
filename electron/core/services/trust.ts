/**
 * A trust's schools on one server (issue 16, item 5; shared/contract/trust.ts). Each school is a tenant
 * (electron/core/scope.ts): the figures here are counts per school, never a pupil; a pupil's move between the trust's
 * schools changes which school owns their record, and so who may reach it, in one audited transaction.
 */
import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import type { SchoolFigures, TrustSchool } from '../../../shared/contract';
import { todayIso } from '../../../shared/dates';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { nowIso, type ServiceFn } from '../context';
import { CaseloadAllocationEntity, PupilEntity, SchoolEntity, UserEntity } from '../db/entities';
import { numOf, placeholder } from '../db/raw';
import { installationKey } from './installation-key';
import { requirePupil, seedDisciplines } from './referrals';
import { createUser } from './setup';
import { addDays } from '../../../shared/date-only';

async function schools(em: EntityManager): Promise<SchoolEntity[]> {
  return em.getRepository(SchoolEntity).find({ order: { createdAt: 'ASC', name: 'ASC' } });
}

export const trustSchoolsList: ServiceFn<'trust.schools.list'> = async (ctx) =>
  (await schools(ctx.em)).map((s): TrustSchool => ({ id: s.id, name: s.name, urn: s.urn, own: s.id === ctx.tenancy?.schoolId }));

/** Counts per school, aggregated in SQL: pupils on roll, the SEN register, therapy bands, staff accounts. */
export const trustFigures: ServiceFn<'trust.figures'> = async (ctx) => {
  const ph = placeholder(ctx.em);
  const today = todayIso(ctx.now);
  const onRoll = `(p.date_left IS NULL OR p.date_left > ${ph(1)})`;
  type Row = { school_id: string; k?: string | null; n: unknown };
  // One after another: the operation's transaction is one connection (PostgreSQL's client runs one query at a time).
  const run = async (queries: (() => Promise<unknown>)[]) => {
    const out: unknown[] = [];
    for (const q of queries) out.push(await q());
    return out;
  };
  const [pupils, register, bands, staff] = (await run([
    () => ctx.em.query(`SELECT p.school_id, COUNT(*) AS n FROM pupil p WHERE ${onRoll} GROUP BY p.school_id`, [today]),
    () =>
      ctx.em.query(
        `SELECT p.school_id, s.status AS k, COUNT(*) AS n FROM pupil p JOIN sen_status_period s ON s.pupil_id = p.id AND s.end_date IS NULL WHERE ${onRoll} GROUP BY p.school_id, s.status`,
        [today],
      ),
    () =>
      ctx.em.query(
        `SELECT p.school_id, b.band AS k, COUNT(DISTINCT p.id) AS n FROM pupil p JOIN band_period b ON b.pupil_id = p.id AND b.end_date IS NULL WHERE ${onRoll} GROUP BY p.school_id, b.band`,
        [today],
      ),
    () =>
      ctx.em.query(
        `SELECT u.school_id, COUNT(*) AS n FROM app_user u WHERE u.active = ${ctx.driver === 'postgres' ? 'true' : '1'} GROUP BY u.school_id`,
      ),
  ])) as [Row[], Row[], Row[], Row[]];
  const count = (rows: Row[], school: string, k?: string) =>
    numOf(rows.find((r) => r.school_id === school && (k === undefined || r.k === k))?.n);
  const out = (await schools(ctx.em)).map((s): SchoolFigures => ({
    id: s.id,
    name: s.name,
    urn: s.urn,
    pupils: count(pupils, s.id),
    ehcp: count(register, s.id, 'E'),
    senSupport: count(register, s.id, 'K'),
    bands: Object.fromEntries(bands.filter((r) => r.school_id === s.id).map((r) => [String(r.k), numOf(r.n)])),
    staff: count(staff, s.id),
  }));
  return { schools: out };
};

export const trustSchoolsAdd: ServiceFn<'trust.schools.add'> = async (ctx, input) => {
  const repo = ctx.em.getRepository(SchoolEntity);
  const taken = await repo.findOne({ where: { urn: input.school.urn } });
  if (taken) {
    const message = t('tenancy.addSchoolUrnTaken', { urn: input.school.urn, school: taken.name });
    throw new AppFailure('conflict', message, { 'school.urn': message });
  }
  const at = nowIso(ctx);
  const school = repo.create({
    id: randomUUID(),
    name: input.school.name,
    urn: input.school.urn,
    localAuthority: input.school.localAuthority,
    autoLockMinutes: input.school.autoLockMinutes ?? null,
    createdAt: at,
    updatedAt: at,
  });
  await repo.insert(school);
  await installationKey(ctx.em, at);
  // Its own settings (migration 0017): the default therapy disciplines; no term dates until its SENCo enters them.
  await seedDisciplines(ctx.em, school.id);
  const senco = await createUser(ctx, { ...input.senco, role: 'senco' }, { schoolId: school.id });
  // The trust's SEND lead chose this password: the SENCo chooses their own at first sign-in (as after a reset).
  await ctx.em.getRepository(UserEntity).update(senco.id, { mustChangePassword: true });
  ctx.auditDetail({ school: school.name, urn: school.urn, firstUser: senco.username });
  return { id: school.id, name: school.name, urn: school.urn, own: false };
};

/**
 * The pupil's record moves to another school of the trust: the pupil row names the new school, so every record that
 * follows its pupil (plans, reviews, referrals, sessions' attendance, concerns...) goes with it, and the school's own
 * records about them (protected lessons, complaints) are handed over too. What was the first school's stays there:
 * its therapists' allocations end the day before the move, the pupil leaves its sessions from the move date on, the
 * class (a class of the first school) and the case-holders of EHC plans and requests (its staff) are cleared, for the
 * new school to set.
 */
export const pupilsMoveSchool: ServiceFn<'pupils.moveSchool'> = async (ctx, input) => {
  const pupil = await requirePupil(ctx.em, input.pupilId);
  ctx.touchPupil(pupil.id);
  const all = await schools(ctx.em);
  if (all.length < 2) throw new AppFailure('invalid_input', t('tenancy.moveNotTrust'), { toSchoolId: t('tenancy.moveNotTrust') });
  const from = all.find((s) => s.id === pupil.schoolId)!;
  const to = all.find((s) => s.id === input.toSchoolId);
  if (!to) throw new AppFailure('invalid_input', t('tenancy.moveUnknownSchool'), { toSchoolId: t('tenancy.moveUnknownSchool') });
  if (to.id === pupil.schoolId) {
    const message = t('tenancy.moveSameSchool', { school: to.name });
    throw new AppFailure('invalid_input', message, { toSchoolId: message });
  }
  const em = ctx.em;
  const ph = placeholder(em);
  // Allocations to the first school's therapists end the day before (one starting on or after the move is removed).
  const before = addDays(input.date, -1);
  const allocations = (await em.getRepository(CaseloadAllocationEntity).find({ where: { pupilId: pupil.id } })).filter(
    (a) => a.endDate === null || a.endDate >= input.date,
  );
  const practitioners = new Map(
    (allocations.length ? await em.getRepository(UserEntity).find({ where: { id: In(allocations.map((a) => a.userId)) } }) : []).map(
      (u) => [u.id, u.schoolId],
    ),
  );
  let allocationsEnded = 0;
  for (const a of allocations.filter((x) => practitioners.get(x.userId) !== to.id)) {
    if (a.startDate >= input.date) await em.getRepository(CaseloadAllocationEntity).delete(a.id);
    else await em.getRepository(CaseloadAllocationEntity).update(a.id, { endDate: before });
    allocationsEnded++;
  }
  // The first school's sessions from the move date on go ahead without the pupil.
  const future = (await em.query(
    `SELECT y.session_id FROM session_pupil y JOIN therapy_session s ON s.id = y.session_id WHERE y.pupil_id = ${ph(1)} AND s.date >= ${ph(2)} AND s.school_id = ${ph(3)}`,
    [pupil.id, input.date, from.id],
  )) as { session_id: string }[];
  for (const f of future)
    await em.query(`DELETE FROM session_pupil WHERE session_id = ${ph(1)} AND pupil_id = ${ph(2)}`, [f.session_id, pupil.id]);
  await em.query(`UPDATE protected_time SET school_id = ${ph(1)} WHERE pupil_id = ${ph(2)}`, [to.id, pupil.id]);
  await em.query(`UPDATE feedback SET school_id = ${ph(1)} WHERE pupil_id = ${ph(2)}`, [to.id, pupil.id]);
  await em.query(`UPDATE ehc_plan SET owner_user_id = NULL WHERE pupil_id = ${ph(1)}`, [pupil.id]);
  await em.query(`UPDATE ehc_assessment_request SET owner_user_id = NULL WHERE pupil_id = ${ph(1)}`, [pupil.id]);
  await em.getRepository(PupilEntity).update(pupil.id, { schoolId: to.id, className: null, updatedAt: nowIso(ctx) });
  ctx.auditDetail({ from: from.urn, to: to.urn, date: input.date, allocationsEnded, futureSessionsLeft: future.length });
  return {
    pupilId: pupil.id,
    from: { id: from.id, name: from.name },
    to: { id: to.id, name: to.name },
    date: input.date,
    allocationsEnded,
    futureSessionsLeft: future.length,
  };
};
