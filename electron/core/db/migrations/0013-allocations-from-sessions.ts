import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendAudit, auditEvent } from '../../audit';
import { dateOf, numOf } from '../raw';

/**
 * 0013: caseload access from allocations only (issue 14, item 4). No schema change: a data migration.
 *
 * Until this version a therapist's caseload (electron/core/scope.ts) was the pupils allocated to them AND every pupil
 * in one of their sessions dated from 12 months ago onwards, so booking a session gave access without anyone
 * allocating it. From this version only an allocation by the SENCo or therapy lead does, and a session can only be
 * booked for a therapist and a pupil allocated to each other.
 *
 * So that no therapist loses (or gains) access silently on the update, each therapist and pupil who had access through
 * sessions alone get an allocation that gives exactly the access they had:
 *   from   their first session together (or today, if that is still to come: the access began when it was booked);
 *   until  12 months after their last session together (the old rule's window), so it ends as it would have;
 *   discipline  the sessions' discipline when they all share one, else none.
 * It is marked as made by this update (created_by), and each one is in the audit trail as a caseload.allocate event
 * naming the pupil, with the practitioner and why, so the SENCo can see and end any of them on the pupil's overview.
 * Pairs already covered by an allocation for that whole time get nothing. Undoing the migration deletes the
 * allocations it made (their audit events stay: the trail is append-only).
 */
export const MIGRATION_0013_BY = 'SENCo Desk update: carried over from booked sessions';
export const MIGRATION_0013_ACTOR = 'SENCo Desk update (migration 0013)';

function addMonths(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  // 29 February plus 12 months is 28 February, not 1 March.
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

export class AllocationsFromSessions1700000000013 implements MigrationInterface {
  name = 'AllocationsFromSessions1700000000013';

  async up(q: QueryRunner): Promise<void> {
    const driver = q.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
    const p = (i: number) => (driver === 'postgres' ? `$${i}` : '?');
    const now = new Date();
    const at = now.toISOString();
    const today = at.slice(0, 10);
    const pairs: {
      user_id: string;
      username: string;
      pupil_id: string;
      first_date: unknown;
      last_date: unknown;
      d1: string;
      d2: string;
      n: unknown;
    }[] = await q.query(
      'SELECT x.user_id, u.username, y.pupil_id, MIN(s.date) AS first_date, MAX(s.date) AS last_date, MIN(s.discipline) AS d1, MAX(s.discipline) AS d2, COUNT(*) AS n ' +
        'FROM session_practitioner x JOIN therapy_session s ON s.id = x.session_id JOIN session_pupil y ON y.session_id = s.id JOIN app_user u ON u.id = x.user_id ' +
        `WHERE u.role = 'therapist' GROUP BY x.user_id, u.username, y.pupil_id HAVING MAX(s.date) >= ${p(1)} ORDER BY y.pupil_id, u.username`,
      [addMonths(today, -12)],
    );
    if (!pairs.length) return;
    const existing: { user_id: string; pupil_id: string; start_date: unknown; end_date: unknown }[] = await q.query(
      'SELECT user_id, pupil_id, start_date, end_date FROM caseload_allocation',
    );
    for (const pair of pairs) {
      const first = dateOf(pair.first_date);
      const startDate = first < today ? first : today;
      const endDate = addMonths(dateOf(pair.last_date), 12);
      const covered = existing.some(
        (a) =>
          a.user_id === pair.user_id &&
          a.pupil_id === pair.pupil_id &&
          dateOf(a.start_date) <= today &&
          (a.end_date === null || dateOf(a.end_date) >= endDate),
      );
      if (covered) continue;
      const discipline = pair.d1 === pair.d2 ? pair.d1 : null;
      await q.query(
        `INSERT INTO caseload_allocation (id, pupil_id, user_id, discipline, start_date, end_date, created_by, created_at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map(p).join(', ')})`,
        [randomUUID(), pair.pupil_id, pair.user_id, discipline, startDate, endDate, MIGRATION_0013_BY, at],
      );
      await appendAudit(
        q.manager,
        driver,
        auditEvent({
          at,
          actor: MIGRATION_0013_ACTOR,
          operation: 'caseload.allocate',
          pupilId: pair.pupil_id,
          outcome: 'ok',
          detail: {
            practitioner: pair.username,
            discipline,
            startDate,
            endDate,
            sessions: numOf(pair.n),
            reason: 'caseload access came from booked sessions until this version; now only an allocation gives it',
          },
        }),
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const p = q.connection.options.type === 'postgres' ? '$1' : '?';
    await q.query(`DELETE FROM caseload_allocation WHERE created_by = ${p}`, [MIGRATION_0013_BY]);
  }
}
