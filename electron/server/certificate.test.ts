/**
 * The school server's certificate (electron/server/certificate.ts): the self-signed one is a valid X.509 v3 server
 * certificate for the names given, signed by its own key, kept owner-only and kept across starts (the fingerprint
 * desks pinned stays); the school's own is checked before the server starts: a key that is not the certificate's,
 * an expired certificate or a file that is not PEM is refused with a message that says what to do.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../cli/test-support';
import { CertificateError, checkTls, ensureSelfSigned, loadTls, makeSelfSignedCertificate } from './certificate';

function temp() {
  const t = tempDir('senco-cert-');
  onTestFinished(() => t.remove());
  return t.dir;
}

describe('the self-signed certificate', () => {
  it('is a TLS server certificate for the names given, signed by its own key, valid 825 days', () => {
    const now = new Date('2026-12-07T09:00:00Z');
    const { cert, key } = makeSelfSignedCertificate(['senco.oakfield.sch.uk', '192.168.1.20', 'fe80::1'], now);
    const x = new X509Certificate(cert);
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.ca).toBe(false);
    expect(x.checkHost('senco.oakfield.sch.uk')).toBe('senco.oakfield.sch.uk');
    expect(x.checkIP('192.168.1.20')).toBe('192.168.1.20');
    expect(x.checkIP('fe80::1')).toBe('fe80::1');
    expect(x.checkHost('other.example.org')).toBeUndefined();
    expect(x.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(new Date(x.validTo).getTime() - now.getTime()).toBe(825 * 24 * 3600_000);
    expect(checkTls(cert, key, { cert: 'c', key: 'k' }, now).fingerprint).toBe(x.fingerprint256);
  });

  it('is made once, owner-only, and kept: the fingerprint desks pinned stays until --force', () => {
    const dir = temp();
    const first = ensureSelfSigned(dir, { names: ['localhost'] });
    expect(first.made).toBe(true);
    if (process.platform !== 'win32') {
      expect(statSync(first.keyFile).mode & 0o777).toBe(0o600);
      expect(statSync(first.certFile).mode & 0o777).toBe(0o600);
    }
    const again = ensureSelfSigned(dir);
    expect(again).toMatchObject({ made: false, fingerprint: first.fingerprint });
    const forced = ensureSelfSigned(dir, { force: true, names: ['localhost'] });
    expect(forced.made).toBe(true);
    expect(forced.fingerprint).not.toBe(first.fingerprint);
  });
});

describe('a self-signed certificate’s serial number', () => {
  it('is readable whatever the random bytes (a leading 0x00 or 0x80 once made one start in 256 fail)', () => {
    for (const first of [0x00, 0x01, 0x7f, 0x80, 0xff]) {
      for (const second of [0x00, 0x7f, 0x80]) {
        const random = Buffer.alloc(16, 0x5a);
        random[0] = first;
        random[1] = second;
        const { cert, key } = makeSelfSignedCertificate(['localhost'], new Date(), random);
        const serial = new X509Certificate(cert).serialNumber;
        expect(serial, `random bytes ${first}, ${second}`).toMatch(/^[4-7][0-9A-F]{31}$/);
        expect(checkTls(cert, key, { cert: 'c.pem', key: 'k.pem' }).fingerprint).toBe(new X509Certificate(cert).fingerprint256);
      }
    }
  });
});

describe('the school’s own certificate', () => {
  it('is refused when the key is not its own, when it has expired, or when a file is not PEM', () => {
    const dir = temp();
    const a = makeSelfSignedCertificate(['localhost']);
    const b = makeSelfSignedCertificate(['localhost']);
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    expect(loadTls(file('a.pem', a.cert), file('a.key', a.key)).fingerprint).toBe(new X509Certificate(a.cert).fingerprint256);
    expect(() => loadTls(join(dir, 'a.pem'), file('b.key', b.key))).toThrow(/is not the private key of the certificate/);
    expect(() => loadTls(file('junk.pem', 'not a certificate'), join(dir, 'a.key'))).toThrow(/is not a PEM certificate/);
    expect(() => loadTls(join(dir, 'missing.pem'), join(dir, 'a.key'))).toThrow(CertificateError);
    const old = makeSelfSignedCertificate(['localhost'], new Date('2020-01-01T00:00:00Z'));
    expect(() => checkTls(old.cert, old.key, { cert: 'old.pem', key: 'old.key' })).toThrow(/expired on \d+ \w+ 2022/);
    expect(readFileSync(join(dir, 'a.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');
  });
});
