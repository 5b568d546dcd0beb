/**
 * Package signatures (issue 14, item 7): a signed manifest verifies after the JSON round trip a package puts it
 * through; any change to any member, a signature from another manifest, another key, or a missing half is "bad";
 * a manifest with neither signer nor signature is "unsigned"; and garbage never throws.
 */
import { describe, expect, it } from 'vitest';
import { fingerprintOf, generateSigningKey, isPublicKey, publicKeyOf, signManifest, signedBytes, verifyManifest } from './signing';

const MANIFEST = {
  format: 'senco-desk-export',
  version: 1,
  exportedAt: '2026-11-23T09:00:00.000Z',
  from: { school: 'Oakfield Primary (synthetic)', urn: '100001', exportedBy: 'Sam Senco (sam.senco)' },
  to: { organisation: 'Northgate Academy' },
  pupil: { upn: 'H801200001001', name: 'Amara Testington' },
  sections: ['details'],
  files: [
    { name: 'record.pdf', bytes: 1200, sha256: 'a'.repeat(64) },
    { name: 'pupil.json', bytes: 800, sha256: 'b'.repeat(64) },
  ],
};

/** As a package carries it: written with indentation, read back with JSON.parse. */
const roundTrip = <T>(v: T): Record<string, unknown> => JSON.parse(JSON.stringify(v, null, 2)) as Record<string, unknown>;

describe('package signatures', () => {
  const key = generateSigningKey();

  it('makes Ed25519 keys whose halves belong together, with a 32-byte public key', () => {
    expect(key.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.publicKey, 'base64url')).toHaveLength(32);
    expect(isPublicKey(key.publicKey)).toBe(true);
    expect(publicKeyOf(key.privateKey)).toBe(key.publicKey);
    expect(generateSigningKey().publicKey).not.toBe(key.publicKey);
    for (const bad of ['', 'A'.repeat(42), `${key.publicKey}A`, key.publicKey.replace(/^./, '+'), 42, null])
      expect(isPublicKey(bad)).toBe(false);
  });

  it('shows the fingerprint as SHA-256 of the raw key in 16 groups of 4 capital hex digits', () => {
    // RFC 8032, section 7.1, test 1: its public key, and that key's SHA-256 (computed independently, with Python's hashlib).
    const rfc = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex').toString('base64url');
    expect(isPublicKey(rfc)).toBe(true);
    expect(fingerprintOf(rfc)).toBe('21FE 31DF A154 A261 626B F854 046F D227 1B7B ED4B 6ABE 45AA 5887 7EF4 7F97 21B9');
    expect(fingerprintOf(key.publicKey)).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  });

  it('verifies its own signature after the round trip through the package, naming the key', () => {
    const signed = signManifest(MANIFEST, key);
    expect(signed.signer).toEqual({ algorithm: 'Ed25519', publicKey: key.publicKey });
    expect(verifyManifest(roundTrip(signed))).toEqual({
      status: 'valid',
      publicKey: key.publicKey,
      fingerprint: fingerprintOf(key.publicKey),
    });
    // The signer block is inside what is signed: only the signature itself is left out.
    expect(new TextDecoder().decode(signedBytes(roundTrip(signed)))).toContain(key.publicKey);
    expect(new TextDecoder().decode(signedBytes(roundTrip(signed)))).not.toContain(signed.signature);
  });

  it('calls a manifest with neither signer nor signature unsigned (an older SENCo Desk)', () => {
    expect(verifyManifest(roundTrip(MANIFEST))).toEqual({ status: 'unsigned' });
  });

  it('calls any change after signing bad: a digest, the school, the URN, the pupil, the key, or a borrowed signature', () => {
    const signed = roundTrip(signManifest(MANIFEST, key)) as typeof MANIFEST & {
      signer: { algorithm: string; publicKey: string };
      signature: string;
    };
    const changes: ((m: typeof signed) => void)[] = [
      (m) => {
        m.files[1]!.sha256 = 'c'.repeat(64);
      },
      (m) => {
        m.from.school = 'Northgate Academy';
      },
      (m) => {
        m.from.urn = '100002';
      },
      (m) => {
        m.pupil.upn = 'H801200001002';
      },
      (m) => {
        m.sections.push('needs');
      },
      (m) => {
        m.files.push({ name: 'extra.txt', bytes: 1, sha256: 'd'.repeat(64) });
      },
      (m) => {
        m.signer.publicKey = generateSigningKey().publicKey;
      },
      (m) => {
        m.signature = signManifest({ ...MANIFEST, exportedAt: '2026-11-24T09:00:00.000Z' }, key).signature;
      },
    ];
    for (const change of changes) {
      const m = structuredClone(signed);
      change(m);
      expect(verifyManifest(m), change.toString()).toEqual({ status: 'bad', reason: 'signature' });
    }
  });

  it('calls half a signature, another algorithm or garbage bad, and never throws', () => {
    const signed = roundTrip(signManifest(MANIFEST, key));
    const { signature: _s, ...noSignature } = signed;
    const { signer: _k, ...noSigner } = signed;
    expect(verifyManifest(noSignature)).toEqual({ status: 'bad', reason: 'malformed' });
    expect(verifyManifest(noSigner)).toEqual({ status: 'bad', reason: 'malformed' });
    expect(verifyManifest({ ...signed, signer: { algorithm: 'RSA', publicKey: key.publicKey } })).toEqual({
      status: 'bad',
      reason: 'algorithm',
    });
    for (const junk of [
      { ...signed, signer: null },
      { ...signed, signer: 'x' },
      { ...signed, signature: 12 },
      { ...signed, signature: 'not base64' },
      { ...signed, signer: { algorithm: 'Ed25519', publicKey: 'short' } },
      { ...signed, signer: { algorithm: 'Ed25519' } },
    ]) {
      expect(() => verifyManifest(junk as Record<string, unknown>)).not.toThrow();
      expect(verifyManifest(junk as Record<string, unknown>).status).toBe('bad');
    }
  });
});
