/**
 * Deciding how to open a SQLite data file, and getting its key:
 *   no file yet            a new random key; the keyring is written "pending" at once and completed by setup
 *                          (first SENCo's copy and the recovery key). A pending keyring found later means setup never
 *                          finished, so no one could have opened that file: it is discarded and started again.
 *   encrypted file         the key unwrapped from the keyring with a username and password, or the recovery key.
 *   plain file (earlier    opened as it is unless encryption is asked for; then a SENCo's username and password
 *   version)               (checked against the users table) let it be encrypted in place: new key, keyring with
 *                          that SENCo's copy and a recovery key, sqlcipher_export, verify, swap.
 * Every failure a person can act on is a KeyringError with a plain message.
 */
import { rmSync } from 'node:fs';
import { verifyPassword } from '../passwords';
import { encryptionAvailable, requireSqlcipher } from '../db/sqlite-driver';
import {
  KeyringError,
  MESSAGES,
  emptyKeyring,
  keyringPathFor,
  newDatabaseKey,
  readKeyring,
  unlockWithPassword,
  unlockWithRecoveryKey,
  withNewRecoveryKey,
  withUser,
  writeKeyring,
  type KeyringFile,
} from './keyring';
import { encryptInPlace, fileState, recoverInterruptedSwap, removeDatabaseFiles } from './sqlite-file';
import { KeyVault } from './vault';

export type Credentials =
  | { readonly kind: 'password'; readonly username: string; readonly password: string }
  | { readonly kind: 'recovery'; readonly recoveryKey: string };

export const LOCKED_MESSAGE =
  'The SENCo Desk database is encrypted: sign in with your username and password (for the command line, set SENCO_USERNAME and SENCO_PASSWORD), or give the recovery key (SENCO_RECOVERY_KEY).';

export interface Unlocked {
  /** The SQLCipher key, or null to open the file unencrypted (an earlier version's file, encryption not asked for). */
  readonly key: Buffer | null;
  readonly vault: KeyVault | null;
  /** When this open encrypted an earlier version's file: the new recovery key (shown once) and the row counts. */
  readonly migrated: { readonly recoveryKey: string; readonly rows: ReadonlyMap<string, number> } | null;
  readonly created: boolean;
}

async function keyFrom(kr: KeyringFile, creds: Credentials): Promise<Buffer> {
  return creds.kind === 'password' ? (await unlockWithPassword(kr, creds.username, creds.password)).key : unlockWithRecoveryKey(kr, creds.recoveryKey);
}

interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly password_hash: string;
  readonly role: string;
  readonly active: number;
}

function findUser(file: string, username: string): Promise<UserRow | null> {
  const lib = requireSqlcipher();
  return new Promise((resolve, reject) => {
    const db = new lib.Database(file, lib.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.get('SELECT id, username, password_hash, role, active FROM app_user WHERE username = ?', [username.trim().toLowerCase()], (e, row) => {
        db.close(() => (e ? reject(e) : resolve((row as UserRow | undefined) ?? null)));
      });
    });
  });
}

/**
 * Works out the key for `file` (see the top of this file). `encrypt`: create new files encrypted, and encrypt an
 * earlier version's plain file when a SENCo's credentials are given.
 */
export async function unlockSqlite(file: string, creds: Credentials | null, opts: { readonly encrypt: boolean }): Promise<Unlocked> {
  const keyringFile = keyringPathFor(file);
  // Without SQLCipher on this machine (Windows, for now) new folders stay plain; an encrypted one cannot be opened.
  if (!encryptionAvailable()) opts = { encrypt: false };
  recoverInterruptedSwap(file);
  let kr = readKeyring(keyringFile);
  let state = fileState(file);

  if (kr?.pending && state !== 'plain') {
    removeDatabaseFiles(file);
    rmSync(keyringFile, { force: true });
    kr = null;
    state = 'missing';
  }
  if (state === 'empty') {
    removeDatabaseFiles(file);
    state = 'missing';
  }

  switch (state) {
    case 'missing': {
      if (kr) {
        throw new KeyringError('keyring_unreadable', `The database file ${file} is missing, but its key file is there. Restore the database from a backup, or ask school IT.`);
      }
      if (!opts.encrypt) return { key: null, vault: null, migrated: null, created: true };
      const key = newDatabaseKey();
      writeKeyring(keyringFile, emptyKeyring());
      return { key, vault: new KeyVault(keyringFile, key), migrated: null, created: true };
    }
    case 'encrypted': {
      if (!kr) throw new KeyringError('keyring_missing', MESSAGES.keyring_missing(keyringFile));
      if (!creds) throw new KeyringError('locked', LOCKED_MESSAGE);
      const key = await keyFrom(kr, creds);
      return { key, vault: new KeyVault(keyringFile, key), migrated: null, created: false };
    }
    case 'plain': {
      if (kr && !kr.pending) {
        // Encryption was interrupted after the keyring was written: finish it with the key from the keyring.
        if (!creds) throw new KeyringError('locked', LOCKED_MESSAGE);
        const key = await keyFrom(kr, creds);
        const rows = await encryptInPlace(file, key);
        return { key, vault: new KeyVault(keyringFile, key), migrated: { recoveryKey: '', rows }, created: false };
      }
      if (kr) rmSync(keyringFile, { force: true });
      if (!opts.encrypt || !creds) return { key: null, vault: null, migrated: null, created: false };
      if (creds.kind !== 'password') throw new KeyringError('wrong_recovery_key', 'This database is not encrypted yet, so no recovery key opens it: sign in as a SENCo to encrypt it.');
      const user = await findUser(file, creds.username);
      if (!user || !(await verifyPassword(creds.password, user.password_hash))) throw new KeyringError('wrong_password', MESSAGES.wrong_password);
      if (!user.active || user.role !== 'senco') {
        throw new KeyringError('not_senco', 'The database is being encrypted for the first time: a SENCo must sign in first, to receive the recovery key.');
      }
      const key = newDatabaseKey();
      const withFirst = await withUser(emptyKeyring(), key, { userId: user.id, username: user.username, password: creds.password });
      const { keyring, recoveryKey } = withNewRecoveryKey(withFirst, key);
      const rows = await encryptInPlace(file, key, () => writeKeyring(keyringFile, { ...keyring, pending: false }));
      return { key, vault: new KeyVault(keyringFile, key), migrated: { recoveryKey, rows }, created: false };
    }
  }
}

/** Credentials from the environment (CLI): SENCO_USERNAME with SENCO_PASSWORD, or SENCO_RECOVERY_KEY. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | null {
  if (env.SENCO_RECOVERY_KEY) return { kind: 'recovery', recoveryKey: env.SENCO_RECOVERY_KEY };
  if (env.SENCO_USERNAME && env.SENCO_PASSWORD) return { kind: 'password', username: env.SENCO_USERNAME, password: env.SENCO_PASSWORD };
  return null;
}
