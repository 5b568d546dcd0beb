/**
 * No signed-in session travels in a backup (electron/core/sessions.ts, backup.ts copyDatabase): a restored backup
 * must not bring back sessions that were signed out or ended by an account change after it was made.
 */
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openCoreAt } from '../core';
import { setUp } from '../testing/harness';
import { tempDir } from '../../cli/test-support';
import { createBackup } from '.';
import { openRaw } from './sqlite-raw';

describe('a backup and the signed-in sessions', () => {
  it('leaves the sessions out of the copy, and the live database keeps them', async () => {
    const tmp = tempDir('senco-backup-sessions-');
    onTestFinished(() => tmp.remove());
    const dataDir = join(tmp.dir, 'data');
    const core = await openCoreAt(dataDir, { SENCO_ENCRYPT: '0' });
    onTestFinished(() => core.close());
    await setUp(core);
    const live = (await core.ds.query('SELECT COUNT(*) AS n FROM sign_in_session')) as { n: number }[];
    expect(Number(live[0]?.n)).toBe(1);
    const made = await createBackup({ dataDir, store: core.store });
    const copy = await openRaw(made.file, { readOnly: true });
    try {
      const rows = await copy.all<{ n: number }>('SELECT COUNT(*) AS n FROM sign_in_session');
      expect(Number(rows[0]?.n)).toBe(0);
    } finally {
      await copy.close();
    }
    // The row counts the backup prints agree.
    expect(made.tables.find((t) => t.table === 'sign_in_session')?.rows ?? 0).toBe(0);
  });
});
