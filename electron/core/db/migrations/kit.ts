/**
 * The migration kit: the column, key and index helpers the migrations build tables with, and the SQLite rebuild
 * guard, written once instead of copied into each migration.
 *
 * Migrations are frozen once released, and so is what these helpers produce: a released migration must build the
 * same schema for ever (schema.test.ts compares it with a snapshot on SQLite and PostgreSQL). Never change what a
 * helper returns; add a new helper instead.
 */
import { TableForeignKey, TableIndex, type QueryRunner, type TableColumnOptions } from 'typeorm';

/** varchar(length), NOT NULL unless `nullable`. */
export const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
/** date, NOT NULL unless `nullable`. */
export const date = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'date', isNullable: nullable });
/** integer, NOT NULL unless `nullable`. */
export const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
/** text, NOT NULL unless `nullable`. */
export const txt = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
/** boolean, NOT NULL. */
export const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean' });
/** The primary key: a UUID as varchar(36). */
export const pk = (name = 'id'): TableColumnOptions => ({ ...str(name, 36), isPrimary: true });

/** `column` refers to `table`.id; deleting the row it refers to deletes this one. */
export const fk = (column: string, table: string): TableForeignKey =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' });
/** pupil_id refers to pupil.id; deleting the pupil deletes this row, or with 'SET NULL' keeps it unlinked. */
export const pupilFk = (onDelete: 'CASCADE' | 'SET NULL' = 'CASCADE'): TableForeignKey =>
  new TableForeignKey({ columnNames: ['pupil_id'], referencedTableName: 'pupil', referencedColumnNames: ['id'], onDelete });
/** An index on `columns`, unique if asked, partial with a `where`. */
export const idx = (name: string, columns: string[], unique = false, where?: string): TableIndex =>
  new TableIndex({ name, columnNames: columns, isUnique: unique, ...(where ? { where } : {}) });

/**
 * Runs `work` with SQLite's foreign keys off. SQLite adds a column with a foreign key, or a key to a column, by
 * rebuilding the table (copy, DROP, rename), and dropping a table with foreign keys on would delete every row that
 * refers to it (ON DELETE CASCADE). TypeORM turns them off before running a migration, but when undoing one it does
 * so inside the transaction, where SQLite ignores the pragma: so the rebuild runs with them off, outside any
 * transaction if need be (then again in one for TypeORM's record of the migration). PostgreSQL: just `work`.
 */
export async function withoutForeignKeys(q: QueryRunner, work: () => Promise<void>): Promise<void> {
  if (q.connection.options.type === 'postgres') return work();
  const [row] = (await q.query('PRAGMA foreign_keys')) as { foreign_keys: number }[];
  if (!row?.foreign_keys) return work();
  const inTransaction = q.isTransactionActive;
  if (inTransaction) await q.commitTransaction();
  await q.query('PRAGMA foreign_keys = OFF');
  try {
    await work();
  } finally {
    await q.query('PRAGMA foreign_keys = ON');
    if (inTransaction) await q.startTransaction();
  }
}
