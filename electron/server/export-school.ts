/**
 * The way out of a trust (issue 16, item 4): one school of a trust's server (PostgreSQL, several schools as tenants:
 * migration 0015) exported, by URN, to a new one-school data folder that the school's own server
 * (`senco-desk server --data FOLDER`) or a standalone desk opens. `senco-desk server export-school`
 * (electron/cli/commands/server-export-school.ts) previews it with `planSchoolExport` and writes it with
 * `exportSchool`.
 *
 * What goes. Which rows are the school's is worked out from the same table rules as the import (import.ts
 * `ownershipOf`, so one place knows the tables), as SQL run on the trust's database:
 *   - the school's own rows: its `school` row, and every row whose school_id is the school's (pupils, users, sessions,
 *     staff checks, policies, feedback, protected lessons), except the trust's SEND lead accounts (a trust's, not the
 *     school's: a school that leaves does not take the trust's lead with it);
 *   - every row that names one of those pupils (profile, needs, contacts, plans and their versions, EHC plans,
 *     reviews, decisions, actions, referrals, assessments, bands, placements, attendance, concerns, sharing log,
 *     transfers, parent updates...) or hangs off such a row by a foreign key, when everything it names goes too;
 *   - the tables kept for the whole trust that no school's row names (term dates and closures, clock rules,
 *     disciplines, trusted senders) are copied whole, so the school keeps its calendar.
 * Nothing of another school goes: a row that names a pupil, or (in a column it cannot be without) a person, of
 * another school stays behind, counted in the preview (a pupil who moved here keeps their record, but their sessions
 * at the school they came from are that school's sessions). A person of another school named where the record can
 * do without them (who raised a concern, who owned a plan) is cleared to "no one", and counted.
 *
 * The new folder is an encrypted SQLite folder (the same libsql cipher as every desk's) with a NEW random key. Its
 * key is wrapped only by a new recovery key, printed once: wrapping it for each exported user's password is not
 * possible, because the trust holds their password hashes, not their passwords (and a key wrapped by a hash would
 * open for anyone holding the trust's copy of the hashes). The users keep their password hashes, so once the folder
 * is open each signs in with the password they had and gets their own copy of the key at that sign-in
 * (services/auth.ts); the first opening is the recovery key's (see the command's --help).
 *
 * The audit trail. The events about the school (by its users, about its pupils, and by no one of another school)
 * are written again, in their order and with their times, into the new folder's own chain, which verifies from its
 * first event; its last event (`server.exportSchool`) names the trust's trail head at the export. The trust's trail
 * gets one event (`server.exportSchool`) naming the school's URN, who exported it, and the counts, never a pupil's
 * data. Everything is read inside one transaction on the trust's database (one snapshot on PostgreSQL, so staff may
 * go on working meanwhile), and the trust's event is appended only after the new folder was written, opened again and
 * counted (in a transaction of its own: the trail has moved on since the snapshot).
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit, auditEvent, auditHash, GENESIS_HASH, storedForm, verifyAuditChain, type AuditInput } from '../core/audit';
import type { AuditHead } from '../core/audit-checkpoint';
import type { Actor } from '../core/context';
import { openCoreAt } from '../core/core';
import { databaseKeyLiteral, emptyKeyring, keyringPathFor, newDatabaseKey, withNewRecoveryKey, writeKeyring } from '../core/crypto/keyring';
import { DB_FILE, ensureDataDir, restrictDatabaseFiles } from '../core/data-dir';
import { openStore, type Driver } from '../core/db/data-source';
import { insertRows, isPupilRef, isUserRef, normalRow, ownershipOf, quoteId, tablePlan, type Ownership, type TableInfo } from './import';
import { inTransaction } from '../core/db/transaction';

type Row = Record<string, unknown>;

export class ExportSchoolError extends Error {
  constructor(
    message: string,
    readonly code: 'unknown_school' | 'target_not_empty' | 'not_a_trust' | 'verify_failed' = 'unknown_school',
  ) {
    super(message);
    this.name = 'ExportSchoolError';
  }
}

export interface SchoolExportPlan {
  readonly school: { readonly id: string; readonly name: string; readonly urn: string };
  /** The schools the server holds (the one exported among them). */
  readonly schoolsOnServer: number;
  readonly pupils: number;
  readonly users: readonly { readonly username: string; readonly role: string }[];
  /** The trust's SEND lead accounts homed at the school: the trust's, not exported. */
  readonly trustLeadsLeft: number;
  /** table → rows exported. */
  readonly tables: Record<string, number>;
  /** table → how its rows are chosen (import.ts `ownershipOf`). */
  readonly ownership: Record<string, Ownership>;
  /** Records of the school's pupils that stay behind: they belong to another school's record (table → rows). */
  readonly leftBehind: Record<string, number>;
  /**
   * The school's own records that name another school's pupil (a pupil who moved away: their attendance at this
   * school's sessions), which stay behind with the pupil (table → rows).
   */
  readonly otherPupils: Record<string, number>;
  /** Names of people of another school cleared from exported records (table → values cleared). */
  readonly peopleCleared: Record<string, number>;
  /** Audit events about the school, written again into the new folder's own chain. */
  readonly auditEvents: number;
  readonly totalRows: number;
}

