/**
 * Moving to a school server (issue 16, item 4): the records of one or more standalone data folders (each desk's own
 * SQLite database) merged into the server's store (its SQLite folder, or the PostgreSQL database of a trust), with a
 * preview of what merges before anything is written. `senco-desk server import` (electron/cli/commands/server-import.ts)
 * opens the folders and the server's store and calls `planImport`, then `applyImport` once the import is confirmed.
 *
 * How rows merge. Every record in SENCo Desk has a random UUID (or a natural key: a school's discipline code or clock key),
 * so a row keeps its id on the server and a row that is already there (the same id, or the same value of a unique
 * key such as a term's year and name) is not written again: that is what makes a second run write nothing. Two things
 * are matched by what people know rather than by id:
 *   - pupils by UPN (unique for ever: DOMAIN.md). A pupil already on the server, or in an earlier folder of the same
 *     run, keeps that record's id, and every record of theirs from the other folders is re-pointed at it. Their
 *     one-at-a-time details (name and date of birth, SEN status and needs, band, contacts, phase transfer) come from
 *     ONE place, their "home": the server if it had them, else the first folder that has them; their records of
 *     which a pupil has many (sessions, assessments, plans, referrals, reviews, notes, concerns, exports...) come from
 *     every folder. The same UPN with another legal name or date of birth is a conflict: the preview shows it and the
 *     import is refused until it is fixed in one folder or accepted (the home's details kept).
 *   - users by username: a username already on the server (or in an earlier folder) is the same person; their account
 *     there is kept, and what they did in each folder (sessions they ran, their caseload, the concerns they raised)
 *     is re-pointed at it. A new user keeps their password hash, so they sign in with the password they had.
 * A row whose id (or unique key) is on the server with other content is a change made in two places: the server's
 * (or the earlier folder's) is kept, the other is counted in the preview as "differs, not taken", and any record
 * hanging off the row that was not taken is not taken either (so no foreign key dangles).
 *
 * What is not copied: each folder's audit trail (a chain of hashes of its own; it stays in the folder, which is not
 * changed, and the import event names each folder's trail head so the two trails are linked), its sign-in sessions,
 * its users' unsaved drafts (typing in progress, not records: they stay in the folder), and school-wide singletons the server already has (the school's details, its signing key).
 *
 * Everything is written in ONE transaction with ONE audit event (`server.import`) whose detail names counts only,
 * never a pupil's data.
 *
 * Schools as tenants (migrations 0015 and 0017). A trust's server holds several schools, and the records of eleven
 * tables are one school's own (their `school_id`: pupil, app_user, therapy_session, staff_member, school_policy,
 * feedback, protected_time, and the school's own settings: term, calendar_day, clock_setting, discipline; found from
 * the schema by the one rule in electron/core/db/school-owned.ts). A folder's term dates, closures, clock rules and
 * disciplines are its school's, so they go into the school the folder goes into and are matched there (by the
 * school's year and term name, date, clock key, discipline code), never touching another school's. Each folder goes into ONE of the
 * server's schools (`chooseSchools`: `--school URN`, else the server's only school, else the school with the folder's
 * URN; none is refused, saying how to add it), and every imported row of those tables is given that school's id on the
 * server. The `school` table itself is not copied row for row: a folder's school row is written only when the server
 * has no school at all yet. A UPN or username that is another school's on the server is a conflict, never merged: that
 * school's pupil is not re-pointed or given this folder's records (they are not taken), and an account of another
 * school is kept only if the conflict is accepted. The way out, one school exported from a trust to a folder of its
 * own, is electron/server/export-school.ts: it reads the same table rules (`ownershipOf`).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { appendAudit, auditEvent } from '../core/audit';
import type { AuditHead } from '../core/audit-checkpoint';
import type { Actor } from '../core/context';
import type { Driver } from '../core/db/data-source';
import { boolOf, dateOf } from '../core/db/raw';
import { inTransaction } from '../core/db/transaction';
import { isSchoolOwned } from '../core/db/school-owned';

/** How each table merges (see the file's comment). A table missing here stops the import: see `tablePlan`. */
export type TableRole =
  /** Not copied: the folder's own audit chain, sign-in sessions and remembered idempotency keys. */
  | 'not_copied'
  /** Matched by username. */
  | 'users'
  /** Matched by UPN. */
  | 'pupils'
  /** One row for the whole server: the server's kept if it has one, else the first folder's. */
  | 'school_singleton'
  /**
   * The schools (migration 0015): not copied row for row. Each folder's records go to ONE school of the server (see
   * `chooseSchools`); a folder's school row is written only when the server has no school at all yet.
   */
  | 'school'
  /** A pupil's one-at-a-time details: from the pupil's home only. */
  | 'pupil_details'
  /** Every folder's rows, by id (and unique keys). */
  | 'records';

