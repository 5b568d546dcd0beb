/**
 * The loopback test host: serves the built renderer and the same dispatcher over HTTP, for Playwright in
 * Debian's Chromium and for `npm run web` on machines without a display for Electron. It listens on 127.0.0.1
 * only and requires a random per-run token on every API call, so other local users and web pages cannot use it.
 * It is a development and test tool: electron-builder.yml leaves it out of the packaged app.
 *
 * Web pages elsewhere are kept out as well: every request must name this host in its Host header (127.0.0.1:<port>
 * or localhost:<port>), which defeats DNS rebinding (a page whose own name was re-pointed at 127.0.0.1 sends its
 * own name), and an API call that carries an Origin header must come from this host's own pages (a cross-site
 * request always carries one). A request body over MAX_BODY (the contract's largest input: shared/contract/limits.ts)
 * is answered 413 with a JSON message, not dropped.
 *
 * Long work (electron/core/operation.ts) through the core's host: an /api/invoke with an `x-senco-operation` header
 * names the operation; the page polls POST /api/progress {operation} for its latest progress and sends POST
 * /api/cancel {operation} to stop it. Polling rather than server-sent events because EventSource cannot send the
 * Authorization header every API call needs (and the token must not go into a URL), and a progress bar needs only
 * the latest figure: the core's reports still arrive in order at the host, which keeps the newest.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Result } from '../../shared/result';
import { OPERATION_ID } from '../core/host/protocol';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { MAX_REQUEST_BYTES } from '../../shared/contract/limits';

export interface TestHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export interface TestHostOptions {
  /**
   * The core's dispatcher, the gate in front of it (an encrypted database opens at the first sign-in), or the core's
   * host that runs them in a worker thread (what `serve` uses).
   */
  readonly dispatcher: { invoke(envelope: unknown): Promise<Result<unknown>> };
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  readonly port?: number;
  readonly token?: string;
  /** The body limit (default MAX_BODY: the contract's largest input); tests set a small one. */
  readonly maxBody?: number;
  /** The core's host (electron/core/host/core-host.ts), for long work's progress and cancel; absent: not offered. */
  readonly longWork?: LongWorkHost;
}

/** What the browser edition needs of the core's host for long work. */
export interface LongWorkHost {
  invoke(envelope: unknown, opts: { readonly operation: string }): Promise<Result<unknown>>;
  cancel(operation: string): boolean;
  onProgress(
    listener: (operation: string, p: { readonly done: number; readonly total: number; readonly label: string }) => void,
  ): () => void;
}

const API_PATHS: ReadonlySet<string> = new Set(['/api/invoke', '/api/cancel', '/api/progress']);

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

/** The largest request body taken: the largest input the contract allows, in its envelope (a test checks they agree). */
export const MAX_BODY = MAX_REQUEST_BYTES;
/** A body this much over the limit is not read to its end (the connection is closed instead). */
const DRAIN_LIMIT = 16 * 1024 * 1024;

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

class TooLarge extends Error {
  constructor(readonly drained: boolean) {
    super('too large');
  }
}

/**
 * The body as text, or TooLarge. Past the limit the rest is read and discarded (up to DRAIN_LIMIT more), so that the
 * client, still sending, gets the 413 answer rather than a reset connection; beyond that the connection is closed.
 */