export interface SchoolExportResult {
  readonly plan: SchoolExportPlan;
  /** The new folder's recovery key: printed once, the only key it has until its users have signed in. */
  readonly recoveryKey: string;
  /** The new folder's own trail head, and the trust's event recording the export. */
  readonly folderHead: AuditHead;
  readonly trustHead: AuditHead;
  /** What opening the new folder again counted (table → rows): equal to plan.tables, or nothing is kept. */
  readonly verified: Record<string, number>;
}

const ph = (driver: Driver) => (i: number) => (driver === 'postgres' ? `$${i}` : `?${i}`);

/** The SQL conditions choosing one school's rows of each table (parameter 1: the school's id). */
class SchoolRows {
  private readonly memo = new Map<string, string>();
  readonly byName: Map<string, TableInfo>;
  constructor(
    readonly tables: readonly TableInfo[],
    private readonly driver: Driver,
  ) {
    this.byName = new Map(tables.map((t) => [t.name, t]));
  }

  ownership(t: TableInfo): Ownership {
    return ownershipOf(t);
  }

  /**
   * The rows of `table` that are the school's. `exceptPupil`: the same rows without the condition on the row's own
   * pupil_id (to count the school's records that name another school's pupil: a pupil who moved away).
   */
  where(table: string, exceptPupil = false): string {
    const memoKey = exceptPupil ? `${table} except pupil` : table;
    const known = this.memo.get(memoKey);
    if (known !== undefined) return known;
    const t = this.byName.get(table)!;
    const school = ph(this.driver)(1);
    const own = this.ownership(t);
    const conds: string[] = [];
    if (t.name === 'school') conds.push(`id = ${school}`);
    else if (own === 'school') conds.push(`school_id = ${school}`);
    // The trust's SEND lead is the trust's, whichever school their account is homed at.
    if (t.name === 'app_user') conds.push(`role <> 'trust_lead'`);
    if (own === 'school' || own === 'linked') {
      for (const c of t.columns) {
        const col = c.databaseName;
        if (col === 'school_id' || (t.name === 'pupil' && col === 'id')) continue;
        const q = quoteId(col);
        const inParent = (parent: string) => {
          const p = this.byName.get(parent)!;
          const pk = p.keys[0]!;
          if (pk.length !== 1) throw new Error(`${t.name}.${col} names ${parent}, whose key has ${pk.length} columns`);
          return `${q} IN (SELECT ${quoteId(pk[0]!)} FROM ${quoteId(parent)} WHERE ${this.where(parent)})`;
        };
        let cond: string | null = null;
        if (isPupilRef(col)) cond = exceptPupil ? null : inParent('pupil');
        else if (isUserRef(col))
          cond = c.isNullable ? null : inParent('app_user'); // nullable: cleared instead (peopleCleared)
        else if (t.refs.has(col) && t.refs.get(col) !== 'school') cond = inParent(t.refs.get(col)!);
        if (cond) conds.push(c.isNullable ? `(${q} IS NULL OR ${cond})` : cond);
      }
    }
    // Every condition takes the school's id as its first parameter (PostgreSQL refuses a parameter a statement does
    // not use): a trust-wide table's, every row, says so with it too.
    // (Without its pupil, a row tied to the school by nothing else is no school's: '' says so.)
    const sql = conds.length ? conds.join(' AND ') : exceptPupil ? '' : `CAST(${school} AS varchar(36)) IS NOT NULL`;
    this.memo.set(memoKey, sql);
    return sql;
  }

