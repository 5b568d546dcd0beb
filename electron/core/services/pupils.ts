import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { addDays } from '../../../shared/date-only';
import type { PupilFields, PupilProfile, PupilRow, PupilSortField } from '../../../shared/contract';
import type { ContactRelationship, NeedCode, SenStatus, YearGroup } from '../../../shared/domain';
import { todayIso } from '../../../shared/dates';
import { t } from '../../../shared/i18n';
import { AppFailure } from '../../../shared/result';
import { assertNever } from '../../../shared/domain';
import { nowIso, type ServiceContext, type ServiceFn } from '../context';
import { boolOf, dateOf, dateOrNull, placeholder } from '../db/raw';
import { PupilContactEntity, PupilEntity, PupilNeedEntity, SenStatusPeriodEntity } from '../db/entities';
import { owningSchool, SchoolPupils, schoolFilter } from '../scope';
import { goldenThreadByPupil } from './clocks';
import { displayName } from './pupil-name';

/**
 * Year groups in school order (N1, N2, R, 1..14, then X: not following National Curriculum year groups) for
 * sorting in SQL on both SQLite and PostgreSQL. X is matched before the CAST, which PostgreSQL would refuse.
 */
const YEAR_ORDER_SQL = `CASE p.year_group WHEN 'N1' THEN -2 WHEN 'N2' THEN -1 WHEN 'R' THEN 0 WHEN 'X' THEN 99 ELSE CAST(p.year_group AS INTEGER) END`;

function orderBy(sort: PupilSortField): string[] {
  const name = ['COALESCE(p.preferred_last_name, p.legal_last_name)', 'COALESCE(p.preferred_first_name, p.legal_first_name)'];
  switch (sort) {
    case 'name':
      return name;
    case 'upn':
      return ['p.upn'];
    case 'yearGroup':
      return [YEAR_ORDER_SQL, 'p.class_name', ...name];
    case 'className':
      return ['p.class_name', ...name];
    case 'senStatus':
      return ['s.status', ...name];
    case 'primaryNeed':
      return ['n.need_code', ...name];
    case 'dateOfBirth':
      return ['p.date_of_birth', ...name];
    default:
      return assertNever(sort);
  }
}

interface RegisterRaw {
  id: string;
  upn: string;
  legal_first_name: string;
  legal_last_name: string;
  preferred_first_name: string | null;
  preferred_last_name: string | null;
  year_group: string;
  class_name: string | null;
  date_of_birth: string;
  date_left: string | null;
  status: string | null;
  need_code: string | null;
}

/**
 * The register: one page of pupils with their current SEN status and primary need, filtered and sorted in SQL,
 * selecting only the columns the grid shows (Architecture: reads are shaped for the screen).
 */
export interface RegisterFilter {
  readonly search?: string | undefined;
  readonly yearGroup?: string | undefined;
  readonly senStatus?: string | undefined;
  readonly need?: string | undefined;
  readonly className?: string | undefined;
  readonly includeFormer?: boolean | undefined;
  /** Only pupils on the SEN register (E or K) when no status is chosen. */
  readonly registerOnly?: boolean;
  /** A therapist's caseload or a teacher's classes (electron/core/scope.ts); null or absent for everyone. */
  readonly scope?: ReadonlySet<string> | null;
  /** Only these pupils: those whose current EHC plan has golden-thread problems (threadFilter). */
  readonly threadPupils?: ReadonlySet<string> | null;
}

/**
 * The register's golden-thread filter (`thread: 'problems'`): the pupils whose current EHC plan has golden-thread
 * problems, worked out by the same function as the dashboard's count (goldenThreadByPupil), so the count and the
 * list it opens cannot differ. Null when the filter is not asked for.
 */
export async function threadFilter(
  ctx: Pick<ServiceContext, 'em'> & { readonly tenancy?: ServiceContext['tenancy'] },
  input: { readonly thread?: 'problems' | undefined },
): Promise<ReadonlySet<string> | null> {
  if (input.thread !== 'problems') return null;
  const { byPupil } = await goldenThreadByPupil(ctx.em, undefined, schoolFilter(ctx));
  return new Set(byPupil.keys());
}

