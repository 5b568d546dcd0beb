/**
 * Agency export packages: the files a SENCo sends to a local authority, a therapy service or a new school, in one
 * ZIP (fflate) encrypted in the age format (age-encryption), so that the receiver can open it with SENCo Desk or
 * with the standard `age` tool on any system. A package is locked either with a passphrase (age's scrypt
 * recipient) or to one or more public keys (`age1...`, X25519); age authenticates every byte, so a changed or cut
 * file is refused rather than opened in part.
 *
 * Every failure a person can act on is an ExportPackageError with a `code` and a plain message saying what was
 * wrong and what to do. File names inside a package are checked both ways (no absolute paths, `..`, backslashes,
 * drive letters or names Windows cannot hold), and sizes are capped (PACKAGE_LIMITS) before anything is inflated.
 * Plain Node: no Electron.
 */
import { Decrypter, Encrypter, armor } from 'age-encryption';
import { NativeScryptIdentity, NativeScryptRecipient } from './native-scrypt';
import { type UnzipFileInfo, unzipSync, zipSync } from 'fflate';

export interface PackageFile {
  /** The path inside the package, with `/` between folders: `reports/review-pack.pdf`. */
  readonly name: string;
  readonly data: Uint8Array;
}

/** Who can open a package: anyone with the passphrase, or the holders of these age public keys. */
export type SealTo = { readonly passphrase: string } | { readonly recipients: readonly string[] };
/** How to open a package: the passphrase, or an age secret key (or the whole text of an identity file). */
export type OpenWith = { readonly passphrase: string } | { readonly identity: string };

export const PACKAGE_LIMITS = {
  /** Files in one package. */
  maxFiles: 1000,
  /** All the files' bytes together, unpacked (256 MiB). */
  maxBytes: 256 * 1024 * 1024,
  /** Characters in one name, folders included. */
  maxNameLength: 240,
  /** Public keys one package is locked to. */
  maxRecipients: 50,
  /** Characters in a passphrase, at least. */
  minPassphraseLength: 10,
} as const;

/** The largest sealed file worth reading: the contents plus generous room for ZIP headers and age's overhead. */
const MAX_SEALED_BYTES = PACKAGE_LIMITS.maxBytes + 16 * 1024 * 1024;

export type ExportPackageErrorCode =
  /** Not an age file at all. */
  | 'not_age'
  /** An age file that was changed, cut short or corrupted. */
  | 'damaged'
  | 'wrong_passphrase'
  | 'wrong_key'
  /** Opened with a passphrase, but locked to keys. */
  | 'needs_key'
  /** Opened with a key, but locked with a passphrase. */
  | 'needs_passphrase'
  /** An age file SENCo Desk will not open (for example one asking for an unreasonable amount of work to unlock). */
  | 'unsupported'
  /** Decrypted, but not a ZIP of files. */
  | 'not_a_package'
  | 'bad_recipient'
  | 'no_recipients'
  | 'bad_identity'
  | 'weak_passphrase'
  | 'no_files'
  | 'unsafe_name'
  | 'duplicate_name'
  | 'too_many_files'
  | 'too_large';

export class ExportPackageError extends Error {
  constructor(
    readonly code: ExportPackageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExportPackageError';
  }
}

const MESSAGES = {
  not_age: 'This file is not an encrypted export package. Check that you chose the right file: a package usually ends in .age.',
  damaged: 'This file has been changed or damaged since it was exported, so it cannot be trusted. Ask the sender to export it again.',
  wrong_passphrase:
    'The passphrase does not unlock this package. Check it with the sender (capital letters and spaces count) and try again.',
  wrong_key: 'This package was not locked to your key, so your key cannot open it. Ask the sender to export it again to your public key.',
  needs_key: 'This package is locked to a key, not a passphrase. Open it with your secret key (your identity file) instead.',
  needs_passphrase: 'This package is locked with a passphrase, not a key. Ask the sender for the passphrase and open it with that.',
  unsupported:
    'This package asks for far more work to unlock than SENCo Desk allows, so it was not opened. Ask the sender to export it again with SENCo Desk or the standard age tool.',
  not_a_package: 'This file was unlocked, but it does not contain an export package. Ask the sender to export it again.',
  no_recipients: 'Add at least one public key to lock the package to, or use a passphrase instead.',
  bad_identity:
    'That is not an age secret key. A secret key starts with AGE-SECRET-KEY-1 and is 74 characters long: check that the whole key, or the whole identity file, was given.',
  weak_passphrase: `A passphrase must be at least ${PACKAGE_LIMITS.minPassphraseLength} characters long. Three or four unrelated words are easy to type and hard to guess.`,
  no_files: 'There is nothing to export: add at least one file to the package.',
  too_many_files: `A package can hold at most ${PACKAGE_LIMITS.maxFiles} files. Split the export into smaller packages.`,
  too_large: `A package can hold at most ${PACKAGE_LIMITS.maxBytes / 1024 / 1024} MB of files. Split the export into smaller packages.`,
} as const;