export const TABLE_ROLES: Readonly<Record<string, TableRole>> = {
  audit_event: 'not_copied',
  sign_in_session: 'not_copied',
  // A server's memory of the writes desks replayed with idempotency keys (migration 0016): a standalone folder's has
  // nothing a server needs, and its answers name that folder's own session.
  applied_operation: 'not_copied',
  // Unsaved drafts (migration 0019): one user's typing at one desk, not a record. They stay in the folder, which is not
  // changed; the user saves or discards them there first (or types them again at the server).
  draft: 'not_copied',
  app_user: 'users',
  pupil: 'pupils',
  school: 'school',
  installation_key: 'school_singleton',
  pupil_need: 'pupil_details',
  pupil_contact: 'pupil_details',
  sen_status_period: 'pupil_details',
  band_period: 'pupil_details',
  pupil_transfer: 'pupil_details',
  assessment: 'records',
  calendar_day: 'records',
  caseload_allocation: 'records',
  clock_setting: 'records',
  cpd_entry: 'records',
  discipline: 'records',
  ehc_assessment_request: 'records',
  ehc_plan: 'records',
  ehc_plan_version: 'records',
  ehcp_advice: 'records',
  ehcp_item: 'records',
  ehcp_need: 'records',
  ehcp_outcome: 'records',
  ehcp_outcome_need: 'records',
  ehcp_provision: 'records',
  ehcp_provision_outcome: 'records',
  ehcp_review: 'records',
  feedback: 'records',
  ipp: 'records',
  ipp_goal: 'records',
  ipp_intervention: 'records',
  ipp_review: 'records',
  ipp_version: 'records',
  parent_update: 'records',
  placement: 'records',
  protected_time: 'records',
  // A pupil's passport and its versions (migration 0021): they follow the pupil.
  pupil_passport: 'records',
  pupil_passport_version: 'records',
  // The provision map (migration 0020): the school's catalogue, rates and threshold, and its pupils' placements.
  provision: 'records',
  provision_placement: 'records',
  provision_rate: 'records',
  provision_setting: 'records',
  referral: 'records',
  referral_event: 'records',
  review_action: 'records',
  review_decision: 'records',
  review_meeting: 'records',
  safeguarding_concern: 'records',
  school_policy: 'records',
  session_practitioner: 'records',
  session_pupil: 'records',
  sharing_log: 'records',
  staff_member: 'records',
  term: 'records',
  therapy_session: 'records',
  trusted_sender: 'records',
  user_class: 'records',
};

/** Whether a table is one school's own (migrations 0015 and 0017): the one rule, electron/core/db/school-owned.ts. */
export const isTenantTable = (t: TableInfo) => t.schoolOwned;

/** Columns naming a pupil (re-pointed at the pupil's record on the server). */
export const isPupilRef = (column: string) => column === 'pupil_id';
/** Columns naming a user (user_id, owner_user_id, raised_by_user_id, exported_by_user_id, trusted_by_user_id). */
export const isUserRef = (column: string) => /(^|_)user_id$/.test(column);

/**
 * Whose a table's rows are, when one school leaves a trust (`senco-desk server export-school`,
 * electron/server/export-school.ts), worked out from the same roles and the schema, so that this file stays the one
 * place that knows the tables:
 *   school   one school's own (isTenantTable: its school_id names the school; the `school` table itself is the
 *            school's own row);
 *   linked   a row that names a pupil (pupil_id), hangs off another row by a foreign key (a plan's versions, a
 *            session's attendance, a staff member's CPD), or names a user it cannot be without (a class list's
 *            teacher): it goes with the school when everything it names does;
 *   trust    kept for the whole server and named by no school's row: today term dates and closures (term,
 *            calendar_day), clock rules (clock_setting), therapy disciplines (discipline) and trusted senders.
 *            A departing school takes a copy of each whole. (A table given a school_id later, as migration 0017
 *            does for the first four, becomes `school` here by itself.)
 *   none     not copied: the audit trail (the events about the school are written again into the new folder's own
 *            chain), sign-in sessions, remembered idempotency keys, and the trust's signing key (the school's
 *            folder makes its own at its first signed export: a school that leaves must not sign as the trust).
 */
export type Ownership = 'school' | 'linked' | 'trust' | 'none';

export function ownershipOf(t: TableInfo): Ownership {
  if (t.role === 'not_copied' || t.role === 'school_singleton') return 'none';
  if (t.role === 'school' || isTenantTable(t)) return 'school';
  const named = t.columns.some((c) => isPupilRef(c.databaseName) || (isUserRef(c.databaseName) && !c.isNullable));
  return named || t.refs.size > 0 ? 'linked' : 'trust';
}

