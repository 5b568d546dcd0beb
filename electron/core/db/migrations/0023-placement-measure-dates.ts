import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * 0023 (issue 18, item 1): the dates a placement's entry and exit measures were taken. A measure's value means little
 * without when it was taken (a reading age in September and in July), and the map's effectiveness figure may count
 * the time between them. Both nullable: no value, no date. Values recorded before this migration are given the dates
 * they most likely stand for: the entry value the placement's start, the exit value its end (or, for a place still
 * open, the day the value was last saved).
 *
 * Nothing refers to provision_placement, so SQLite's rebuild of it when adding a column deletes nothing.
 */
export class PlacementMeasureDates1700000000023 implements MigrationInterface {
  name = 'PlacementMeasureDates1700000000023';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('provision_placement', new TableColumn({ name: 'entry_date', type: 'date', isNullable: true }));
    await q.addColumn('provision_placement', new TableColumn({ name: 'exit_date', type: 'date', isNullable: true }));
    await q.query(`UPDATE provision_placement SET entry_date = start_date WHERE entry_value IS NOT NULL`);
    const day = q.connection.options.type === 'postgres' ? 'CAST(SUBSTRING(updated_at, 1, 10) AS date)' : 'SUBSTR(updated_at, 1, 10)';
    await q.query(`UPDATE provision_placement SET exit_date = COALESCE(end_date, ${day}) WHERE exit_value IS NOT NULL`);
  }

  /** Undone, the dates are forgotten (the values stay). */
  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('provision_placement', 'exit_date');
    await q.dropColumn('provision_placement', 'entry_date');
  }
}
