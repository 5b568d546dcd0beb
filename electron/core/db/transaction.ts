import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Runs `work` in one database transaction, as `DataSource.transaction` does, but on PostgreSQL sends the transaction's
 * queries to its connection one at a time.
 *
 * A transaction is one PostgreSQL connection. Services read several things at once (`Promise.all` over repositories),
 * which outside a transaction is fine (the pool lends each query its own connection) but inside one hands the same
 * `pg` client a second query while the first is still running. `pg` 8 queues it with a deprecation warning; `pg` 9
 * refuses it. Queuing here, in the one place transactions are opened, keeps every service free to read in parallel
 * on SQLite (one connection, queries already serial) and correct on PostgreSQL, without each service having to know.
 */
export async function inTransaction<T>(
  ds: DataSource,
  work: (em: EntityManager) => Promise<T>,
  opts: { readonly isolation?: Parameters<QueryRunner['startTransaction']>[0] } = {},
): Promise<T> {
  const runner = ds.createQueryRunner();
  if (ds.options.type === 'postgres') oneQueryAtATime(runner);
  try {
    await runner.startTransaction(opts.isolation);
    const result = await work(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (err) {
    try {
      await runner.rollbackTransaction();
    } catch {
      // The first error is the one worth reporting; a failed rollback ends with the connection's release below.
    }
    throw err;
  } finally {
    await runner.release();
  }
}

/** Makes the runner's `query` wait for its previous query to finish before sending the next. */
function oneQueryAtATime(runner: QueryRunner): void {
  const send = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  let previous: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: unknown[]) => {
    const next = previous.then(() => send(...args));
    // The next query waits for this one to settle, whether it succeeded or not; its caller still sees the failure.
    previous = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
}
