/**
 * The raw-SQL floors the bench compares with, written out as plain SQL with no mapping of ours in them, shared by the
 * school section (bench.ts, SQLite) and the server section (server-bench.ts, PostgreSQL: its `pg` turns the ?n
 * placeholders into $n). Keep them in step with the services they copy.
 */
import { NEEDS_IDENTIFIED_LOOKBACK_DAYS, addDays } from '../core/clocks';

/** The register's SQL as pupils.list builds it (electron/core/services/pupils.ts), for SQLite. */
export const FROM =
  'FROM pupil p LEFT JOIN sen_status_period s ON s.pupil_id = p.id AND s.end_date IS NULL ' +
  'LEFT JOIN pupil_need n ON n.pupil_id = p.id AND n.rank = 1';
export const COLUMNS =
  'p.id, p.upn, p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name, p.year_group, ' +
  'p.class_name, p.date_of_birth, p.date_left, s.status, n.need_code';
export const ORDER =
  'ORDER BY COALESCE(p.preferred_last_name, p.legal_last_name) ASC, COALESCE(p.preferred_first_name, p.legal_first_name) ASC, p.id ASC';
export const LIKE = (n: number) =>
  `(LOWER(p.upn) LIKE ?${n} ESCAPE '\\' OR LOWER(p.legal_first_name) LIKE ?${n} ESCAPE '\\' OR LOWER(p.legal_last_name) LIKE ?${n} ESCAPE '\\'` +
  ` OR LOWER(COALESCE(p.preferred_first_name, '')) LIKE ?${n} ESCAPE '\\' OR LOWER(COALESCE(p.preferred_last_name, '')) LIKE ?${n} ESCAPE '\\'` +
  ` OR LOWER(COALESCE(p.class_name, '')) LIKE ?${n} ESCAPE '\\')`;

/**
 * The dashboard clocks' SELECTs as services/clocks.ts runs them (loadClockInputs, now with the referrals for the
 * initial-assessment clock, then goldenThreadTotals), for
 * SQLite, written out here so the floor is plain SQL with no mapping of ours in it. Keep in step with that file.
 */
export function rawClockQueries(q: (sql: string, params?: unknown[]) => Promise<unknown>, today: string): Promise<unknown[]> {
  const lookback = addDays(today, -NEEDS_IDENTIFIED_LOOKBACK_DAYS);
  const current =
    "SELECT v.id FROM ehc_plan_version v JOIN ehc_plan e ON e.id = v.plan_id AND v.number = e.current_version WHERE e.status <> 'ceased'";
  return Promise.all([
    q('SELECT start_date, end_date FROM term ORDER BY start_date'),
    q('SELECT date, kind, name FROM calendar_day ORDER BY date'),
    q('SELECT local_authority FROM school'),
    q(
      'SELECT p.id, p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name, p.year_group, p.class_name, ' +
        'p.date_of_birth, p.date_joined, p.needs_identified_on, s.status FROM pupil p ' +
        'LEFT JOIN sen_status_period s ON s.pupil_id = p.id AND s.end_date IS NULL ' +
        'WHERE (p.date_left IS NULL OR p.date_left > ?1) AND (p.date_joined >= ?2 ' +
        'OR EXISTS (SELECT 1 FROM ehc_plan e WHERE e.pupil_id = p.id) OR EXISTS (SELECT 1 FROM ehc_assessment_request r WHERE r.pupil_id = p.id) ' +
        "OR EXISTS (SELECT 1 FROM referral f WHERE f.pupil_id = p.id AND f.state <> 'declined'))",
      [today, lookback],
    ),
    q(
      'SELECT e.id, e.pupil_id, e.local_authority, e.owner_user_id, e.status, e.issued_date, e.ceased_date, ' +
        '(SELECT COUNT(*) FROM ehcp_outcome o JOIN ehc_plan_version v ON v.id = o.version_id ' +
        'WHERE v.plan_id = e.id AND v.number = e.current_version AND o.pfa_area IS NOT NULL) AS pfa FROM ehc_plan e',
    ),
    q('SELECT plan_id, id, effective_date FROM ehc_plan_version WHERE names_next_phase = 1 ORDER BY effective_date'),
    q('SELECT * FROM ehcp_review'),
    q('SELECT * FROM ehc_assessment_request'),
    q('SELECT id, display_name FROM app_user'),
    q('SELECT * FROM clock_setting'),
    q(
      "SELECT r.id, r.pupil_id, r.received_date, r.state, (SELECT MIN(e.event_date) FROM referral_event e WHERE e.referral_id = r.id AND e.to_state = 'assessed') AS assessed " +
        "FROM referral r WHERE r.state <> 'declined'",
    ),
    q(`SELECT id, version_id FROM ehcp_need WHERE version_id IN (${current})`),
    q(`SELECT id, version_id FROM ehcp_outcome WHERE version_id IN (${current})`),
    q(
      `SELECT l.outcome_id, l.need_id FROM ehcp_outcome_need l JOIN ehcp_outcome o ON o.id = l.outcome_id WHERE o.version_id IN (${current})`,
    ),
    q(`SELECT id, version_id, frequency_count, frequency_period, session_minutes FROM ehcp_provision WHERE version_id IN (${current})`),
    q(
      `SELECT l.provision_id, l.outcome_id FROM ehcp_provision_outcome l JOIN ehcp_provision p ON p.id = l.provision_id WHERE p.version_id IN (${current})`,
    ),
  ]);
}