function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max + DRAIN_LIMIT) {
        req.removeAllListeners('data');
        reject(new TooLarge(false));
      } else if (size > max) {
        over = true;
        chunks.length = 0;
      } else chunks.push(c);
    });
    req.on('end', () => (over ? reject(new TooLarge(true)) : resolveBody(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

const apiError = (code: string, message: string) => JSON.stringify({ ok: false, error: { code, message } });

/** The names this host answers to: 127.0.0.1 and localhost, on its own port. */
export function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** True when a Host header names this host (case-insensitive, as host names are). */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

/** True when an Origin header, if any, is one of this host's own pages. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true; // Not a browser's cross-site request (those always carry one): the token decides.
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
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

  let port = 0;
  const max = opts.maxBody ?? MAX_BODY;
  // The newest progress of each operation in progress, for the page's polls; dropped when the operation ends.
  const latest = new Map<string, { done: number; total: number; label: string }>();
  const running = new Set<string>();
  const stopListening = opts.longWork?.onProgress((operation, p) => {
    if (running.has(operation)) latest.set(operation, { done: p.done, total: p.total, label: p.label });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const api = API_PATHS.has(path);
    if (!hostAllowed(req.headers.host, port)) {
      const message = `This is the SENCo Desk browser edition, which answers only at http://127.0.0.1:${port}/ or http://localhost:${port}/. The request was for another host name, so it was refused: open one of those addresses instead.`;
      res.setHeader('connection', 'close');
      return api
        ? send(res, 421, apiError('forbidden', message), 'application/json')
        : send(res, 421, message, 'text/plain; charset=utf-8');
    }
    if (api) {
      if (req.method !== 'POST') return send(res, 405, 'POST only', 'text/plain');
      if (!originAllowed(req.headers.origin, port)) {
        return send(
          res,
          403,
          apiError(
            'forbidden',
            `This request came from another web site (${String(req.headers.origin).slice(0, 100)}), so it was refused: SENCo Desk answers only its own pages, at http://127.0.0.1:${port}/.`,
          ),
          'application/json',
        );
      }
      if (!tokenMatches(req.headers.authorization, token)) {
        return send(
          res,
          401,
          apiError('unauthenticated', 'This page is missing the test host token: open the address the host printed, including ?token=.'),
          'application/json',
        );
      }
      const tooLarge = () => {
        res.setHeader('connection', 'close');
        const mb = Math.floor(max / 1024 / 1024);
        send(
          res,
          413,
          apiError(
            'invalid_input',
            `The request is larger than SENCo Desk takes (at most ${mb} MB): nothing was saved. If you were sending a file, choose a smaller one, or ask for it to be split.`,
          ),
          'application/json',
        );
      };
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > max + DRAIN_LIMIT) {
        tooLarge();
        req.destroy();
        return;
      }
      let envelope: unknown;
      try {
        envelope = JSON.parse(await readBody(req, max));
      } catch (err) {
        if (err instanceof TooLarge) {
          tooLarge();
          if (!err.drained) res.on('finish', () => req.destroy());
          return;
        }
        return send(
          res,
          400,
          apiError('invalid_input', 'The request could not be read. Reload the page and try again.'),
          'application/json',
        );
      }
      if (path !== '/api/invoke') return send(res, 200, JSON.stringify(longWork(path, envelope)), 'application/json');
      const operation = req.headers['x-senco-operation'];
      if (operation !== undefined) {
        if (!opts.longWork || typeof operation !== 'string' || !OPERATION_ID.test(operation) || running.has(operation)) {
          return send(
            res,
            400,
            apiError('invalid_input', 'The request could not be read. Reload the page and try again.'),
            'application/json',
          );
        }
        running.add(operation);
        try {
          return send(res, 200, JSON.stringify(await opts.longWork.invoke(envelope, { operation })), 'application/json');
        } finally {
          running.delete(operation);
          latest.delete(operation);
        }
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

  /** /api/progress and /api/cancel: { operation } in, a Result out. */
  function longWork(path: string, body: unknown): Result<unknown> {
    const operation = (body as { operation?: unknown } | null)?.operation;
    if (typeof operation !== 'string' || !OPERATION_ID.test(operation)) {
      return { ok: false, error: { code: 'invalid_input', message: 'The request could not be read. Reload the page and try again.' } };
    }
    if (path === '/api/cancel')
      return { ok: true, value: { cancelled: running.has(operation) && (opts.longWork?.cancel(operation) ?? false) } };
    return { ok: true, value: latest.get(operation) ?? null };
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((r) => {
        stopListening?.();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
