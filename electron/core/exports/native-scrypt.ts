/**
 * age's passphrase stanza ("scrypt", age-encryption.org/v1) with Node's own scrypt and ChaCha20-Poly1305 in place of
 * age-encryption's JavaScript ones. Same format, byte for byte (the tests decrypt it with the standard `age` tool
 * and with age-encryption's own identity); Node's scrypt is native and runs off the main thread, about twice as fast
 * as the JavaScript one and without freezing the window for the second it takes at age's work factor (2^18).
 *
 * The stanza (https://age-encryption.org/v1): `-> scrypt <base64 salt (16 bytes)> <log2 N>`, whose body is the file key
 * sealed with ChaCha20-Poly1305 under scrypt(passphrase, "age-encryption.org/v1/scrypt" || salt, N, r=8, p=1) and an
 * all-zero nonce. A scrypt stanza must be the only one in a header.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { Stanza, type Identity, type Recipient } from 'age-encryption';

const LABEL = 'age-encryption.org/v1/scrypt';
/** age's default work factor when encrypting, and the most it accepts when decrypting. */
export const SCRYPT_LOG_N = 18;
const MAX_LOG_N = 20;

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64').replace(/=+$/, '');

function derive(passphrase: string, salt: Uint8Array, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    scrypt(
      passphrase,
      Buffer.concat([Buffer.from(LABEL, 'latin1'), salt]),
      32,
      { N, r: 8, p: 1, maxmem: 128 * N * 8 + 16 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

const NONCE = Buffer.alloc(12);

function seal(fileKey: Uint8Array, key: Buffer): Uint8Array {
  const c = createCipheriv('chacha20-poly1305', key, NONCE, { authTagLength: 16 });
  return new Uint8Array(Buffer.concat([c.update(fileKey), c.final(), c.getAuthTag()]));
}

function open(body: Uint8Array, key: Buffer): Uint8Array | null {
  if (body.length !== 32) return null;
  try {
    const d = createDecipheriv('chacha20-poly1305', key, NONCE, { authTagLength: 16 });
    d.setAuthTag(body.subarray(16));
    return new Uint8Array(Buffer.concat([d.update(body.subarray(0, 16)), d.final()]));
  } catch {
    return null;
  }
}

/**
 * The passphrase stanza for one file. Its salt is drawn and its key derivation starts when it is made, so the second
 * that scrypt takes can pass while the file is still being put together (PackageLock in package.ts); it wraps one file
 * key only, since the same key and the all-zero nonce must never seal two.
 */
export class NativeScryptRecipient implements Recipient {
  private readonly salt = randomBytes(16);
  private readonly key: Promise<Buffer>;
  private used = false;

  constructor(
    passphrase: string,
    private readonly logN = SCRYPT_LOG_N,
  ) {
    this.key = derive(passphrase, this.salt, logN);
    // Awaited in wrapFileKey; a lock made and never used (an export refused later) must not crash the process.
    this.key.catch(() => undefined);
  }

  async wrapFileKey(fileKey: Uint8Array): Promise<Stanza[]> {
    if (this.used) throw new Error('a passphrase stanza seals one file key only: make a new recipient for each file');
    this.used = true;
    return [new Stanza(['scrypt', b64(this.salt), String(this.logN)], seal(fileKey, await this.key))];
  }
}

/** Errors are worded as age-encryption's own ScryptIdentity words them (package.ts reads them). */
export class NativeScryptIdentity implements Identity {
  constructor(private readonly passphrase: string) {}

  async unwrapFileKey(stanzas: Stanza[]): Promise<Uint8Array | null> {
    for (const s of stanzas) {
      if (s.args.length < 1 || s.args[0] !== 'scrypt') continue;
      if (stanzas.length !== 1) throw new Error('scrypt recipient is not the only one in the header');
      if (s.args.length !== 3 || !/^[1-9][0-9]*$/.test(s.args[2]!)) throw new Error('invalid scrypt stanza');
      const salt = Buffer.from(s.args[1]!, 'base64');
      if (salt.length !== 16 || b64(salt) !== s.args[1]) throw new Error('invalid scrypt stanza');
      const logN = Number(s.args[2]);
      if (logN > MAX_LOG_N) throw new Error('scrypt work factor is too high');
      const fileKey = open(s.body, await derive(this.passphrase, salt, logN));
      if (fileKey !== null) return fileKey;
    }
    return null;
  }
}
