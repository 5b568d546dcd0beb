/**
 * The school server (issue 16, item 1), as real `senco-desk server` processes (the built CLI: run
 * `npm run build:node` first) and, for the graceful stop, the same server in this process around a real core.
 *
 * - HTTPS only: a plain-HTTP request to the port gets no data at all; the fingerprint printed at start is the
 *   certificate served (checked on the TLS connection itself); the certificate and key are owner-only files.
 * - Sign-in and operations over HTTPS give the same answers and leave the same audit trail as the desktop's core
 *   (the same calls made to an in-process core, compared).
 * - /health: status, version and the database, no pupil data, no sign-in; 503 while stopping.
 * - Two server processes on one PostgreSQL database: sign in through one, carry on through the other; the audit
 *   trail verifies after writes through both at once (skipped, with the reason printed, without SENCO_TEST_PG_URL).
 * - Graceful stop: a request in flight when the stop is asked completes; new connections are refused; SIGTERM ends
 *   the process with exit code 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { DataSource } from 'typeorm';
import { CoreHost } from '../core/host/core-host';
import { signInFailedMessage } from '../core/lockout';
import { openTestCore, PG_URL, pupilInput, SCHOOL, SENCO_USER, describeOnPostgres } from '../core/testing/harness';
import { makeUpn } from '../../shared/upn';
import { tempDir } from '../cli/test-support';
import { ensureSelfSigned, makeSelfSignedCertificate } from './certificate';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { startSchoolServer, type ServedCore } from './server';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'senco-desk.cjs');
const built = join(root, 'dist', 'node', 'cli.cjs');
const workerFile = join(root, 'dist', 'node', 'core-worker.cjs');

interface Started {
  readonly url: string;
  readonly port: number;
  readonly fingerprint: string;
  readonly certificate: string;
  readonly child: ChildProcess;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

const temps: { remove(): void }[] = [];
afterAll(() => temps.forEach((t) => t.remove()));

async function startServer(data: string, env: Record<string, string> = {}, extra: readonly string[] = []): Promise<Started> {
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build:node\` before these tests`);
  const child = spawn(process.execPath, [bin, 'server', '--data', data, '--port', '0', '--listen', '127.0.0.1', '--json', ...extra], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  onTestFinished(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  });
  let out = '';
  const first = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    void exited.then((code) => reject(new Error(`the server exited (${String(code)}) before starting:\n${err}`)));
  });
  let info: Omit<Started, 'child' | 'stderr' | 'exited'>;
  try {
    info = JSON.parse(first) as typeof info;
  } catch {
    // Not the address: the server refused to start and printed why (as a JSON document over several lines).
    // Everything it said, so that the failure names its cause.
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    throw new Error(`the server did not start; it printed:\n${out}\n${err}`);
  }
  return { ...info, child, stderr: () => err, exited };
}

interface Answer {
  readonly status: number;
  readonly json: unknown;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** One HTTPS request, trusting only the server's own certificate (as a desk that pinned it). */
function https(
  port: number,
  ca: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        ca,
        headers: { ...(text ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) } : {}), ...headers },
      },
      (res) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: data ? JSON.parse(data) : null, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

function client(s: Pick<Started, 'port' | 'certificate'>) {
  const ca = readFileSync(s.certificate, 'utf8');
  return async (op: string, input: unknown = {}, session?: string | null) =>
    (await https(s.port, ca, 'POST', '/api/invoke', { op, input, ...(session ? { session } : {}) })).json as {
      ok: boolean;
      value?: unknown;
      error?: { code: string; message: string };
    };
}

