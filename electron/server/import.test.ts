/**
 * The import's knowledge of the schema (electron/server/import.ts): every table has a rule for how it merges (a table
 * added later without one stops the import rather than being left behind silently), no rule names a table that is
 * gone, and the tables are written parents first. The merge itself is tested end to end in
 * electron/cli/server-import.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUpn } from '../../shared/upn';
import { openTestCore, pupilInput, setUp, SYSTEM, testDrivers, type TestCore } from '../core/testing/harness';
import { schoolOwnedTables } from '../core/db/school-owned';
import { applyImport, ImportError, isPupilRef, ownershipOf, TABLE_ROLES, tablePlan } from './import';

describe('server import: the schema it knows', () => {
  let core: TestCore;
  beforeAll(async () => {
    core = await openTestCore('sqlite');
  });
  afterAll(async () => core.cleanup());

  it('has a rule for exactly the tables of the schema', () => {
    const tables = core.ds.entityMetadatas.map((m) => m.tableName).sort();
    expect(Object.keys(TABLE_ROLES).sort()).toEqual(tables);
  });

  it('writes every table after the tables it refers to: the schools, then users and pupils first', () => {
    const order = tablePlan(core.ds).map((t) => t.name);
    // Migration 0015: users and pupils name their school, so the school table comes before them.
    expect(order.slice(0, 3)).toEqual(['school', 'app_user', 'pupil']);
    for (const m of core.ds.entityMetadatas) {
      for (const fk of m.foreignKeys) {
        if (fk.referencedEntityMetadata.tableName === m.tableName) continue;
        expect(
          order.indexOf(fk.referencedEntityMetadata.tableName),
          `${m.tableName} after ${fk.referencedEntityMetadata.tableName}`,
        ).toBeLessThan(order.indexOf(m.tableName));
      }
    }
  });

  it("says whose each table's rows are, for a school leaving a trust (export-school reads the same rules)", () => {
    const tables = tablePlan(core.ds);
    const whose = Object.fromEntries(tables.map((t) => [t.name, ownershipOf(t)]));
    // Migration 0015's tenant tables, each school's own settings (0017), and the school itself, are the school's own.
    for (const t of [
      'school',
      'pupil',
      'app_user',
      'therapy_session',
      'staff_member',
      'school_policy',
      'feedback',
      'protected_time',
      'term',
      'calendar_day',
      'clock_setting',
      'discipline',
    ])
      expect(whose[t], t).toBe('school');
    // Everything naming a pupil goes with the pupil's school; what hangs off a record goes with it.
    for (const t of tables)
      if (t.columns.some((c) => isPupilRef(c.databaseName)) && !['school', 'none'].includes(whose[t.name]!))
        expect(whose[t.name], t.name).toBe('linked');
    for (const t of [
      'ipp_goal',
      'ehcp_provision_outcome',
      'review_decision',
      'cpd_entry',
      'session_practitioner',
      'user_class',
      'referral_event',
    ])
      expect(whose[t], t).toBe('linked');
    // Not copied: the trail (written again into the folder's own chain), sign-ins, idempotency keys, the signing key.
    for (const t of ['audit_event', 'sign_in_session', 'applied_operation', 'installation_key', 'draft']) expect(whose[t], t).toBe('none');
    // Kept for the whole trust and named by no school's row: copied whole.
    expect(Object.keys(whose).filter((t) => whose[t] === 'trust')).toEqual(['trusted_sender']);
  });

  it("knows which tables are a school's own from the one rule (electron/core/db/school-owned.ts)", () => {
    // Migration 0015's seven, each school's own settings (migration 0017), and its provision catalogue, rates and
    // threshold (migration 0020).
    expect(schoolOwnedTables(core.ds)).toEqual([
      'app_user',
      'calendar_day',
      'clock_setting',
      'discipline',
      'draft',
      'feedback',
      'protected_time',
      'provision',
      'provision_rate',
      'provision_setting',
      'pupil',
      'school_policy',
      'staff_member',
      'term',
      'therapy_session',
    ]);
    expect(
      tablePlan(core.ds)
        .filter((t) => t.schoolOwned)
        .map((t) => t.name)
        .sort(),
    ).toEqual(schoolOwnedTables(core.ds));
  });

  it('refuses a schema with a table it has no rule for', () => {
    const metas = core.ds.entityMetadatas;
    const extra = { ...metas[0]!, tableName: 'new_table_without_a_rule' };
    const fake = { entityMetadatas: [...metas, extra] } as unknown as typeof core.ds;
    expect(() => tablePlan(fake)).toThrow(ImportError);
    expect(() => tablePlan(fake)).toThrow(/new_table_without_a_rule/);
  });
});

/**
 * The merge rules on the engine itself (planImport/applyImport), into a SQLite and a PostgreSQL server: a pupil in two
 * folders keeps one set of details (the first folder's needs and contacts, not both); a record changed on a desk after
 * it reached the server is counted as changed in two places and the server's kept; a row whose unique key (a term's
 * year and name) the server already has under another id is not taken, and neither is anything hanging off it.
 */
