/**
 * Record scope: the pupils a therapist or a teacher may reach (shared/access.ts SCOPED_ROLES).
 *   therapist  their own caseload: the pupils the SENCo or therapy lead allocated to them (caseload.allocate, audited)
 *              with the allocation open today. Nothing else widens it: booking a session does not (sessions.schedule
 *              refuses a therapist and a pupil who are not allocated to each other), and migration 0013 turned the
 *              access that sessions used to give into allocations, so no one lost or gained access on the update;
 *   teacher    pupils whose class (pupil.class_name) is one of the classes the SENCo recorded for them.
 * The dispatcher works the scope out before the operation runs (so what the operation writes cannot widen it) and
 * refuses, rolls back and audits any operation that touched a pupil outside it; list operations filter with it.
 *
 * Schools as tenants (issue 16, item 5; migration 0015): on a trust's server holding more than one school, everyone
 * is also limited to their own school. A SENCo (unscoped in a school of their own) is scoped to their school's pupils;
 * a therapist's caseload and a teacher's classes are cut to their school's pupils (a class called 5S in another
 * school is not theirs). That school limit holds even for operations open about every pupil (`scoped: false`, such as
 * raising a safeguarding concern). Records that are not a pupil's (staff, users, sessions, policies...) carry their
 * school too, and the services filter them with `ctx.tenancy.filter`. A trust SEND lead reaches no pupil at all:
 * they see figures across schools (trust.schools), and a school's records only through an account of that school.
 * With one school, nothing changes: the SENCo's scope is null (every pupil), as before.
 */
import type { EntityManager } from 'typeorm';
import { SCOPED_ROLES } from '../../shared/access';
import { todayIso } from '../../shared/dates';
import type { Actor } from './context';
import { placeholder } from './db/raw';
import { t } from '../../shared/i18n';
import { AppFailure } from '../../shared/result';

/** The pupil ids the actor may reach, or null for every pupil. */
export type PupilScope = ReadonlySet<string> | null;

/**
 * Every pupil of one school: a scope that SQL can also express as `school_id = ?` (pupils.ts registerQuery), so a
 * school of thousands is not sent as a list of ids.
 */
export class SchoolPupils extends Set<string> {
  constructor(
    readonly schoolId: string,
    ids: Iterable<string>,
  ) {
    super(ids);
  }
}

/** The school side of the acting user (migration 0015). */
export interface Tenancy {
  /** The school the signed-in user works in; null for the CLI's system actor and before sign-in. */
  readonly schoolId: string | null;
  /**
   * The school whose records the actor may reach when the server holds more than one school: services filter staff,
   * users, sessions, policies and the like by it. Null with one school (nothing to filter) or for the system actor.
   */
  readonly filter: string | null;
}

export const NO_TENANCY: Tenancy = { schoolId: null, filter: null };

/** A school filter that matches no school (a school id is a UUID, or `demo-school-N`). */
const NO_SCHOOL = 'no school: the trust SEND lead';

export interface Scopes {
  /** The pupils this actor may reach in an operation that keeps to their role's scope. */
  readonly scope: PupilScope;
  /** The pupils of the actor's school (null: one school, or the system actor): the limit even `scoped: false` keeps. */
  readonly schoolScope: PupilScope;
  readonly tenancy: Tenancy;
}

/** The school the user works in, and whether the server holds other schools. */
export async function tenancyOf(em: EntityManager, actor: Actor): Promise<Tenancy> {
  if (actor.kind !== 'user') return NO_TENANCY;
  const ph = placeholder(em);
  const [user] = (await em.query(`SELECT school_id FROM app_user WHERE id = ${ph(1)}`, [actor.userId])) as { school_id: string }[];
  if (!user) return NO_TENANCY;
  // The trust's SEND lead reaches no school's own records (staff, policies, sessions...): a filter no school matches.
  if (actor.role === 'trust_lead') return { schoolId: user.school_id, filter: NO_SCHOOL };
  const [count] = (await em.query('SELECT COUNT(*) AS n FROM school')) as { n: unknown }[];
  return { schoolId: user.school_id, filter: Number(count?.n ?? 0) > 1 ? user.school_id : null };
}

/** Both limits on the actor, worked out together before the operation runs. */
export async function scopesFor(em: EntityManager, actor: Actor, now: Date): Promise<Scopes> {
  const tenancy = await tenancyOf(em, actor);
  let schoolScope: PupilScope = null;
  if (actor.kind === 'user' && actor.role === 'trust_lead') {
    // Figures across the trust's schools, never a pupil: a school's records need an account of that school. (A plain
    // empty set: not SchoolPupils, which SQL reads as "every pupil of this school".)
    schoolScope = new Set<string>();
  } else if (tenancy.filter) {
    const rows = (await em.query(`SELECT id FROM pupil WHERE school_id = ${placeholder(em)(1)}`, [tenancy.filter])) as { id: string }[];
    schoolScope = new SchoolPupils(
      tenancy.filter,
      rows.map((r) => r.id),
    );
  }
  const own = await pupilScope(em, actor, now);
  const scope = own && schoolScope ? new Set([...own].filter((id) => schoolScope.has(id))) : (own ?? schoolScope);
  return { scope, schoolScope, tenancy };
}