describe('senco-desk server (HTTPS, SQLite, encrypted)', () => {
  it('answers over TLS only: plain HTTP gets no data; the fingerprint printed is the certificate served; the key is owner-only', async () => {
    const tmp = tempDir('senco-server-');
    temps.push(tmp);
    const s = await startServer(join(tmp.dir, 'data'));
    // A plain-HTTP request: the connection closes without one byte of answer.
    const plain = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const sock = netConnect(s.port, '127.0.0.1', () => sock.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
      sock.on('data', (c: Buffer) => chunks.push(c));
      sock.on('close', () => resolve(Buffer.concat(chunks)));
      sock.on('error', reject);
    });
    expect(plain.length).toBe(0);
    // The certificate on the wire is the one whose fingerprint was printed (and the one in the data folder).
    const served = await new Promise<string>((resolve, reject) => {
      const sock = tlsConnect({ host: '127.0.0.1', port: s.port, rejectUnauthorized: false }, () => {
        resolve(sock.getPeerCertificate().fingerprint256);
        sock.end();
      });
      sock.on('error', reject);
    });
    expect(served).toBe(s.fingerprint);
    expect(new X509Certificate(readFileSync(s.certificate)).fingerprint256).toBe(s.fingerprint);
    expect(s.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    if (process.platform !== 'win32') {
      for (const f of [s.certificate, join(tmp.dir, 'data', 'server', 'server-key.pem')]) expect(statSync(f).mode & 0o777).toBe(0o600);
      expect(statSync(join(tmp.dir, 'data', 'server')).mode & 0o777).toBe(0o700);
    }
    // A request from a web page (an Origin header) is refused.
    const ca = readFileSync(s.certificate, 'utf8');
    const fromPage = await https(s.port, ca, 'POST', '/api/invoke', { op: 'setup.status', input: {} }, { origin: 'https://example.org' });
    expect(fromPage.status).toBe(403);
  });

  it('signs in and works over HTTPS with the same answers and the same audit trail as the desktop; health says ok without pupil data', async () => {
    const tmp = tempDir('senco-server-');
    temps.push(tmp);
    const s = await startServer(join(tmp.dir, 'data'));
    const ca = readFileSync(s.certificate, 'utf8');
    const health0 = await https(s.port, ca, 'GET', '/health');
    expect(health0).toMatchObject({
      status: 200,
      json: { status: 'ok', version: expect.any(String), database: expect.stringMatching(/^reachable/) },
    });

    // The same calls to the server and to a desktop core in this process.
    // Encrypted, as the server's SQLite folder is.
    const desktop = await openTestCore('sqlite', undefined, { encrypted: true });
    onTestFinished(() => desktop.cleanup());
    const local = async (op: string, input: unknown = {}, session?: string | null) =>
      (await desktop.dispatcher.invoke({ op, input, ...(session ? { session } : {}) })) as {
        ok: boolean;
        value?: unknown;
        error?: { code: string; message: string };
      };
    const remote = client(s);

    async function script(call: typeof remote) {
      const answers: unknown[] = [];
      const setup = await call('setup.initialise', { school: SCHOOL, user: SENCO_USER });
      answers.push(setup.ok);
      answers.push(await call('auth.signIn', { username: SENCO_USER.username, password: 'not the password' }));
      answers.push(await call('pupils.list', {}));
      const signedIn = await call('auth.signIn', { username: SENCO_USER.username, password: SENCO_USER.password });
      const senco = (signedIn.value as { session: string }).session;
      const pupil = await call('pupils.create', pupilInput(), senco);
      const pupilId = (pupil.value as { id: string }).id;
      answers.push(await call('pupils.create', pupilInput(), senco)); // the same UPN again: refused
      answers.push(await call('pupils.create', { ...pupilInput({ upn: makeUpn(801, 2001, 19, 7) }), dateOfBirth: '31/02/2015' }, senco));
      await call(
        'users.create',
        { displayName: 'Tess Therapist', username: 'tess', role: 'therapist', password: 'first long password' },
        senco,
      );
      const tess = ((await call('auth.signIn', { username: 'tess', password: 'first long password' })).value as { session: string })
        .session;
      answers.push(await call('pupils.get', { id: pupilId }, tess)); // outside her caseload
      answers.push(((await call('pupils.get', { id: pupilId }, senco)).value as { legalFirstName: string }).legalFirstName);
      const audit = (await call('audit.list', { pageSize: 100 }, senco)).value as {
        rows: {
          operation: string;
          outcome: string;
          actor: string;
          role: string | null;
          detail: string | null;
          pupilName?: string | null;
        }[];
      };
      const trail = audit.rows.map((r) => ({ operation: r.operation, outcome: r.outcome, actor: r.actor, role: r.role, detail: r.detail }));
      const verified = (await call('audit.verify', {}, senco)).value as { ok: boolean };
      return { answers, trail, verified: verified.ok };
    }

    const overHttps = await script(remote);
    const atDesktop = await script(local);
    expect(overHttps.answers).toEqual(atDesktop.answers);
    expect(overHttps.trail).toEqual(atDesktop.trail);
    expect(overHttps.verified).toBe(true);
    // What the answers were (so that two equally wrong runs cannot pass).
    expect(overHttps.answers[1]).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: signInFailedMessage() } });
    expect(overHttps.answers[2]).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(overHttps.answers[5]).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(overHttps.trail.some((r) => r.operation === 'pupils.get' && r.outcome === 'refused')).toBe(true);

    // Health: no pupil's name, no school name, nothing but the three fields.
    const health = await https(s.port, ca, 'GET', '/health');
    expect(Object.keys(health.json as object).sort()).toEqual(['database', 'status', 'version']);
    expect(JSON.stringify(health.json)).not.toContain('Amara');
    // The log holds no pupil data or tokens either.
    const log = s.stderr() + readFileSync(join(tmp.dir, 'data', 'server', 'logs', 'main.log'), 'utf8');
    expect(log).toContain('op=pupils.create');
    for (const secret of ['Amara', 'Testington', SENCO_USER.password, 'first long password']) expect(log).not.toContain(secret);
  });

  it('serves the school’s own certificate (--cert, --key) and prints its fingerprint; one without the other is a usage error', async () => {
    const tmp = tempDir('senco-server-');
    temps.push(tmp);
    const own = makeSelfSignedCertificate(['127.0.0.1']);
    writeFileSync(join(tmp.dir, 'school.pem'), own.cert);
    writeFileSync(join(tmp.dir, 'school.key'), own.key, { mode: 0o600 });
    const s = await startServer(join(tmp.dir, 'data'), { SENCO_ENCRYPT: '0' }, [
      '--cert',
      join(tmp.dir, 'school.pem'),
      '--key',
      join(tmp.dir, 'school.key'),
    ]);
    expect(s.fingerprint).toBe(new X509Certificate(own.cert).fingerprint256);
    expect(await https(s.port, own.cert, 'GET', '/health')).toMatchObject({ status: 200, json: { status: 'ok' } });
    const half = spawnSync(process.execPath, [bin, 'server', '--data', join(tmp.dir, 'data'), '--cert', join(tmp.dir, 'school.pem')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(half.status).toBe(2);
    expect(half.stderr).toMatch(/Give both --cert and --key/);
  });

  it('SIGTERM: the process ends with exit code 0 after closing the database', async () => {
    const tmp = tempDir('senco-server-');
    temps.push(tmp);
    const s = await startServer(join(tmp.dir, 'data'));
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.stderr()).toMatch(/INFO\s+stopped/);
  });
});

