/**
 * Deciding how to open a SQLite data file, and getting its key:
 *   no file yet            a new random key; the keyring is written "pending" at once and completed by setup
 *                          (first SENCo's copy and the recovery key). A pending keyring found later means setup never
 *                          finished, so no one could have opened that file: it is discarded and started again.
 *   encrypted file         the key unwrapped from the keyring with a username and password, or the recovery key.
 *   plain file (earlier    opened as it is unless encryption is asked for; then a SENCo's username and password
 *   version)               (checked against the users table) let it be encrypted in place: new key, keyring with
 *                          that SENCo's copy and a recovery key, encrypted copy (VACUUM INTO, rekey), verify, swap.
 *   a keyring of an        refused (KeyringError 'earlier_cipher') with nothing changed: earlier test versions
 *   earlier cipher         encrypted with SQLCipher, which libsql cannot read.
 * Every failure a person can act on is a KeyringError with a plain message.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { spendPasswordCheck, verifyPassword } from '../passwords';
import { openStore } from '../db/data-source';
import { UserEntity } from '../db/entities';
import { isLockedAt } from '../lockout';
import { countWrongPassword } from '../services/auth';
import {
  CIPHER,
  KeyringError,
  MESSAGES,
  emptyKeyring,
  keyringPathFor,
  newDatabaseKey,
  readKeyring,
  removeStaleKeyringCopies,
  withNewRecoveryKey,
  withUser,
  writeKeyring,
  type KeyringFile,
} from './keyring';
import { encryptInPlace, fileState, recoverInterruptedSwap, removeDatabaseFiles } from './sqlite-file';
import { KeyVault } from './vault';
import { auditRefusedSignIn, unlockGuarded } from './sign-in-guard';
import { inTransaction } from '../db/transaction';

export type Credentials =
  | { readonly kind: 'password'; readonly username: string; readonly password: string }
  | { readonly kind: 'recovery'; readonly recoveryKey: string };

export const LOCKED_MESSAGE =
  'The SENCo Desk database is encrypted: sign in with your username and password (for the command line, set SENCO_USERNAME and SENCO_PASSWORD), or give the recovery key (SENCO_RECOVERY_KEY).';

export interface Unlocked {
  /** The database key, or null to open the file unencrypted (an earlier version's file, encryption not asked for). */
  readonly key: Buffer | null;
  readonly vault: KeyVault | null;
  /** When this open encrypted an earlier version's file: the new recovery key (shown once) and the row counts. */
  readonly migrated: { readonly recoveryKey: string; readonly rows: ReadonlyMap<string, number> } | null;
  readonly created: boolean;
}

/** The key from the keyring, through the sign-in lockout (sign-in-guard.ts): every failure counted and recorded. */
function keyFrom(keyringFile: string, kr: KeyringFile, creds: Credentials): Promise<Buffer> {
  return unlockGuarded(keyringFile, kr, creds);
}

interface SignedInUser {
  readonly id: string;
  readonly username: string;
  readonly role: string;
  readonly active: boolean;
}

/**
 * Checks a username and password against the users table of a plain file (an earlier version's, about to be
 * encrypted), exactly as a sign-in does: the same lockout, the same one answer after the same scrypt work, and a
 * refused `auth.signIn` in the audit trail for every failure.
 */
async function checkSignInOnPlainFile(file: string, username: string, password: string, now: Date = new Date()): Promise<SignedInUser> {
  const ds = await openStore({ kind: 'sqlite', file });
  try {
    let signedIn: SignedInUser | null = null;
    await inTransaction(ds, async (em) => {
      const user = await em.getRepository(UserEntity).findOne({ where: { username: username.trim().toLowerCase() } });
      let detail: Record<string, unknown>;
      if (!user) {
        await spendPasswordCheck(password);
        detail = { result: 'unknown username' };
      } else if (isLockedAt(user.lockedUntil, now)) {
        await spendPasswordCheck(password);
        detail = { username: user.username, result: 'locked', lockedUntil: user.lockedUntil };
      } else if (!(await verifyPassword(password, user.passwordHash))) {
        const lockedNow = await countWrongPassword(em, null, user, now);
        detail = { username: user.username, result: 'wrong password', ...(lockedNow ? { lockedUntil: lockedNow } : {}) };
      } else {
        if (user.failedAttempts !== 0 || user.lockedUntil)
          await em.getRepository(UserEntity).update(user.id, { failedAttempts: 0, lockedUntil: null });
        signedIn = user;
        return;
      }
      await auditRefusedSignIn(em, now, detail, 'the users table, to encrypt the database');
    });
    if (!signedIn) throw new KeyringError('wrong_password', MESSAGES.wrong_password);
    return signedIn;
  } finally {
    await ds.destroy();
  }
}

/**
 * Works out the key for `file` (see the top of this file). `encrypt`: create new files encrypted, and encrypt an
 * earlier version's plain file when a SENCo's credentials are given.
 */
export async function unlockSqlite(file: string, creds: Credentials | null, opts: { readonly encrypt: boolean }): Promise<Unlocked> {
  const keyringFile = keyringPathFor(file);
  // A folder an earlier test version encrypted with SQLCipher: libsql cannot read it, and nothing here may touch it
  // (not even the pending-keyring clean-up below, which would delete it). Checked before anything is changed.
  const first = readKeyring(keyringFile);
  if (first && first.cipher !== CIPHER) throw new KeyringError('earlier_cipher', MESSAGES.earlier_cipher(dirname(file)));
  recoverInterruptedSwap(file);
  // No copy of the keyring but the live one (an earlier version's .bak, a crashed write's temporary file).
  removeStaleKeyringCopies(keyringFile);
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
        throw new KeyringError(
          'keyring_unreadable',
          `The database file ${file} is missing, but its key file is there. Restore the database from a backup, or ask school IT.`,
        );
      }
      if (!opts.encrypt) return { key: null, vault: null, migrated: null, created: true };
      const key = newDatabaseKey();
      writeKeyring(keyringFile, emptyKeyring());
      return { key, vault: new KeyVault(keyringFile, key), migrated: null, created: true };
    }
    case 'encrypted': {
      if (!kr) throw new KeyringError('keyring_missing', MESSAGES.keyring_missing(keyringFile));
      if (!creds) throw new KeyringError('locked', LOCKED_MESSAGE);
      const key = await keyFrom(keyringFile, kr, creds);
      return { key, vault: new KeyVault(keyringFile, key), migrated: null, created: false };
    }
    case 'plain': {
      if (kr && !kr.pending) {
        // Encryption was interrupted after the keyring was written: finish it with the key from the keyring.
        if (!creds) throw new KeyringError('locked', LOCKED_MESSAGE);
        const key = await keyFrom(keyringFile, kr, creds);
        const rows = await encryptInPlace(file, key);
        return { key, vault: new KeyVault(keyringFile, key), migrated: { recoveryKey: '', rows }, created: false };
      }
      if (kr) rmSync(keyringFile, { force: true });
      if (!opts.encrypt || !creds) return { key: null, vault: null, migrated: null, created: false };
      if (creds.kind !== 'password')
        throw new KeyringError(
          'wrong_recovery_key',
          'This database is not encrypted yet, so no recovery key opens it: sign in as a SENCo to encrypt it.',
        );
      const user = await checkSignInOnPlainFile(file, creds.username, creds.password);
      if (!user.active || user.role !== 'senco') {
        throw new KeyringError(
          'not_senco',
          'The database is being encrypted for the first time: a SENCo must sign in first, to receive the recovery key.',
        );
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
