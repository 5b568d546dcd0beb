/**
 * Where the data lives. The Electron shell passes its userData folder; the CLI and the test host take --data or
 * SENCO_DATA_DIR, and otherwise use the same per-user folder Electron would (so the CLI finds the app's data).
 * PostgreSQL is used instead of the SQLite file when SENCO_DATABASE_URL is set, or when the data folder holds a
 * database.json naming one (a trust that shares one database between schools' machines).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
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

export function ensureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}