  /** The audit events about the school: by its users or about its pupils, and by and about no one else. */
  auditWhere(): string {
    const users = `SELECT id FROM app_user WHERE ${this.where('app_user')}`;
    const pupils = `SELECT id FROM pupil WHERE ${this.where('pupil')}`;
    return `(user_id IN (${users}) OR pupil_id IN (${pupils})) AND (user_id IS NULL OR user_id IN (${users})) AND (pupil_id IS NULL OR pupil_id IN (${pupils}))`;
  }
}

async function count(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const rows = (await em.query(sql, params)) as { n: unknown }[];
  return Number(rows[0]?.n ?? 0);
}

/** The server's school with this URN, or a plain refusal naming the schools it holds. */
async function findSchool(em: EntityManager, urn: string): Promise<{ id: string; name: string; urn: string; all: number }> {
  const schools = ((await em.query('SELECT id, name, urn FROM school ORDER BY urn')) as { id: string; name: string; urn: string }[]).map(
    (s) => ({ ...s, urn: String(s.urn) }),
  );
  const found = schools.find((s) => s.urn === urn);
  if (!found) {
    throw new ExportSchoolError(
      schools.length
        ? `There is no school with URN ${urn} on this server: it holds ${schools.map((s) => `${s.name} (URN ${s.urn})`).join('; ')}. Check the URN (6 digits, as in Settings or Get Information about Schools). Nothing was written.`
        : `This server holds no school yet, so there is none with URN ${urn} to export. Nothing was written.`,
      'unknown_school',
    );
  }
  return { ...found, all: schools.length };
}

/** What an export of the school with `urn` would take (counts only; nothing written). */
export async function planSchoolExport(em: EntityManager, driver: Driver, urn: string): Promise<SchoolExportPlan> {
  const school = await findSchool(em, urn);
  const rules = new SchoolRows(tablePlan(em.connection), driver);
  if (driver === 'postgres') {
    // Fresh statistics first: the counts below join each table to the school's pupils and sessions, and planned on
    // the statistics of a database just filled (an import) PostgreSQL nests loops over thousands of rows: a school of
    // 2,000 pupils and a year of sessions took minutes for one count, and 0.1 s once analysed. (Tables the server's
    // account does not own are skipped with a warning, never an error.)
    await em.query(`ANALYZE ${rules.tables.map((t) => quoteId(t.name)).join(', ')}`);
  }
  const p = [school.id];
  const tables: Record<string, number> = {};
  const ownership: Record<string, Ownership> = {};
  const leftBehind: Record<string, number> = {};
  const otherPupils: Record<string, number> = {};
  const peopleCleared: Record<string, number> = {};
  const users = `SELECT id FROM app_user WHERE ${rules.where('app_user')}`;
  const pupils = `SELECT id FROM pupil WHERE ${rules.where('pupil')}`;
  for (const t of rules.tables) {
    const own = rules.ownership(t);
    ownership[t.name] = own;
    if (own === 'none') continue;
    const where = rules.where(t.name);
    const n = await count(em, `SELECT COUNT(*) AS n FROM ${quoteId(t.name)} WHERE ${where}`, p);
    tables[t.name] = n;
    // The school's pupils' records that stay behind (they hang off another school's record).
    if (t.name !== 'pupil' && t.columns.some((c) => isPupilRef(c.databaseName))) {
      const theirs = await count(em, `SELECT COUNT(*) AS n FROM ${quoteId(t.name)} WHERE pupil_id IN (${pupils})`, p);
      const exported = await count(em, `SELECT COUNT(*) AS n FROM ${quoteId(t.name)} WHERE (${where}) AND pupil_id IN (${pupils})`, p);
      if (theirs > exported) leftBehind[t.name] = theirs - exported;
      const tied = rules.where(t.name, true);
      const others = tied
        ? await count(
            em,
            `SELECT COUNT(*) AS n FROM ${quoteId(t.name)} WHERE (${tied}) AND pupil_id IS NOT NULL AND pupil_id NOT IN (${pupils})`,
            p,
          )
        : 0;
      if (others) otherPupils[t.name] = others;
    }
    let cleared = 0;
    for (const c of t.columns) {
      if (!isUserRef(c.databaseName) || !c.isNullable) continue;
      const q = quoteId(c.databaseName);
      cleared += await count(
        em,
        `SELECT COUNT(*) AS n FROM ${quoteId(t.name)} WHERE (${where}) AND ${q} IS NOT NULL AND ${q} NOT IN (${users})`,
        p,
      );
    }
    if (cleared) peopleCleared[t.name] = cleared;
  }
  const userRows = (await em.query(`SELECT username, role FROM app_user WHERE ${rules.where('app_user')} ORDER BY username`, p)) as {
    username: string;
    role: string;
  }[];
  const trustLeadsLeft = await count(
    em,
    `SELECT COUNT(*) AS n FROM app_user WHERE school_id = ${ph(driver)(1)} AND role = 'trust_lead'`,
    p,
  );
  const auditEvents = await count(em, `SELECT COUNT(*) AS n FROM audit_event WHERE ${rules.auditWhere()}`, p);
  return {
    school: { id: school.id, name: school.name, urn: school.urn },
    schoolsOnServer: school.all,
    pupils: tables.pupil ?? 0,
    users: userRows.map((u) => ({ username: u.username, role: u.role })),
    trustLeadsLeft,
    tables,
    ownership,
    leftBehind,
    otherPupils,
    peopleCleared,
    auditEvents,
    totalRows: Object.values(tables).reduce((s, n) => s + n, 0),
  };
}

