import { Table, TableColumn, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { str, date, int, txt, bool, pk, fk, idx } from './kit';

/**
 * 0002: EHC plans with versioned structured sections, annual reviews, EHC needs assessment requests, the school
 * calendar's closure days, per-school clock settings, and the date a pupil's needs were identified after joining.
 */
const part = (name: string, columns: TableColumnOptions[], index: string) =>
  new Table({
    name,
    columns: [pk(), str('version_id', 36), int('position'), ...columns],
    foreignKeys: [fk('version_id', 'ehc_plan_version')],
    indices: [idx(index, ['version_id'])],
  });

export class EhcPlansCalendarClocks1700000000002 implements MigrationInterface {
  name = 'EhcPlansCalendarClocks1700000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('pupil', new TableColumn(date('needs_identified_on', true)));
    await q.createTable(
      new Table({
        name: 'ehc_plan',
        columns: [
          pk(),
          str('pupil_id', 36),
          str('local_authority', 100),
          str('owner_user_id', 36, true),
          str('status', 10),
          date('draft_date', true),
          date('issued_date', true),
          date('ceased_date', true),
          str('ceased_reason', 500, true),
          int('current_version'),
          str('created_at', 30),
          str('updated_at', 30),
        ],
        foreignKeys: [fk('pupil_id', 'pupil')],
        indices: [idx('ix_ehc_plan_pupil', ['pupil_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ehc_plan_version',
        columns: [
          pk(),
          str('plan_id', 36),
          int('number'),
          str('kind', 10),
          date('effective_date'),
          str('reason', 500, true),
          bool('names_next_phase'),
          txt('a_views', true),
          txt('a_interests', true),
          txt('a_aspirations', true),
          str('i_placement_name', 200, true),
          str('i_placement_urn', 6, true),
          str('i_placement_type', 100, true),
          txt('j_personal_budget', true),
          str('created_at', 30),
          str('created_by', 140),
        ],
        foreignKeys: [fk('plan_id', 'ehc_plan')],
        indices: [idx('uq_ehc_plan_version', ['plan_id', 'number'], true)],
      }),
    );
    await q.createTable(part('ehcp_need', [str('area', 30), txt('description')], 'ix_ehcp_need_version'));
    await q.createTable(part('ehcp_item', [str('section', 2), txt('description'), str('provider', 200, true)], 'ix_ehcp_item_version'));
    await q.createTable(
      part('ehcp_outcome', [txt('description'), date('target_date', true), str('pfa_area', 30, true)], 'ix_ehcp_outcome_version'),
    );
    await q.createTable(
      part(
        'ehcp_provision',
        [
          txt('description'),
          int('frequency_count', true),
          str('frequency_period', 10, true),
          int('session_minutes', true),
          int('duration_weeks', true),
          int('group_size', true),
          str('delivered_by', 200, true),
          str('expertise', 400, true),
          bool('marked_quantified'),
        ],
        'ix_ehcp_provision_version',
      ),
    );
    await q.createTable(part('ehcp_advice', [str('title', 200), str('author', 200), date('advice_date')], 'ix_ehcp_advice_version'));
    await q.createTable(
      new Table({
        name: 'ehcp_outcome_need',
        columns: [
          { ...str('outcome_id', 36), isPrimary: true },
          { ...str('need_id', 36), isPrimary: true },
        ],
        foreignKeys: [fk('outcome_id', 'ehcp_outcome'), fk('need_id', 'ehcp_need')],
        indices: [idx('ix_ehcp_outcome_need_need', ['need_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ehcp_provision_outcome',
        columns: [
          { ...str('provision_id', 36), isPrimary: true },
          { ...str('outcome_id', 36), isPrimary: true },
        ],
        foreignKeys: [fk('provision_id', 'ehcp_provision'), fk('outcome_id', 'ehcp_outcome')],
        indices: [idx('ix_ehcp_provision_outcome_outcome', ['outcome_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ehcp_review',
        columns: [
          pk(),
          str('plan_id', 36),
          date('meeting_date'),
          bool('held'),
          date('invitations_sent_date', true),
          date('advice_circulated_date', true),
          date('report_sent_date', true),
          date('la_decision_date', true),
          str('la_decision', 10, true),
          date('amended_final_date', true),
          str('created_at', 30),
          str('updated_at', 30),
        ],
        foreignKeys: [fk('plan_id', 'ehc_plan')],
        indices: [idx('ix_ehcp_review_plan', ['plan_id', 'meeting_date'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ehc_assessment_request',
        columns: [
          pk(),
          str('pupil_id', 36),
          str('local_authority', 100),
          str('owner_user_id', 36, true),
          date('request_date'),
          date('decision_date', true),
          str('decision', 10, true),
          date('final_plan_date', true),
          date('withdrawn_date', true),
          str('created_at', 30),
          str('updated_at', 30),
        ],
        foreignKeys: [fk('pupil_id', 'pupil')],
        indices: [idx('ix_ehc_request_pupil', ['pupil_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'calendar_day',
        columns: [pk(), str('academic_year', 7), date('date'), str('kind', 20), str('name', 100)],
        indices: [idx('uq_calendar_day_date', ['date'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'clock_setting',
        columns: [
          { ...str('key', 40), isPrimary: true },
          bool('enabled'),
          int('amount'),
          str('unit', 20),
          int('under5_months', true),
          str('updated_at', 30),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'clock_setting',
      'calendar_day',
      'ehc_assessment_request',
      'ehcp_review',
      'ehcp_provision_outcome',
      'ehcp_outcome_need',
      'ehcp_advice',
      'ehcp_provision',
      'ehcp_outcome',
      'ehcp_item',
      'ehcp_need',
      'ehc_plan_version',
      'ehc_plan',
    ]) {
      await q.dropTable(t);
    }
    await q.dropColumn('pupil', 'needs_identified_on');
  }
}
