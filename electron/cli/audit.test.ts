/**
 * `senco-desk audit verify` on the small demo: intact, then one event's detail edited with raw SQL (exit 1 naming
 * that event's seq, time and operation), then the edit undone and another event deleted (exit 1 naming the missing
 * seq). The raw SQL goes through the core's own connection, so it works on whatever store the folder uses.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditChainResult } from '../../shared/contract';
import { formatUkDateTime } from '../../shared/audit-format';
import { openCoreAt } from '../core/core';
import { DEMO_PASSWORD, DEMO_SENCO_USERNAME } from '../core/demo';
import { cliSystemActor } from './io';
import { cli, tempDir } from './test-support';

/** The demo SENCo's credentials: an encrypted store is opened with them (a plain one ignores them). */
const CREDENTIALS = { SENCO_USERNAME: DEMO_SENCO_USERNAME, SENCO_PASSWORD: DEMO_PASSWORD };
/**
 * Opening the folder here keeps it a plain file (a SENCo's credentials would otherwise encrypt it in place), so the
 * checks below run as school IT would, with no one signed in: no sign-in event joins the trail between two checks.
 */
const OPEN = { ...CREDENTIALS, SENCO_ENCRYPT: '0' };

describe('senco-desk audit verify', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  beforeAll(async () => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
    expect((await cli(['demo', '--size', 'small', '--data', data])).code).toBe(0);
    // The demo loads its records directly; open a dozen pupil records through the core so the trail has reads.
    const core = await openCoreAt(data, OPEN);
    try {
      const actor = cliSystemActor({ USER: 'tester' });
      const list = await core.dispatcher.invokeAs(actor, 'pupils.list', { pageSize: 12 });
      if (!list.ok) throw new Error(list.error.message);
      for (const p of list.value.rows) expect((await core.dispatcher.invokeAs(actor, 'pupils.get', { id: p.id })).ok).toBe(true);
    } finally {
      await core.close();
    }
  });
  afterAll(() => tmp.remove());

  /** Runs SQL on the folder's database, as someone with the file (not the app) could. */
  async function sql<T = unknown>(query: string, params: unknown[] = []): Promise<T> {
    const core = await openCoreAt(data, OPEN);
    try {
      const pg = core.ds.options.type === 'postgres';
      let i = 0;
      return (await core.ds.query(pg ? query.replace(/\?/g, () => `$${++i}`) : query, params)) as T;
    } finally {
      await core.close();
    }
  }

  const verify = async () => {
    const r = await cli(['audit', 'verify', '--data', data, '--json']);
    return { code: r.code, doc: JSON.parse(r.stdout) as AuditChainResult, stderr: r.stderr };
  };

  it('passes on the demo, with the count of events', async () => {
    const { code, doc } = await verify();
    expect(code).toBe(0);
    const [count] = await sql<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM audit_event');
    // The newest checkpoint is the data folder's, written after the last recorded action: the trail's last event.
    expect(doc).toEqual({
      ok: true,
      events: Number(count!.n),
      firstBroken: null,
      checkpoints: {
        compared: 1,
        newest: expect.objectContaining({ seq: Number(count!.n), sourceKind: 'data_folder', source: 'senco-desk.audit-head.json' }),
        supersededByRestore: 0,
        otherDatabase: 0,
        unreadable: [],
      },
      restores: [],
    });
    expect(doc.events).toBeGreaterThan(12);
    const human = await cli(['audit', 'verify', '--data', data]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      new RegExp(
        `^The audit trail is intact: all ${doc.events.toLocaleString('en-GB')} events follow one from another.\\nCompared with 1 checkpoint of the trail kept outside it; the newest: event ${doc.events.toLocaleString('en-GB')}, written \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d, kept in the data folder.\\n$`,
      ),
    );
  });

  it('fails naming the edited event, then (the edit undone) the deleted one', async () => {
    const total = (await verify()).doc.events;
    const seq = Math.floor(total / 2);
    const [row] = await sql<{ at: string; operation: string; detail: string | null }[]>(
      'SELECT at, operation, detail FROM audit_event WHERE seq = ?',
      [seq],
    );
    await sql('UPDATE audit_event SET detail = ? WHERE seq = ?', ['{"edited":"by hand"}', seq]);

    const edited = await verify();
    expect(edited.code).toBe(1);
    expect(edited.doc).toMatchObject({
      ok: false,
      events: total,
      firstBroken: {
        seq,
        at: row!.at,
        operation: row!.operation,
        problem: 'hash_mismatch',
        reason: expect.stringMatching(new RegExp(`^event ${seq} was changed after it was written`)),
        nextSeq: null,
        checkpoint: null,
      },
    });
    expect(edited.stderr).toBe(`senco-desk: the audit trail is broken at event ${seq}.\n`);
    const human = await cli(['audit', 'verify', '--data', data]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(`The audit trail is broken at event ${seq} (${formatUkDateTime(row!.at)}, `);
    expect(human.stdout).toContain(`: ${row!.operation}):\n  event ${seq} was changed after it was written`);
    expect(human.stdout).toContain(
      `Events 1 to ${(seq - 1).toLocaleString('en-GB')} check; the trail holds ${total.toLocaleString('en-GB')} events.`,
    );

    // Put the detail back: the chain checks again, so the edit (and nothing else) was what broke it.
    await sql('UPDATE audit_event SET detail = ? WHERE seq = ?', [row!.detail, seq]);
    expect((await verify()).code).toBe(0);

    const gone = seq + 3;
    await sql('DELETE FROM audit_event WHERE seq = ?', [gone]);
    const deleted = await verify();
    expect(deleted.code).toBe(1);
    expect(deleted.doc).toMatchObject({
      ok: false,
      events: total - 1,
      firstBroken: {
        seq: gone,
        at: null,
        operation: null,
        problem: 'missing',
        reason: `event ${gone} is missing (deleted): the trail goes from event ${gone - 1} to event ${gone + 1}`,
        nextSeq: gone + 1,
        checkpoint: null,
      },
    });
    const words = await cli(['audit', 'verify', '--data', data]);
    expect(words.stdout).toMatch(new RegExp(`^The audit trail is broken at event ${gone}:\\n  event ${gone} is missing \\(deleted\\)`));
  });

  it('documents itself, and refuses a folder that is not set up', async () => {
    const help = await cli(['audit', 'verify', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /--checkpoints[\s\S]*--json[\s\S]*hash_mismatch[\s\S]*prev_hash_mismatch[\s\S]*missing[\s\S]*truncated[\s\S]*rewritten[\s\S]*Exit status: 0 intact/,
    );
    expect((await cli(['--help'])).stdout).toMatch(/audit\b.*audit trail/);
    const empty = await cli(['audit', 'verify', '--data', join(tmp.dir, 'empty'), '--json']);
    expect(empty.code).toBe(1);
    expect(JSON.parse(empty.stdout)).toMatchObject({ ok: false, error: { code: 'setup_required' } });
  });
});
