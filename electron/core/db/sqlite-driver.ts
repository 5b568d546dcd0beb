/**
 * Which build of node-sqlite3 opens SQLite files. SQLCipher's build (@journeyapps/sqlcipher, the same API) reads
 * and writes ordinary SQLite files when given no key, so where it is installed it is the only SQLite in the
 * process (two SQLite libraries must never open one file: closing it in one drops the other's POSIX locks).
 *
 * @journeyapps/sqlcipher 6 builds only on macOS and Linux (its package.json says so, and npm skips it elsewhere:
 * it is an optional dependency). On Windows the store falls back to node-sqlite3 and stays unencrypted until a
 * Windows build of SQLCipher is added; `encryptionAvailable()` tells the callers.
 */
import type * as Sqlite3 from 'sqlite3';

export type SqliteModule = typeof Sqlite3;

let loaded: SqliteModule | null | undefined;

export function sqlcipherModule(): SqliteModule | null {
  if (loaded === undefined) {
    try {
      // A plain require so that a machine without the optional package still starts (a static import would not).
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional native dependency, loaded lazily
      loaded = require('@journeyapps/sqlcipher') as SqliteModule;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}

export function encryptionAvailable(): boolean {
  return sqlcipherModule() !== null;
}

/** SQLCipher's module, or a plain failure naming why encryption cannot be used on this machine. */
export function requireSqlcipher(): SqliteModule {
  const m = sqlcipherModule();
  if (!m) {
    throw new Error(
      `This SENCo Desk cannot open encrypted databases on ${process.platform}: SQLCipher (@journeyapps/sqlcipher) is not installed here. ` +
        'Open the data folder on a computer where it is, or ask school IT.',
    );
  }
  return m;
}
