/**
 * The loopback test host: serves the built renderer and the same dispatcher over HTTP, for Playwright in
 * Debian's Chromium and for `npm run web` on machines without a display for Electron. It listens on 127.0.0.1
 * only and requires a random per-run token on every API call, so other local users and web pages cannot use it.
 * It is a development and test tool: electron-builder.yml leaves it out of the packaged app.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Invoker } from '../core/gate';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

export interface TestHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export interface TestHostOptions {
  /** The core's dispatcher, or the gate in front of it (an encrypted database opens at the first sign-in). */
  readonly dispatcher: Invoker;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  readonly port?: number;
  readonly token?: string;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.map': 'application/json',
};

const MAX_BODY = 20 * 1024 * 1024;

/** Resolves a URL path inside `root`, or null when it would escape it (path traversal). */
export function safeJoin(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const target = normalize(join(root, decoded));
  const base = resolve(root);
  return target === base || target.startsWith(base + sep) ? target : null;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1] as string);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startTestHost(opts: TestHostOptions): Promise<TestHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => send(res, 500, 'Internal error', 'text/plain'));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api/invoke') {
      if (req.method !== 'POST') return send(res, 405, 'POST only', 'text/plain');
      if (!tokenMatches(req.headers.authorization, token)) {
        return send(res, 401, JSON.stringify({ ok: false, error: { code: 'unauthenticated', message: 'This page is missing the test host token: open the address the host printed, including ?token=.' } }), 'application/json');
      }
      let envelope: unknown;
      try {
        envelope = JSON.parse(await readBody(req));
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid_input', message: 'The request could not be read. Reload the page and try again.' } }), 'application/json');
      }
      const result = await opts.dispatcher.invoke(envelope);
      return send(res, 200, JSON.stringify(result), 'application/json');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');
    let file = safeJoin(opts.rendererDir, path === '/' ? '/index.html' : path);
    if (!file) return send(res, 404, 'Not found', 'text/plain');
    const info = await stat(file).catch(() => null);
    if (!info || !info.isFile()) {
      // Client-side routes fall back to the app page; missing assets stay 404.
      if (extname(path)) return send(res, 404, 'Not found', 'text/plain');
      file = join(opts.rendererDir, 'index.html');
    }
    const body = await readFile(file).catch(() => null);
    if (!body) return send(res, 404, 'The renderer is not built: run `npm run build` first.', 'text/plain');
    send(res, 200, body, MIME[extname(file)] ?? 'application/octet-stream');
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