/** The FROM and WHERE shared by the register list, its counts and its CSV export, with their parameters. */
export function registerQuery(ctx: Pick<ServiceContext, 'driver' | 'now'>, input: RegisterFilter): { from: string; params: unknown[] } {
  const today = todayIso(ctx.now);
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    // Numbered placeholders, as one value may be used several times (SQLite's ?NNN, PostgreSQL's $N).
    return ctx.driver === 'postgres' ? `$${params.length}` : `?${params.length}`;
  };
  if (!input.includeFormer) where.push(`(p.date_left IS NULL OR p.date_left > ${param(today)})`);
  // A whole school's pupils (a SENCo on a trust's server) by its id, not a list of thousands (scope.ts SchoolPupils).
  if (input.scope instanceof SchoolPupils) where.push(`p.school_id = ${param(input.scope.schoolId)}`);
  else if (input.scope) where.push(input.scope.size ? `p.id IN (${[...input.scope].map((id) => param(id)).join(', ')})` : '1 = 0');
  if (input.threadPupils)
    where.push(input.threadPupils.size ? `p.id IN (${[...input.threadPupils].map((id) => param(id)).join(', ')})` : '1 = 0');
  if (input.yearGroup) where.push(`p.year_group = ${param(input.yearGroup)}`);
  if (input.senStatus) where.push(`s.status = ${param(input.senStatus)}`);
  else if (input.registerOnly) where.push(`s.status IN ('E', 'K')`);
  if (input.className) where.push(`LOWER(p.class_name) = ${param(input.className.toLowerCase())}`);
  if (input.need) {
    where.push(`EXISTS (SELECT 1 FROM pupil_need pn WHERE pn.pupil_id = p.id AND pn.need_code = ${param(input.need)})`);
  }
  for (const term of (input.search ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5)) {
    const like = param(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(
      `(LOWER(p.upn) LIKE ${like} ESCAPE '\\' OR LOWER(p.legal_first_name) LIKE ${like} ESCAPE '\\' OR LOWER(p.legal_last_name) LIKE ${like} ESCAPE '\\'` +
        ` OR LOWER(COALESCE(p.preferred_first_name, '')) LIKE ${like} ESCAPE '\\' OR LOWER(COALESCE(p.preferred_last_name, '')) LIKE ${like} ESCAPE '\\'` +
        ` OR LOWER(COALESCE(p.class_name, '')) LIKE ${like} ESCAPE '\\')`,
    );
  }
  const from =
    'FROM pupil p LEFT JOIN sen_status_period s ON s.pupil_id = p.id AND s.end_date IS NULL ' +
    'LEFT JOIN pupil_need n ON n.pupil_id = p.id AND n.rank = 1' +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '');
  return { from, params };
}

export const pupilsClasses: ServiceFn<'pupils.classes'> = async (ctx) => {
  const ph = (i: number) => (ctx.driver === 'postgres' ? `$${i}` : `?${i}`);
  // Only the acting user's school's classes on a trust's server (electron/core/scope.ts).
  const school = schoolFilter(ctx);
  const rows = (await ctx.em.query(
    `SELECT DISTINCT class_name FROM pupil WHERE class_name IS NOT NULL AND (date_left IS NULL OR date_left > ${ph(1)})${school ? ` AND school_id = ${ph(2)}` : ''}`,
    school ? [todayIso(ctx.now), school] : [todayIso(ctx.now)],
  )) as { class_name: string }[];
  return rows.map((r) => r.class_name).sort((a, b) => a.localeCompare(b, 'en-GB', { numeric: true }));
};

export const pupilsList: ServiceFn<'pupils.list'> = async (ctx, input) => {
  const today = todayIso(ctx.now);
  const { from, params } = registerQuery(ctx, { ...input, scope: ctx.scope, threadPupils: await threadFilter(ctx, input) });
  const dir = input.direction === 'desc' ? 'DESC' : 'ASC';
  const order = [...orderBy(input.sort ?? 'name'), 'p.id'].map((e) => `${e} ${dir}`).join(', ');
  const pageSize = input.pageSize ?? 100;
  const page = input.page ?? 0;
  const countRows: { total: number | string }[] = await ctx.em.query(`SELECT COUNT(*) AS total ${from}`, params);
  const raw: RegisterRaw[] = await ctx.em.query(
    `SELECT p.id, p.upn, p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name, p.year_group, ` +
      `p.class_name, p.date_of_birth, p.date_left, s.status, n.need_code ${from} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${page * pageSize}`,
    params,
  );
  const rows: PupilRow[] = raw.map((r) => {
    const names = {
      legalFirstName: r.legal_first_name,
      legalLastName: r.legal_last_name,
      preferredFirstName: r.preferred_first_name,
      preferredLastName: r.preferred_last_name,
    };
    return {
      id: r.id,
      upn: r.upn,
      name: displayName(names),
      legalName: `${r.legal_first_name} ${r.legal_last_name}`,
      yearGroup: r.year_group as YearGroup,
      className: r.class_name,
      dateOfBirth: dateOf(r.date_of_birth),
      senStatus: (r.status ?? 'N') as SenStatus,
      primaryNeed: (r.need_code ?? null) as NeedCode | null,
      former: r.date_left !== null && dateOf(r.date_left) <= today,
    };
  });
  ctx.auditDetail({ listed: rows.length });
  return { total: Number(countRows[0]?.total ?? 0), rows };
};