export class ImportError extends Error {
  constructor(
    message: string,
    readonly code: 'schema' | 'conflicts' | 'not_a_folder' | 'no_school' = 'schema',
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** One folder being imported: its label in the preview (its path) and its open database. */
export interface ImportSource {
  readonly label: string;
  readonly ds: DataSource;
}

type Row = Record<string, unknown>;
type EntityMetadata = DataSource['entityMetadatas'][number];
type ColumnMetadata = EntityMetadata['columns'][number];

/** The newest event of a folder's audit trail. */
export interface TrailHead {
  readonly seq: number;
  readonly hash: string;
}

export interface TableInfo {
  readonly name: string;
  readonly role: TableRole;
  readonly columns: readonly ColumnMetadata[];
  /** The primary key, then each unique index without a WHERE (a term's year and name, a calendar day's date...). */
  readonly keys: readonly (readonly string[])[];
  /** Foreign keys: column → referenced table (single-column ones; every foreign key in the schema is). */
  readonly refs: ReadonlyMap<string, string>;
  /** One school's own rows (electron/core/db/school-owned.ts): given the school the folder goes into. */
  readonly schoolOwned: boolean;
}

/** Per table and folder: rows written, rows already on the server, rows that differ there (not taken), rows not taken. */
export interface TableCounts {
  new: number;
  already: number;
  differs: number;
  notTaken: number;
}

export interface PupilMatch {
  readonly upn: string;
  readonly name: string;
  /** Where their details come from: "server" or a folder's label. */
  readonly home: string;
  /** Per folder: the records of theirs written (by table), and how many were already on the server. */
  readonly records: Record<string, { readonly new: Record<string, number>; already: number; differs: number; notTaken: number }>;
}

export interface ImportConflict {
  /**
   * pupil_details: the same UPN with another name or date of birth; school: a folder of another URN than the school it
   * goes into; user_role: a username with another role; pupil_school / user_school: a UPN or username that belongs to
   * another school of the server (a trust's): never merged into that school's pupil or account.
   */
  readonly kind: 'pupil_details' | 'school' | 'user_role' | 'pupil_school' | 'user_school';
  /** The UPN, the username, or the school's URN. */
  readonly key: string;
  /** What each place says: "server" or a folder's label → the values. */
  readonly values: Record<string, Record<string, string | null>>;
  /** What the import keeps if the conflict is accepted. */
  readonly kept: string;
}

export interface ImportPlan {
  readonly folders: readonly {
    readonly label: string;
    readonly school: { readonly name: string; readonly urn: string } | null;
    /** The server's school its records go into (null: a folder never set up, which holds no school's records). */
    readonly into: { readonly name: string; readonly urn: string } | null;
    readonly pupils: number;
    readonly users: number;
    /** The folder's audit trail head (its own trail stays in the folder; the import event names it). */
    readonly auditHead: TrailHead | null;
  }[];
  readonly pupils: {
    readonly new: readonly { readonly upn: string; readonly name: string; readonly from: string }[];
    readonly matched: readonly PupilMatch[];
  };
  readonly users: {
    readonly new: readonly { readonly username: string; readonly role: string; readonly from: string }[];
    readonly matched: readonly { readonly username: string; readonly on: string; readonly folders: readonly string[] }[];
  };
  readonly conflicts: readonly ImportConflict[];
  /** table → folder → counts. */
  readonly tables: Record<string, Record<string, TableCounts>>;
  readonly totals: TableCounts;
  /** Whether the rows were written as they were planned (applyImport; then the transaction commits them). */
  readonly written: boolean;
}

export function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The schema's tables, in an order where every table comes after the tables it refers to. */
export function tablePlan(ds: DataSource): TableInfo[] {
  const metas = ds.entityMetadatas;
  const missing = metas.map((m) => m.tableName).filter((t) => !(t in TABLE_ROLES));
  if (missing.length) {
    throw new ImportError(
      `This version of SENCo Desk does not know how to import the table(s) ${missing.join(', ')}: nothing was changed. Update SENCo Desk (the import must know every table).`,
    );
  }
  const infos = new Map<string, TableInfo>();
  for (const m of metas) infos.set(m.tableName, infoOf(m));
  const order: TableInfo[] = [];
  const seen = new Set<string>();
  const visit = (name: string, path: readonly string[]) => {
    if (seen.has(name) || path.includes(name)) return;
    const info = infos.get(name)!;
    const deps = [...new Set([...info.refs.values()]), ...implicitParents(name)].filter((d) => d !== name && infos.has(d));
    for (const d of deps) visit(d, [...path, name]);
    seen.add(name);
    order.push(info);
  };
  // The schools, then pupils and users first: their ids are mapped before any row that names them.
  for (const name of ['school', 'app_user', 'pupil', ...metas.map((m) => m.tableName)]) visit(name, []);
  return order;
}

/** Parents a table refers to without a declared foreign key (a session's practitioners and pupils). */
function implicitParents(table: string): string[] {
  // The schools come before the users and pupils that name them (migration 0015).
  return ['school', 'app_user', 'pupil'].includes(table) ? [] : ['app_user', 'pupil'];
}

function infoOf(m: EntityMetadata): TableInfo {
  const pk = m.primaryColumns.map((c) => c.databaseName);
  const uniques = m.indices
    .filter((i) => i.isUnique && !i.where)
    .map((i) => i.columns.map((c) => c.databaseName))
    // Pupils and users are matched by UPN and username through the id maps, not as keys of a row.
    .filter((cols) => !(m.tableName === 'pupil' && cols.join() === 'upn') && !(m.tableName === 'app_user' && cols.join() === 'username'));
  const refs = new Map<string, string>();
  for (const fk of m.foreignKeys) {
    if (fk.columns.length === 1) refs.set(fk.columns[0]!.databaseName, fk.referencedEntityMetadata.tableName);
  }
  return {
    name: m.tableName,
    role: TABLE_ROLES[m.tableName]!,
    columns: m.columns,
    keys: [pk, ...uniques],
    refs,
    schoolOwned: isSchoolOwned(m),
  };
}

/** A value as both drivers agree on it: dates as yyyy-mm-dd, booleans as true/false, numbers as numbers. */
function normal(col: ColumnMetadata, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  const type = String(col.type).toLowerCase();
  if (type === 'date') return dateOf(v);
  if (type === 'boolean') return boolOf(v);
  if (['integer', 'int', 'bigint', 'real', 'double precision', 'float', 'double'].includes(type)) return Number(v);
  return v instanceof Date ? v.toISOString() : v;
}

export function normalRow(t: TableInfo, row: Row): Row {
  const out: Row = {};
  for (const c of t.columns) out[c.databaseName] = normal(c, row[c.databaseName]);
  return out;
}

const keyOf = (row: Row, cols: readonly string[]) => JSON.stringify(cols.map((c) => row[c] ?? null));
/**
 * Whether two rows hold the same values. A `real` column is single precision on PostgreSQL (float4) and double on
 * SQLite: compared at single precision, so a desk's 3.3333333333333335 is the 3.3333333 the server stored from it, and a
 * second run does not count the row as changed in two places.
 */
const sameValue = (c: ColumnMetadata, a: unknown, b: unknown) =>
  String(c.type).toLowerCase() === 'real' && typeof a === 'number' && typeof b === 'number'
    ? Math.fround(a) === Math.fround(b)
    : JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sameRow = (t: TableInfo, a: Row, b: Row) => t.columns.every((c) => sameValue(c, a[c.databaseName], b[c.databaseName]));

async function selectAll(ds: DataSource | EntityManager, table: string): Promise<Row[]> {
  return (await ds.query(`SELECT * FROM ${quoteId(table)}`)) as Row[];
}

/** The target's rows whose `cols[0]` is one of `values` (in batches), for matching by id or unique key. */
async function targetRowsBy(em: EntityManager, driver: Driver, table: string, col: string, values: readonly unknown[]): Promise<Row[]> {
  const out: Row[] = [];
  const BATCH = 500;
  for (let i = 0; i < values.length; i += BATCH) {
    const batch = values.slice(i, i + BATCH);
    const marks = batch.map((_, j) => (driver === 'postgres' ? `$${j + 1}` : `?${j + 1}`)).join(', ');
    out.push(...((await em.query(`SELECT * FROM ${quoteId(table)} WHERE ${quoteId(col)} IN (${marks})`, batch as unknown[])) as Row[]));
  }
  return out;
}

async function auditHeadOf(ds: DataSource): Promise<TrailHead | null> {
  const rows = (await ds.query('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1')) as { seq: number | string; hash: string }[];
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
}

/** Rows matched against the server and written at a time. */
const CHUNK_ROWS = 5000;

const pupilName = (p: Row) => `${String(p.legal_first_name)} ${String(p.legal_last_name)}`;
const emptyCounts = (): TableCounts => ({ new: 0, already: 0, differs: 0, notTaken: 0 });

interface SchoolRef {
  readonly id: string;
  readonly name: string;
  readonly urn: string;
}

/**
 * The server's school each folder's records go into (migration 0015: a trust's server holds several schools):
 *   - `--school URN` (schoolUrn): that school of the server, for every folder;
 *   - a server with one school: that school (a folder of another URN is a conflict the caller lists);
 *   - a server with several schools: the school with the folder's URN; none is refused, saying how to add it first;
 *   - a server with no school yet (an empty PostgreSQL database): the first folder's school (with --school, the
 *     folder's of that URN) is written and becomes the server's school: `newSchool`.
 * A standalone folder has at most one school; one never set up has none and holds no school's records.
 */
async function chooseSchools(
  target: EntityManager,
  folders: readonly {
    readonly label: string;
    readonly school: { readonly name: string; readonly urn: string } | null;
    readonly schoolId: string | null;
  }[],
  schoolUrn: string | null,
): Promise<{ into: Map<string, SchoolRef>; newSchool: { label: string; id: string } | null; schoolName: (id: string) => string }> {
  const onServer = ((await selectAll(target, 'school')) as Row[]).map((r) => ({
    id: String(r.id),
    name: String(r.name),
    urn: String(r.urn),
  }));
  const listed = () => onServer.map((x) => `${x.name}, URN ${x.urn}`).join('; ');
  const addFirst = (name: string, urn: string) =>
    `Add the school to the server first (as the trust's IT): senco-desk trust add-school --data SERVER_FOLDER --school "${name}" --urn ${urn} --la "ITS LOCAL AUTHORITY" --user "ITS SENCO", ` +
    "then run the import again; or name the server's school to import into with --school URN. Nothing was changed.";
  let newSchool: { label: string; id: string; school: SchoolRef } | null = null;
  if (!onServer.length) {
    const first = folders.find((f) => f.school && f.schoolId && (!schoolUrn || f.school.urn === schoolUrn));
    if (schoolUrn && !first) {
      throw new ImportError(
        `The server has no school yet, and no folder is of URN ${schoolUrn} (--school): give the URN of one of the folders' schools, or leave --school out to use the first folder's. Nothing was changed.`,
        'no_school',
      );
    }
    if (first) newSchool = { label: first.label, id: first.schoolId!, school: { id: first.schoolId!, ...first.school! } };
  }
  const schools = newSchool ? [newSchool.school] : onServer;
  let chosen: SchoolRef | null = null;
  if (schoolUrn) {
    chosen = schools.find((x) => x.urn === schoolUrn) ?? null;
    if (!chosen)
      throw new ImportError(
        `There is no school with URN ${schoolUrn} (--school) on the server: it holds ${listed()}. ${addFirst('ITS NAME', schoolUrn)}`,
        'no_school',
      );
  }
  const into = new Map<string, SchoolRef>();
  for (const f of folders) {
    if (chosen) into.set(f.label, chosen);
    else if (schools.length === 1) into.set(f.label, schools[0]!);
    else if (schools.length > 1) {
      const match = f.school ? schools.find((x) => x.urn === f.school!.urn) : undefined;
      if (match) into.set(f.label, match);
      else if (f.school) {
        throw new ImportError(
          `${f.label} holds the records of ${f.school.name} (URN ${f.school.urn}), which is not one of the schools on this server (${listed()}). ${addFirst(f.school.name, f.school.urn)}`,
          'no_school',
        );
      }
    }
  }
  const names = new Map(schools.map((x) => [x.id, x.name]));
  return {
    into,
    newSchool: newSchool ? { label: newSchool.label, id: newSchool.id } : null,
    schoolName: (id) => names.get(id) ?? 'another school of the server',
  };
}

/**
 * Works out what an import of `sources` into `target` would write: reading only when `writing` is null (the preview),
 * or writing each table's new rows as soon as they are planned when `writing.when(conflicts)` says so (applyImport,
 * inside its one transaction, so what is written is what was planned against the server as it is at that moment).
 */
export async function planImport(
  target: EntityManager,
  driver: Driver,
  sources: readonly ImportSource[],
  writing: {
    /** Whether to write, given the conflicts found (asked once pupils, users and the school are matched). */
    readonly when: (conflicts: readonly ImportConflict[]) => boolean;
    /** Writes new rows of one table (in the caller's transaction), a chunk at a time as they are planned. */
    readonly write: (table: TableInfo, rows: readonly Row[]) => Promise<void>;
  } | null = null,
  opts: {
    /** The URN of the server's school to import into (`--school`); by default chosen as `chooseSchools` says. */ readonly schoolUrn?:
      string | null;
  } = {},
): Promise<ImportPlan> {
  const tables = tablePlan(target.connection);
  const tableOf = new Map(tables.map((t) => [t.name, t]));
  // Read up front: the users, pupils and school of each folder (matched before anything else). Every other table is
  // read when its turn comes and let go once planned (and written), so a folder with years of sessions is never
  // held in memory whole.
  const UP_FRONT = ['app_user', 'pupil', 'school'];
  const sourceRows = new Map<string, Map<string, Row[]>>(); // folder → table → normalised rows
  const rowsOf = async (s: ImportSource, t: TableInfo): Promise<Row[]> =>
    sourceRows.get(s.label)!.get(t.name) ?? (await selectAll(s.ds, t.name)).map((r) => normalRow(t, r));
  const folders: (Omit<ImportPlan['folders'][number], 'into'> & { schoolId: string | null })[] = [];
  for (const s of sources) {
    const byTable = new Map<string, Row[]>();
    const sourceTables = new Set(
      ((await s.ds.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)) as { name: string }[]).map((r) => r.name),
    );
    for (const t of tables) {
      if (t.role === 'not_copied') continue;
      if (!sourceTables.has(t.name))
        throw new ImportError(
          `${s.label} has no ${t.name} table: it is not a SENCo Desk data folder of this version. Nothing was changed.`,
          'not_a_folder',
        );
      if (UP_FRONT.includes(t.name))
        byTable.set(
          t.name,
          (await selectAll(s.ds, t.name)).map((r) => normalRow(t, r)),
        );
    }
    sourceRows.set(s.label, byTable);
    const school = byTable.get('school')?.[0];
    folders.push({
      label: s.label,
      school: school ? { name: String(school.name), urn: String(school.urn) } : null,
      schoolId: school ? String(school.id) : null,
      pupils: byTable.get('pupil')?.length ?? 0,
      users: byTable.get('app_user')?.length ?? 0,
      auditHead: await auditHeadOf(s.ds),
    });
  }

  const conflicts: ImportConflict[] = [];

  // The school each folder's records go into (before users and pupils: an account or a pupil of another school of the
  // server is not merged). A folder of another URN than its school is a conflict, not a merge.
  const { into, newSchool, schoolName } = await chooseSchools(target, folders, opts.schoolUrn ?? null);
  for (const f of folders) {
    const to = into.get(f.label);
    if (!f.school || !to || f.school.urn === to.urn) continue;
    const toLabel = newSchool?.id === to.id ? newSchool.label : 'server';
    const existing = conflicts.find((c) => c.kind === 'school' && c.key === to.urn);
    const values = existing
      ? (existing.values as Record<string, Record<string, string | null>>)
      : { [toLabel]: { name: to.name, urn: to.urn } };
    values[f.label] = { name: f.school.name, urn: f.school.urn };
    if (!existing)
      conflicts.push({
        kind: 'school',
        key: to.urn,
        values,
        kept: `${toLabel === 'server' ? 'the server' : toLabel}'s school (${to.name}, URN ${to.urn}), which the records go into`,
      });
  }

  // Users by username.
  const userMap = new Map<string, Map<string, string>>(); // folder → source id → server id
  const serverUsers = new Map<string, Row>(
    (await selectAll(target, 'app_user')).map((r) => normalRow(tableOf.get('app_user')!, r)).map((u) => [String(u.username), u]),
  );
  const takenUserIds = new Set([...serverUsers.values()].map((u) => String(u.id)));
  const usersByName = new Map<string, { row: Row; on: string; folders: string[]; school: string }>();
  for (const [name, u] of serverUsers) usersByName.set(name, { row: u, on: 'server', folders: [], school: String(u.school_id) });
  const newUsers: { username: string; role: string; from: string }[] = [];
  for (const s of sources) {
    const map = new Map<string, string>();
    userMap.set(s.label, map);
    for (const u of sourceRows.get(s.label)!.get('app_user')!) {
      const name = String(u.username);
      const known = usersByName.get(name);
      const to = into.get(s.label);
      if (known) {
        map.set(String(u.id), String(known.row.id));
        known.folders.push(s.label);
        if (to && known.school !== to.id) {
          // The username is an account of another school of the server (a trust's): one person cannot be two schools'.
          const existing = conflicts.find((c) => c.kind === 'user_school' && c.key === name);
          const values = existing
            ? (existing.values as Record<string, Record<string, string | null>>)
            : { [known.on]: { school: schoolName(known.school) } };
          values[s.label] = { school: to.name };
          if (!existing) {
            conflicts.push({
              kind: 'user_school',
              key: name,
              values,
              kept: `the account at ${schoolName(known.school)} (what they did in ${s.label} is re-pointed at it; to keep them apart, rename the user in the folder first)`,
            });
          }
        } else if (known.row.role !== u.role) {
          const existing = conflicts.find((c) => c.kind === 'user_role' && c.key === name);
          const values = existing
            ? (existing.values as Record<string, Record<string, string | null>>)
            : { [known.on]: { role: String(known.row.role) } };
          values[s.label] = { role: String(u.role) };
          if (!existing) conflicts.push({ kind: 'user_role', key: name, values, kept: `${known.on}'s role (${String(known.row.role)})` });
        }
        continue;
      }
      // A new user keeps their id unless (against all odds) another account has it.
      const id = takenUserIds.has(String(u.id)) ? randomUUID() : String(u.id);
      takenUserIds.add(id);
      map.set(String(u.id), id);
      usersByName.set(name, { row: { ...u, id }, on: s.label, folders: [], school: to?.id ?? String(u.school_id) });
      newUsers.push({ username: name, role: String(u.role), from: s.label });
    }
  }

  // Pupils by UPN.
  const pupilMap = new Map<string, Map<string, string>>(); // folder → source id → server id
  const home = new Map<string, string>(); // server pupil id → "server" or the folder whose details are kept
  const serverPupils = new Map<string, Row>();
  {
    const folderUpns = [
      ...new Set(
        sources.flatMap((s) =>
          sourceRows
            .get(s.label)!
            .get('pupil')!
            .map((p) => String(p.upn)),
        ),
      ),
    ];
    for (const p of await targetRowsBy(target, driver, 'pupil', 'upn', folderUpns))
      serverPupils.set(String(p.upn), normalRow(tableOf.get('pupil')!, p));
  }
  const takenPupilIds = new Set<string>();
  const pupilsByUpn = new Map<string, { row: Row; home: string; school: string }>();
  // A folder's pupils whose UPN is another school's pupil on the server: mapped to an id of their own that is not taken
  // (nor is anything of theirs), so another school's pupil is never re-pointed or given this school's records.
  const refusedPupils = new Set<string>();
  for (const [upn, p] of serverPupils) {
    pupilsByUpn.set(upn, { row: p, home: 'server', school: String(p.school_id) });
    home.set(String(p.id), 'server');
  }
  const newPupils: { upn: string; name: string; from: string }[] = [];
  const matchedUpns = new Set<string>();
  {
    const ids = sources.flatMap((s) =>
      sourceRows
        .get(s.label)!
        .get('pupil')!
        .map((p) => String(p.id)),
    );
    for (const r of await targetRowsBy(target, driver, 'pupil', 'id', ids)) takenPupilIds.add(String(r.id));
  }
  for (const s of sources) {
    const map = new Map<string, string>();
    pupilMap.set(s.label, map);
    for (const p of sourceRows.get(s.label)!.get('pupil')!) {
      const upn = String(p.upn);
      const known = pupilsByUpn.get(upn);
      const to = into.get(s.label);
      if (known && to && known.school !== to.id) {
        const refused = `not-taken:${randomUUID()}`;
        refusedPupils.add(refused);
        map.set(String(p.id), refused);
        const existing = conflicts.find((c) => c.kind === 'pupil_school' && c.key === upn);
        const values = existing
          ? (existing.values as Record<string, Record<string, string | null>>)
          : { [known.home]: { name: pupilName(known.row), school: schoolName(known.school) } };
        values[s.label] = { name: pupilName(p), school: to.name };
        if (!existing) {
          conflicts.push({
            kind: 'pupil_school',
            key: upn,
            values,
            kept: `the pupil at ${schoolName(known.school)} as they are: their records in ${s.label} are not imported (move the pupil to ${to.name} on the server first if they have changed school)`,
          });
        }
        continue;
      }
      if (known) {
        map.set(String(p.id), String(known.row.id));
        matchedUpns.add(upn);
        const details = (r: Row) => ({
          legalFirstName: String(r.legal_first_name),
          legalLastName: String(r.legal_last_name),
          dateOfBirth: String(r.date_of_birth),
        });
        const a = details(known.row);
        const b = details(p);
        if (
          a.legalFirstName.toLowerCase() !== b.legalFirstName.toLowerCase() ||
          a.legalLastName.toLowerCase() !== b.legalLastName.toLowerCase() ||
          a.dateOfBirth !== b.dateOfBirth
        ) {
          const existing = conflicts.find((c) => c.kind === 'pupil_details' && c.key === upn);
          const values = existing ? (existing.values as Record<string, Record<string, string | null>>) : { [known.home]: a };
          values[s.label] = b;
          if (!existing)
            conflicts.push({
              kind: 'pupil_details',
              key: upn,
              values,
              kept: `${known.home === 'server' ? 'the server' : known.home}'s name and date of birth`,
            });
        }
        continue;
      }
      const id = takenPupilIds.has(String(p.id)) ? randomUUID() : String(p.id);
      takenPupilIds.add(id);
      map.set(String(p.id), id);
      pupilsByUpn.set(upn, { row: { ...p, id }, home: s.label, school: to?.id ?? String(p.school_id) });
      home.set(id, s.label);
      newPupils.push({ upn, name: pupilName(p), from: s.label });
    }
  }

  // The rows, table by table in dependency order. A matched pupil's records are tallied per folder for the preview.
  const matchedIds = new Set([...matchedUpns].map((upn) => String(pupilsByUpn.get(upn)!.row.id)));
  const counts: Record<string, Record<string, TableCounts>> = {};
  const write = writing && writing.when(conflicts) ? writing.write : null;
  const dropped = new Map<string, Set<string>>(); // table → primary key values of rows not taken
  const pupilRecords = new Map<string, PupilMatch['records']>(); // server pupil id → per folder
  const recordOf = (pupilId: string, folder: string) => {
    let r = pupilRecords.get(pupilId);
    if (!r) pupilRecords.set(pupilId, (r = {}));
    return (r[folder] ??= { new: {}, already: 0, differs: 0, notTaken: 0 });
  };
  for (const t of tables) {
    if (t.role === 'not_copied') continue;
    const tableCounts: Record<string, TableCounts> = {};
    counts[t.name] = tableCounts;
    const pkCols = t.keys[0]!;
    const singlePk = pkCols.length === 1 ? pkCols[0]! : null;
    // Every folder's rows of this table, their pupils and users re-pointed at the server's.
    const mapped: { folder: string; row: Row }[] = [];
    const tenant = isTenantTable(t);
    for (const s of sources) {
      const users = userMap.get(s.label)!;
      const pupils = pupilMap.get(s.label)!;
      const to = into.get(s.label);
      for (const raw of await rowsOf(s, t)) {
        const row: Row = { ...raw };
        // One school's own record: it belongs to the server's school this folder goes into.
        if (tenant && to) row.school_id = to.id;
        for (const c of t.columns) {
          const col = c.databaseName;
          const v = row[col];
          if (typeof v !== 'string') continue;
          if (t.name === 'pupil' && col === 'id') row[col] = pupils.get(v) ?? v;
          else if (t.name === 'app_user' && col === 'id') row[col] = users.get(v) ?? v;
          else if (isPupilRef(col)) row[col] = pupils.get(v) ?? v;
          else if (isUserRef(col)) row[col] = users.get(v) ?? v;
        }
        mapped.push({ folder: s.label, row });
      }
    }
    // The server's rows matching a chunk of these, by each key: read a chunk at a time, so a table of hundreds of
    // thousands of rows (years of sessions) is never held twice over.
    const serverRowsFor = async (chunk: readonly { row: Row }[]) => {
      const byKey = t.keys.map(() => new Map<string, Row>());
      for (const [ki, cols] of t.keys.entries()) {
        const firstValues = [...new Set(chunk.map((m) => m.row[cols[0]!]).filter((v) => v !== null && v !== undefined))];
        if (!firstValues.length) continue;
        for (const r of await targetRowsBy(target, driver, t.name, cols[0]!, firstValues)) {
          const n = normalRow(t, r);
          byKey[ki]!.set(keyOf(n, cols), n);
        }
      }
      return byKey;
    };
    const acceptedByKey = t.keys.map(() => new Map<string, Row>());
    const serverSingleton =
      t.role === 'school_singleton' &&
      Number(((await target.query(`SELECT COUNT(*) AS n FROM ${quoteId(t.name)}`)) as { n: unknown }[])[0]?.n ?? 0) > 0;
    for (let from = 0; from < mapped.length; from += CHUNK_ROWS) {
      const chunk = mapped.slice(from, from + CHUNK_ROWS);
      const serverByKey = await serverRowsFor(chunk);
      const out: Row[] = [];
      for (const { folder, row } of chunk) {
        const c = (tableCounts[folder] ??= emptyCounts());
        const pupilId = typeof row.pupil_id === 'string' ? row.pupil_id : null;
        const tally = (what: keyof TableCounts) => {
          c[what]++;
          if (pupilId && matchedIds.has(pupilId)) {
            const rec = recordOf(pupilId, folder);
            if (what === 'new') rec.new[t.name] = (rec.new[t.name] ?? 0) + 1;
            else rec[what]++;
          }
        };
        const notTaken = () => {
          tally('notTaken');
          if (singlePk) (dropped.get(t.name) ?? dropped.set(t.name, new Set()).get(t.name)!).add(String(row[singlePk]));
        };
        // A pupil who is another school's on the server: nothing of theirs from this folder is taken.
        if ((pupilId && refusedPupils.has(pupilId)) || (t.name === 'pupil' && refusedPupils.has(String(row.id)))) {
          notTaken();
          continue;
        }
        // A school's row is written only when it is the server's first school; otherwise the server's is kept (and
        // never counted among rows not taken in a way that would drop the records that go into it).
        if (t.role === 'school' && !(newSchool && newSchool.label === folder && newSchool.id === row.id)) {
          const same = serverByKey[0]!.get(keyOf(row, pkCols));
          tally(same && sameRow(t, same, row) ? 'already' : 'notTaken');
          continue;
        }
        // A record hanging off a row that was not taken is not taken either.
        if ([...t.refs].some(([col, parent]) => row[col] !== null && dropped.get(parent)?.has(String(row[col])))) {
          notTaken();
          continue;
        }
        if (
          t.role === 'school_singleton' &&
          (serverSingleton || (acceptedByKey[0]!.size > 0 && !acceptedByKey[0]!.has(keyOf(row, pkCols))))
        ) {
          const same = serverByKey[0]!.get(keyOf(row, pkCols));
          if (same && sameRow(t, same, row)) tally('already');
          else notTaken();
          continue;
        }
        if (t.role === 'pupil_details' && pupilId && home.get(pupilId) !== folder) {
          // Another place's details for this pupil are kept; an identical row already there is simply "already".
          const same = serverByKey[0]!.get(keyOf(row, pkCols)) ?? acceptedByKey[0]!.get(keyOf(row, pkCols));
          if (same && sameRow(t, same, row)) tally('already');
          else notTaken();
          continue;
        }
        let match: { row: Row; where: 'server' | 'run'; ki: number } | null = null;
        for (const [ki, cols] of t.keys.entries()) {
          const k = keyOf(row, cols);
          const onServer = serverByKey[ki]!.get(k);
          if (onServer) {
            match = { row: onServer, where: 'server', ki };
            break;
          }
          const earlier = acceptedByKey[ki]!.get(k);
          if (earlier) {
            match = { row: earlier, where: 'run', ki };
            break;
          }
        }
        if (match) {
          if (sameRow(t, match.row, row)) tally('already');
          else if (match.ki === 0)
            tally('differs'); // the same row changed in two places: the first kept; its children still fit it
          else notTaken(); // another row with the same unique key (a term, a plan version number): not taken, nor what hangs off it
          continue;
        }
        for (const [ki, cols] of t.keys.entries()) acceptedByKey[ki]!.set(keyOf(row, cols), row);
        out.push(row);
        tally('new');
      }
      if (out.length && write) await write(t, out);
    }
  }

  const matched: PupilMatch[] = [...matchedUpns].sort().map((upn) => {
    const p = pupilsByUpn.get(upn)!;
    return { upn, name: pupilName(p.row), home: p.home, records: pupilRecords.get(String(p.row.id)) ?? {} };
  });
  const totals = emptyCounts();
  for (const byFolder of Object.values(counts)) {
    for (const c of Object.values(byFolder)) for (const k of Object.keys(totals) as (keyof TableCounts)[]) totals[k] += c[k];
  }
  return {
    folders: folders.map(({ schoolId: _schoolId, ...f }) => {
      const to = into.get(f.label);
      return { ...f, into: to ? { name: to.name, urn: to.urn } : null };
    }),
    pupils: { new: newPupils, matched },
    users: {
      new: newUsers,
      matched: [...usersByName.entries()]
        .filter(([, u]) => u.folders.length)
        .map(([username, u]) => ({ username, on: u.on, folders: u.folders })),
    },
    conflicts,
    tables: counts,
    totals,
    written: write !== null && totals.new > 0,
  };
}

export interface ApplyResult {
  readonly plan: ImportPlan;
  /** Whether anything was written (false: everything was already on the server, or the plan had conflicts). */
  readonly written: boolean;
  readonly head: AuditHead | null;
}

/**
 * Plans and, unless there are conflicts not accepted, writes the import in ONE transaction on the server's store,
 * with one audit event naming counts (never a pupil's data). Nothing is written when everything is already there.
 */
export async function applyImport(
  target: DataSource,
  driver: Driver,
  sources: readonly ImportSource[],
  opts: {
    readonly actor: Actor;
    readonly acceptConflicts: boolean;
    readonly now?: Date;
    /** Plan only (the preview). */
    readonly dryRun?: boolean;
    /** The URN of the server's school to import into (`--school`); by default the one school, or the folder's URN. */
    readonly schoolUrn?: string | null;
  },
): Promise<ApplyResult> {
  let planned: ImportPlan | null = null;
  let head: AuditHead | null = null;
  await inTransaction(target, async (em) => {
    if (driver === 'postgres') {
      // Two imports at once into one database would each plan against the other's absence.
      await em.query('SELECT pg_advisory_xact_lock(727275)');
    }
    const plan = await planImport(
      em,
      driver,
      sources,
      opts.dryRun
        ? null
        : { when: (conflicts) => conflicts.length === 0 || opts.acceptConflicts, write: (t, rows) => insertRows(em, driver, t, rows) },
      { schoolUrn: opts.schoolUrn ?? null },
    );
    planned = plan;
    if (!plan.written) return;
    const event = await appendAudit(
      em,
      driver,
      auditEvent({
        at: opts.now ?? new Date(),
        actor: opts.actor,
        operation: 'server.import',
        outcome: 'ok',
        detail: importAuditDetail(plan),
      }),
    );
    head = { seq: event.seq, hash: event.hash, at: event.at };
  });
  const plan = planned as ImportPlan | null;
  if (!plan) throw new Error('the import plan was not made');
  return { plan, written: head !== null, head };
}

/** The import event's detail: counts and the folders' trail heads, never a name, UPN or any pupil's data. */
export function importAuditDetail(plan: ImportPlan): Record<string, unknown> {
  const rows: Record<string, number> = {};
  for (const [table, byFolder] of Object.entries(plan.tables)) {
    const n = Object.values(byFolder).reduce((s, c) => s + c.new, 0);
    if (n) rows[table] = n;
  }
  return {
    folders: plan.folders.map((f) => ({ pupils: f.pupils, users: f.users, auditHead: f.auditHead })),
    newPupils: plan.pupils.new.length,
    matchedPupils: plan.pupils.matched.length,
    newUsers: plan.users.new.length,
    matchedUsers: plan.users.matched.length,
    conflictsAccepted: plan.conflicts.length,
    rows,
    alreadyThere: plan.totals.already,
    differsNotTaken: plan.totals.differs,
    notTaken: plan.totals.notTaken,
  };
}

export async function insertRows(em: EntityManager, driver: Driver, t: TableInfo, rows: readonly Row[]): Promise<void> {
  const table = t.name;
  const cols = t.columns.map((c) => c.databaseName);
  const perRow = cols.length;
  const batch = Math.max(1, Math.min(500, Math.floor(30000 / perRow)));
  const value = (c: ColumnMetadata, v: unknown) =>
    v === null || v === undefined ? null : String(c.type).toLowerCase() === 'boolean' && driver === 'sqlite' ? (v ? 1 : 0) : v;
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    const params: unknown[] = [];
    const tuples = slice.map((r) => {
      const marks = t.columns.map((c) => {
        params.push(value(c, r[c.databaseName]));
        return driver === 'postgres' ? `$${params.length}` : `?${params.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await em.query(`INSERT INTO ${quoteId(table)} (${cols.map(quoteId).join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
