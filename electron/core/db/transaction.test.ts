import { afterEach, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { inTransaction } from './transaction';
import { describeOnPostgres, openTestCore, pupilInput, setUp, testDrivers, type TestCore } from '../testing/harness';

/**
 * Counts, per pg client, how many queries it has been handed and not yet answered. pg 8 queues a second query on a
 * busy client with a deprecation warning; pg 9 refuses it, so the most ever in flight on one client must be 1.
 */
function watchClients(): { readonly most: () => number; readonly calls: () => number; readonly stop: () => void } {
  // The pg module TypeORM loads (CommonJS, no type declarations in this project).
  const pg = createRequire(import.meta.url)('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
  const proto = pg.Client.prototype;
  const original = proto.query;
  const inFlight = new WeakMap<object, number>();
  let most = 0;
  let calls = 0;
  proto.query = function (this: object, ...args: unknown[]) {
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      calls += 1;
      const now = (inFlight.get(this) ?? 0) + 1;
      inFlight.set(this, now);
      most = Math.max(most, now);
      const done = () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1);
      (result as Promise<unknown>).then(done, done);
    }
    return result;
  };
  return { most: () => most, calls: () => calls, stop: () => void (proto.query = original) };
}

let core: TestCore | null = null;
afterEach(async () => {
  await core?.cleanup();
  core = null;
});

describeOnPostgres('a transaction on PostgreSQL sends its queries one at a time', () => {
  it('parallel reads inside inTransaction reach the connection one after another, in order, with their own answers', async () => {
    core = await openTestCore('postgres');
    const watch = watchClients();
    try {
      const answers = await inTransaction(core.ds, (em) =>
        Promise.all([
          em.query('SELECT pg_sleep(0.05), 1 AS n') as Promise<{ n: number }[]>,
          em.query('SELECT 2 AS n') as Promise<{ n: number }[]>,
          em.query('SELECT 3 AS n') as Promise<{ n: number }[]>,
        ]),
      );
      expect(answers.map((rows) => Number(rows[0]!.n))).toEqual([1, 2, 3]);
    } finally {
      watch.stop();
    }
    expect(watch.calls()).toBeGreaterThanOrEqual(5); // START TRANSACTION, three reads, COMMIT
    expect(watch.most()).toBe(1);
  });

  it('a failed query rolls the transaction back and the next one still runs', async () => {
    core = await openTestCore('postgres');
    await core.ds.query('CREATE TABLE tx_probe (n integer)');
    await expect(
      inTransaction(core.ds, async (em) => {
        await em.query('INSERT INTO tx_probe VALUES (1)');
        await Promise.all([em.query('SELECT no_such_column FROM tx_probe'), em.query('SELECT 1')]);
      }),
    ).rejects.toThrow(/no_such_column/);
    expect(await core.ds.query('SELECT COUNT(*)::int AS c FROM tx_probe')).toEqual([{ c: 0 }]);
  });

  it('an operation whose service reads in parallel (register.summary) never gives one connection two queries at once', async () => {
    core = await openTestCore('postgres');
    const session = await setUp(core);
    expect(await core.dispatcher.invoke({ op: 'pupils.create', input: pupilInput(), session })).toMatchObject({ ok: true });
    const watch = watchClients();
    try {
      expect(await core.dispatcher.invoke({ op: 'register.summary', input: {}, session })).toMatchObject({ ok: true, value: { total: 1 } });
    } finally {
      watch.stop();
    }
    expect(watch.most()).toBe(1);
  });
});

describe('inTransaction', () => {
  for (const driver of testDrivers()) {
    it(`${driver}: commits what the work wrote and returns its answer; rolls back on a throw`, async () => {
      core = await openTestCore(driver);
      await core.ds.query('CREATE TABLE tx_probe (n integer)');
      expect(await inTransaction(core.ds, async (em) => (await em.query('INSERT INTO tx_probe VALUES (1)'), 'done'))).toBe('done');
      await expect(
        inTransaction(core.ds, async (em) => {
          await em.query('INSERT INTO tx_probe VALUES (2)');
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      const rows = (await core.ds.query('SELECT n FROM tx_probe')) as { n: unknown }[];
      expect(rows.map((r) => Number(r.n))).toEqual([1]);
    });
  }
});