const fail = (code: keyof typeof MESSAGES): ExportPackageError => new ExportPackageError(code, MESSAGES[code]);

// ---------------------------------------------------------------------------------------------------------------
// Names

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/;

/** Why `name` is not safe as a path inside a package, or null if it is. `folder`: a ZIP folder entry (`a/b/`). */
function unsafeReason(name: string, folder = false): string | null {
  const path = folder ? name.slice(0, -1) : name;
  if (path.length === 0) return 'it is empty';
  if (name.length > PACKAGE_LIMITS.maxNameLength) return `it is longer than ${PACKAGE_LIMITS.maxNameLength} characters`;
  if (CONTROL.test(name)) return 'it contains a control character';
  if (name.includes('\\')) return 'it contains a backslash (use / between folders)';
  if (path.startsWith('/')) return 'it starts with / (names must be relative to the package)';
  if (name.includes(':')) return 'it contains a colon (as in a drive letter such as C:)';
  if (/[<>"|?*]/.test(name)) return 'it contains a character Windows does not allow in file names (< > " | ? *)';
  for (const segment of path.split('/')) {
    if (segment === '') return 'it has an empty folder name (two / together, or a / at the end)';
    if (segment === '.' || segment === '..') return 'it refers to a folder outside the package (. or ..)';
    if (segment === '__proto__') return 'it uses the reserved name __proto__';
    if (WINDOWS_RESERVED.test(segment)) return `"${segment}" is a name Windows reserves for devices`;
    if (/[. ]$/.test(segment)) return `"${segment}" ends with a dot or a space, which Windows drops`;
  }
  return null;
}

function unsafeName(name: string, reason: string): ExportPackageError {
  const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 77)}...` : name);
  return new ExportPackageError('unsafe_name', `The file name ${shown} cannot be used in a package: ${reason}.`);
}

function duplicateName(name: string): ExportPackageError {
  return new ExportPackageError(
    'duplicate_name',
    `Two files in the package are called ${JSON.stringify(name)} (capital letters aside). Give each file its own name.`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Keys and passphrases

const BECH32_CHARS = /^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]+$/;
const RECIPIENT_LENGTH = 62;

function shortKey(key: string): string {
  return key.length > 16 ? `${key.slice(0, 10)}...${key.slice(-4)}` : key;
}

/**
 * Checks one age public key and returns it tidied (spaces trimmed). Throws ExportPackageError `bad_recipient`
 * saying what is wrong and what a key looks like.
 */
export function checkRecipient(input: string): string {
  const key = input.trim();
  const looksLike = `An age public key starts with age1 and is ${RECIPIENT_LENGTH} characters long, for example age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p.`;
  const bad = (what: string) => new ExportPackageError('bad_recipient', `${what} ${looksLike}`);
  if (key === '') throw bad('A public key is empty.');
  if (/^AGE-SECRET-KEY-/i.test(key)) {
    throw new ExportPackageError(
      'bad_recipient',
      'That is a secret key, not a public key. A secret key must never be shared: ask the receiver for their public key, which starts with age1.',
    );
  }
  if (/^ssh-/.test(key)) throw bad('SSH keys cannot be used here.');
  // The newer kinds have their own prefixes, age1pq1 and age1tag1 ("1" never appears in an ordinary key after age1,
  // so an ordinary key whose data happens to begin with "pq" is not one of them).
  if (/^age1(pq|tag)1/i.test(key)) throw bad(`"${shortKey(key)}" is a newer kind of age key that the standard age tool cannot open yet.`);
  if (!/^age1/i.test(key)) throw bad(`"${shortKey(key)}" does not start with age1.`);
  const lower = key.toLowerCase();
  if (key !== lower && key !== key.toUpperCase()) throw bad(`"${shortKey(key)}" mixes capital and small letters.`);
  if (!BECH32_CHARS.test(lower.slice(4))) {
    throw bad(
      `"${shortKey(key)}" contains a character that never appears in a key (keys have no b, i, o or 1 after age1, and no spaces or punctuation).`,
    );
  }
  if (lower.length !== RECIPIENT_LENGTH) {
    throw bad(
      `"${shortKey(key)}" is ${lower.length} characters long, so part of it is ${lower.length < RECIPIENT_LENGTH ? 'missing' : 'extra'}: check that it was copied in full.`,
    );
  }
  try {
    new Encrypter().addRecipient(lower);
  } catch {
    throw bad(`"${shortKey(key)}" has a mistake in it (a character is wrong): it is best copied and pasted, not typed.`);
  }
  return lower;
}

/** The secret keys in `identity`: one key, or the text of an identity file (comment lines start with #). */
function identitiesIn(identity: string): string[] {
  const keys = identity
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (keys.length === 0) throw fail('bad_identity');
  for (const k of keys) {
    if (/^age1/i.test(k)) {
      throw new ExportPackageError(
        'bad_identity',
        'That is a public key (it starts with age1); opening a package needs the matching secret key, which starts with AGE-SECRET-KEY-1.',
      );
    }
    if (!/^AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}$/.test(k.toUpperCase())) throw fail('bad_identity');
    try {
      new Decrypter().addIdentity(k.toUpperCase());
    } catch {
      throw fail('bad_identity');
    }
  }
  return keys.map((k) => k.toUpperCase());
}

// ---------------------------------------------------------------------------------------------------------------
// Sealing

/**
 * Who a package is locked to, checked, with a passphrase's key already being derived: made at the start of an export,
 * so that scrypt's second (on a thread of its own, native-scrypt.ts) runs beside the gathering and the PDF instead of
 * after them. Throws ExportPackageError for a short passphrase or a bad key, as sealPackage does. Seals one package.
 */
export class PackageLock {
  readonly recipients: readonly (string | NativeScryptRecipient)[];
  constructor(to: SealTo) {
    if ('passphrase' in to) {
      if ([...to.passphrase].length < PACKAGE_LIMITS.minPassphraseLength) throw fail('weak_passphrase');
      // The standard passphrase stanza, with Node's native scrypt, starting now (native-scrypt.ts).
      this.recipients = [new NativeScryptRecipient(to.passphrase)];
    } else {
      if (to.recipients.length === 0) throw fail('no_recipients');
      const keys = new Set(to.recipients.map(checkRecipient));
      if (keys.size > PACKAGE_LIMITS.maxRecipients) {
        throw new ExportPackageError(
          'bad_recipient',
          `A package can be locked to at most ${PACKAGE_LIMITS.maxRecipients} keys. Use a passphrase for a larger group.`,
        );
      }
      this.recipients = [...keys];
    }
  }
}

/**
 * Puts `files` into one ZIP and encrypts it in the age format, to a passphrase or to age public keys (or to a lock
 * made earlier). Throws ExportPackageError for a bad key, a short passphrase, an unsafe or repeated name, or too much
 * data.
 */
export async function sealPackage(files: readonly PackageFile[], to: SealTo | PackageLock): Promise<Uint8Array> {
  const lock = to instanceof PackageLock ? to : new PackageLock(to);
  const encrypter = new Encrypter();
  for (const r of lock.recipients) encrypter.addRecipient(r);

  if (files.length === 0) throw fail('no_files');
  if (files.length > PACKAGE_LIMITS.maxFiles) throw fail('too_many_files');
  const zipInput: Record<string, Uint8Array> = Object.create(null) as Record<string, Uint8Array>;
  const seen = new Set<string>();
  let total = 0;
  for (const f of files) {
    const reason = unsafeReason(f.name);
    if (reason) throw unsafeName(f.name, reason);
    const folded = f.name.toLowerCase();
    if (seen.has(folded)) throw duplicateName(f.name);
    seen.add(folded);
    total += f.data.length;
    if (total > PACKAGE_LIMITS.maxBytes) throw fail('too_large');
    zipInput[f.name] = f.data;
  }
  const zip = zipSync(zipInput, { level: 6 });
  return encrypter.encrypt(zip);
}

// ---------------------------------------------------------------------------------------------------------------
// Opening

const MAGIC = new TextEncoder().encode('age-encryption.org/v1\n');
const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** The binary age file in `bytes` (armored text decoded), or null if it is not an age file. */
function ageBytes(bytes: Uint8Array): Uint8Array | null {
  if (startsWith(bytes, MAGIC)) return bytes;
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 64)).trimStart();
  if (!head.startsWith(ARMOR_BEGIN)) return null;
  try {
    return armor.decode(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw fail('damaged');
  }
}

/** The recipient types in an age header ("scrypt", "X25519", ...), read without decrypting anything. */
function stanzaTypes(file: Uint8Array): Set<string> {
  const head = new TextDecoder('latin1').decode(file.subarray(0, Math.min(file.length, 64 * 1024)));
  const types = new Set<string>();
  for (const line of head.split('\n')) {
    if (line.startsWith('--- ')) break;
    if (line.startsWith('-> ')) types.add(line.split(' ')[1] ?? '');
  }
  return types;
}

/** Maps age-encryption's failure to what the person opening the file should be told. */
function decryptFailure(err: unknown, file: Uint8Array, withPassphrase: boolean): ExportPackageError {
  const message = err instanceof Error ? err.message : String(err);
  const types = stanzaTypes(file);
  if (message.includes('no identity matched')) {
    if (withPassphrase && !types.has('scrypt')) return fail('needs_key');
    if (!withPassphrase && types.has('scrypt')) return fail('needs_passphrase');
    return fail(withPassphrase ? 'wrong_passphrase' : 'wrong_key');
  }
  if (message.includes('work factor is too high')) return fail('unsupported');
  // Everything else (a header that does not parse, its MAC, a chunk whose tag fails, a file cut short) means the
  // bytes are not those that were sealed.
  return fail('damaged');
}

function unzipPackage(zip: Uint8Array): PackageFile[] {
  const declared = new Map<string, number>();
  const folded = new Set<string>();
  let count = 0;
  let total = 0;
  const filter = (info: UnzipFileInfo): boolean => {
    const folder = info.name.endsWith('/');
    const reason = unsafeReason(info.name, folder);
    if (reason) throw unsafeName(info.name, reason);
    if (folder) return false;
    const key = info.name.toLowerCase();
    if (folded.has(key)) throw duplicateName(info.name);
    folded.add(key);
    count += 1;
    total += info.originalSize;
    if (count > PACKAGE_LIMITS.maxFiles) throw fail('too_many_files');
    if (total > PACKAGE_LIMITS.maxBytes) throw fail('too_large');
    if (info.compression !== 0 && info.compression !== 8) throw fail('not_a_package');
    declared.set(info.name, info.originalSize);
    return true;
  };
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(zip, { filter });
  } catch (err) {
    if (err instanceof ExportPackageError) throw err;
    throw fail('not_a_package');
  }
  const files: PackageFile[] = [];
  for (const [name, size] of declared) {
    const data = Object.prototype.hasOwnProperty.call(unzipped, name) ? unzipped[name] : undefined;
    // fflate inflates into a buffer of the declared size: a file that does not fill it exactly is not what was packed.
    if (!data || data.length !== size) throw fail('not_a_package');
    files.push({ name, data });
  }
  return files;
}

/**
 * Decrypts a package with a passphrase or a secret key and unpacks its files. Throws ExportPackageError for a file
 * that is not a package, a damaged or changed one, the wrong passphrase or key, or unsafe contents.
 */
export async function openPackage(bytes: Uint8Array, key: OpenWith): Promise<{ files: PackageFile[] }> {
  if (bytes.length > MAX_SEALED_BYTES) throw fail('too_large');
  const file = ageBytes(bytes);
  if (!file) throw fail('not_age');
  const decrypter = new Decrypter();
  const withPassphrase = 'passphrase' in key;
  if (withPassphrase) decrypter.addIdentity(new NativeScryptIdentity(key.passphrase));
  else for (const id of identitiesIn(key.identity)) decrypter.addIdentity(id);
  let zip: Uint8Array;
  try {
    zip = await decrypter.decrypt(file);
  } catch (err) {
    throw decryptFailure(err, file, withPassphrase);
  }
  return { files: unzipPackage(zip) };
}
