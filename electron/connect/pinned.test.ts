/**
 * The pinned HTTPS client: a server whose certificate is not the pinned one gets nothing (not even the request's
 * first line), a server that is down is "unreachable", and the probe Settings uses says which in plain words.
 */
import { createServer, type Server } from 'node:https';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSelfSignedCertificate } from '../server/certificate';
import {
  PinnedClient,
  ServerUnreachable,
  ServerUntrusted,
  formatFingerprint,
  parseFingerprint,
  parseServerAddress,
  probeServer,
} from './pinned';

let server: Server;
let origin: string;
let fingerprint: string;
const seen: string[] = [];

beforeAll(async () => {
  const { cert, key } = makeSelfSignedCertificate(['localhost', '127.0.0.1']);
  fingerprint = new X509Certificate(cert).fingerprint256;
  server = createServer({ cert, key }, (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.url === '/health' ? { status: 'ok', version: '9.9.9', database: 'reachable' } : { echo: true }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  origin = `https://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('pinned client', () => {
  it('reads fingerprints and addresses as people type them', () => {
    const hex = 'AB'.repeat(32);
    expect(parseFingerprint(formatFingerprint(hex))).toBe(hex);
    expect(parseFingerprint(`sha256/${hex.toLowerCase()}`)).toBe(hex);
    expect(parseFingerprint('AB:CD')).toBeNull();
    expect(parseServerAddress('https://senco.school.local:8443')?.origin).toBe('https://senco.school.local:8443');
    expect(parseServerAddress('http://senco.school.local:8443')).toBeNull();
    expect(parseServerAddress('https://user:pw@senco.school.local')).toBeNull();
  });

  it('talks to the server whose certificate has the pinned fingerprint', async () => {
    const c = new PinnedClient(origin, fingerprint);
    try {
      expect(await c.post('/api/invoke', { op: 'x' })).toEqual({ status: 200, body: { echo: true } });
    } finally {
      c.close();
    }
  });

  it('sends nothing to a server with another certificate', async () => {
    const before = seen.length;
    const c = new PinnedClient(origin, 'AB'.repeat(32));
    try {
      const err = await c.post('/api/invoke', { op: 'auth.signIn', input: { password: 'secret' } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServerUntrusted);
      expect((err as ServerUntrusted).seen).toBe(parseFingerprint(fingerprint));
    } finally {
      c.close();
    }
    expect(seen.length).toBe(before);
  });

  it('says unreachable when nothing listens', async () => {
    const c = new PinnedClient('https://127.0.0.1:1', fingerprint, 2000);
    try {
      await expect(c.get('/health')).rejects.toBeInstanceOf(ServerUnreachable);
    } finally {
      c.close();
    }
  });

  it('probe: ok, wrong fingerprint and unreachable each in plain words', async () => {
    expect(await probeServer(origin, fingerprint)).toEqual({ ok: true, version: '9.9.9', database: 'reachable' });
    const wrong = await probeServer(origin, 'CD'.repeat(32));
    expect(wrong).toMatchObject({ ok: false, code: 'untrusted' });
    expect(!wrong.ok && wrong.message).toContain(fingerprint);
    expect(await probeServer('https://127.0.0.1:1', fingerprint, 2000)).toMatchObject({ ok: false, code: 'unreachable' });
    expect(await probeServer('http://127.0.0.1:1', fingerprint)).toMatchObject({ ok: false, code: 'not_senco' });
  });
});