/** Whether a folder may be written: missing, or an empty folder. */
export function checkTarget(dir: string): void {
  if (!existsSync(dir)) return;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    throw new ExportSchoolError(
      `${dir} is not a folder: name a new (or empty) folder for the school's data. Nothing was written.`,
      'target_not_empty',
    );
  }
  if (entries.length) {
    throw new ExportSchoolError(
      `${dir} is not empty (it holds ${entries.length === 1 ? entries[0] : `${entries.length} files or folders`}): the school's data goes into a new, empty folder, so nothing is written over. ` +
        'Name a new folder (it is made), or empty this one first. Nothing was written.',
      'target_not_empty',
    );
  }
}

/** Rows of the school's in one table, a chunk at a time in key order (keyset: a table of a million rows is never held whole). */
async function* schoolRowsOf(em: EntityManager, driver: Driver, t: TableInfo, where: string, schoolId: string): AsyncGenerator<Row[]> {
  const pk = t.keys[0]!;
  const CHUNK = 2000;
  let after: unknown[] | null = null;
  const mark = ph(driver);
  const order = pk.map(quoteId).join(', ');
  for (;;) {
    const params: unknown[] = [schoolId];
    let cond = where;
    if (after) {
      const marks = after.map((v) => {
        params.push(v);
        return mark(params.length);
      });
      cond = `(${where}) AND (${order}) > (${marks.join(', ')})`;
    }
    const rows = (await em.query(`SELECT * FROM ${quoteId(t.name)} WHERE ${cond} ORDER BY ${order} LIMIT ${CHUNK}`, params)) as Row[];
    if (!rows.length) return;
    yield rows;
    if (rows.length < CHUNK) return;
    const last = rows[rows.length - 1]!;
    after = pk.map((c) => last[c]);
  }
}

/**
 * Exports the school with `urn` from the trust's store into the new folder `to` (missing or empty): reads inside one
 * transaction on the trust's database, writes the folder (one transaction), opens it again with its recovery key and
 * counts every table and verifies its audit chain, and only then commits the trust's audit event. Any failure leaves
 * the trust's database as it was and removes what was written of the folder.
 */
