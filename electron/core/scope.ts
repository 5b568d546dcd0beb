/**
 * Record scope: the pupils a therapist or a teacher may reach (shared/access.ts SCOPED_ROLES).
 *   therapist  their own caseload: the pupils the SENCo or therapy lead allocated to them (caseload.allocate, audited)
 *              with the allocation open today. Nothing else widens it: booking a session does not (sessions.schedule
 *              refuses a therapist and a pupil who are not allocated to each other), and migration 0013 turned the
 *              access that sessions used to give into allocations, so no one lost or gained access on the update;
 *   teacher    pupils whose class (pupil.class_name) is one of the classes the SENCo recorded for them.
 * The dispatcher works the scope out before the operation runs (so what the operation writes cannot widen it) and
 * refuses, rolls back and audits any operation that touched a pupil outside it; list operations filter with it.
 */
import type { EntityManager } from 'typeorm';
import { SCOPED_ROLES } from '../../shared/access';
import { todayIso } from '../../shared/dates';
import type { Actor } from './context';
import { placeholder } from './db/raw';

/** The pupil ids the actor may reach, or null for every pupil. */
export type PupilScope = ReadonlySet<string> | null;

export function isScoped(actor: Actor): actor is Extract<Actor, { kind: 'user' }> {
  return actor.kind === 'user' && SCOPED_ROLES.includes(actor.role);
}

export async function pupilScope(em: EntityManager, actor: Actor, now: Date): Promise<PupilScope> {
  if (!isScoped(actor)) return null;
  const ph = placeholder(em);
  const today = todayIso(now);
  const rows = (actor.role === 'teacher'
    ? await em.query(
        `SELECT p.id FROM pupil p WHERE p.class_name IS NOT NULL AND LOWER(TRIM(p.class_name)) IN (SELECT LOWER(c.class_name) FROM user_class c WHERE c.user_id = ${ph(1)})`,
        [actor.userId],
      )
    : await em.query(
        `SELECT DISTINCT a.pupil_id AS id FROM caseload_allocation a WHERE a.user_id = ${ph(1)} AND a.start_date <= ${ph(2)} AND (a.end_date IS NULL OR a.end_date >= ${ph(2)})`,
        [actor.userId, today],
      )) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

export function inScope(scope: PupilScope, pupilId: string): boolean {
  return !scope || scope.has(pupilId);
}
