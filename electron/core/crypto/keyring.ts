/**
 * The keyring: the database key, wrapped once per user and once by the recovery key, in a small JSON file beside
 * the encrypted SQLite file (senco-desk.keys.json beside senco-desk.sqlite).
 *
 * Why a file beside the database: the wrapped copies are needed to open the database, so they cannot live in it.
 * Why wrapping: the database key is random (32 bytes) and never changes when people come and go: adding a user adds
 * one wrapped copy, removing a user deletes theirs, a new password rewraps one copy. The data is never re-encrypted.
 *
 * Each copy is AES-256-GCM under a key-encryption key derived from the user's password with scrypt (N=2^15, r=8,
 * p=1: 32 MiB per guess, the same memory-hard parameters as the password hashes; about 0.1 s here). The user id is
 * the authenticated additional data, so a copy cannot be moved to another user's entry. The recovery key is 160
 * random bits, so HKDF-SHA256 is enough to turn it into a key-encryption key (no guessing to slow down).
 *
 * Usernames are not stored: each entry is found by HMAC-SHA256(keyring's own random salt, username), which lets a
 * sign-in find its entry without the file listing who works with SEN records. (It is a pseudonym, not a secret: a
 * guessed username can be checked against it.)
 *
 * The file is written atomically (a temporary file, fsync, rename), with owner-only permissions. No earlier version is
 * kept beside it: an earlier version holds the copies that were since revoked (a disabled user's, a user's under their
 * old password), and any copy of it would still open the database with them. (Versions before this one kept a `.bak`;
 * `removeStaleKeyringCopies` deletes it at the next start.) Losing the keyring loses the database: backups take both
 * files, and a backup's key file is the keyring as it was when the backup was made (backup/encryption.ts).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { signInFailedMessage } from '../lockout';

export const KEY_BYTES = 32;
const FORMAT = 'senco-desk-keyring';
const VERSION = 1;

/** scrypt parameters for new entries (stored per entry, so they can be raised later without breaking old ones). */
export const DEFAULT_KDF = { N: 1 << 15, r: 8, p: 1 } as const;

export type KeyringErrorCode =
  /** Wrong password or an unknown username (one code, so the message never says which usernames exist). */
  | 'wrong_password'
  | 'wrong_recovery_key'
  /** The file is encrypted and no credentials were given. */
  | 'locked'
  /** An earlier version's file can only be encrypted by a SENCo (who receives the recovery key). */
  | 'not_senco'
  | 'keyring_missing'
  | 'keyring_unreadable'
  /** The folder was encrypted by an earlier test version with SQLCipher, which this version cannot read. */
  | 'earlier_cipher'
  /** The record of sign-in attempts beside the keyring could not be written, so no attempt is checked (it would not count). */
  | 'sign_in_record_unwritable';

/** A failure to unlock, with a message a person can act on (the CLI and the sign-in page show it as it is). */
export class KeyringError extends Error {
  constructor(
    readonly code: KeyringErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KeyringError';
  }
}

export const MESSAGES = {
  /** The same words as a failed sign-in once the database is open (electron/core/lockout.ts). */
  wrong_password: signInFailedMessage(),
  wrong_recovery_key:
    'That recovery key does not open this database. Check it against the printed copy (letters and digits; dashes and spaces do not matter).',
  keyring_missing: (file: string) =>
    `The database is encrypted, but its key file ${file} is missing. Restore the key file from the same backup as the database, or ask school IT.`,
  keyring_unreadable: (file: string, why: string) =>
    `The database key file ${file} could not be read (${why}). Restore it from a backup, or ask school IT.`,
  earlier_cipher: (dir: string) =>
    `The data folder ${dir} was encrypted by an earlier test version of SENCo Desk (with SQLCipher), which this version cannot read: ` +
    'it encrypts with SQLite3 Multiple Ciphers (AES-256), the same on Windows, macOS and Linux. Nothing in the folder has been changed or deleted. ' +
    'Move the folder somewhere safe (or choose another data folder), and SENCo Desk will start a new one; ask school IT if its records are needed.',
} as const;

/** The cipher of the databases this version writes (libsql's SQLite3 Multiple Ciphers, its only cipher). */
export const CIPHER = 'sqlite3mc-aes256cbc';
/** What the keyrings of earlier test versions said (SQLCipher 4 through @journeyapps/sqlcipher): not readable here. */
export const EARLIER_CIPHER = 'sqlcipher4-raw-key';

interface Wrapped {
  readonly iv: string;
  readonly data: string;
  readonly tag: string;
}

export interface UserEntry {
  readonly userId: string;
  /** HMAC-SHA256(lookupSalt, normalised username), hex. */
  readonly usernameHash: string;
  readonly kdf: { readonly name: 'scrypt'; readonly N: number; readonly r: number; readonly p: number; readonly salt: string };
  readonly wrapped: Wrapped;
}

