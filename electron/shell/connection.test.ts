/**
 * Which school server the desk connects to, and the Settings card's test-and-save: IT's policy wins; the SENCo's
 * choice is saved only after the real probe reached a SENCo Desk server with exactly that certificate; nobody else can
 * change it (the main process asks the core who the session is); a page from elsewhere gets nothing.
 */
import { createServer, type Server } from 'node:https';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, fail } from '../../shared/result';
import { makeSelfSignedCertificate } from '../server/certificate';
import { formatFingerprint, parseFingerprint, probeServer } from '../connect/pinned';
import { CONNECTION_CLEAR_CHANNEL, CONNECTION_GET_CHANNEL, CONNECTION_SAVE_CHANNEL } from './channels';
import {
  clearConnection,
  connectionSettings,
  connectionView,
  handleConnection,
  isConnected,
  roleFromCore,
  saveConnection,
  type ConnectionDeps,
} from './connection';
import { parsePolicy } from './policy';
import { inMemorySettings } from './settings';

const HEX = 'AB'.repeat(32);
const OTHER = 'CD'.repeat(32);
let server: Server;
let origin: string;
let fingerprint: string;

beforeAll(async () => {
  const { cert, key } = makeSelfSignedCertificate(['localhost', '127.0.0.1']);
  fingerprint = new X509Certificate(cert).fingerprint256;
  server = createServer({ cert, key }, (req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.url === '/health' ? { status: 'ok', version: '9.9.9', database: 'reachable' } : {}));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  origin = `https://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const APP = { url: 'app://senco-desk/index.html', isTopFrame: true };

function deps(over: Partial<ConnectionDeps> = {}): ConnectionDeps & { settings: ReturnType<typeof inMemorySettings> } {
  return {
    policy: {},
    settings: inMemorySettings(),
    probe: (a, f) => probeServer(a, f, 5000),
    roleOf: (s) => Promise.resolve(s === 'senco-session' ? 'senco' : s === 'teacher-session' ? 'teacher' : null),
    ...over,
  } as ConnectionDeps & { settings: ReturnType<typeof inMemorySettings> };
}

describe('connectionSettings: the connection in force', () => {
  it('is none on a computer without policy or saved server (a standalone desk)', () => {
    const c = connectionSettings({}, inMemorySettings());
    expect(c).toEqual({ source: 'none', address: null, fingerprint: null });
    expect(isConnected(c)).toBe(false);
    expect(connectionView(c).complete).toBe(true);
  });

  it('is the SENCo’s saved server, when IT set none', () => {
    const settings = inMemorySettings({ schoolServer: { address: 'https://senco.school.local:8443', fingerprint: HEX } });
    const c = connectionSettings({}, settings);
    expect(c).toEqual({ source: 'settings', address: 'https://senco.school.local:8443', fingerprint: HEX });
    expect(isConnected(c)).toBe(true);
    expect(connectionView(c)).toEqual({
      source: 'settings',
      address: 'https://senco.school.local:8443',
      fingerprint: formatFingerprint(HEX),
      complete: true,
    });
  });

  it('is IT’s policy when it names a server, over the SENCo’s choice', () => {
    const settings = inMemorySettings({ schoolServer: { address: 'https://other.example', fingerprint: OTHER } });
    const policy = parsePolicy(
      JSON.stringify({ schoolServer: 'https://senco.school.local:8443/', schoolServerFingerprint: formatFingerprint(HEX).toLowerCase() }),
      '/p.json',
    );
    expect(policy.problems).toBeUndefined();
    expect(connectionSettings(policy, settings)).toEqual({
      source: 'policy',
      address: 'https://senco.school.local:8443',
      fingerprint: HEX,
    });
  });

  it('does not connect when the policy gives an address without a fingerprint (nothing could be trusted), and says so', () => {
    const settings = inMemorySettings({ schoolServer: { address: 'https://other.example', fingerprint: OTHER } });
    const c = connectionSettings({ schoolServer: 'https://senco.school.local' }, settings);
    expect(c).toEqual({ source: 'policy', address: 'https://senco.school.local', fingerprint: null });
    expect(isConnected(c)).toBe(false);
    expect(connectionView(c).complete).toBe(false);
  });
});

describe('saveConnection: test, then save', () => {
  it('saves a server that answered with the fingerprint given, normalised', async () => {
    const d = deps();
    const r = await saveConnection(d, { session: 'senco-session', address: `${origin}/`, fingerprint: ` ${fingerprint.toLowerCase()} ` });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(d.settings.get('schoolServer')).toEqual({ address: origin, fingerprint: parseFingerprint(fingerprint) });
    if (r.ok) {
      expect(r.value.version).toBe('9.9.9');
      expect(r.value.connection).toEqual({
        source: 'settings',
        address: origin,
        fingerprint: formatFingerprint(parseFingerprint(fingerprint) as string),
        complete: true,
      });
    }
  });

  it('saves nothing when the certificate is not the one given, and says so beside the fingerprint', async () => {
    const d = deps();
    const r = await saveConnection(d, { session: 'senco-session', address: origin, fingerprint: HEX });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('server_untrusted');
      expect(r.error.message).toMatch(/showed a different certificate/);
      expect(r.error.fields?.fingerprint).toBe(r.error.message);
    }
    expect(d.settings.get('schoolServer')).toBeNull();
  });

  it('saves nothing when the server cannot be reached, and says what to check beside the address', async () => {
    const d = deps({ settings: inMemorySettings({ schoolServer: { address: 'https://kept.example', fingerprint: OTHER } }) });
    const r = await saveConnection(d, { session: 'senco-session', address: 'https://127.0.0.1:1', fingerprint });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields?.address).toMatch(/could not be reached/);
    // What was saved before is kept.
    expect(d.settings.get('schoolServer')).toEqual({ address: 'https://kept.example', fingerprint: OTHER });
  });

  it('asks for both fields, beside each, before trying anything', async () => {
    let probed = 0;
    const d = deps({ probe: () => (probed++, Promise.resolve({ ok: true, version: '1', database: 'x' })) });
    const r = await saveConnection(d, { session: 'senco-session', address: '  ', fingerprint: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.error.fields ?? {}).sort()).toEqual(['address', 'fingerprint']);
    expect(probed).toBe(0);
  });

  it('is for the SENCo only: another role, no session or an ended one is refused, and nothing is probed or saved', async () => {
    let probed = 0;
    const d = deps({ probe: () => (probed++, Promise.resolve({ ok: true, version: '1', database: 'x' })) });
    for (const session of ['teacher-session', null, 'ended', 42]) {
      const r = await saveConnection(d, { session, address: origin, fingerprint });
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.error).toMatchObject({ code: 'forbidden', message: 'Only the SENCo can change the school server this desk connects to.' });
    }
    expect(probed).toBe(0);
    expect(d.settings.get('schoolServer')).toBeNull();
  });

  it('cannot change a server IT set in the policy', async () => {
    const d = deps({ policy: { schoolServer: 'https://senco.school.local' } });
    const r = await saveConnection(d, { session: 'senco-session', address: origin, fingerprint });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/IT set the school server/);
    expect((await clearConnection(d, 'senco-session')).ok).toBe(false);
  });
});

describe('clearConnection', () => {
  it('lets the SENCo stop using the saved server; nobody else', async () => {
    const d = deps({ settings: inMemorySettings({ schoolServer: { address: 'https://kept.example', fingerprint: OTHER } }) });
    expect((await clearConnection(d, 'teacher-session')).ok).toBe(false);
    expect(d.settings.get('schoolServer')).not.toBeNull();
    const r = await clearConnection(d, 'senco-session');
    expect(r).toEqual(ok({ source: 'none', address: null, fingerprint: null, complete: true }));
    expect(d.settings.get('schoolServer')).toBeNull();
  });
});

describe('the IPC end', () => {
  it('answers only the app’s own window', async () => {
    const d = deps({ settings: inMemorySettings({ schoolServer: { address: 'https://kept.example', fingerprint: OTHER } }) });
    const stranger = { url: 'https://evil.example/', isTopFrame: true };
    expect(await handleConnection(d, stranger, CONNECTION_GET_CHANNEL, undefined)).toEqual({
      source: 'none',
      address: null,
      fingerprint: null,
      complete: true,
    });
    expect(await handleConnection(d, stranger, CONNECTION_CLEAR_CHANNEL, 'senco-session')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await handleConnection(d, { ...APP, isTopFrame: false }, CONNECTION_SAVE_CHANNEL, {
        session: 'senco-session',
        address: origin,
        fingerprint,
      }),
    ).toMatchObject({ ok: false });
    expect(d.settings.get('schoolServer')).toEqual({ address: 'https://kept.example', fingerprint: OTHER });
    expect(await handleConnection(d, APP, CONNECTION_GET_CHANNEL, undefined)).toEqual({
      source: 'settings',
      address: 'https://kept.example',
      fingerprint: formatFingerprint(OTHER),
      complete: true,
    });
  });
});

describe('roleFromCore', () => {
  it('asks the core (auth.me) with the page’s session, and trusts no answer but a signed-in, unlocked one', async () => {
    const sent: unknown[] = [];
    const core = {
      invoke: (e: unknown) => {
        sent.push(e);
        const s = (e as { session: string }).session;
        if (s === 'ok') return Promise.resolve(ok({ user: { role: 'senco' }, locked: false }));
        if (s === 'locked') return Promise.resolve(ok({ user: { role: 'senco' }, locked: true }));
        return Promise.resolve(fail({ code: 'unauthenticated', message: 'no' }));
      },
    };
    const roleOf = roleFromCore(core);
    expect(await roleOf('ok')).toBe('senco');
    expect(await roleOf('locked')).toBeNull();
    expect(await roleOf('ended')).toBeNull();
    expect(await roleOf(null)).toBeNull();
    expect(sent).toEqual([
      { op: 'auth.me', input: {}, session: 'ok' },
      { op: 'auth.me', input: {}, session: 'locked' },
      { op: 'auth.me', input: {}, session: 'ended' },
    ]);
  });
});
