/**
 * Record scope: the pupils a therapist or a teacher may reach (shared/access.ts SCOPED_ROLES).
 *   therapist  their own caseload: pupils allocated to them (allocation open today) and pupils in their own
 *              sessions dated from 12 months ago onwards (so a caseload handed over ends with its sessions);
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

function minusMonths(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
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
        `SELECT a.pupil_id AS id FROM caseload_allocation a WHERE a.user_id = ${ph(1)} AND a.start_date <= ${ph(2)} AND (a.end_date IS NULL OR a.end_date >= ${ph(2)}) ` +
          `UNION SELECT y.pupil_id AS id FROM session_practitioner x JOIN therapy_session s ON s.id = x.session_id JOIN session_pupil y ON y.session_id = s.id ` +
          `WHERE x.user_id = ${ph(1)} AND s.date >= ${ph(3)}`,
        [actor.userId, today, minusMonths(today, 12)],
      )) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

export function inScope(scope: PupilScope, pupilId: string): boolean {
  return !scope || scope.has(pupilId);
}