export interface RecoveryEntry {
  readonly kdf: { readonly name: 'hkdf-sha256'; readonly salt: string };
  readonly wrapped: Wrapped;
  readonly createdAt: string;
}

export interface KeyringFile {
  readonly format: typeof FORMAT;
  readonly version: number;
  /**
   * How the database is encrypted: SQLite3 Multiple Ciphers' AES-256-CBC (libsql) with the 32-byte key given as
   * PRAGMA key = "x'<64 hex>'" (CIPHER). Earlier test versions wrote EARLIER_CIPHER (SQLCipher 4), which no
   * driver of this version reads: unlockSqlite refuses such a folder and leaves it as it is.
   */
  readonly cipher: typeof CIPHER | typeof EARLIER_CIPHER;
  /**
   * True from the moment a new encrypted database is created until setup has wrapped its key for the first user and
   * the recovery key. A pending keyring means no one could ever have opened the database: it holds no records.
   */
  readonly pending: boolean;
  readonly lookupSalt: string;
  readonly users: readonly UserEntry[];
  readonly recovery: RecoveryEntry | null;
}

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');

function scrypt(secret: string, salt: Buffer, opts: ScryptOptions & { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(secret.normalize('NFKC'), salt, KEY_BYTES, { ...opts, maxmem: 128 * opts.N * opts.r * 2 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

function wrap(dbKey: Buffer, kek: Buffer, aad: string): Wrapped {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([c.update(dbKey), c.final()]);
  return { iv: b64(iv), data: b64(data), tag: b64(c.getAuthTag()) };
}

/** The database key, or null when the key-encryption key is wrong (GCM's tag does not verify). */
function unwrap(w: Wrapped, kek: Buffer, aad: string): Buffer | null {
  try {
    const d = createDecipheriv('aes-256-gcm', kek, unb64(w.iv));
    d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(unb64(w.tag));
    const key = Buffer.concat([d.update(unb64(w.data)), d.final()]);
    return key.length === KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}

const userAad = (userId: string) => `${FORMAT}/${VERSION}/user/${userId}`;
const RECOVERY_AAD = `${FORMAT}/${VERSION}/recovery`;

export function newDatabaseKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** The key as the literal the store is opened with: `x'<64 hex>'` (sent as PRAGMA key = "x'…'" first on each connection). */
export function databaseKeyLiteral(key: Buffer): string {
  if (key.length !== KEY_BYTES) throw new Error('A database key is 32 bytes.');
  return `x'${key.toString('hex')}'`;
}

export function emptyKeyring(): KeyringFile {
  return { format: FORMAT, version: VERSION, cipher: CIPHER, pending: true, lookupSalt: b64(randomBytes(16)), users: [], recovery: null };
}

export function usernameHash(kr: Pick<KeyringFile, 'lookupSalt'>, username: string): string {
  return createHmac('sha256', unb64(kr.lookupSalt)).update(username.normalize('NFKC').trim().toLowerCase(), 'utf8').digest('hex');
}

/** The keyring with `userId`'s copy of the key (replacing any earlier copy of theirs or under their username). */
export async function withUser(
  kr: KeyringFile,
  dbKey: Buffer,
  user: { readonly userId: string; readonly username: string; readonly password: string },
  kdf: { N: number; r: number; p: number } = DEFAULT_KDF,
): Promise<KeyringFile> {
  const salt = randomBytes(16);
  const kek = await scrypt(user.password, salt, kdf);
  const hash = usernameHash(kr, user.username);
  const entry: UserEntry = {
    userId: user.userId,
    usernameHash: hash,
    kdf: { name: 'scrypt', ...kdf, salt: b64(salt) },
    wrapped: wrap(dbKey, kek, userAad(user.userId)),
  };
  return { ...kr, users: [...kr.users.filter((u) => u.userId !== user.userId && u.usernameHash !== hash), entry] };
}

export function withoutUser(kr: KeyringFile, userId: string): KeyringFile {
  return { ...kr, users: kr.users.filter((u) => u.userId !== userId) };
}

export function hasUser(kr: KeyringFile, userId: string): boolean {
  return kr.users.some((u) => u.userId === userId);
}

function recoveryKek(recoveryBytes: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', recoveryBytes, salt, RECOVERY_AAD, KEY_BYTES));
}

/** A new recovery key for the keyring (replacing any earlier one): returns the keyring and the key to print. */
export function withNewRecoveryKey(kr: KeyringFile, dbKey: Buffer, now: Date = new Date()): { keyring: KeyringFile; recoveryKey: string } {
  const secret = randomBytes(20);
  const salt = randomBytes(16);
  const recovery: RecoveryEntry = {
    kdf: { name: 'hkdf-sha256', salt: b64(salt) },
    wrapped: wrap(dbKey, recoveryKek(secret, salt), RECOVERY_AAD),
    createdAt: now.toISOString(),
  };
  return { keyring: { ...kr, recovery }, recoveryKey: formatRecoveryKey(secret) };
}

/** The scrypt work of one unlock attempt, for an attempt that fails anyway (unknown username, locked account). */
export async function spendUnlockWork(password: string): Promise<void> {
  await scrypt(password, randomBytes(16), DEFAULT_KDF);
}

export async function unlockWithPassword(kr: KeyringFile, username: string, password: string): Promise<{ key: Buffer; userId: string }> {
  const entry = kr.users.find((u) => u.usernameHash === usernameHash(kr, username));
  if (!entry) {
    // Spend the same time as a real attempt, so the answer's timing does not say whether the username exists.
    await spendUnlockWork(password);
    throw new KeyringError('wrong_password', MESSAGES.wrong_password);
  }
  const kek = await scrypt(password, unb64(entry.kdf.salt), entry.kdf);
  const key = unwrap(entry.wrapped, kek, userAad(entry.userId));
  if (!key) throw new KeyringError('wrong_password', MESSAGES.wrong_password);
  return { key, userId: entry.userId };
}

export function unlockWithRecoveryKey(kr: KeyringFile, recoveryKey: string): Buffer {
  const secret = parseRecoveryKey(recoveryKey);
  const key = secret && kr.recovery ? unwrap(kr.recovery.wrapped, recoveryKek(secret, unb64(kr.recovery.kdf.salt)), RECOVERY_AAD) : null;
  if (!key) throw new KeyringError('wrong_recovery_key', MESSAGES.wrong_recovery_key);
  return key;
}

// Crockford's base32: no I, L, O or U, so a printed key cannot be misread; reading maps I/L to 1 and O to 0.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 20 bytes as 32 base32 characters in eight groups of four: "7K2M-…". */
export function formatRecoveryKey(secret: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of secret) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

export function parseRecoveryKey(text: string): Buffer | null {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (clean.length !== 32) return null;
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return bytes.length === 20 ? Buffer.from(bytes) : null;
}

/** senco-desk.sqlite → senco-desk.keys.json, beside it. */
export function keyringPathFor(dbFile: string): string {
  return join(dirname(dbFile), `${basename(dbFile).replace(/\.sqlite$/, '')}.keys.json`);
}

export function readKeyring(file: string): KeyringFile | null {
  if (!existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new KeyringError('keyring_unreadable', MESSAGES.keyring_unreadable(file, err instanceof Error ? err.message : String(err)));
  }
  const kr = parsed as Partial<KeyringFile> | null;
  if (!kr || kr.format !== FORMAT || typeof kr.lookupSalt !== 'string' || !Array.isArray(kr.users)) {
    throw new KeyringError('keyring_unreadable', MESSAGES.keyring_unreadable(file, 'not a SENCo Desk key file'));
  }
  if ((kr.version ?? 0) > VERSION) {
    throw new KeyringError(
      'keyring_unreadable',
      MESSAGES.keyring_unreadable(file, 'written by a newer version of SENCo Desk: update the app'),
    );
  }
  return kr as KeyringFile;
}

/** Writes the keyring atomically (temporary file, fsync, rename), owner-only. No earlier version is kept (see the top). */
export function writeKeyring(file: string, kr: KeyringFile): void {
  writeFileAtomic(file, JSON.stringify(kr, null, 2) + '\n', { tempPath: keyringTempPath(file) });
}

/** A temporary name beside `file` for an atomic write: `<file>.<pid>.<8 hex>.tmp` (the pid says whose it is). */
const TMP_NAME = /^(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * The temporary name for writing the keyring, or the sign-in record beside it, atomically (../atomic-write.ts): a
 * crash leaves at most this file, which `removeStaleKeyringCopies` deletes at the next start (never one that a
 * running process is still writing).
 */
export function keyringTempPath(file: string): string {
  return `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/** True when `pid` is a running process (this one included); a process of another user counts as running. */
export function processRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes every copy of the keyring (and of the sign-in record beside it) that is not the live file: the `.bak` that
 * versions before this one kept on every write, and temporary files left by a write that a crash interrupted (a
 * running process's own temporary file is left alone). Such a copy may hold keys the live keyring has revoked: a
 * disabled user's, or a user's under an old password. Returns the files deleted.
 */
export function removeStaleKeyringCopies(file: string): string[] {
  const dir = dirname(file);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  const live = new Set([basename(file), basename(signInRecordPathFor(file))]);
  for (const name of names) {
    const bak = name.endsWith('.bak') && live.has(name.slice(0, -4));
    const tmp = TMP_NAME.exec(name);
    const strayTmp = tmp !== null && live.has(tmp[1]!) && !processRunning(Number(tmp[2]));
    if (!bak && !strayTmp) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(join(dir, name));
  }
  return removed;
}

/** senco-desk.keys.json → senco-desk.sign-ins.json: attempts to unlock the database (crypto/sign-in-guard.ts). */
export function signInRecordPathFor(keyringFile: string): string {
  return join(dirname(keyringFile), `${basename(keyringFile).replace(/\.keys\.json$/, '')}.sign-ins.json`);
}
