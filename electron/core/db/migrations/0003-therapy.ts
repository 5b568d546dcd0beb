import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { str, date, int, txt, pk, fk, idx } from './kit';

/**
 * 0003: the therapy team's records: disciplines (seeded with the policy's defaults), referrals and their history,
 * assessments, bands, individual pupil plans with versions, goals, interventions and reviews, and placements.
 */

const DISCIPLINES: [string, string][] = [
  ['speech_language', 'Speech and language therapy'],
  ['occupational_therapy', 'Occupational therapy'],
  ['physiotherapy', 'Physiotherapy'],
  ['psychology', 'Psychology'],
  ['thrive', 'Thrive'],
  ['counselling', 'Counselling'],
  ['other', 'Other'],
];

export class Therapy1700000000003 implements MigrationInterface {
  name = 'Therapy1700000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'discipline',
        columns: [{ ...str('code', 40), isPrimary: true }, str('label', 80), { name: 'active', type: 'boolean' }, int('position')],
      }),
    );
    const pg = q.connection.options.type === 'postgres';
    for (const [i, [code, label]] of DISCIPLINES.entries()) {
      await q.query(`INSERT INTO discipline (code, label, active, position) VALUES (${pg ? '$1, $2, $3, $4' : '?, ?, ?, ?'})`, [
        code,
        label,
        pg ? true : 1,
        i,
      ]);
    }
    await q.createTable(
      new Table({
        name: 'referral',
        columns: [
          pk(),
          str('pupil_id', 36),
          str('referrer_kind', 20),
          str('referrer_name', 120),
          str('la_category', 20, true),
          str('discipline', 40),
          txt('reason'),
          date('received_date'),
          str('consent_status', 10),
          str('consent_by', 120, true),
          date('consent_date', true),
          str('state', 20),
          txt('declined_reason', true),
          str('created_at', 30),
          str('updated_at', 30),
        ],
        foreignKeys: [fk('pupil_id', 'pupil')],
        indices: [idx('ix_referral_pupil', ['pupil_id']), idx('ix_referral_state', ['state'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'referral_event',
        columns: [
          pk(),
          str('referral_id', 36),
          str('from_state', 20, true),
          str('to_state', 20),
          date('event_date'),
          txt('reason', true),
          str('created_by', 140),
          str('created_at', 30),
        ],
        foreignKeys: [fk('referral_id', 'referral')],
        indices: [idx('ix_referral_event_referral', ['referral_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'assessment',
        columns: [
          pk(),
          str('pupil_id', 36),
          str('referral_id', 36, true),
          str('kind', 10),
          str('discipline', 40),
          str('assessor_name', 120),
          date('date'),
          str('need_level', 10, true),
          txt('notes', true),
          txt('scores_json'),
          txt('thrive_json'),
          str('created_at', 30),
          str('updated_at', 30),
        ],
        foreignKeys: [fk('pupil_id', 'pupil')],
        indices: [idx('ix_assessment_pupil', ['pupil_id', 'date'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'band_period',
        columns: [
          pk(),
          str('pupil_id', 36),
          str('band', 10),
          str('need_level', 10, true),
          date('start_date'),
          date('end_date', true),
          int('planned_weeks', true),
          txt('reason'),
          str('created_by', 140),
          str('created_at', 30),
        ],
        foreignKeys: [fk('pupil_id', 'pupil')],
        indices: [idx('uq_band_open', ['pupil_id'], true, 'end_date IS NULL'), idx('ix_band_pupil', ['pupil_id', 'start_date'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ipp',
        columns: [pk(), str('pupil_id', 36), int('current_version'), str('created_at', 30), str('updated_at', 30)],
        foreignKeys: [fk('pupil_id', 'pupil')],
        indices: [idx('ix_ipp_pupil', ['pupil_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ipp_version',
        columns: [
          pk(),
          str('ipp_id', 36),
          int('number'),
          str('title', 200),
          date('start_date'),
          date('review_date'),
          date('end_date'),
          txt('expected_outcomes', true),
          str('reason', 500, true),
          str('created_by', 140),
          str('created_at', 30),
        ],
        foreignKeys: [fk('ipp_id', 'ipp')],
        indices: [idx('uq_ipp_version', ['ipp_id', 'number'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ipp_goal',
        columns: [
          pk(),
          str('version_id', 36),
          str('goal_key', 64),
          int('position'),
          txt('description'),
          str('ehcp_outcome_id', 36, true),
          str('level_m2', 500, true),
          str('level_m1', 500, true),
          str('level_expected', 500),
          str('level_p1', 500, true),
          str('level_p2', 500, true),
        ],
        foreignKeys: [fk('version_id', 'ipp_version')],
        indices: [idx('ix_ipp_goal_version', ['version_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ipp_intervention',
        columns: [
          pk(),
          str('version_id', 36),
          int('position'),
          str('discipline', 40),
          txt('description'),
          int('frequency_count', true),
          str('frequency_period', 10, true),
          int('session_minutes', true),
          int('duration_weeks', true),
          int('group_size', true),
          str('staffing_ratio', 20),
          str('delivered_by', 200, true),
          txt('classroom_strategies', true),
        ],
        foreignKeys: [fk('version_id', 'ipp_version')],
        indices: [idx('ix_ipp_intervention_version', ['version_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ipp_review',
        columns: [
          pk(),
          str('ipp_id', 36),
          str('pupil_id', 36),
          date('date'),
          txt('note', true),
          txt('ratings_json'),
          { name: 'mean_rating', type: 'real' },
          str('created_by', 140),
          str('created_at', 30),
        ],
        foreignKeys: [fk('ipp_id', 'ipp')],
        indices: [idx('ix_ipp_review_ipp', ['ipp_id', 'date'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'placement',
        columns: [
          pk(),
          str('pupil_id', 36),
          str('commissioning_la', 100),
          str('la_category', 20),
          str('home_school_name', 200),
          str('home_school_urn', 6, true),
          date('start_date'),
          str('staffing_ratio', 20),
          str('extension_status', 10),
          date('extension_requested_date', true),
          date('extension_end_date', true),
          txt('closure_plan', true),
          date('closed_date', true),
          str('created_at', 30),
          str('updated_at', 30),
        ],
        foreignKeys: [fk('pupil_id', 'pupil')],
        indices: [idx('ix_placement_pupil', ['pupil_id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'placement',
      'ipp_review',
      'ipp_intervention',
      'ipp_goal',
      'ipp_version',
      'ipp',
      'band_period',
      'assessment',
      'referral_event',
      'referral',
      'discipline',
    ]) {
      await q.dropTable(t);
    }
  }
}
