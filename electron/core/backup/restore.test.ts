/**
 * The restore drill, on a real data folder holding the small demo: back up, change and add records, restore, and
 * the database is the one backed up again, table by table (row counts and a SHA-256 of every row in primary-key
 * order); the safety copy holds the changed data. Then the refusals: a damaged backup (truncated, or pages
 * overwritten in the middle), a backup from a newer version, a database that is not SENCo Desk's, and a database
 * held open by the app. Each is refused before anything is replaced: the live files are byte-for-byte unchanged.
 */
import { copyFileSync, existsSync, mkdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCoreAt, type Core } from '../core';
import { verifyAuditChain } from '../audit';
import { readCheckpoint } from '../audit-checkpoint';
import { DB_FILE } from '../data-dir';
import { ENTITIES } from '../db/entities';
import { MIGRATIONS } from '../db/migrations';
import { DEMO_PASSWORD, loadDemo } from '../demo';
import { SYSTEM, pupilInput } from '../testing/harness';
import { BackupError, createBackup, prepareRestore, restoreBackup, type BackupErrorCode } from '.';
import { knownMigrationNames } from './inspect';
import { openRaw } from './sqlite-raw';
import { sqliteModule } from '../db/sqlite-driver';
import { filesIn, fingerprint, modeOf, scribble, snapshotFiles } from './test-support';
import { tempDir } from '../../cli/test-support';
import { makeUpn } from '../../../shared/upn';

// Plain SQLite here (the encrypted store has its own test): SENCO_ENCRYPT=0 asks openCoreAt for a plain file.
const ENV = { SENCO_ENCRYPT: '0' };
const posix = process.platform !== 'win32';

async function refusal(p: Promise<unknown>): Promise<BackupError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BackupError) return err;
    throw err;
  }
  throw new Error('expected a BackupError');
}

async function expectRefused(p: Promise<unknown>, code: BackupErrorCode, message: RegExp): Promise<void> {
  const err = await refusal(p);
  expect(err.code).toBe(code);
  expect(err.message).toMatch(message);
}