describe.each(testDrivers())('server import: merge rules into %s', (driver) => {
  let target: TestCore;
  let a: TestCore;
  let b: TestCore;
  const UPN = makeUpn(999, 4800, 19, 1);
  const sources = () => [
    { label: 'desk A', ds: a.ds },
    { label: 'desk B', ds: b.ds },
  ];
  beforeAll(async () => {
    target = await openTestCore(driver);
    await setUp(target);
    a = await openTestCore('sqlite');
    b = await openTestCore('sqlite');
    for (const [core, contact] of [
      [a, 'Jo Testington'],
      [b, 'Jo Testington (as desk B typed it)'],
    ] as const) {
      const session = await setUp(core);
      const r = await core.dispatcher.invoke({
        op: 'pupils.create',
        input: pupilInput({
          upn: UPN,
          needs: core === a ? ['SLCN', 'SEMH'] : ['ASD'],
          contacts: [{ name: contact, relationship: 'mother', phone: null, email: null, parentalResponsibility: true }],
        }),
        session,
      });
      if (!r.ok) throw new Error(r.error.message);
    }
  });
  afterAll(async () => {
    for (const c of [target, a, b]) await c.cleanup();
  });

  it("one pupil, one set of details: the first folder's needs and contacts; the second folder's are not taken", async () => {
    const r = await applyImport(target.ds, driver, sources(), { actor: SYSTEM, acceptConflicts: false });
    expect(r.written).toBe(true);
    expect(r.plan.pupils.new).toEqual([expect.objectContaining({ upn: UPN, from: 'desk A' })]);
    expect(r.plan.pupils.matched).toEqual([expect.objectContaining({ upn: UPN, home: 'desk A' })]);
    const rows = (sql: string) => target.ds.query(sql) as Promise<Record<string, unknown>[]>;
    expect((await rows(`SELECT need_code FROM pupil_need ORDER BY rank`)).map((n) => n.need_code)).toEqual(['SLCN', 'SEMH']);
    expect((await rows(`SELECT name FROM pupil_contact`)).map((c) => c.name)).toEqual(['Jo Testington']);
    expect(r.plan.tables.pupil_need!['desk B']).toMatchObject({ new: 0, notTaken: 1 });
    expect(r.plan.tables.pupil_contact!['desk B']).toMatchObject({ new: 0, notTaken: 1 });
  });

  it("a record changed on a desk after it reached the server: the server's kept, counted as changed in two places", async () => {
    await a.ds.query(`UPDATE pupil SET class_name = '6Z' WHERE upn = '${UPN}'`);
    const r = await applyImport(target.ds, driver, sources(), { actor: SYSTEM, acceptConflicts: false });
    expect(r.written).toBe(false);
    expect(r.plan.tables.pupil!['desk A']).toMatchObject({ new: 0, differs: 1 });
    expect(await target.ds.query(`SELECT class_name FROM pupil WHERE upn = '${UPN}'`)).toEqual([{ class_name: '6B' }]);
  });

  it('a term the server has under another id is not taken', async () => {
    // Each in its own school (migration 0017): the folder's term goes into the server's school, where it meets the other.
    const insert = async (core: TestCore, id: string, start: string) => {
      const [school] = (await core.ds.query('SELECT id FROM school')) as { id: string }[];
      const values = [id, school!.id, '2031/32', 'autumn1', start, '2031-10-24'];
      return core.ds.query(
        `INSERT INTO term (id, school_id, academic_year, name, start_date, end_date) VALUES (${values.map((_, i) => (core.store.kind === 'postgres' ? `$${i + 1}` : `?${i + 1}`)).join(', ')})`,
        values,
      );
    };
    await insert(target, randomUUID(), '2031-09-03');
    await insert(a, randomUUID(), '2031-09-04');
    const r = await applyImport(target.ds, driver, sources(), { actor: SYSTEM, acceptConflicts: false });
    expect(r.plan.tables.term!['desk A']).toMatchObject({ new: 0, notTaken: 1 });
    expect(await target.ds.query(`SELECT COUNT(*) AS n FROM term WHERE academic_year = '2031/32'`)).toEqual([
      { n: driver === 'postgres' ? '1' : 1 },
    ]);
  });
  it('writes all or nothing: a write that fails part-way leaves the server as it was', async () => {
    const c = await openTestCore('sqlite');
    try {
      const session = await setUp(c);
      const r = await c.dispatcher.invoke({
        op: 'pupils.create',
        input: pupilInput({ upn: makeUpn(999, 4800, 19, 2), legalFirstName: 'Nell', legalLastName: 'Nowrite' }),
        session,
      });
      if (!r.ok) throw new Error(r.error.message);
      // The server refuses the contacts (the last of a pupil's rows to be written, after the pupil itself).
      if (driver === 'postgres') {
        await target.ds.query(
          `CREATE FUNCTION refuse_contact() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'contacts refused for the test'; END $$ LANGUAGE plpgsql`,
        );
        await target.ds.query(
          'CREATE TRIGGER refuse_contact BEFORE INSERT ON pupil_contact FOR EACH ROW EXECUTE FUNCTION refuse_contact()',
        );
      } else {
        await target.ds.query(
          `CREATE TRIGGER refuse_contact BEFORE INSERT ON pupil_contact BEGIN SELECT RAISE(ABORT, 'contacts refused for the test'); END`,
        );
      }
      const count = async () =>
        Number(
          ((await target.ds.query('SELECT (SELECT COUNT(*) FROM pupil) + (SELECT COUNT(*) FROM audit_event) AS n')) as { n: unknown }[])[0]!
            .n,
        );
      const before = await count();
      await expect(
        applyImport(target.ds, driver, [{ label: 'desk C', ds: c.ds }], { actor: SYSTEM, acceptConflicts: false }),
      ).rejects.toThrow(/contacts refused for the test/);
      expect(await count()).toBe(before);
      expect(await target.ds.query(`SELECT id FROM pupil WHERE legal_last_name = 'Nowrite'`)).toEqual([]);
    } finally {
      await target.ds.query('DROP TRIGGER IF EXISTS refuse_contact' + (driver === 'postgres' ? ' ON pupil_contact' : ''));
      await c.cleanup();
    }
  });
});
