/**
 * The school server's TLS certificate (issue 16, item 1): the school's own (PEM files given with --cert and --key),
 * or a self-signed one made at setup (`senco-desk server init-cert`) or at the first start, kept in the server's data
 * folder, owner-only (0600; the folder 0700). Desks pin its SHA-256 fingerprint, printed at setup and every start.
 *
 * The self-signed certificate is made with Node's own crypto, nothing downloaded: an ECDSA P-256 key, and an X.509 v3
 * certificate (RFC 5280) written here in DER, signed with ecdsa-with-SHA256: subject and issuer "SENCo Desk school
 * server", valid from an hour ago for 825 days (the longest a browser takes for a server certificate), for TLS server
 * use only (key usage digitalSignature, extended key usage serverAuth, not a CA), with the server's names and
 * addresses as subject alternative names. Node's X509Certificate then reads it back and checks it.
 */
import { X509Certificate, createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write';

export const CERT_FILE = 'server-cert.pem';
export const KEY_FILE = 'server-key.pem';
/** Inside the data folder: where the server keeps what is its own (the certificate, its key, the log). */
export const SERVER_DIR = 'server';
export const CERT_DAYS = 825;

export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
  /** SHA-256 of the certificate (DER), as colon-separated upper-case hex: what a desk pins. */
  readonly fingerprint: string;
  readonly subject: string;
  readonly validTo: Date;
  readonly names: readonly string[];
}

export class CertificateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateError';
  }
}

// --- DER, just what a certificate needs -------------------------------------------------------------------------
function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), len(content.length), content]);
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const out = [40 * a + b];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}
function integer(bytes: Buffer): Buffer {
  // Positive: a leading zero when the top bit is set.
  return tlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
/** UTCTime (YYMMDDHHMMSSZ) before 2050, GeneralizedTime after (RFC 5280 4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2), 'ascii')) : tlv(0x18, Buffer.from(iso, 'ascii'));
}
const explicit = (n: number, content: Buffer) => tlv(0xa0 + n, content);
function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));
}
function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  // IPv6: expand "::" and write the eight groups.
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.concat(groups.map((g) => Buffer.from([parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff])));
}

const ECDSA_SHA256 = '1.2.840.10045.4.3.2';

/** A new self-signed certificate for these host names and IP addresses (the first name is the common name). */
export function makeSelfSignedCertificate(
  names: readonly string[],
  now = new Date(),
  random: Buffer = randomBytes(16),
): { readonly cert: string; readonly key: string } {
  if (names.length === 0) throw new CertificateError('A certificate needs at least one host name or address.');
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // Positive and minimally encoded (DER): the top bit clear and the next set, so the first byte is never zero. A random
  // first byte of 0x00 or 0x80 once made one certificate in 256 unreadable (OpenSSL refuses a padded INTEGER).
  const serial = Buffer.from(random.subarray(0, 16));
  serial[0] = (serial[0]! & 0x3f) | 0x40;
  const name = seq(set(seq(oid('2.5.4.10'), utf8('SENCo Desk'))), set(seq(oid('2.5.4.3'), utf8('SENCo Desk school server'))));
  const san = seq(...names.map((n) => (isIP(n) ? tlv(0x87, ipBytes(n)) : tlv(0x82, Buffer.from(n, 'ascii')))));
  const notBefore = new Date(now.getTime() - 60 * 60_000);
  const notAfter = new Date(now.getTime() + CERT_DAYS * 24 * 60 * 60_000);
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    seq(oid(ECDSA_SHA256)),
    name,
    seq(time(notBefore), time(notAfter)),
    name,
    spki,
    explicit(
      3,
      seq(
        extension('2.5.29.19', true, seq()), // basicConstraints: not a CA
        extension('2.5.29.15', true, tlv(0x03, Buffer.from([0x07, 0x80]))), // keyUsage: digitalSignature
        extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage: serverAuth
        extension('2.5.29.17', false, san), // subjectAltName
      ),
    ),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, seq(oid(ECDSA_SHA256)), tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const cert = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { cert, key };
}

/** The names a self-signed certificate covers by default: this computer's name, localhost and the loopback addresses. */
export function defaultNames(): string[] {
  const host = hostname().toLowerCase();
  return [...new Set([host, 'localhost', '127.0.0.1', '::1'].filter((n) => n && (isIP(n) || /^[a-z0-9.-]+$/.test(n))))];
}

/** Reads and checks a certificate and its key: both PEM, the key the certificate's own, the certificate in date. */
export function checkTls(
  certPem: string,
  keyPem: string,
  where: { readonly cert: string; readonly key: string },
  now = new Date(),
): TlsMaterial {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certPem);
  } catch {
    throw new CertificateError(
      `${where.cert} is not a PEM certificate (it should begin "-----BEGIN CERTIFICATE-----"). Give the server certificate your IT team issued, or leave out --cert and --key to use a self-signed one.`,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    throw new CertificateError(
      `${where.key} is not a PEM private key, or it is protected by a passphrase (the server cannot ask for one). Give the certificate's private key unencrypted, readable by the server's account only.`,
    );
  }
  if (!x509.checkPrivateKey(key))
    throw new CertificateError(
      `${where.key} is not the private key of the certificate in ${where.cert}: give the pair that belong together.`,
    );
  const validTo = new Date(x509.validTo);
  if (validTo.getTime() <= now.getTime()) {
    throw new CertificateError(
      `The certificate in ${where.cert} expired on ${validTo.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}: renew it (or run \`senco-desk server init-cert --force\` for a new self-signed one, then give desks its new fingerprint).`,
    );
  }
  const names = (x509.subjectAltName ?? '')
    .split(', ')
    .filter(Boolean)
    .map((n) => n.replace(/^(DNS|IP Address):/, ''));
  return { cert: certPem, key: keyPem, fingerprint: x509.fingerprint256, subject: x509.subject.replace(/\n/g, ', '), validTo, names };
}

