/**
 * Which tables hold one school's own rows (a trust's server holds several schools: migrations 0015 and 0017). THE one
 * rule, read from the schema rather than kept as a list: a table is a school's own when it has a `school_id` column
 * that is a foreign key to `school`. Today: pupil, app_user, therapy_session, staff_member, school_policy, feedback,
 * protected_time (0015), term, calendar_day, clock_setting, discipline (0017), and provision, provision_rate,
 * provision_setting (0020: the provision map's catalogue, rates and threshold). Everything else either follows its
 * pupil (through pupil_id), its session, plan or user, or is the whole server's (the signing key, trusted senders, the
 * audit trail). `senco-desk server import` (electron/server/import.ts) gives the rows of these tables the school a
 * folder goes into; whatever moves a school's records in or out of a server should read this too.
 */
import type { DataSource } from 'typeorm';

type EntityMetadata = DataSource['entityMetadatas'][number];

/** Whether the entity's table is one school's own: a `school_id` naming a school. */
export function isSchoolOwned(meta: EntityMetadata): boolean {
  return meta.foreignKeys.some(
    (fk) => fk.columns.length === 1 && fk.columns[0]!.databaseName === 'school_id' && fk.referencedEntityMetadata.tableName === 'school',
  );
}

/** The names of every school-owned table of the schema, sorted. */
export function schoolOwnedTables(ds: Pick<DataSource, 'entityMetadatas'>): string[] {
  return ds.entityMetadatas
    .filter(isSchoolOwned)
    .map((m) => m.tableName)
    .sort();
}
