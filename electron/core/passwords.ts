/**
 * Password hashing with scrypt, a memory-hard function in Node's own crypto library (OWASP's password storage
 * guidance lists it): N=2^15, r=8, p=1 needs 32 MiB per guess, which makes stolen hashes slow to attack on GPUs.
 * The stored string carries its parameters so they can be raised later without breaking old hashes.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(pw, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))));

const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 128 * N * R * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 128 * Number(n) * Number(r) * 2,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A stored hash in today's format and parameters that no password is known to match (its salt and key are fixed
 * filler, not the hash of anything). Checking a password against it costs exactly the scrypt work of checking a real
 * user's, which is what a sign-in with an unknown username (or for a locked account) spends, so the time taken does
 * not say whether the username exists.
 */
const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16, 0x5a).toString('base64')}$${Buffer.alloc(KEYLEN, 0xa5).toString('base64')}`;

/** The same work as verifyPassword for a real user, for an attempt that must fail anyway. Always false. */
export async function spendPasswordCheck(password: string): Promise<false> {
  await verifyPassword(password, DUMMY_HASH);
  return false;
}