describe('graceful stop', () => {
  it('finishes a request in flight, refuses new connections, then closes the core', async () => {
    if (!existsSync(workerFile)) throw new Error(`${workerFile} is missing: run \`npm run build:node\` before these tests`);
    const tmp = tempDir('senco-server-');
    temps.push(tmp);
    const data = join(tmp.dir, 'data');
    const tls = ensureSelfSigned(data, { names: ['127.0.0.1'] });
    const host = await CoreHost.start({ dataDir: data, env: { SENCO_ENCRYPT: '0' }, workerFile, sharedSessions: true });
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let arrived!: () => void;
    const inFlight = new Promise<void>((r) => (arrived = r));
    // The real core, with setup.status held until the test lets it go (so the stop comes while it is in flight).
    const core: ServedCore = {
      invoke: async (envelope, opts) => {
        if ((envelope as { op?: string }).op === 'setup.status') {
          arrived();
          await held;
        }
        const r = await host.invoke(envelope, opts);
        events.push('answered');
        return r;
      },
      cancel: (op) => host.cancel(op),
      onProgress: (l) => host.onProgress(l),
      close: async () => {
        events.push('core closed');
        await host.close();
      },
    };
    const lines: string[] = [];
    const log = { info: (e: string) => lines.push(e), warn: (e: string) => lines.push(e), error: (e: string) => lines.push(e) };
    const server = await startSchoolServer({ core, tls, port: 0, host: '127.0.0.1', log });
    const pending = https(server.port, tls.cert, 'POST', '/api/invoke', { op: 'setup.status', input: {} });
    await inFlight;
    const stopped = server.stop();
    // New connections are refused at once.
    await expect(https(server.port, tls.cert, 'GET', '/health')).rejects.toThrow(/ECONNREFUSED/);
    expect(events).toEqual([]);
    release();
    const answer = await pending;
    expect(answer).toMatchObject({ status: 200, json: { ok: true, value: { needsSetup: true } } });
    await stopped;
    expect(events).toEqual(['answered', 'core closed']);
  });
});

