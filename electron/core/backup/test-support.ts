/** Helpers for the backup, restore and crash tests: fingerprints of a database's contents, and damage. */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readdirSync, statSync, writeSync } from 'node:fs';
import { openRaw } from './sqlite-raw';
import { tableNames } from './inspect';

export interface TableFingerprint {
  readonly rows: number;
  /** SHA-256 of every row (all columns) in primary-key order. */
  readonly sha256: string;
}

/**
 * Row count and checksum per table, read through a read-only connection (with the store key, if encrypted).
 * `restored`: the file was just restored, so its audit trail must end with the one "backup.restore" event the restore
 * appends; that event is checked and left out, so the rest compares with the backup.
 */
export async function fingerprint(
  file: string,
  key?: string,
  opts: { readonly restored?: boolean } = {},
): Promise<Record<string, TableFingerprint>> {
  const db = await openRaw(file, { readOnly: true, ...(key ? { key } : {}) });
  try {
    const out: Record<string, TableFingerprint> = {};
    for (const table of await tableNames(db)) {
      const q = `"${table.replace(/"/g, '""')}"`;
      const cols = await db.all<{ name: string; pk: number }>(`PRAGMA table_info(${q})`);
      const pk = cols
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => `"${c.name}"`);
      const rows = await db.all<Record<string, unknown>>(`SELECT * FROM ${q} ORDER BY ${pk.length ? pk.join(', ') : 'rowid'}`);
      if (opts.restored && table === 'audit_event') {
        const last = rows.pop();
        if (last?.operation !== 'backup.restore')
          throw new Error(`the restored audit trail does not end with a backup.restore event (last: ${String(last?.operation)})`);
      }
      const hash = createHash('sha256');
      for (const r of rows) hash.update(JSON.stringify(r)).update('\n');
      out[table] = { rows: rows.length, sha256: hash.digest('hex') };
    }
    return out;
  } finally {
    await db.close();
  }
}

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * The bytes of a database and of its WAL, to show that nothing was touched. An empty WAL counts as none, and the
 * -shm file is left out: it is a shared-memory index that every open and close rewrites, not data.
 */
export function snapshotFiles(file: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const f of [file, `${file}-wal`, `${file}-journal`]) out[f] = existsSync(f) && statSync(f).size > 0 ? sha256File(f) : null;
  return out;
}

/** Overwrites `length` bytes at `offset` with a pattern that is no valid b-tree page. */
export function scribble(file: string, offset: number, length: number): void {
  const fd = openSync(file, 'r+');
  try {
    const junk = Buffer.alloc(length);
    for (let i = 0; i < length; i++) junk[i] = (i * 131 + 7) & 0xff;
    writeSync(fd, junk, 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

export function modeOf(file: string): number {
  return statSync(file).mode & 0o777;
}

export function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}
