/**
 * Where the data lives. The Electron shell passes its userData folder; the CLI and the test host take --data or
 * SENCO_DATA_DIR, and otherwise use the same per-user folder Electron would (so the CLI finds the app's data).
 * PostgreSQL is used instead of the SQLite file when SENCO_DATABASE_URL is set, or when the data folder holds a
 * database.json naming one (a trust that shares one database between schools' machines).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { StoreConfig } from './db/data-source';

export const APP_FOLDER = 'SENCo Desk';
export const DB_FILE = 'senco-desk.sqlite';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SENCO_DATA_DIR) return env.SENCO_DATA_DIR;
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
  }
}

export function storeConfigFor(dataDir: string, env: NodeJS.ProcessEnv = process.env): StoreConfig {
  if (env.SENCO_DATABASE_URL) return { kind: 'postgres', url: env.SENCO_DATABASE_URL };
  const cfgFile = join(dataDir, 'database.json');
  if (existsSync(cfgFile)) {
    const cfg = JSON.parse(readFileSync(cfgFile, 'utf8')) as { postgresUrl?: unknown };
    if (typeof cfg.postgresUrl === 'string' && cfg.postgresUrl) return { kind: 'postgres', url: cfg.postgresUrl };
  }
  return { kind: 'sqlite', file: join(dataDir, DB_FILE) };
}

/**
 * Creates the data folder owner-only (0700), and makes an existing one owner-only too: mkdir's mode applies only to a
 * folder it creates, and a folder made earlier (by an older version, by hand, by an installer) may be readable by
 * every account on the machine.
 */
export function ensureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  restrictMode(dataDir, 0o700);
}

/** SQLite's files for a database: the file itself, its write-ahead log and shared-memory index, its rollback journal. */
export function databaseFiles(file: string): readonly string[] {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

/**
 * The database and the files SQLite keeps beside it, owner-only (0600). SQLite creates a new file with the process's
 * default mode (often 0644), and gives its -wal and -shm the database file's mode, so this runs before the store opens
 * (for files left by an earlier version) and after (for files it has just created).
 */
export function restrictDatabaseFiles(file: string): void {
  for (const f of databaseFiles(file)) restrictMode(f, 0o600);
}

/**
 * chmod to `mode` when the mode is anything else. Skipped on Windows, where a file's mode bits are not its access
 * control (the user profile's ACLs keep the data folder private there). A file that is not there is skipped; any other
 * failure (a folder owned by another account, a network share that has no modes) is reported on stderr, once per
 * path, and the app carries on: it is still the best that can be done, and refusing to open would help no one.
 */
export function restrictMode(path: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    if ((statSync(path).mode & 0o777) !== mode) chmodSync(path, mode);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || warned.has(path)) return;
    warned.add(path);
    process.stderr.write(
      `[SENCo Desk] Could not make ${path} private to this account (${code ?? String(err)}): check its permissions, or ask school IT.\n`,
    );
  }
}
const warned = new Set<string>();
