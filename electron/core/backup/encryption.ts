/**
 * Backups of an encrypted store (electron/core/crypto). The backup of an encrypted database is encrypted with the
 * same key, and that key exists only wrapped in the keyring beside the database (`<name>.keys.json`: one copy per
 * user, under their password, and one under the recovery key). A backup without its keyring could never be opened
 * again, so the keyring travels with it: `senco-desk-<time>.sqlite` has `senco-desk-<time>.keys.json` beside it.
 *
 * The keyring is the one of the moment of the backup: users added later cannot open that backup, and a user's
 * password is the one they had then (or use the recovery key, which does not change).
 */
import { chmodSync, copyFileSync, existsSync, rmSync } from 'node:fs';
import { keyringPathFor, readKeyring, databaseKeyLiteral, unlockWithPassword, unlockWithRecoveryKey } from '../crypto/keyring';
import { credentialsFromEnv } from '../crypto/unlock';
import { placeFile } from '../atomic-write';
import { FILE_MODE, tempBeside } from './files';

export { keyringPathFor };

/** Copies `dbFile`'s keyring to go beside `copyFile` (atomically; 0600). Returns its path, or null if there is none. */
export function copyKeyring(dbFile: string, copyFile: string): string | null {
  const from = keyringPathFor(dbFile);
  if (!existsSync(from)) return null;
  const to = keyringPathFor(copyFile);
  const tmp = tempBeside(to);
  try {
    copyFileSync(from, tmp);
    chmodSync(tmp, FILE_MODE);
    placeFile(tmp, to, true);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return to;
}

/**
 * The key of an encrypted backup, unwrapped from the keyring beside it with the credentials in the environment
 * (SENCO_USERNAME and SENCO_PASSWORD, or SENCO_RECOVERY_KEY); null when there is no keyring, no credentials, or
 * they do not open it.
 */
export async function keyFromKeyring(dbFile: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const creds = credentialsFromEnv(env);
  if (!creds) return null;
  let kr;
  try {
    kr = readKeyring(keyringPathFor(dbFile));
  } catch {
    return null;
  }
  if (!kr) return null;
  try {
    const key =
      creds.kind === 'password'
        ? (await unlockWithPassword(kr, creds.username, creds.password)).key
        : unlockWithRecoveryKey(kr, creds.recoveryKey);
    return databaseKeyLiteral(key);
  } catch {
    return null;
  }
}