export async function exportSchool(
  source: DataSource,
  driver: Driver,
  urn: string,
  to: string,
  opts: { readonly actor: Actor; readonly now?: Date },
): Promise<SchoolExportResult> {
  checkTarget(to);
  const made = !existsSync(to);
  const now = opts.now ?? new Date();
  // The export's event, in the folder's own trail and then in the trust's, each with what that trail should say.
  const exportEvent = (detail: Record<string, unknown>): AuditInput =>
    auditEvent({ at: now, actor: opts.actor, operation: 'server.exportSchool', outcome: 'ok', detail });
  let result: SchoolExportResult | null = null;
  let written: Omit<SchoolExportResult, 'trustHead'> | null = null;
  const removeWritten = () => {
    if (made) rmSync(to, { recursive: true, force: true });
    else if (existsSync(to)) for (const e of readdirSync(to)) rmSync(join(to, e), { recursive: true, force: true });
  };
  try {
    const work = async (em: EntityManager) => {
      // One export at a time, and no import meanwhile (import.ts takes the same lock).
      if (driver === 'postgres') await em.query('SELECT pg_advisory_xact_lock(727275)');
      const plan = await planSchoolExport(em, driver, urn);
      const rules = new SchoolRows(tablePlan(em.connection), driver);
      const schoolId = plan.school.id;
      const users = new Set(
        ((await em.query(`SELECT id FROM app_user WHERE ${rules.where('app_user')}`, [schoolId])) as { id: string }[]).map((u) =>
          String(u.id),
        ),
      );
      const [trustHeadRow] = (await em.query('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1')) as {
        seq: unknown;
        hash: string;
      }[];
      const trustHeadBefore = trustHeadRow ? { seq: Number(trustHeadRow.seq), hash: trustHeadRow.hash } : null;

      // The new folder: a new key, its keyring "pending" until the folder is complete (a pending keyring is discarded
      // at the next open, with its file: an export stopped half-way leaves nothing that opens).
      ensureDataDir(to);
      const file = join(to, DB_FILE);
      const keyringFile = keyringPathFor(file);
      const key = newDatabaseKey();
      writeKeyring(keyringFile, emptyKeyring());
      const target = await openStore({ kind: 'sqlite', file, key: databaseKeyLiteral(key) });
      let folderHead: AuditHead;
      try {
        restrictDatabaseFiles(file);
        folderHead = await inTransaction(target, async (tem) => {
          const targetTables = new Map(tablePlan(tem.connection).map((t) => [t.name, t]));
          // A new folder holds only what its migrations put there (the therapy disciplines, the clock rules): the
          // trust's own rows replace them, children first.
          for (const t of [...rules.tables].reverse()) if (rules.ownership(t) !== 'none') await tem.query(`DELETE FROM ${quoteId(t.name)}`);
          for (const t of rules.tables) {
            if (rules.ownership(t) === 'none') continue;
            const into = targetTables.get(t.name)!;
            const clearable = t.columns.filter((c) => isUserRef(c.databaseName) && c.isNullable).map((c) => c.databaseName);
            for await (const chunk of schoolRowsOf(em, driver, t, rules.where(t.name), schoolId)) {
              const rows = chunk.map((raw) => {
                const row = normalRow(t, raw);
                for (const col of clearable) if (row[col] !== null && !users.has(String(row[col]))) row[col] = null;
                return row;
              });
              await insertRows(tem, 'sqlite', into, rows);
            }
          }
          // The events about the school, again, in their order and with their times: the folder's own chain.
          const auditTable = targetTables.get('audit_event')!;
          let seq = 0;
          let prev = GENESIS_HASH;
          const auditInfo = rules.byName.get('audit_event')!;
          for await (const chunk of schoolRowsOf(em, driver, auditInfo, rules.auditWhere(), schoolId)) {
            const rows = chunk.map((raw) => {
              const r = normalRow(auditInfo, raw);
              const e = storedForm({
                at: String(r.at),
                userId: (r.user_id as string | null) ?? null,
                actor: String(r.actor),
                role: (r.role as string | null) ?? null,
                operation: String(r.operation),
                pupilId: (r.pupil_id as string | null) ?? null,
                outcome: r.outcome === 'refused' ? 'refused' : 'ok',
                detail: (r.detail as string | null) ?? null,
              });
              seq += 1;
              const hash = auditHash(prev, seq, e);
              const row = {
                seq,
                at: e.at,
                user_id: e.userId,
                actor: e.actor,
                role: e.role,
                operation: e.operation,
                pupil_id: e.pupilId,
                outcome: e.outcome,
                detail: e.detail,
                prev_hash: prev,
                hash,
              };
              prev = hash;
              return row;
            });
            await insertRows(tem, 'sqlite', auditTable, rows);
          }
          const event = await appendAudit(
            tem,
            'sqlite',
            exportEvent({
              exportedFrom: "a trust's server",
              school: { urn: plan.school.urn },
              trustTrailHead: trustHeadBefore,
              auditEventsCopied: plan.auditEvents,
              rows: plan.tables,
            }),
          );
          return { seq: event.seq, hash: event.hash, at: event.at };
        });
      } finally {
        await target.destroy();
      }
      // Complete: the recovery key's copy, and no longer pending.
      const { keyring, recoveryKey } = withNewRecoveryKey(emptyKeyring(), key, now);
      writeKeyring(keyringFile, { ...keyring, pending: false });

      // Open it again as a desk or the school's server will, with the recovery key, and count.
      const verified = await verifyFolder(to, recoveryKey, plan, folderHead);

      written = { plan, recoveryKey, folderHead, verified };
    };
    await inTransaction(source, work, driver === 'postgres' ? { isolation: 'REPEATABLE READ' } : {});
    const done = written as Omit<SchoolExportResult, 'trustHead'> | null;
    if (!done) throw new Error('the export did not finish');
    const { plan, folderHead } = done;
    // The trust's event in a transaction of its own, after the snapshot's: its trail has moved on meanwhile (staff
    // working while the export ran), and an append must follow the trail as it is now, not as the snapshot saw it.
    const trustEvent = await inTransaction(source, (em) =>
      appendAudit(
        em,
        driver,
        exportEvent({
          school: { urn: plan.school.urn, name: plan.school.name },
          pupils: plan.pupils,
          users: plan.users.length,
          rows: plan.totalRows,
          tables: plan.tables,
          auditEventsCopied: plan.auditEvents,
          leftBehind: plan.leftBehind,
          otherPupils: plan.otherPupils,
          peopleCleared: plan.peopleCleared,
          folderTrailHead: { seq: folderHead.seq, hash: folderHead.hash },
          removedFromTrust: false,
        }),
      ),
    );
    result = { ...done, trustHead: { seq: trustEvent.seq, hash: trustEvent.hash, at: trustEvent.at } };
  } catch (err) {
    removeWritten();
    throw err;
  }
  if (!result) throw new Error('the export did not finish');
  return result;
}

