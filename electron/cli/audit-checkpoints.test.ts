/**
 * `senco-desk audit verify` with checkpoints of the trail's head kept outside it (issue 14, item 2), on a data
 * folder driven through the CLI: each backup carries a checkpoint; someone who rewrites events, recomputes every
 * hash and rewrites the data folder's checkpoint too is caught by a backup's checkpoint; with the backups' checkpoints
 * deleted as well, by a copy kept elsewhere (--checkpoints); and a restore from an older backup still verifies,
 * with the checkpoints of the trail it replaced set aside and counted.
 */
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditChainResult } from '../../shared/contract';
import { auditHash } from '../core/audit';
import { checkpointDocument, readCheckpoint, writeCheckpoint } from '../core/audit-checkpoint';
import { openCoreAt } from '../core/core';
import { pupilInput } from '../core/testing/harness';
import { makeUpn } from '../../shared/upn';
import { cliSystemActor } from './io';
import { INIT_ARGS, PASSWORD, cli, tempDir } from './test-support';

describe('senco-desk audit verify with checkpoints', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  const ENV = { SENCO_PASSWORD: PASSWORD };
  let made = 0;

  beforeAll(async () => {
    tmp = tempDir();
    data = join(tmp.dir, 'data');
    expect((await cli([...INIT_ARGS, '--data', data], { env: ENV })).code).toBe(0);
  });
  afterAll(() => tmp.remove());

  async function act(n: number): Promise<void> {
    const core = await openCoreAt(data, { SENCO_ENCRYPT: '0' });
    try {
      for (let i = 0; i < n; i++) {
        const r = await core.dispatcher.invokeAs(
          cliSystemActor({ USER: 'tester' }),
          'pupils.create',
          pupilInput({ upn: makeUpn(801, 2000, 15, ++made) }) as never,
        );
        if (!r.ok) throw new Error(r.error.message);
      }
    } finally {
      await core.close();
    }
  }
  async function sql<T = unknown>(query: string, params: unknown[] = []): Promise<T> {
    const core = await openCoreAt(data, { SENCO_ENCRYPT: '0' });
    try {
      return (await core.ds.query(query, params)) as T;
    } finally {
      await core.close();
    }
  }
  const verify = async (...extra: string[]) => {
    const r = await cli(['audit', 'verify', '--data', data, '--json', ...extra]);
    return { code: r.code, doc: JSON.parse(r.stdout) as AuditChainResult & { error?: { message: string } }, stderr: r.stderr };
  };

  /** Rewrites event `seq` (its actor) and recomputes every later hash, as someone with the database could. */
  async function rewrite(seq: number): Promise<void> {
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
      hash: string;
    };
    const rows = await sql<Row[]>('SELECT * FROM audit_event WHERE seq >= ? ORDER BY seq', [seq - 1]);
    let prev = rows[0]!.hash;
    for (const r of rows.slice(1)) {
      const e = {
        at: r.at,
        userId: r.user_id,
        actor: r.seq === seq ? 'someone else' : r.actor,
        role: r.role,
        operation: r.operation,
        pupilId: r.pupil_id,
        outcome: r.outcome,
        detail: r.detail,
      };
      const hash = auditHash(prev, r.seq, e);
      await sql('UPDATE audit_event SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?', [e.actor, prev, hash, r.seq]);
      prev = hash;
    }
  }

  it('carries a checkpoint in every backup, catches a rewrite with the backups’ checkpoints and with a copy kept elsewhere, and copes with a restore', async () => {
    await act(3);
    const backup = await cli(['backup', '--data', data, '--json']);
    expect(backup.code).toBe(0);
    const made = JSON.parse(backup.stdout) as { file: string; checkpoint: string };
    expect(made.checkpoint).toBe(made.file.replace(/\.sqlite$/, '.audit-head.json'));
    const inBackup = readCheckpoint(made.checkpoint)!;
    const atBackup = (await sql<{ n: number }[]>('SELECT MAX(seq) AS n FROM audit_event'))[0]!.n;
    expect(inBackup.seq).toBe(atBackup);
    await act(2);
    // A second backup, later: its checkpoint records the trail two events on.
    const second = await cli(['backup', '--data', data]);
    expect(second.stdout).toContain('.audit-head.json: keep it with the backup');

    const intact = await verify();
    expect(intact.code).toBe(0);
    expect(intact.doc.checkpoints).toMatchObject({
      compared: 3,
      newest: { seq: atBackup + 2, sourceKind: 'backup' },
      supersededByRestore: 0,
    });

    // The backups, with their checkpoints, copied off the machine.
    const usb = join(tmp.dir, 'usb');
    cpSync(join(data, 'backups'), usb, { recursive: true });

    // Rewrite event 3 (before the first backup) and every hash after it, then the data folder's checkpoint too.
    await rewrite(3);
    const head = (
      await sql<{ seq: number; hash: string; at: string }[]>('SELECT seq, hash, at FROM audit_event ORDER BY seq DESC LIMIT 1')
    )[0]!;
    writeCheckpoint(join(data, 'senco-desk.audit-head.json'), checkpointDocument(head, 'sqlite', new Date()));
    const caught = await verify();
    expect(caught.code).toBe(1);
    expect(caught.doc.firstBroken).toMatchObject({
      seq: inBackup.seq,
      problem: 'rewritten',
      checkpoint: { sourceKind: 'backup', source: made.file.split('/').pop() },
    });
    expect(caught.stderr).toBe(`senco-desk: the audit trail is rewritten at event ${inBackup.seq}.\n`);
    const words = await cli(['audit', 'verify', '--data', data]);
    expect(words.stdout).toContain(`event ${inBackup.seq}'s hash differs from the checkpoint from `);
    expect(words.stdout).toContain(
      `(kept with the backup ${made.file.split('/').pop()}): event ${inBackup.seq} or an event before it was rewritten`,
    );

    // ...and the backups' checkpoints deleted as well: the folder alone no longer shows it; the copy elsewhere does.
    for (const f of readdirSync(join(data, 'backups'))) if (f.endsWith('.audit-head.json')) rmSync(join(data, 'backups', f));
    expect((await verify()).code).toBe(0);
    const elsewhere = await verify('--checkpoints', usb);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.doc.firstBroken).toMatchObject({
      seq: inBackup.seq,
      problem: 'rewritten',
      checkpoint: { sourceKind: 'given', source: join(usb, made.checkpoint.split('/').pop()!) },
    });
    expect(elsewhere.doc.checkpoints.compared).toBe(3);
    // A file that is not a checkpoint is a usage error.
    writeFileSync(join(tmp.dir, 'not.audit-head.json'), '{"hello":1}');
    const bad = await cli(['audit', 'verify', '--data', data, '--checkpoints', join(tmp.dir, 'not.audit-head.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not an audit checkpoint/);

    // Restore the backup made before the rewrite: the trail is the backup's plus the restore's event, and verifies;
    // the checkpoints of the trail it replaced (the later backup's, kept elsewhere) are set aside and counted.
    const restore = await cli(['restore', '--from', join(usb, made.file.split('/').pop()!), '--data', data, '--yes']);
    expect(restore.code).toBe(0);
    const restored = await verify('--checkpoints', usb);
    expect(restored.code).toBe(0);
    expect(restored.doc).toMatchObject({ ok: true, restores: [{ seq: inBackup.seq + 1 }] });
    // The second backup's checkpoint (kept elsewhere) and the safety copy's: both of the trail before the restore.
    expect(restored.doc.checkpoints.supersededByRestore).toBe(2);
    expect(restored.doc.checkpoints.newest).toMatchObject({ seq: inBackup.seq + 1, sourceKind: 'data_folder' });
    const told = await cli(['audit', 'verify', '--data', data, '--checkpoints', usb]);
    expect(told.stdout).toMatch(
      /older checkpoints? (was|were) set aside: .* before the restore from a backup at event [\d,]+ \(\d\d\/\d\d\/\d{4} \d\d:\d\d\)\. If nobody restored a backup then, treat this as tampering\./,
    );
    // The safety copy the restore made carries its own checkpoint.
    const safety = readdirSync(join(data, 'backups')).filter((f) => f.startsWith('before-restore-'));
    expect(safety.some((f) => f.endsWith('.audit-head.json'))).toBe(true);

    // Deleting the restore's own event (the newest) is truncation again.
    await sql('DELETE FROM audit_event WHERE seq = ?', [inBackup.seq + 1]);
    const cut = await verify('--checkpoints', usb);
    expect(cut.code).toBe(1);
    expect(cut.doc.firstBroken).toMatchObject({ problem: 'truncated' });
  }, 120_000);
});