/**
 * dashboard.worklist's SELECTs as services/dashboard.ts runs them for the SENCo's own worklist ({}): the clocks' inputs
 * and golden-thread selects (rawClockQueries), the current plan versions with their pupils, the open review actions,
 * the SENCo's own sessions to record in the last eight weeks (from `from`): their pending places, then the sessions
 * and pupils of each pupil's earliest ten by id (doNextSessions, with the copies of migration 0022),
 * and everyone's sessions to record counted in SQL from the pending places by date, the window's and the earlier ones
 * this school year (countSessionsToRecord), for SQLite. Keep in step with that file.
 */
export function rawWorklistQueries(
  q: (sql: string, params?: unknown[]) => Promise<unknown>,
  today: string,
  yearStart: string,
  from: string,
  now: string,
  userId: string,
): Promise<unknown[]> {
  return Promise.all([
    rawClockQueries(q, today),
    q(
      "SELECT v.id, e.pupil_id FROM ehc_plan_version v JOIN ehc_plan e ON e.id = v.plan_id AND v.number = e.current_version WHERE e.status <> 'ceased'",
    ),
    q(
      'SELECT a.id, a.review_id, a.pupil_id, a.description, a.owner_user_id, a.due_date, r.kind, r.date AS review_date, ' +
        'p.legal_first_name, p.legal_last_name, p.preferred_first_name, p.preferred_last_name, p.year_group, p.class_name ' +
        'FROM review_action a JOIN review_meeting r ON r.id = a.review_id JOIN pupil p ON p.id = a.pupil_id WHERE a.done_date IS NULL',
    ),
    // Do next's sessions: the pending places in the window where the SENCo is a practitioner (three columns from the
    // partial index, a primary-key look-up each), then the sessions and pupils of each pupil's earliest ten looked up
    // by id, as doNextSessions does.
    q(
      'SELECT sp.session_id, sp.session_date, sp.pupil_id FROM session_pupil sp ' +
        "WHERE sp.session_date >= ?2 AND sp.session_date <= ?3 AND (sp.session_date < ?3 OR sp.session_end_time <= ?4) AND sp.attendance = 'pending' " +
        'AND EXISTS (SELECT 1 FROM session_practitioner m WHERE m.session_id = sp.session_id AND m.user_id = ?1)',
      [userId, from, today, now],
    ).then(async (rows) => {
      const byPupil = new Map<string, { d: string; s: string }[]>();
      for (const r of rows as { session_id: string; session_date: string; pupil_id: string }[]) {
        const list = byPupil.get(r.pupil_id) ?? [];
        list.push({ d: r.session_date, s: r.session_id });
        byPupil.set(r.pupil_id, list);
      }
      const sessions = new Set<string>();
      for (const list of byPupil.values())
        for (const x of list.sort((a, b) => a.d.localeCompare(b.d) || a.s.localeCompare(b.s)).slice(0, 10)) sessions.add(x.s);
      const byIds = async (sql: string, ids: string[]) => {
        for (let i = 0; i < ids.length; i += 500) {
          const chunk = ids.slice(i, i + 500);
          await q(`${sql} (${chunk.map((_, k) => `?${k + 1}`).join(', ')})`, chunk);
        }
      };
      await byIds('SELECT id, title, start_time FROM therapy_session WHERE id IN', [...sessions]);
      await byIds(
        'SELECT id, legal_first_name, legal_last_name, preferred_first_name, preferred_last_name, year_group, class_name FROM pupil WHERE id IN',
        [...byPupil.keys()],
      );
    }),
    q(
      'SELECT SUM(CASE WHEN x.d >= ?4 THEN 1 ELSE 0 END) AS recent, SUM(CASE WHEN x.d < ?4 THEN 1 ELSE 0 END) AS earlier FROM (SELECT DISTINCT sp.session_date AS d, sp.session_id ' +
        "FROM session_pupil sp WHERE sp.session_date >= ?1 AND sp.session_date <= ?2 AND (sp.session_date < ?2 OR sp.session_end_time <= ?3) AND sp.attendance = 'pending') x",
      [yearStart < from ? yearStart : from, today, now, from],
    ),
  ]);
}
