/**
 * File handling shared by backup and restore: names, the backups folder, SQLite's side files. Durable renames
 * (placeFile, syncFolder) are the one atomic-write module's (../atomic-write.ts).
 * Backups hold the same special-category data as the database, so they get the same protection: the folder is
 * 0700 and every file 0600 (on Windows the user profile's ACLs do this job and the modes are ignored).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { restrictMode } from '../data-dir';

export const BACKUPS_FOLDER = 'backups';
export const FILE_MODE = 0o600;

/** `senco-desk-2026-03-14-093015.sqlite`: local time, so the name matches the school's clock. */
export const BACKUP_NAME = /^senco-desk-(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.sqlite$/;
export const SAFETY_PREFIX = 'before-restore-';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function stamp(at: Date): string {
  return `${pad(at.getFullYear(), 4)}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
}

export function backupFileName(at: Date): string {
  return `senco-desk-${stamp(at)}.sqlite`;
}

export function safetyCopyName(at: Date): string {
  return `${SAFETY_PREFIX}${stamp(at)}.sqlite`;
}

/** The local time a backup's name records, or null for a file that is not one of ours. */
export function backupTimeOf(name: string): Date | null {
  const m = BACKUP_NAME.exec(name);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi, s);
  // Reject impossible dates (2026-02-30) rather than let Date roll them over.
  if (at.getFullYear() !== y || at.getMonth() !== mo - 1 || at.getDate() !== d || at.getHours() !== h || at.getMinutes() !== mi)
    return null;
  return at;
}

export function backupsDirOf(dataDir: string): string {
  return join(dataDir, BACKUPS_FOLDER);
}

export function ensureBackupsDir(dataDir: string): string {
  const dir = backupsDirOf(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode applies only to a folder it creates: one made earlier (or by hand) is made private too.
  restrictMode(dir, 0o700);
  return dir;
}

/** `name` in `dir`, or `name` with -2, -3, ... before the extension when taken (two backups in one second). */
export function freeName(dir: string, name: string): string {
  if (!existsSync(join(dir, name))) return join(dir, name);
  const dot = name.lastIndexOf('.');
  for (let i = 2; ; i++) {
    const candidate = join(dir, `${name.slice(0, dot)}-${i}${name.slice(dot)}`);
    if (!existsSync(candidate)) return candidate;
  }
}

/**
 * A temporary name beside `target` (same folder, so the same file system and rename is atomic):
 * `<target>.<label>-<pid>-<12 hex>`. The process id says whose it is, so the clean-up at the next start
 * (leftovers.ts) never deletes a file another running process is still writing.
 */
export function tempBeside(target: string, label: 'partial' | 'restoring' = 'partial'): string {
  return `${target}.${label}-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** Creates an empty file readable by the owner only; SQLite then writes into it and keeps the mode. */
export function createPrivateFile(file: string): void {
  closeSync(openSync(file, 'wx', FILE_MODE));
}

export function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The files SQLite keeps beside a database: the WAL, its shared-memory index and the rollback journal. */
export function sideFiles(file: string): readonly string[] {
  return [`${file}-wal`, `${file}-shm`, `${file}-journal`];
}

export function removeWithSideFiles(file: string): void {
  for (const f of [file, ...sideFiles(file)]) rmSync(f, { force: true });
}