describe('health', () => {
  it('is 503 "unreachable" when the core cannot reach the database, with nothing else said', async () => {
    const tmp = tempDir('senco-server-');
    temps.push(tmp);
    const tls = ensureSelfSigned(join(tmp.dir, 'data'), { names: ['127.0.0.1'] });
    const core: ServedCore = {
      // What the dispatcher answers when the store fails (a lost PostgreSQL connection).
      invoke: async () => ({
        ok: false,
        error: { code: 'internal', message: 'Something went wrong at 05:20 (connection refused to db.example).' },
      }),
      cancel: () => false,
      onProgress: () => () => undefined,
      close: async () => undefined,
    };
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const server = await startSchoolServer({ core, tls, port: 0, host: '127.0.0.1', log });
    onTestFinished(() => server.stop());
    const health = await https(server.port, tls.cert, 'GET', '/health');
    expect(health).toMatchObject({ status: 503, json: { status: 'unavailable', database: 'unreachable' } });
    expect(JSON.stringify(health.json)).not.toContain('db.example');
  });
});

describeOnPostgres('two server processes on one PostgreSQL', () => {
  it('sign in through one and carry on through the other; the audit trail verifies after writes through both at once', async () => {
    const schema = `t_srv_${randomBytes(5).toString('hex')}`;
    const admin = new DataSource({ type: 'postgres', url: PG_URL });
    await admin.initialize();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    onTestFinished(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.destroy();
    });
    const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const tmp = tempDir('senco-server-');
    temps.push(tmp);
    // Each process has its own data folder (its own certificate and log); the database is the one they share.
    const a = await startServer(join(tmp.dir, 'a'), { SENCO_DATABASE_URL: url });
    const b = await startServer(join(tmp.dir, 'b'), { SENCO_DATABASE_URL: url });
    const viaA = client(a);
    const viaB = client(b);
    expect((await viaA('setup.initialise', { school: SCHOOL, user: SENCO_USER })).ok).toBe(true);
    const signedIn = await viaA('auth.signIn', { username: SENCO_USER.username, password: SENCO_USER.password });
    const session = (signedIn.value as { session: string }).session;
    expect(await viaB('auth.me', {}, session)).toMatchObject({ ok: true, value: { user: { username: SENCO_USER.username } } });
    const writes = Array.from({ length: 12 }, (_, i) =>
      (i % 2 ? viaA : viaB)('pupils.create', pupilInput({ upn: makeUpn(801, 2001, 19, 200 + i) }), session),
    );
    expect((await Promise.all(writes)).filter((r) => !r.ok)).toEqual([]);
    expect(await viaA('pupils.list', {}, session)).toMatchObject({ ok: true, value: { total: 12 } });
    expect(await viaB('audit.verify', {}, session)).toMatchObject({ ok: true, value: { ok: true, firstBroken: null } });
    // Signed out through B: over for A too.
    expect((await viaB('auth.signOut', {}, session)).ok).toBe(true);
    expect(await viaA('auth.me', {}, session)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // The tables are in the test's own schema (not public).
    const tables = (await admin.query(
      `SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'sign_in_session'`,
      [schema],
    )) as { n: string }[];
    expect(Number(tables[0]?.n)).toBe(1);
  });
});
