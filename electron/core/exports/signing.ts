/**
 * Who made an export package (issue 14, item 7). Each installation (one school's database) has its own Ed25519 key
 * pair (node:crypto); every package's manifest names the sending school and its URN, carries the school's public
 * key, and is signed with the private key. The manifest lists the SHA-256 of every other file in the package, so
 * the one signature covers them all: change a byte of pupil.json and its digest no longer matches; change the
 * manifest and the signature no longer verifies.
 *
 * age (package.ts) says only that whoever sealed the package knew the passphrase or the receiver's public key,
 * which anyone handed the passphrase (or the public key, which is public) can do. The signature says which school
 * made it. A person checks that by reading the fingerprint (SHA-256 of the public key, grouped hex) to the other
 * school over the phone, once, and keeping that key on the list of trusted senders.
 *
 * What is signed: the UTF-8 bytes of `JSON.stringify(manifest without its "signature" member)`, members in the
 * order they appear. The verifier signs nothing it did not parse: it re-serialises the manifest it read, so what
 * was verified is exactly what is then used. The manifest's own `format: "senco-desk-export"` keeps a signature
 * over it from meaning anything else. Plain Node: no Electron.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export const SIGNING_ALGORITHM = 'Ed25519';

/** A new key pair: the public key as base64url of its 32 raw bytes, the private key as base64 PKCS#8 DER. */
export function generateSigningKey(): { readonly publicKey: string; readonly privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: rawPublicKey(publicKey),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return jwk.x;
}

const B64URL_32 = /^[A-Za-z0-9_-]{43}$/;

/** True when `s` is an Ed25519 public key as packages carry it (base64url of 32 bytes, no padding). */
export function isPublicKey(s: unknown): s is string {
  if (typeof s !== 'string' || !B64URL_32.test(s)) return false;
  try {
    return rawPublicKey(publicKeyObject(s)) === s;
  } catch {
    return false;
  }
}

function publicKeyObject(publicKey: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
}

export function privateKeyObject(pkcs8Base64: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(pkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' });
}

/** The public key of a stored private key (to check a stored pair still belongs together). */
export function publicKeyOf(pkcs8Base64: string): string {
  return rawPublicKey(createPublicKey(privateKeyObject(pkcs8Base64)));
}

/**
 * The fingerprint a person reads out: SHA-256 of the 32 raw bytes of the public key, in 16 groups of 4 capital
 * hex digits ("3F2A 91C0 ..."). All 256 bits: a shorter one would be easier to read but easier to imitate.
 */
export function fingerprintOf(publicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

/** The bytes a manifest's signature covers: the manifest without its `signature`, serialised in its own order. */
export function signedBytes(manifest: Readonly<Record<string, unknown>>): Uint8Array {
  const { signature: _signature, ...body } = manifest;
  return new TextEncoder().encode(JSON.stringify(body));
}

export interface PackageSigner {
  readonly publicKey: string;
  /** base64 PKCS#8 DER. */
  readonly privateKey: string;
}

/** The manifest with its signer and signature added (signer first, so it is itself signed). */
export function signManifest<T extends Record<string, unknown>>(
  manifest: T,
  signer: PackageSigner,
): T & { signer: { algorithm: string; publicKey: string }; signature: string } {
  const body = { ...manifest, signer: { algorithm: SIGNING_ALGORITHM, publicKey: signer.publicKey } };
  const signature = sign(null, signedBytes(body), privateKeyObject(signer.privateKey)).toString('base64');
  return { ...body, signature };
}

export type ManifestSignature =
  /** No signer and no signature: made by a SENCo Desk from before packages were signed, or by hand. */
  | { readonly status: 'unsigned' }
  | { readonly status: 'valid'; readonly publicKey: string; readonly fingerprint: string }
  /** A signature that does not verify, or a signer block that is not one: changed after it was signed. */
  | { readonly status: 'bad'; readonly reason: 'signature' | 'malformed' | 'algorithm' };

/** Checks a parsed manifest's signature. Never throws on bad input: a package is untrusted data. */
export function verifyManifest(manifest: Readonly<Record<string, unknown>>): ManifestSignature {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(manifest, k);
  if (!has('signer') && !has('signature')) return { status: 'unsigned' };
  const signer = manifest.signer as { algorithm?: unknown; publicKey?: unknown } | null | undefined;
  const signature = manifest.signature;
  if (!signer || typeof signer !== 'object' || typeof signature !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(signature))
    return { status: 'bad', reason: 'malformed' };
  if (signer.algorithm !== SIGNING_ALGORITHM) return { status: 'bad', reason: 'algorithm' };
  if (!isPublicKey(signer.publicKey)) return { status: 'bad', reason: 'malformed' };
  let good = false;
  try {
    good = verify(null, signedBytes(manifest), publicKeyObject(signer.publicKey), Buffer.from(signature, 'base64'));
  } catch {
    good = false;
  }
  return good
    ? { status: 'valid', publicKey: signer.publicKey, fingerprint: fingerprintOf(signer.publicKey) }
    : { status: 'bad', reason: 'signature' };
}