/** Opens the new folder with its recovery key, counts every table against the plan and verifies its audit chain. */
async function verifyFolder(dir: string, recoveryKey: string, plan: SchoolExportPlan, head: AuditHead): Promise<Record<string, number>> {
  const core = await openCoreAt(
    dir,
    { SENCO_DATABASE_URL: '', SENCO_ENCRYPT: '1' },
    { credentials: { kind: 'recovery', recoveryKey }, encrypt: true },
  );
  try {
    const counted: Record<string, number> = {};
    const wrong: string[] = [];
    for (const [table, n] of Object.entries(plan.tables)) {
      counted[table] = await count(core.ds.manager, `SELECT COUNT(*) AS n FROM ${quoteId(table)}`, []);
      if (counted[table] !== n) wrong.push(`${table}: ${n} exported, ${counted[table]} found`);
    }
    const chain = await verifyAuditChain(core.ds.manager);
    if (!chain.ok || chain.events !== plan.auditEvents + 1)
      wrong.push(`the audit trail (${chain.events} events, ${chain.ok ? 'intact' : 'broken'}; ${plan.auditEvents + 1} expected)`);
    if (wrong.length) {
      throw new ExportSchoolError(
        `The new folder did not hold what was exported (${wrong.join('; ')}). Nothing was kept: the folder was removed and the trust's records are as they were.`,
        'verify_failed',
      );
    }
    core.checkpoints?.record(head);
    return counted;
  } finally {
    await core.close();
  }
}

/** How each table's rows are chosen (import.ts `ownershipOf`), table by table: shown by the preview. */
export function exportRules(ds: DataSource): Record<string, Ownership> {
  return Object.fromEntries(tablePlan(ds).map((t) => [t.name, ownershipOf(t)]));
}
