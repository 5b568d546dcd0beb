/**
 * What a killed backup or restore leaves behind, cleaned up at the next start (openCoreAt, which the app, the browser
 * edition and every CLI command open through, and `senco-desk restore` before it begins). Each temporary name carries
 * the process id of its writer (files.ts `tempBeside`): a file whose writer is still running is left alone.
 *
 * `.partial-…` (a backup, a safety copy or a keyring copy being written, in the data folder or its backups folder):
 *   never the only copy of anything. It becomes a backup by a rename or a hard link, after which the temporary name is
 *   gone or a second name for the same finished file. Deleted.
 *
 * `.restoring-<token>` (restore.ts): the checked copy of a backup beside the live database, `senco-desk.sqlite.
 *   restoring-<token>`, with the backup's keyring beside the live keyring under the same token, and, when a plain
 *   backup replaces an encrypted database, the live keyring moved aside as `senco-desk.keys.json.restoring-<token>-old`.
 *   The rename of the checked copy over the live database is the moment the restore happens. So:
 *     the checked copy is still there: the restore never happened. The live database is as it was; the keyring moved
 *       aside (if any) goes back, and the staged files are deleted.
 *     the checked copy is gone (renamed into place): the restore happened, and its restore event is already inside
 *       the database (written into the copy before the rename). The backup's keyring is put in place (without it the
 *       restored database could not be opened) and the old keyring moved aside is deleted (the safety copy in the
 *       backups folder has its own).
 *   (Removing a checked copy that was never used deletes its keyring first, so a staged keyring without its checked
 *   copy always means the copy was renamed into place.)
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { keyringPathFor, processRunning } from '../crypto/keyring';
import { syncFolder } from '../atomic-write';
import { backupsDirOf } from './files';

/** `<stem>.<label>-<pid>-<12 hex>[-old][-wal|-shm|-journal]`; names from before the pid was added have none. */
const LEFTOVER = /^(.+)\.(partial|restoring)-(?:(\d+)-)?([0-9a-f]{12})(-old)?(-wal|-shm|-journal)?$/;

export interface LeftoversCleaned {
  /** Files deleted. */
  readonly removed: readonly string[];
  /** Restores found finished (the backup's keyring put in place) or never started (the live keyring put back). */
  readonly finished: number;
  readonly rolledBack: number;
}

function names(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Cleans up after a killed backup or restore of the database `dbFile` (see the top of this file). */
export function cleanUpLeftovers(dbFile: string): LeftoversCleaned {
  const dir = dirname(dbFile);
  const keyring = keyringPathFor(dbFile);
  const removed: string[] = [];
  let finished = 0;
  let rolledBack = 0;
  const rm = (file: string) => {
    if (!existsSync(file)) return;
    rmSync(file, { force: true });
    removed.push(file);
  };

  const restores = new Set<string>();
  for (const name of names(dir)) {
    const m = LEFTOVER.exec(name);
    if (!m) continue;
    const [, stem, label, pid] = m;
    if (pid && processRunning(Number(pid))) continue;
    const ours = stem === basename(dbFile) || stem === basename(keyring);
    if (label === 'restoring' && ours && !pid) {
      // From a version before restores staged their keyring under the database copy's token: a copy of the database
      // still there was never used (delete it); a keyring cannot be told apart, so it is left for school IT.
      if (stem === basename(dbFile)) rm(join(dir, name));
      continue;
    }
    // A restore's staged files are settled together, by their token; everything else temporary goes.
    if (label === 'restoring' && ours) restores.add(name.slice(stem!.length).replace(/(-old)?(-wal|-shm|-journal)?$/, ''));
    else rm(join(dir, name));
  }
  for (const suffix of restores) {
    const staged = `${dbFile}${suffix}`;
    const stagedKeyring = `${keyring}${suffix}`;
    const aside = `${stagedKeyring}-old`;
    if (existsSync(staged)) {
      // Never renamed into place: the live database is untouched. Put its keyring back if it had been moved aside.
      if (existsSync(aside) && !existsSync(keyring)) renameSync(aside, keyring);
      rm(aside);
      rm(stagedKeyring);
      for (const f of [staged, `${staged}-wal`, `${staged}-shm`, `${staged}-journal`]) rm(f);
      rolledBack++;
    } else {
      // Renamed into place: finish the restore with the backup's keyring.
      if (existsSync(stagedKeyring)) renameSync(stagedKeyring, keyring);
      rm(aside);
      for (const f of [`${staged}-wal`, `${staged}-shm`, `${staged}-journal`]) rm(f);
      finished++;
    }
  }
  if (restores.size > 0) syncFolder(dir);

  const backups = backupsDirOf(dir);
  for (const name of names(backups)) {
    const m = LEFTOVER.exec(name);
    if (!m || m[2] !== 'partial') continue;
    if (m[3] && processRunning(Number(m[3]))) continue;
    rm(join(backups, name));
  }
  return { removed, finished, rolledBack };
}