export function isScoped(actor: Actor): actor is Extract<Actor, { kind: 'user' }> {
  return actor.kind === 'user' && SCOPED_ROLES.includes(actor.role);
}

export async function pupilScope(em: EntityManager, actor: Actor, now: Date): Promise<PupilScope> {
  if (!isScoped(actor)) return null;
  const ph = placeholder(em);
  const today = todayIso(now);
  const rows = (
    actor.role === 'teacher'
      ? await em.query(
          `SELECT p.id FROM pupil p WHERE p.class_name IS NOT NULL AND LOWER(TRIM(p.class_name)) IN (SELECT LOWER(c.class_name) FROM user_class c WHERE c.user_id = ${ph(1)})`,
          [actor.userId],
        )
      : await em.query(
          `SELECT DISTINCT a.pupil_id AS id FROM caseload_allocation a WHERE a.user_id = ${ph(1)} AND a.start_date <= ${ph(2)} AND (a.end_date IS NULL OR a.end_date >= ${ph(2)})`,
          [actor.userId, today],
        )
  ) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

export function inScope(scope: PupilScope, pupilId: string): boolean {
  return !scope || scope.has(pupilId);
}

/** The school whose records this actor may reach on a trust's server; null: no filter (one school, or the CLI). */
export function schoolFilter(ctx: { readonly tenancy?: Tenancy }): string | null {
  return ctx.tenancy?.filter ?? null;
}

/**
 * The school a new record belongs to: the acting user's; for the CLI's system actor (and contexts built outside the
 * dispatcher), the server's first school (a standalone desk's only one).
 */
export async function owningSchool(ctx: { readonly em: EntityManager; readonly tenancy?: Tenancy }): Promise<string> {
  if (ctx.tenancy?.schoolId) return ctx.tenancy.schoolId;
  const [first] = (await ctx.em.query('SELECT id FROM school ORDER BY created_at, id')) as { id: string }[];
  if (!first) throw new AppFailure('setup_required', t('errors.setupRequired'));
  return first.id;
}

/** Whether a record of the given school is the actor's to reach (always, with no filter). */
export function ownSchool(ctx: { readonly tenancy?: Tenancy }, schoolId: string | null | undefined): boolean {
  const filter = schoolFilter(ctx);
  return !filter || schoolId === filter;
}

/** A TypeORM `where` limiting a per-school table (migration 0015) to the actor's school; `{}` with no filter. */
export function schoolWhere(ctx: { readonly tenancy?: Tenancy }): { schoolId?: string } {
  const filter = schoolFilter(ctx);
  return filter ? { schoolId: filter } : {};
}

/**
 * On a trust's server, a member of staff named in a record (a plan's case-holder, an action's owner) must be one of
 * the acting user's own school's: another school's account is refused as not found, beside the field. With one school
 * nothing is checked here (as before).
 */
export async function requireOwnStaff(
  ctx: { readonly em: EntityManager; readonly tenancy?: Tenancy },
  userId: string | null | undefined,
  field: string,
): Promise<void> {
  const filter = schoolFilter(ctx);
  if (!userId || !filter) return;
  const [row] = (await ctx.em.query(`SELECT school_id FROM app_user WHERE id = ${placeholder(ctx.em)(1)}`, [userId])) as {
    school_id: string;
  }[];
  if (row?.school_id === filter) return;
  const message = t('tenancy.userOtherSchool');
  throw new AppFailure('invalid_input', message, { [field]: message });
}

/**
 * Another school's record reached by its id (a member of staff, a staff check, a policy, a complaint, a protected
 * lesson, a session with no pupil): answered "not found", so the caller learns nothing of it, and the dispatcher
 * records the refusal in the audit trail as it does an out-of-scope pupil's (electron/core/dispatcher.ts).
 */
export class OtherSchoolRecord extends AppFailure {
  constructor(thing: string) {
    super('not_found', t('errors.notFound', { thing }));
  }
}

/** The record as found, unless it is another school's (then OtherSchoolRecord); null stays null. */
export function ownRecord<T extends { readonly schoolId: string }>(
  ctx: { readonly tenancy?: Tenancy },
  row: T | null,
  thing: string,
): T | null {
  if (row && !ownSchool(ctx, row.schoolId)) throw new OtherSchoolRecord(thing);
  return row;
}
