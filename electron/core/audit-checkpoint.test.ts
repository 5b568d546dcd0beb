/**
 * Checkpoints of the audit trail's head kept outside it (audit-checkpoint.ts), on SQLite and PostgreSQL: the core
 * records the head in the data folder after each committed audited operation, and audit.verify names what the
 * chain alone cannot show: the newest events deleted (`truncated`, the last one alone or all of them), and events
 * rewritten with every later hash recomputed (`rewritten`). A restore's checkpoints of the trail it replaced are set
 * aside and counted, and only the restore tool's own event does that. Also: what is hashed is what is stored.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditChainResult, PupilProfile } from '../../shared/contract';
import { appendAudit, auditHash, verifyAuditChain } from './audit';
import { CHECKPOINT_FORMAT, dataFolderCheckpointPath, readCheckpoint, storeIdentity, type FoundCheckpoint } from './audit-checkpoint';
import { createCore, type Core } from './core';
import { SENCO_USER, pupilInput, setUp, storeFor, testDrivers } from './testing/harness';

describe('storeIdentity', () => {
  it('names SQLite plainly, and a PostgreSQL database by a fingerprint that carries no user or password', () => {
    expect(storeIdentity({ kind: 'sqlite', file: '/x/senco-desk.sqlite' })).toBe('sqlite');
    const a = storeIdentity({ kind: 'postgres', url: 'postgres://senco:s3cret-password@db.example.org:5432/senco' });
    expect(a).toMatch(/^postgres:[0-9a-f]{16}$/);
    // Another password, the same database: the same identity. Another database or schema: another identity.
    expect(storeIdentity({ kind: 'postgres', url: 'postgres://other:changed@db.example.org/senco' })).toBe(a);
    expect(storeIdentity({ kind: 'postgres', url: 'postgres://senco:s3cret-password@db.example.org:5432/other' })).not.toBe(a);
    expect(storeIdentity({ kind: 'postgres', url: 'postgres://senco:s3cret-password@db.example.org:5432/senco', schema: 't_1' })).not.toBe(
      a,
    );
    expect(dataFolderCheckpointPath('/data', a)).toBe(join('/data', `senco-desk.audit-head.${a.replace(':', '-')}.json`));
    expect(dataFolderCheckpointPath('/data', 'sqlite')).toBe(join('/data', 'senco-desk.audit-head.json'));
  });
});

describe.each(testDrivers())('audit checkpoints on %s', (driver) => {
  let core: Core;
  let dataDir: string;
  let cleanupStore: () => Promise<void>;
  let senco: string;
  let now = new Date('2026-11-23T09:00:00Z');
  const mark = (i: number) => (driver === 'postgres' ? `$${i}` : '?');
  const as = (session: string | null) => (op: string, input: unknown) => core.dispatcher.invoke({ op, input, session });

  beforeEach(async () => {
    now = new Date('2026-11-23T09:00:00Z');
    dataDir = mkdtempSync(join(tmpdir(), 'senco-checkpoints-'));
    const { store, keys, cleanup } = await storeFor(driver);
    cleanupStore = cleanup;
    core = await createCore({ store, keys, clock: () => now, logError: () => undefined, dataDir });
    senco = await setUp(core);
  });
  afterEach(async () => {
    await core.close();
    await cleanupStore();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function verify(input: Record<string, unknown> = {}): Promise<AuditChainResult> {
    const r = await as(senco)('audit.verify', input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as AuditChainResult;
  }
  async function lastSeq(): Promise<number> {
    const [row] = (await core.ds.query('SELECT MAX(seq) AS n FROM audit_event')) as { n: number | string }[];
    return Number(row!.n);
  }
  async function someEvents(): Promise<void> {
    const created = await as(senco)('pupils.create', pupilInput());
    const pupil = (created as { value: PupilProfile }).value;
    for (let i = 0; i < 3; i++) {
      now = new Date(now.getTime() + 60_000);
      await as(senco)('pupils.get', { id: pupil.id });
    }
  }
  const checkpointFile = () => dataFolderCheckpointPath(dataDir, core.checkpoints!.store);
  /** The data folder's checkpoint once the core's writer has written what it was given. */
  const written = async () => {
    await core.checkpoints!.flush();
    return readCheckpoint(checkpointFile());
  };

  it('records the head after every committed audited operation, atomically and readable by the owner only', async () => {
    await someEvents();
    const doc = (await written())!;
    expect(doc).toMatchObject({ format: CHECKPOINT_FORMAT, version: 1, store: storeIdentity(core.store), seq: await lastSeq() });
    const [last] = (await core.ds.query(`SELECT hash, at FROM audit_event WHERE seq = ${mark(1)}`, [doc.seq])) as {
      hash: string;
      at: string;
    }[];
    expect(doc).toMatchObject({ hash: last!.hash, at: last!.at });
    if (process.platform !== 'win32') expect(statSync(checkpointFile()).mode & 0o777).toBe(0o600);
    // Reads that are not audited, and refusals before anything runs, leave it as it was.
    const before = readFileSync(checkpointFile(), 'utf8');
    expect(core.checkpoints!.file).toBe(checkpointFile());
    expect((await as(senco)('pupils.classes', {})).ok).toBe(true);
    expect((await as(senco)('pupils.get', { id: 'x\ud800' })).ok).toBe(false);
    await core.checkpoints!.flush();
    expect(readFileSync(checkpointFile(), 'utf8')).toBe(before);

    const ok = await verify();
    expect(ok).toMatchObject({
      ok: true,
      firstBroken: null,
      restores: [],
      checkpoints: { compared: 1, supersededByRestore: 0, otherDatabase: 0, unreadable: [] },
    });
    expect(ok.checkpoints.newest).toMatchObject({ seq: doc.seq, hash: doc.hash, sourceKind: 'data_folder' });
  });

  it('names the deletion of the last event, and of every event, as truncation', async () => {
    await someEvents();
    const last = await lastSeq();
    const head = (await written())!;
    await core.ds.query(`DELETE FROM audit_event WHERE seq = ${mark(1)}`, [last]);
    const cut = await verify();
    expect(cut).toMatchObject({
      ok: false,
      events: last - 1,
      firstBroken: {
        seq: last,
        at: null,
        operation: null,
        problem: 'truncated',
        nextSeq: null,
        checkpoint: { seq: last, hash: head.hash, sourceKind: 'data_folder' },
      },
    });
    expect(cut.firstBroken!.reason).toMatch(
      new RegExp(
        `^the trail ends at event ${last - 1} but a checkpoint from \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d \\(kept in the data folder\\) recorded event ${last}: event ${last} was deleted from the end of the trail`,
      ),
    );

    await core.ds.query('DELETE FROM audit_event');
    const empty = await verify();
    expect(empty).toMatchObject({ ok: false, events: 0, firstBroken: { seq: 1, problem: 'truncated', checkpoint: { seq: last } } });
    expect(empty.firstBroken!.reason).toMatch(
      new RegExp(`^the trail is empty but a checkpoint .* recorded event ${last}: events 1 to ${last} were deleted`),
    );
  });

  it('does not move the checkpoint over the evidence when events are recorded after the trail was cut back', async () => {
    await someEvents();
    const logged: unknown[] = [];
    await core.close();
    // Reopened as the app or the CLI would be after someone deleted the newest event: it goes on recording.
    core = await createCore({ store: core.store, keys: core.keys, clock: () => now, logError: (err) => void logged.push(err), dataDir });
    senco = (
      (await as(null)('auth.signIn', { username: SENCO_USER.username, password: SENCO_USER.password })) as { value: { session: string } }
    ).value.session;
    const last = await lastSeq();
    const head = (await written())!;
    expect(head.seq).toBe(last);
    await core.ds.query(`DELETE FROM audit_event WHERE seq = ${mark(1)}`, [last]);
    for (let i = 0; i < 3; i++) {
      now = new Date(now.getTime() + 60_000);
      expect((await as(senco)('pupils.list', {})).ok).toBe(true);
    }
    // The trail holds a new event where the deleted one was, and more after it; the checkpoint still names the old one.
    expect(await lastSeq()).toBeGreaterThan(last);
    expect(await written()).toMatchObject({ seq: head.seq, hash: head.hash });
    expect(String(logged[0])).toMatch(new RegExp(`no longer holds event ${last} as its checkpoint`));
    const cut = await verify();
    expect(cut).toMatchObject({
      ok: false,
      firstBroken: { seq: last, problem: 'truncated', checkpoint: { seq: last, hash: head.hash, sourceKind: 'data_folder' } },
    });
    expect(cut.firstBroken!.reason).toMatch(
      new RegExp(`recorded event ${last}, but the trail's event ${last} is another one, written later .*: the trail was cut back`),
    );
  });

  it('names events rewritten with every later hash recomputed, which the chain alone passes', async () => {
    await someEvents();
    const head = (await written())!;
    // Someone with the database key rewrites event 2 and recomputes every hash after it: the chain checks.
    type Row = {
      seq: number;
      at: string;
      user_id: string | null;
      actor: string;
      role: string | null;
      operation: string;
      pupil_id: string | null;
      outcome: string;
      detail: string | null;
    };
    const rows = (await core.ds.query('SELECT * FROM audit_event ORDER BY seq')) as Row[];
    let prev = (rows[0] as unknown as { hash: string }).hash;
    for (const r of rows.slice(1)) {
      const e = {
        at: r.at,
        userId: r.user_id,
        actor: r.seq === 2 ? 'someone else' : r.actor,
        role: r.role,
        operation: r.operation,
        pupilId: r.pupil_id,
        outcome: r.outcome,
        detail: r.detail,
      };
      const hash = auditHash(prev, Number(r.seq), e);
      await core.ds.query(`UPDATE audit_event SET actor = ${mark(1)}, prev_hash = ${mark(2)}, hash = ${mark(3)} WHERE seq = ${mark(4)}`, [
        e.actor,
        prev,
        hash,
        r.seq,
      ]);
      prev = hash;
    }
    expect((await core.ds.transaction((em) => verifyAuditChain(em))).ok).toBe(true);
    const bad = await verify();
    expect(bad).toMatchObject({
      ok: false,
      firstBroken: { seq: head.seq, problem: 'rewritten', checkpoint: { seq: head.seq, hash: head.hash } },
    });
    expect(bad.firstBroken!.operation).toBe('pupils.get');
    expect(bad.firstBroken!.reason).toMatch(
      new RegExp(
        `^event ${head.seq}'s hash differs from the checkpoint from .* \\(kept in the data folder\\): event ${head.seq} or an event before it was rewritten`,
      ),
    );

    // A checkpoint kept elsewhere (given to the check) at an earlier event narrows it down: the first is reported.
    const elsewhere = {
      seq: 3,
      hash: (rows[2] as unknown as { hash: string }).hash,
      at: rows[2]!.at,
      writtenAt: rows[2]!.at,
      store: storeIdentity(core.store),
      source: 'usb/senco-desk-2026-11-23.audit-head.json',
    };
    const narrowed = await verify({ checkpoints: [elsewhere] });
    expect(narrowed.firstBroken).toMatchObject({
      seq: 3,
      problem: 'rewritten',
      checkpoint: { seq: 3, sourceKind: 'given', source: elsewhere.source },
    });
    expect(narrowed.checkpoints.compared).toBe(2);
    // One of another database is not compared.
    const other = await verify({ checkpoints: [{ ...elsewhere, store: 'postgres:0000000000000000' }] });
    expect(other.firstBroken).toMatchObject({ seq: head.seq, problem: 'rewritten' });
    expect(other.checkpoints).toMatchObject({ compared: 1, otherDatabase: 1 });
  });

  it('sets aside checkpoints older than a restore (only the restore tool’s own event), and names it', async () => {
    await someEvents();
    const before = await lastSeq();
    // A restore of an older state: the newest events are gone and the restore's event follows, later in time.
    await core.ds.query(`DELETE FROM audit_event WHERE seq > ${mark(1)}`, [before - 2]);
    now = new Date(now.getTime() + 3_600_000);
    const restoreEvent = {
      at: now.toISOString(),
      userId: null,
      actor: 'senco-desk restore (command line, it)',
      role: null,
      operation: 'backup.restore',
      pupilId: null,
      outcome: 'ok' as const,
      detail: '{}',
    };
    const row = await core.ds.transaction((em) => appendAudit(em, driver, restoreEvent));
    // As restore.ts does: the data folder's checkpoint is replaced by the restored trail's head.
    core.checkpoints!.record(row, { rewind: true });
    const restored = await verify();
    expect(restored).toMatchObject({
      ok: true,
      restores: [{ seq: row.seq, at: row.at }],
      checkpoints: { compared: 1, newest: { seq: row.seq }, supersededByRestore: 0 },
    });
    // The checkpoint of the trail as it was before the restore (kept elsewhere, given here) is set aside, and counted.
    const old = {
      seq: before,
      hash: 'e'.repeat(64),
      at: new Date(now.getTime() - 3_600_000).toISOString(),
      writtenAt: new Date(now.getTime() - 3_600_000).toISOString(),
      store: storeIdentity(core.store),
      source: 'old.audit-head.json',
    };
    expect(await verify({ checkpoints: [old] })).toMatchObject({ ok: true, checkpoints: { compared: 1, supersededByRestore: 1 } });

    // After the restore, the checkpoint moves on; deleting an event after the restore is caught again.
    now = new Date(now.getTime() + 60_000);
    await as(senco)('pupils.list', {});
    const after = await lastSeq();
    await core.ds.query(`DELETE FROM audit_event WHERE seq = ${mark(1)}`, [after]);
    expect((await verify()).firstBroken).toMatchObject({ seq: after, problem: 'truncated' });

    // An event named backup.restore that a user's session wrote (or a refused one) sets nothing aside.
    await core.ds.query(`DELETE FROM audit_event WHERE seq >= ${mark(1)}`, [row.seq]);
    await core.ds.transaction((em) => appendAudit(em, driver, { ...restoreEvent, role: 'senco', actor: 'Sam Senco (sam.senco)' }));
    const forged = await verify({ checkpoints: [old] });
    expect(forged).toMatchObject({
      ok: false,
      restores: [],
      firstBroken: { problem: 'truncated' },
      checkpoints: { supersededByRestore: 0 },
    });
  });

  it('hashes exactly what is stored: a lone surrogate, U+0000 or an over-long value from outside the dispatcher', async () => {
    await core.ds.transaction((em) =>
      appendAudit(em, driver, {
        at: now.toISOString(),
        userId: null,
        actor: `restore by x\ud800y ${'a'.repeat(200)}`,
        role: null,
        operation: 'backup.restore',
        pupilId: `p\udc00${'9'.repeat(60)}`,
        outcome: 'ok',
        detail: 'note: a\u0000b\ud83dc',
      }),
    );
    const [stored] = (await core.ds.query('SELECT actor, pupil_id AS "pupilId", detail FROM audit_event ORDER BY seq DESC LIMIT 1')) as {
      actor: string;
      pupilId: string;
      detail: string;
    }[];
    expect(stored!.actor.startsWith('restore by x\uFFFDy ')).toBe(true);
    expect(stored!.actor).toHaveLength(140);
    expect(stored!.pupilId).toHaveLength(36);
    expect(stored!.pupilId.endsWith('\u2026')).toBe(true);
    expect(stored!.detail).toBe('note: a\uFFFDb\uFFFDc');
    expect(await verify()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('keeps working when the checkpoint cannot be written (the operation has committed), and writes it again later', async () => {
    // A folder where the file should be: the rename fails whoever runs the test (root ignores file modes).
    await core.checkpoints!.flush();
    rmSync(checkpointFile());
    mkdirSync(join(checkpointFile(), 'blocked'), { recursive: true });
    const created = await as(senco)('pupils.create', pupilInput());
    expect(created.ok).toBe(true);
    await core.checkpoints!.flush();
    expect(statSync(checkpointFile()).isDirectory()).toBe(true);
    rmSync(checkpointFile(), { recursive: true });
    expect((await as(senco)('pupils.list', {})).ok).toBe(true);
    expect(await written()).toMatchObject({ seq: await lastSeq() });
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('verifyAuditChain with checkpoints (pure cases)', () => {
  it('reports the highest checkpoint beyond the end, and counts unreadable files', async () => {
    const { store, cleanup } = await storeFor('sqlite');
    const core = await createCore({ store, logError: () => undefined });
    try {
      await setUp(core);
      const [last] = (await core.ds.query('SELECT seq, hash, at FROM audit_event ORDER BY seq DESC LIMIT 1')) as {
        seq: number;
        hash: string;
        at: string;
      }[];
      const cp = (seq: number, writtenAt: string, name: string): FoundCheckpoint => ({
        seq,
        hash: 'f'.repeat(64),
        at: last!.at,
        writtenAt,
        store: 'sqlite',
        source: { kind: 'backup', name },
      });
      const r = await core.ds.transaction((em) =>
        verifyAuditChain(em, {
          checkpoints: [cp(last!.seq + 2, '2026-11-23T10:00:00Z', 'a.sqlite'), cp(last!.seq + 5, '2026-11-23T09:00:00Z', 'b.sqlite')],
          store: 'sqlite',
          unreadable: ['c.sqlite'],
        }),
      );
      expect(r.firstBroken).toMatchObject({
        seq: last!.seq + 1,
        problem: 'truncated',
        checkpoint: { seq: last!.seq + 5, source: 'b.sqlite' },
      });
      expect(r.checkpoints).toMatchObject({ compared: 2, newest: { source: 'b.sqlite' }, unreadable: ['c.sqlite'] });
    } finally {
      await core.close();
      await cleanup();
    }
  });
});
