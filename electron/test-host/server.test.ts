/**
 * The browser edition's HTTP transport: only its own host names (DNS rebinding), only its own pages' API calls
 * (an Origin from elsewhere is refused), and a body over the limit answered 413 with a JSON message rather than a
 * dropped connection. The limit itself agrees with the contract (electron/core/contract-limits.test.ts).
 */
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './server';

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** One request with exactly these headers (fetch cannot set Host). */
function call(
  port: number,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: opts.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('the browser edition (test host)', () => {
  let host: TestHost;
  let dir: string;
  const seen: unknown[] = [];
  const LIMIT = 64 * 1024;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'senco-host-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>SENCo Desk</title>');
    host = await startTestHost({
      dispatcher: { invoke: async (envelope) => (seen.push(envelope), { ok: true, value: 'done' }) },
      rendererDir: dir,
      maxBody: LIMIT,
    });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const api = (headers: Record<string, string>, body: string | Buffer = JSON.stringify({ op: 'setup.status', input: {} })) =>
    call(host.port, {
      method: 'POST',
      path: '/api/invoke',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}`, ...headers },
      body,
    });

  it('answers at 127.0.0.1:<port> and localhost:<port>, and refuses any other Host (DNS rebinding)', async () => {
    for (const name of [`127.0.0.1:${host.port}`, `localhost:${host.port}`, `LOCALHOST:${host.port}`]) {
      expect((await call(host.port, { headers: { host: name } })).status).toBe(200);
      expect((await api({ host: name })).status).toBe(200);
    }
    for (const name of [
      `evil.example:${host.port}`,
      'evil.example',
      '127.0.0.1',
      `127.0.0.1:${host.port + 1}`,
      `127.0.0.1.evil.example:${host.port}`,
    ]) {
      const page = await call(host.port, { headers: { host: name } });
      expect(page.status).toBe(421);
      expect(page.body).toContain(`answers only at http://127.0.0.1:${host.port}/ or http://localhost:${host.port}/`);
      const before = seen.length;
      const refused = await api({ host: name });
      expect(refused.status).toBe(421);
      expect(JSON.parse(refused.body)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringMatching(/another host name, so it was refused/) },
      });
      expect(seen.length).toBe(before);
    }
  });

  it('refuses an API call from another web site (its Origin), and takes its own pages’ and non-browser calls', async () => {
    expect((await api({ host: `127.0.0.1:${host.port}`, origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
    expect((await api({ host: `localhost:${host.port}`, origin: `http://localhost:${host.port}` })).status).toBe(200);
    expect((await api({ host: `127.0.0.1:${host.port}` })).status).toBe(200);
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${host.port + 1}`, `https://127.0.0.1:${host.port}`]) {
      const before = seen.length;
      const r = await api({ host: `127.0.0.1:${host.port}`, origin });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringMatching(/came from another web site/) },
      });
      expect(seen.length).toBe(before);
    }
  });

  it('answers a body over the limit with 413 and a JSON message, then carries on', async () => {
    const big = JSON.stringify({ op: 'pupils.list', input: { q: 'x'.repeat(LIMIT) } });
    const before = seen.length;
    const r = await api({ host: `127.0.0.1:${host.port}` }, big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/^The request is larger than SENCo Desk takes \(at most \d+ MB\): nothing was saved\./),
      },
    });
    expect(seen.length).toBe(before);
    // Exactly at the limit is taken.
    const fits = JSON.stringify({ op: 'pupils.list', input: { q: 'x'.repeat(LIMIT - 40) } });
    expect(Buffer.byteLength(fits)).toBeLessThanOrEqual(LIMIT);
    expect((await api({ host: `127.0.0.1:${host.port}` }, fits)).status).toBe(200);
  });
});

describe('the browser edition: long work (progress polls and cancel)', () => {
  it('runs an operation named in x-senco-operation, answers polls with its newest progress, and passes a cancel on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'senco-host-'));
    let report: ((op: string, p: { done: number; total: number; label: string }) => void) | null = null;
    let release: ((r: { ok: false; error: { code: 'cancelled'; message: string } }) => void) | null = null;
    const cancels: string[] = [];
    const host = await startTestHost({
      dispatcher: { invoke: async () => ({ ok: true, value: 'plain' }) },
      longWork: {
        invoke: (_envelope, { operation }) =>
          new Promise((resolve) => {
            report!(operation, { done: 1, total: 4, label: 'gathering' });
            report!(operation, { done: 2, total: 4, label: 'building' });
            release = resolve;
          }),
        cancel: (op) => {
          cancels.push(op);
          release?.({ ok: false, error: { code: 'cancelled', message: 'Cancelled: nothing was saved.' } });
          return true;
        },
        onProgress: (l) => {
          report = l;
          return () => (report = null);
        },
      },
      rendererDir: dir,
    });
    const headers = { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', authorization: `Bearer ${host.token}` };
    const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
      call(host.port, { method: 'POST', path, headers: { ...headers, ...extra }, body: JSON.stringify(body) });
    try {
      const running = post('/api/invoke', { op: 'reviews.pack', input: {} }, { 'x-senco-operation': 'op-1' });
      // Poll until the newest progress shows (the invoke above has reached the core).
      let progress: unknown = null;
      for (let i = 0; i < 50 && progress === null; i++) {
        progress = JSON.parse((await post('/api/progress', { operation: 'op-1' })).body).value;
        if (progress === null) await new Promise((r) => setTimeout(r, 20));
      }
      expect(progress).toEqual({ done: 2, total: 4, label: 'building' });
      // A second call with the same id while it runs is refused; so is an id that is not plain.
      expect((await post('/api/invoke', { op: 'reviews.pack', input: {} }, { 'x-senco-operation': 'op-1' })).status).toBe(400);
      expect((await post('/api/invoke', { op: 'reviews.pack', input: {} }, { 'x-senco-operation': '../x' })).status).toBe(400);
      // Progress and cancel need the token like every API call.
      expect(
        (await call(host.port, { method: 'POST', path: '/api/cancel', headers: { host: headers.host }, body: '{"operation":"op-1"}' }))
          .status,
      ).toBe(401);
      expect(JSON.parse((await post('/api/cancel', { operation: 'op-1' })).body)).toEqual({ ok: true, value: { cancelled: true } });
      const done = await running;
      expect(JSON.parse(done.body)).toEqual({ ok: false, error: { code: 'cancelled', message: 'Cancelled: nothing was saved.' } });
      expect(cancels).toEqual(['op-1']);
      // Finished: no progress left, and nothing to cancel.
      expect(JSON.parse((await post('/api/progress', { operation: 'op-1' })).body)).toEqual({ ok: true, value: null });
      expect(JSON.parse((await post('/api/cancel', { operation: 'op-1' })).body)).toEqual({ ok: true, value: { cancelled: false } });
      // Without the header, the ordinary dispatcher answers.
      expect(JSON.parse((await post('/api/invoke', { op: 'setup.status', input: {} })).body)).toEqual({ ok: true, value: 'plain' });
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