describe('backup and restore on the small demo', () => {
  let tmp: ReturnType<typeof tempDir>;
  let data: string;
  let live: string;
  let backup: string;
  let before: Awaited<ReturnType<typeof fingerprint>>;

  beforeAll(async () => {
    tmp = tempDir('senco-backup-');
    data = join(tmp.dir, 'data');
    live = join(data, DB_FILE);
    const core = await openCoreAt(data, ENV);
    try {
      await loadDemo(core, { size: 'small', password: DEMO_PASSWORD, actor: SYSTEM, now: new Date('2026-10-01T08:00:00Z') });
    } finally {
      await core.close();
    }
    before = await fingerprint(live);
  }, 120_000);
  afterAll(() => tmp.remove());

  it('backs up to backups/senco-desk-<time>.sqlite: one self-contained 0600 file, integrity ok, the same rows', async () => {
    const r = await createBackup({ dataDir: data, env: ENV, now: () => new Date(2026, 9, 1, 9, 30, 15) });
    backup = r.file;
    expect(basename(r.file)).toBe('senco-desk-2026-10-01-093015.sqlite');
    expect(r.file).toBe(join(data, 'backups', basename(r.file)));
    expect(r.integrity).toBe('ok');
    expect(r.bytes).toBe(statSync(r.file).size);
    expect(r.migrations).toEqual(knownMigrationNames());
    expect(Object.fromEntries(r.tables.map((t) => [t.table, t.rows]))).toEqual(
      Object.fromEntries(Object.entries(before).map(([t, f]) => [t, f.rows])),
    );
    expect(r.tables.find((t) => t.table === 'pupil')?.rows).toBe(62);
    // No -wal, -shm or temporary file beside it: only the checkpoint of the audit trail's head inside it.
    expect(filesIn(join(data, 'backups'))).toEqual(['senco-desk-2026-10-01-093015.audit-head.json', basename(r.file)]);
    expect(r.checkpoint).toBe(join(data, 'backups', 'senco-desk-2026-10-01-093015.audit-head.json'));
    const copy = await openRaw(r.file, { readOnly: true });
    const [head] = await copy.all<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1');
    await copy.close();
    expect(readCheckpoint(r.checkpoint)).toMatchObject({
      store: 'sqlite',
      seq: head!.seq,
      hash: head!.hash,
      writtenAt: new Date(2026, 9, 1, 9, 30, 15).toISOString(),
    });
    if (posix) {
      expect(modeOf(r.checkpoint)).toBe(0o600);
      expect(modeOf(r.file)).toBe(0o600);
      expect(modeOf(join(data, 'backups'))).toBe(0o700);
    }
    expect(await fingerprint(r.file)).toEqual(before);

    // A second backup in the same second gets its own name; --out never replaces a file unless asked.
    const again = await createBackup({ dataDir: data, env: ENV, now: () => new Date(2026, 9, 1, 9, 30, 15) });
    expect(basename(again.file)).toBe('senco-desk-2026-10-01-093015-2.sqlite');
    const out = join(tmp.dir, 'usb-stick-copy.sqlite');
    writeFileSync(out, 'keep me');
    await expectRefused(createBackup({ dataDir: data, env: ENV, out }), 'file_exists', /already exists: nothing was written/);
    expect((await createBackup({ dataDir: data, env: ENV, out, replace: true })).file).toBe(out);
    expect(await fingerprint(out)).toEqual(before);
    await expectRefused(createBackup({ dataDir: data, env: ENV, out: live }), 'bad_output', /is the live database itself/);
    await expectRefused(
      createBackup({ dataDir: data, env: ENV, out: join(tmp.dir, 'no-such-folder', 'x.sqlite') }),
      'bad_output',
      /does not exist/,
    );
  });

  it('backs up online while the app is writing: one consistent moment, integrity ok', async () => {
    const app = await openCoreAt(data, ENV);
    let writes = 0;
    let writing = true;
    const loop = (async () => {
      for (let i = 0; writing; i++) {
        const r = await app.dispatcher.invokeAs(
          SYSTEM,
          'pupils.create',
          pupilInput({ upn: makeUpn(999, 4197 + Math.floor(i / 1000), 26, i % 1000), legalLastName: `Online ${i}` }),
        );
        expect(r).toMatchObject({ ok: true });
        writes++;
        // Each write arrives on its own turn of the event loop, as the app's requests do (one IPC message each): the
        // store is synchronous (libsql), so a loop of awaits that never leaves the microtask queue would starve the backup.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      while (writes < 5) await new Promise((r) => setTimeout(r, 5));
      const during = await createBackup({ dataDir: data, env: ENV, out: join(tmp.dir, 'online.sqlite') });
      const atBackup = writes;
      writing = false;
      await loop;
      expect(during.integrity).toBe('ok');
      const pupils = during.tables.find((t) => t.table === 'pupil')!.rows;
      // Every pupil created before the backup started is in it; none after the writes stopped could be.
      expect(pupils).toBeGreaterThanOrEqual(62 + 5);
      expect(pupils).toBeLessThanOrEqual(62 + writes);
      // Consistent: each pupil written during the backup that is in the copy has its audit event (same transaction).
      const copy = await openRaw(during.file, { readOnly: true });
      try {
        const [row] = await copy.all<{ online: number; unaudited: number }>(
          `SELECT count(*) AS online, sum(NOT EXISTS (SELECT 1 FROM audit_event a WHERE a.pupil_id = p.id AND a.operation = 'pupils.create')) AS unaudited
           FROM pupil p WHERE p.legal_last_name LIKE 'Online %'`,
        );
        expect(row).toEqual({ online: pupils - 62, unaudited: 0 });
      } finally {
        await copy.close();
      }
      expect(atBackup).toBeGreaterThanOrEqual(5);
    } finally {
      writing = false;
      await loop.catch(() => undefined);
      await app.close();
    }
    // Put the folder back as the drill below expects it: the demo as backed up.
    await restoreBackup({ dataDir: data, from: backup, env: ENV });
    expect(await fingerprint(live, undefined, { restored: true })).toEqual(before);
  });

  it('restores it over changed data: every table identical to the backup, and the safety copy holds the changes', async () => {
    const core = await openCoreAt(data, ENV);
    try {
      const created = await core.dispatcher.invokeAs(
        SYSTEM,
        'pupils.create',
        pupilInput({ upn: makeUpn(999, 4199, 26, 901), legalFirstName: 'Added', legalLastName: 'Afterbackup' }),
      );
      expect(created).toMatchObject({ ok: true });
      await core.ds.query("UPDATE pupil SET class_name = 'Changed' WHERE id IN (SELECT id FROM pupil ORDER BY id LIMIT 5)");
      await core.ds.query('DELETE FROM parent_update WHERE id IN (SELECT id FROM parent_update ORDER BY id LIMIT 3)');
    } finally {
      await core.close();
    }
    const changed = await fingerprint(live);
    expect(changed.pupil!.rows).toBe(63);
    expect(changed.parent_update!.rows).toBe(before.parent_update!.rows - 3);
    expect(changed.audit_event!.sha256).not.toBe(before.audit_event!.sha256);

    const r = await restoreBackup({ dataDir: data, from: backup, env: ENV, now: () => new Date(2026, 9, 2, 14, 0, 0) });
    expect(r.migrationsRun).toEqual([]);
    expect(r.safetyCopy).toBe(join(data, 'backups', 'before-restore-2026-10-02-140000.sqlite'));
    expect(await fingerprint(live, undefined, { restored: true })).toEqual(before);
    expect(Object.fromEntries(r.tables.map((t) => [t.table, t.rows]))).toEqual(
      Object.fromEntries(Object.entries(before).map(([t, f]) => [t, f.rows])),
    );
    expect(await fingerprint(r.safetyCopy!)).toEqual(changed);
    if (posix) {
      expect(modeOf(r.safetyCopy!)).toBe(0o600);
      expect(modeOf(live)).toBe(0o600);
    }
    // No staged copy left behind; the restored store opens and works.
    expect(filesIn(data).filter((f) => f.includes('.restoring-'))).toEqual([]);
    const reopened = await openCoreAt(data, ENV);
    try {
      const list = await reopened.dispatcher.invokeAs(SYSTEM, 'pupils.list', { includeFormer: true, pageSize: 10 });
      expect(list.ok && (list.value as { total: number }).total).toBe(62);
      // The restore is in the restored database's audit trail, chained like any other event, naming the files.
      const [event] = (await reopened.ds.query(
        "SELECT actor, detail FROM audit_event WHERE operation = 'backup.restore' ORDER BY seq DESC LIMIT 1",
      )) as { actor: string; detail: string }[];
      expect(event!.actor).toMatch(/^senco-desk restore \(command line, .+\)$/);
      expect(JSON.parse(event!.detail)).toEqual({
        from: basename(backup),
        safetyCopy: 'before-restore-2026-10-02-140000.sqlite',
        migrationsRun: [],
      });
      expect((await verifyAuditChain(reopened.ds.manager)).ok).toBe(true);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a truncated backup, and one with pages overwritten in the middle, leaving the live database untouched', async () => {
    const liveBefore = snapshotFiles(live);
    const backupsBefore = filesIn(join(data, 'backups'));

    const truncated = join(tmp.dir, 'truncated.sqlite');
    copyFileSync(backup, truncated);
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
    await expectRefused(
      restoreBackup({ dataDir: data, from: truncated, env: ENV }),
      'damaged',
      /truncated\.sqlite cannot be restored: .*Nothing was changed\./,
    );

    const scribbled = join(tmp.dir, 'scribbled.sqlite');
    copyFileSync(backup, scribbled);
    const size = statSync(scribbled).size;
    scribble(scribbled, Math.floor(size / 2 / 4096) * 4096, 3 * 4096);
    await expectRefused(
      restoreBackup({ dataDir: data, from: scribbled, env: ENV }),
      'damaged',
      /scribbled\.sqlite cannot be restored: (it failed SQLite's integrity check|SQLite could not read it) [\s\S]*Nothing was changed\./,
    );

    const header = join(tmp.dir, 'header.sqlite');
    copyFileSync(backup, header);
    scribble(header, 0, 100);
    await expectRefused(restoreBackup({ dataDir: data, from: header, env: ENV }), 'damaged', /not an SQLite database/);

    const empty = join(tmp.dir, 'empty.sqlite');
    writeFileSync(empty, '');
    await expectRefused(restoreBackup({ dataDir: data, from: empty, env: ENV }), 'damaged', /the file is empty/);
    await expectRefused(
      restoreBackup({ dataDir: data, from: join(tmp.dir, 'missing.sqlite'), env: ENV }),
      'no_file',
      /There is no backup file at/,
    );

    expect(snapshotFiles(live)).toEqual(liveBefore);
    expect(filesIn(join(data, 'backups'))).toEqual(backupsBefore);
    expect(filesIn(data).filter((f) => f.includes('.restoring-'))).toEqual([]);
  });

  it('refuses a backup from a newer version, and a database that is not a SENCo Desk one', async () => {
    const liveBefore = snapshotFiles(live);
    const newer = join(tmp.dir, 'newer.sqlite');
    copyFileSync(backup, newer);
    const ds = new DataSource({ type: 'better-sqlite3', driver: sqliteModule(), database: newer });
    await ds.initialize();
    await ds.query("INSERT INTO migrations (timestamp, name) VALUES (1800000000001, 'FutureFeature1800000000001')");
    await ds.destroy();
    await expectRefused(
      restoreBackup({ dataDir: data, from: newer, env: ENV }),
      'newer_version',
      /made by a newer version of SENCo Desk .*FutureFeature1800000000001.*Install the newer version of SENCo Desk, then restore\. Nothing was changed\./,
    );

    const foreign = join(tmp.dir, 'foreign.sqlite');
    const other = new DataSource({ type: 'better-sqlite3', driver: sqliteModule(), database: foreign });
    await other.initialize();
    await other.query('CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)');
    await other.destroy();
    await expectRefused(
      restoreBackup({ dataDir: data, from: foreign, env: ENV }),
      'not_senco',
      /not a SENCo Desk one \(it has no migrations table\)/,
    );

    const partial = join(tmp.dir, 'partial.sqlite');
    copyFileSync(backup, partial);
    const p = new DataSource({ type: 'better-sqlite3', driver: sqliteModule(), database: partial });
    await p.initialize();
    await p.query('PRAGMA foreign_keys = OFF');
    await p.query('DROP TABLE parent_update');
    await p.destroy();
    await expectRefused(restoreBackup({ dataDir: data, from: partial, env: ENV }), 'not_senco', /tables are missing \(parent_update\)/);
    expect(snapshotFiles(live)).toEqual(liveBefore);
  });

  it('refuses while SENCo Desk holds the database open (even idle), and restores once it is closed', async () => {
    const app: Core = await openCoreAt(data, ENV);
    const liveBefore = snapshotFiles(live);
    try {
      await expectRefused(
        restoreBackup({ dataDir: data, from: backup, env: ENV }),
        'in_use',
        /close SENCo Desk on this computer first.*Nothing was changed\./,
      );
      expect(snapshotFiles(live)).toEqual(liveBefore);
      // The app still works after the refused attempt (its locks were not disturbed).
      const r = await app.dispatcher.invokeAs(
        SYSTEM,
        'pupils.create',
        pupilInput({ upn: makeUpn(999, 4199, 26, 902), legalFirstName: 'Still', legalLastName: 'Working' }),
      );
      expect(r).toMatchObject({ ok: true });
    } finally {
      await app.close();
    }
    const prepared = await prepareRestore({ dataDir: data, from: backup, env: ENV });
    expect(prepared.check.migrations).toEqual(knownMigrationNames());
    const r = await prepared.apply();
    expect(await fingerprint(live, undefined, { restored: true })).toEqual(before);
    expect(existsSync(r.safetyCopy!)).toBe(true);
  });

  it('brings an older backup up to date with the migrations it lacks', async () => {
    const old = join(tmp.dir, 'old-version.sqlite');
    const ds = new DataSource({
      type: 'better-sqlite3',
      driver: sqliteModule(),
      database: old,
      entities: ENTITIES,
      migrations: MIGRATIONS.slice(0, 3),
      synchronize: false,
    });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
    const fresh = join(tmp.dir, 'fresh-machine');
    mkdirSync(fresh);
    const r = await restoreBackup({ dataDir: fresh, from: old, env: ENV });
    expect(r.safetyCopy).toBeNull();
    expect(r.backup.pendingMigrations).toEqual(knownMigrationNames().slice(3));
    expect(r.migrationsRun).toEqual(knownMigrationNames().slice(3));
    const after = await fingerprint(join(fresh, DB_FILE));
    expect(Object.keys(after)).toEqual(Object.keys(before));
  });
});
