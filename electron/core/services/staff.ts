/**
 * Staff compliance and CPD (shared/contract/staff.ts, rules in shared/staff-rules.ts). Dates and numbers only.
 */
import { randomUUID } from 'node:crypto';
import type { ComplianceAlert, CpdEntry, SafeguardingLevel, StaffRecord, RegistrationBody } from '../../../shared/contract';
import { todayIso } from '../../../shared/dates';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { complianceOf } from '../../../shared/staff-rules';
import { nowIso, type ServiceContext, type ServiceFn } from '../context';
import { CpdEntryEntity, StaffMemberEntity, UserEntity } from '../db/entities';
import { academicYearOf, yearBounds } from './calendar';
import { owningSchool, ownRecord, schoolWhere } from '../scope';

function cpdView(c: CpdEntryEntity): CpdEntry {
  return { id: c.id, course: c.course, date: c.date, provider: c.provider, hours: Number(c.hours) };
}

function recordView(
  s: StaffMemberEntity,
  cpd: readonly CpdEntryEntity[],
  today: string,
  year: { start: string; end: string },
): StaffRecord {
  const fields = {
    dbsNumber: s.dbsNumber,
    dbsIssueDate: s.dbsIssueDate,
    dbsUpdateService: Boolean(s.dbsUpdateService),
    dbsCheckedOn: s.dbsCheckedOn,
    safeguardingLevel: s.safeguardingLevel as SafeguardingLevel | null,
    safeguardingDate: s.safeguardingDate,
    firstAidRequired: Boolean(s.firstAidRequired),
    firstAidDate: s.firstAidDate,
    registrationRequired: Boolean(s.registrationRequired),
    registrationNumber: s.registrationNumber,
    registrationExpiry: s.registrationExpiry,
    thriveRequired: Boolean(s.thriveRequired),
    thriveLicence: s.thriveLicence,
    thriveExpiry: s.thriveExpiry,
  };
  const mine = cpd.filter((c) => c.staffId === s.id).sort((a, b) => b.date.localeCompare(a.date));
  return {
    id: s.id,
    name: s.name,
    jobTitle: s.jobTitle,
    userId: s.userId,
    active: Boolean(s.active),
    ...fields,
    registrationBody: s.registrationBody as RegistrationBody | null,
    compliance: complianceOf(fields, today),
    cpd: mine.map(cpdView),
    cpdHoursThisYear: mine.filter((c) => c.date >= year.start && c.date <= year.end).reduce((n, c) => n + Number(c.hours), 0),
  };
}

async function views(ctx: ServiceContext, staff: StaffMemberEntity[]): Promise<StaffRecord[]> {
  const cpd = staff.length ? await ctx.em.getRepository(CpdEntryEntity).findBy(staff.map((s) => ({ staffId: s.id }))) : [];
  const today = todayIso(ctx.now);
  const year = yearBounds(academicYearOf(today));
  return staff.map((s) => recordView(s, cpd, today, year));
}

export const staffList: ServiceFn<'staff.list'> = async (ctx, input) => {
  // The school's own single central record (a trust's server: electron/core/scope.ts).
  const rows = await ctx.em
    .getRepository(StaffMemberEntity)
    .find({ where: input.includeInactive ? schoolWhere(ctx) : { active: true, ...schoolWhere(ctx) }, order: { name: 'ASC' } });
  return views(ctx, rows);
};

async function requireStaff(ctx: ServiceContext, id: string): Promise<StaffMemberEntity> {
  const s = ownRecord(ctx, await ctx.em.getRepository(StaffMemberEntity).findOne({ where: { id } }), t('things.staffMember'));
  if (!s) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.staffMember') }));
  return s;
}

export const staffSave: ServiceFn<'staff.save'> = async (ctx, input) => {
  const repo = ctx.em.getRepository(StaffMemberEntity);
  const today = todayIso(ctx.now);
  for (const k of ['dbsIssueDate', 'dbsCheckedOn', 'safeguardingDate', 'firstAidDate'] as const) {
    if (input[k] !== null && input[k]! > today) {
      const message = t('validation.dateInFuture');
      throw new AppFailure('invalid_input', message, { [k]: message });
    }
  }
  if (input.userId && !(await ctx.em.getRepository(UserEntity).exists({ where: { id: input.userId, ...schoolWhere(ctx) } }))) {
    const message = t('errors.notFound', { thing: t('things.user') });
    throw new AppFailure('invalid_input', message, { userId: message });
  }
  const at = nowIso(ctx);
  const { id: _id, ...fields } = input;
  let row: StaffMemberEntity;
  if (input.id) {
    const existing = await requireStaff(ctx, input.id);
    row = { ...existing, ...fields, updatedAt: at };
    await repo.update(existing.id, { ...fields, updatedAt: at });
  } else {
    row = { ...fields, id: randomUUID(), schoolId: await owningSchool(ctx), createdAt: at, updatedAt: at };
    await repo.insert(row);
  }
  ctx.auditDetail({ staffId: row.id, name: row.name });
  return (await views(ctx, [row]))[0]!;
};

export const cpdAdd: ServiceFn<'staff.cpd.add'> = async (ctx, input) => {
  const staff = await requireStaff(ctx, input.staffId);
  if (input.date > todayIso(ctx.now)) {
    const message = t('validation.dateInFuture');
    throw new AppFailure('invalid_input', message, { date: message });
  }
  await ctx.em.getRepository(CpdEntryEntity).insert({
    id: randomUUID(),
    staffId: staff.id,
    course: input.course,
    date: input.date,
    provider: input.provider,
    hours: input.hours,
    createdAt: nowIso(ctx),
  });
  ctx.auditDetail({ staffId: staff.id, hours: input.hours });
  return (await views(ctx, [staff]))[0]!;
};

export const cpdRemove: ServiceFn<'staff.cpd.remove'> = async (ctx, input) => {
  const entry = await ctx.em.getRepository(CpdEntryEntity).findOne({ where: { id: input.id } });
  if (!entry) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.cpdEntry') }));
  // Another school's staff member's entry is not found here (electron/core/scope.ts), before anything is deleted.
  const staff = await requireStaff(ctx, entry.staffId);
  await ctx.em.getRepository(CpdEntryEntity).delete(entry.id);
  ctx.auditDetail({ staffId: entry.staffId, course: entry.course });
  return (await views(ctx, [staff]))[0]!;
};

/** Every active staff member's items that have expired, expire within 60 days, or are missing where required. */
export const staffAlerts: ServiceFn<'staff.alerts'> = async (ctx) => {
  const staff = await views(
    ctx,
    await ctx.em.getRepository(StaffMemberEntity).find({ where: { active: true, ...schoolWhere(ctx) }, order: { name: 'ASC' } }),
  );
  const rank = { expired: 0, missing: 1, due_soon: 2 } as const;
  const out: ComplianceAlert[] = [];
  for (const s of staff) {
    for (const c of s.compliance) {
      if (c.state === 'expired' || c.state === 'missing' || c.state === 'due_soon')
        out.push({ staffId: s.id, name: s.name, item: c.item, state: c.state, due: c.due });
    }
  }
  return out.sort((a, b) => rank[a.state] - rank[b.state] || (a.due ?? '').localeCompare(b.due ?? '') || a.name.localeCompare(b.name));
};