export function serverDir(dataDir: string): string {
  return join(dataDir, SERVER_DIR);
}

/**
 * The data folder's self-signed certificate: made if it has none (or `force`), otherwise the one it has. The folder
 * is made owner-only (0700) and both files 0600, also when they were already there.
 */
export function ensureSelfSigned(
  dataDir: string,
  opts: { readonly names?: readonly string[]; readonly force?: boolean; readonly now?: Date } = {},
): TlsMaterial & { readonly made: boolean; readonly certFile: string; readonly keyFile: string } {
  const dir = serverDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  chmodSync(dir, 0o700);
  const certFile = join(dir, CERT_FILE);
  const keyFile = join(dir, KEY_FILE);
  let made = false;
  if (opts.force || !existsSync(certFile) || !existsSync(keyFile)) {
    const { cert, key } = makeSelfSignedCertificate(opts.names && opts.names.length ? opts.names : defaultNames(), opts.now);
    // The key first: a certificate is never there without its key.
    writeFileAtomic(keyFile, key);
    writeFileAtomic(certFile, cert);
    made = true;
  }
  chmodSync(certFile, 0o600);
  chmodSync(keyFile, 0o600);
  const tls = checkTls(readFileSync(certFile, 'utf8'), readFileSync(keyFile, 'utf8'), { cert: certFile, key: keyFile }, opts.now);
  return { ...tls, made, certFile, keyFile };
}

/** The school's own certificate and key (--cert, --key), read and checked. */
export function loadTls(certFile: string, keyFile: string): TlsMaterial {
  const read = (f: string, what: string) => {
    try {
      return readFileSync(f, 'utf8');
    } catch (err) {
      throw new CertificateError(
        `The ${what} ${f} could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): check the path and that the server's account may read it.`,
      );
    }
  };
  return checkTls(read(certFile, 'certificate file'), read(keyFile, 'key file'), { cert: certFile, key: keyFile });
}