interface ProfileRaw {
  id: string;
  upn: string;
  legal_first_name: string;
  legal_last_name: string;
  preferred_first_name: string | null;
  preferred_last_name: string | null;
  date_of_birth: unknown;
  year_group: string;
  class_name: string | null;
  date_joined: unknown;
  date_left: unknown;
  home_school_name: string | null;
  home_school_urn: string | null;
  needs_identified_on: unknown;
  created_at: string;
  updated_at: string;
}

/** The whole profile in four indexed selects (raw SQL: this is the hottest read after the register). */
export async function loadProfile(em: EntityManager, id: string): Promise<PupilProfile> {
  const $ = placeholder(em);
  const rows: ProfileRaw[] = await em.query(
    'SELECT id, upn, legal_first_name, legal_last_name, preferred_first_name, preferred_last_name, date_of_birth, year_group, class_name, ' +
      `date_joined, date_left, home_school_name, home_school_urn, needs_identified_on, created_at, updated_at FROM pupil WHERE id = ${$(1)}`,
    [id],
  );
  const p = rows[0];
  if (!p) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.pupil') }));
  const history: { status: string; start_date: unknown; end_date: unknown }[] = await em.query(
    `SELECT status, start_date, end_date FROM sen_status_period WHERE pupil_id = ${$(1)} ORDER BY start_date`,
    [id],
  );
  const needs: { need_code: string }[] = await em.query(`SELECT need_code FROM pupil_need WHERE pupil_id = ${$(1)} ORDER BY rank`, [id]);
  const contacts: { name: string; relationship: string; phone: string | null; email: string | null; parental_responsibility: unknown }[] =
    await em.query(
      `SELECT name, relationship, phone, email, parental_responsibility FROM pupil_contact WHERE pupil_id = ${$(1)} ORDER BY position`,
      [id],
    );
  const open = history.find((h) => h.end_date === null);
  const names = {
    legalFirstName: p.legal_first_name,
    legalLastName: p.legal_last_name,
    preferredFirstName: p.preferred_first_name,
    preferredLastName: p.preferred_last_name,
  };
  return {
    id: p.id,
    upn: p.upn,
    name: displayName(names),
    ...names,
    dateOfBirth: dateOf(p.date_of_birth),
    yearGroup: p.year_group as YearGroup,
    className: p.class_name,
    dateJoined: dateOf(p.date_joined),
    dateLeft: dateOrNull(p.date_left),
    homeSchoolName: p.home_school_name,
    homeSchoolUrn: p.home_school_urn,
    needsIdentifiedOn: dateOrNull(p.needs_identified_on),
    senStatus: (open?.status ?? 'N') as SenStatus,
    senHistory: history.map((h) => ({ status: h.status as SenStatus, startDate: dateOf(h.start_date), endDate: dateOrNull(h.end_date) })),
    needs: needs.map((n) => n.need_code as NeedCode),
    contacts: contacts.map((c) => ({
      name: c.name,
      relationship: c.relationship as ContactRelationship,
      phone: c.phone,
      email: c.email,
      parentalResponsibility: boolOf(c.parental_responsibility),
    })),
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}

export const pupilsGet: ServiceFn<'pupils.get'> = async (ctx, input) => {
  const profile = await loadProfile(ctx.em, input.id);
  ctx.touchPupil(profile.id);
  return profile;
};

/** Refuses a UPN already held by another pupil, current or former (UPNs are never reused). */
export async function assertUpnFree(em: EntityManager, upn: string, exceptId: string | null, school: string | null = null): Promise<void> {
  const other = await em.getRepository(PupilEntity).findOne({ where: { upn } });
  // UPNs are unique across the trust's server too; another school's pupil is not named (electron/core/scope.ts).
  if (other && other.id !== exceptId && school && other.schoolId !== school) {
    const message = t('tenancy.upnAtAnotherSchool', { upn });
    throw new AppFailure('conflict', message, { upn: message });
  }
  if (other && other.id !== exceptId) {
    const message = t('errors.upnTaken', {
      upn,
      name: displayName(other),
      former: other.dateLeft ? ', a former pupil' : '',
    });
    throw new AppFailure('conflict', message, { upn: message });
  }
}

type Scalars = Omit<PupilFields, 'senStatus' | 'senStatusFrom' | 'needs' | 'contacts'>;
const SCALARS = [
  'upn',
  'legalFirstName',
  'legalLastName',
  'preferredFirstName',
  'preferredLastName',
  'dateOfBirth',
  'yearGroup',
  'className',
  'dateJoined',
  'dateLeft',
  'homeSchoolName',
  'homeSchoolUrn',
] as const satisfies readonly (keyof Scalars)[];

export async function insertPupil(ctx: ServiceContext, input: PupilFields): Promise<string> {
  await assertUpnFree(ctx.em, input.upn, null, schoolFilter(ctx));
  const at = nowIso(ctx);
  const id = randomUUID();
  const scalars = Object.fromEntries(SCALARS.map((k) => [k, input[k]])) as Scalars;
  // The acting user's school (a trust's server: electron/core/scope.ts).
  await ctx.em.getRepository(PupilEntity).insert({ id, ...scalars, schoolId: await owningSchool(ctx), createdAt: at, updatedAt: at });
  ctx.admitPupil?.(id);
  await ctx.em.getRepository(SenStatusPeriodEntity).insert({
    id: randomUUID(),
    pupilId: id,
    status: input.senStatus,
    startDate: input.senStatusFrom ?? input.dateJoined,
    endDate: null,
  });
  await replaceNeeds(ctx.em, id, input.needs);
  await replaceContacts(ctx.em, id, input.contacts);
  return id;
}

export async function replaceNeeds(em: EntityManager, pupilId: string, needs: readonly NeedCode[]): Promise<void> {
  const repo = em.getRepository(PupilNeedEntity);
  await repo.delete({ pupilId });
  if (needs.length) await repo.insert(needs.map((needCode, i) => ({ id: randomUUID(), pupilId, rank: i + 1, needCode })));
}

async function replaceContacts(em: EntityManager, pupilId: string, contacts: PupilFields['contacts']): Promise<void> {
  const repo = em.getRepository(PupilContactEntity);
  await repo.delete({ pupilId });
  if (contacts.length) {
    await repo.insert(contacts.map((c, position) => ({ id: randomUUID(), pupilId, position, ...c })));
  }
}

/**
 * Moves a pupil to a new SEN status from a date, closing the open period the day before. A change dated on
 * the day the open period began corrects that period instead. One period is open at a time (census rule).
 */
export async function changeSenStatus(em: EntityManager, pupilId: string, status: SenStatus, from: string): Promise<boolean> {
  const repo = em.getRepository(SenStatusPeriodEntity);
  const current = await repo.findOne({ where: { pupilId, endDate: IsNull() } });
  if (current && current.status === status) return false;
  if (current) {
    if (from < current.startDate) {
      const message = t('validation.dateBefore', { date: current.startDate });
      throw new AppFailure('invalid_input', t('errors.invalidInput'), { senStatusFrom: message });
    }
    if (from === current.startDate) {
      await repo.update(current.id, { status });
      return true;
    }
    await repo.update(current.id, { endDate: addDays(from, -1) });
  }
  await repo.insert({ id: randomUUID(), pupilId, status, startDate: from, endDate: null });
  return true;
}

export const pupilsCreate: ServiceFn<'pupils.create'> = async (ctx, input) => {
  const id = await insertPupil(ctx, input);
  ctx.touchPupil(id);
  return loadProfile(ctx.em, id);
};

export const pupilsUpdate: ServiceFn<'pupils.update'> = async (ctx, input) => {
  const repo = ctx.em.getRepository(PupilEntity);
  const existing = await repo.findOne({ where: { id: input.id } });
  if (!existing) throw new AppFailure('not_found', t('errors.notFound', { thing: t('things.pupil') }));
  ctx.touchPupil(existing.id);
  if (input.upn !== existing.upn) await assertUpnFree(ctx.em, input.upn, existing.id, schoolFilter(ctx));
  const changed: string[] = SCALARS.filter((k) => (existing[k] ?? null) !== (input[k] ?? null));
  const scalars = Object.fromEntries(SCALARS.map((k) => [k, input[k]])) as Scalars;
  await repo.update(existing.id, { ...scalars, updatedAt: nowIso(ctx) });
  if (await changeSenStatus(ctx.em, existing.id, input.senStatus, input.senStatusFrom ?? todayIso(ctx.now))) changed.push('senStatus');
  const before = await loadProfile(ctx.em, existing.id);
  if (before.needs.join() !== input.needs.join()) {
    await replaceNeeds(ctx.em, existing.id, input.needs);
    changed.push('needs');
  }
  if (JSON.stringify(before.contacts) !== JSON.stringify(input.contacts)) changed.push('contacts');
  await replaceContacts(ctx.em, existing.id, input.contacts);
  ctx.auditDetail({ changed });
  return loadProfile(ctx.em, existing.id);
};
