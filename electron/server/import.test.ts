/**
 * The import's knowledge of the schema (electron/server/import.ts): every table has a rule for how it merges (a table
 * added later without one stops the import rather than being left behind silently), no rule names a table that is
 * gone, and the tables are written parents first. The merge itself is tested end to end in
 * electron/cli/server-import.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../core/testing/harness';
import { ImportError, TABLE_ROLES, tablePlan } from './import';

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

  it('writes every table after the tables it refers to, pupils and users first', () => {
    const order = tablePlan(core.ds).map((t) => t.name);
    expect(order.slice(0, 2)).toEqual(['app_user', 'pupil']);
    for (const m of core.ds.entityMetadatas) {
      for (const fk of m.foreignKeys) {
        if (fk.referencedEntityMetadata.tableName === m.tableName) continue;
        expect(order.indexOf(fk.referencedEntityMetadata.tableName), `${m.tableName} after ${fk.referencedEntityMetadata.tableName}`).toBeLessThan(order.indexOf(m.tableName));
      }
    }
  });

  it('refuses a schema with a table it has no rule for', () => {
    const metas = core.ds.entityMetadatas;
    const extra = { ...metas[0]!, tableName: 'new_table_without_a_rule' };
    const fake = { entityMetadatas: [...metas, extra] } as unknown as typeof core.ds;
    expect(() => tablePlan(fake)).toThrow(ImportError);
    expect(() => tablePlan(fake)).toThrow(/new_table_without_a_rule/);
  });
});
