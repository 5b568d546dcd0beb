/**
 * The school server's HTTPS front (issue 16, item 1): the core (the same contract, the one dispatcher, the services,
 * in its worker thread: electron/core/host) served to the school network over TLS only. It carries envelopes and
 * nothing else: validation, authorisation and audit stay in the dispatcher, so a desk gets the same answers and leaves
 * the same audit trail as at the desktop. What it adds is what a network service needs:
 *
 *   POST /api/invoke     one envelope ({op, input, session}) → the dispatcher's Result, as JSON. With an
 *                        `x-senco-operation` header, long work that reports progress and can be cancelled.
 *   POST /api/progress   {operation, session} → the latest progress of that operation, started with that session.
 *   POST /api/cancel     {operation, session} → asks it to stop (only the session that started it may).
 *   GET  /health         {status, version, database}: no pupil data and no sign-in, for a load balancer or monitor.
 *                        503 while the database cannot be reached or the server is stopping.
 *
 * TLS only: a plain-HTTP request to the port fails the handshake and gets no data back (no redirect either, which
 * would invite a desk to send a password in the clear first). TLS 1.2 at least.
 * Requests carrying an Origin header (a web page in someone's browser) are refused: the server answers desks, not
 * pages. The session token travels in the body, never in a URL, and no token, input or answer is logged.
 * Graceful stop (`stop()`, on SIGTERM): the server stops accepting connections, answers /health 503 "stopping",
 * finishes every request in flight (up to a limit), then closes the core (which flushes the audit checkpoints).
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOpName } from '../../shared/contract';
import { MAX_REQUEST_BYTES } from '../../shared/contract/limits';
import type { Result } from '../../shared/result';
import { OPERATION_ID } from '../core/host/protocol';
import { tokenHash } from '../core/sign-in-sessions';
import type { Logger } from '../shell/log';
import type { TlsMaterial } from './certificate';

/** What the server needs of the core's host (electron/core/host/core-host.ts). */
export interface ServedCore {
  invoke(envelope: unknown, opts?: { readonly operation?: string }): Promise<Result<unknown>>;
  cancel(operation: string): boolean;
  onProgress(
    listener: (operation: string, p: { readonly done: number; readonly total: number; readonly label: string }) => void,
  ): () => void;
  close(): Promise<void>;
}

export interface SchoolServerOptions {
  readonly core: ServedCore;
  readonly tls: Pick<TlsMaterial, 'cert' | 'key'>;
  readonly port: number;
  /** The address to listen on (default every interface). */
  readonly host?: string;
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** How long a stop waits for requests in flight before closing their connections (default 30 s). */
  readonly shutdownTimeoutMs?: number;
  /** The body limit (default: the contract's largest input, in its envelope). */
  readonly maxBody?: number;
}

export interface SchoolServer {
  readonly port: number;
  /** Stops accepting, finishes requests in flight, closes the core. Safe to call more than once. */
  stop(): Promise<void>;
}

export function serverVersion(): string {
  try {
    // Two folders up from both electron/server (tests) and dist/node (the CLI bundle).
    return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_TYPE,
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'strict-transport-security': 'max-age=31536000',
    ...extra,
  });
  res.end(text);
}

const apiError = (code: string, message: string) => ({ ok: false, error: { code, message } });

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startSchoolServer(opts: SchoolServerOptions): Promise<SchoolServer> {
  const { core, log } = opts;
  const max = opts.maxBody ?? MAX_REQUEST_BYTES;
  const version = serverVersion();
  let stopping: Promise<void> | null = null;
  let inFlight = 0;
  let drained: (() => void) | null = null;
  // Long work: who started it (a hash of their session), and its newest progress for their polls.
  const owners = new Map<string, string>();
  const latest = new Map<string, { done: number; total: number; label: string }>();
  const stopListening = core.onProgress((operation, p) => {
    if (owners.has(operation)) latest.set(operation, { done: p.done, total: p.total, label: p.label });
  });

  const server: Server = createServer(
    {
      cert: opts.tls.cert,
      key: opts.tls.key,
      minVersion: 'TLSv1.2',
      // A connection that sends nothing is not kept waiting for ever.
      requestTimeout: 5 * 60_000,
      headersTimeout: 30_000,
    },
    (req, res) => {
      inFlight++;
      const started = Date.now();
      let op: string | null = null;
      res.on('close', () => {
        inFlight--;
        // One line per request: route, the operation's name (from the contract, never the input), status, time.
        log.info('request', { method: req.method, route: routeOf(req.url), op, status: res.statusCode, ms: Date.now() - started });
        if (inFlight === 0) drained?.();
      });
      // While stopping, each answer closes its connection, so kept-alive connections end too.
      if (stopping) res.setHeader('connection', 'close');
      handle(req, res, (name) => (op = name)).catch((err: unknown) => {
        log.error('request failed', err);
        if (!res.headersSent)
          send(
            res,
            500,
            apiError(
              'internal',
              'The school server could not answer this request. Try again; if it goes on, ask IT to look at the server’s log.',
            ),
          );
        else res.destroy();
      });
    },
  );
  // A plain-HTTP request, or any failed handshake: the socket is closed with nothing sent (Node's default), noted here.
  server.on('tlsClientError', (err: Error & { code?: string }, socket: Socket) => {
    log.warn('refused a connection that did not use TLS or failed its handshake', {
      code: err.code ?? 'unknown',
      origin: socket.remoteAddress ?? null,
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, named: (op: string) => void): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { status: 'error', message: 'GET /health only.' });
      return health(res);
    }
    if (path !== '/api/invoke' && path !== '/api/progress' && path !== '/api/cancel') {
      return send(
        res,
        404,
        apiError('not_found', 'This is the SENCo Desk school server: desks talk to it through /api/invoke, and monitors check /health.'),
      );
    }
    if (req.method !== 'POST') return send(res, 405, apiError('invalid_input', 'POST only.'), { allow: 'POST' });
    if (req.headers.origin !== undefined) {
      return send(
        res,
        403,
        apiError(
          'forbidden',
          'The school server answers SENCo Desk desks, not web pages: this request came from a page in a browser, so it was refused.',
        ),
      );
    }
    if (stopping)
      return send(res, 503, apiError('unavailable', 'The school server is stopping: try again in a moment.'), { 'retry-after': '5' });
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, max));
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        const mb = Math.floor(max / 1024 / 1024);
        return send(
          res,
          413,
          apiError(
            'invalid_input',
            `The request is larger than SENCo Desk takes (at most ${mb} MB): nothing was saved. If you were sending a file, choose a smaller one, or ask for it to be split.`,
          ),
          { connection: 'close' },
        );
      }
      return send(res, 400, apiError('invalid_input', 'The request could not be read: it should be one JSON envelope. Nothing was saved.'));
    }
    const env = body as { op?: unknown; session?: unknown; operation?: unknown } | null;
    const session = env && typeof env === 'object' && typeof env.session === 'string' ? env.session : null;
    if (path === '/api/invoke') {
      if (env && typeof env === 'object' && typeof env.op === 'string' && isOpName(env.op)) named(env.op);
      const operation = req.headers['x-senco-operation'];
      if (operation === undefined) return send(res, 200, await core.invoke(body));
      if (typeof operation !== 'string' || !OPERATION_ID.test(operation) || owners.has(operation) || !session) {
        return send(
          res,
          400,
          apiError(
            'invalid_input',
            'The long-running request could not be started: its operation id is missing, malformed or already in use. Nothing was saved.',
          ),
        );
      }
      owners.set(operation, tokenHash(session));
      try {
        return send(res, 200, await core.invoke(body, { operation }));
      } finally {
        owners.delete(operation);
        latest.delete(operation);
      }
    }
    // Progress and cancel: only for the session that started the operation (the ids are chosen by desks).
    const operation = env && typeof env === 'object' ? env.operation : undefined;
    if (typeof operation !== 'string' || !OPERATION_ID.test(operation) || !session) {
      return send(res, 200, apiError('invalid_input', 'The request could not be read: it needs the operation id and your session.'));
    }
    const own = owners.get(operation) === tokenHash(session);
    if (path === '/api/cancel') return send(res, 200, { ok: true, value: { cancelled: own && core.cancel(operation) } });
    return send(res, 200, { ok: true, value: own ? (latest.get(operation) ?? null) : null });
  }

  /** ok when the core answers a question that needs the database (setup.status reads the school's row). */
  async function health(res: ServerResponse): Promise<void> {
    if (stopping) return send(res, 503, { status: 'stopping', version, database: 'unknown' }, { 'retry-after': '5' });
    let answer: Result<unknown>;
    try {
      answer = await core.invoke({ op: 'setup.status', input: {} });
    } catch {
      answer = { ok: false, error: { code: 'internal', message: '' } };
    }
    if (!answer.ok) return send(res, 503, { status: 'unavailable', version, database: 'unreachable' });
    const s = answer.value as { needsSetup: boolean; schoolName: string | null; locked?: boolean };
    // An encrypted SQLite folder opens at the first sign-in (its key is wrapped by the users' passwords). (A trust's
    // server names no school before sign-in, so the name alone does not say whether the database is open.)
    const database = s.needsSetup ? 'reachable (not set up yet)' : s.locked ? 'locked until the first sign-in' : 'reachable';
    return send(res, 200, { status: 'ok', version, database });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;

  const stop = (): Promise<void> => {
    if (stopping) return stopping;
    stopping = (async () => {
      log.info('stopping', { reason: 'asked to stop', count: inFlight });
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const limit = opts.shutdownTimeoutMs ?? 30_000;
      if (inFlight > 0) {
        const finished = await Promise.race([
          new Promise<boolean>((resolve) => (drained = () => resolve(true))),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), limit).unref()),
        ]);
        if (!finished) log.warn('stopping without waiting longer for requests in flight', { count: inFlight, ms: limit });
      }
      server.closeAllConnections();
      await closed;
      stopListening();
      await core.close();
      log.info('stopped', {});
    })();
    return stopping;
  };

  return { port, stop };
}

/** The route for the log: one of the server's own paths, never what else a request asked for. */
function routeOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0];
  return path === '/health' || path === '/api/invoke' || path === '/api/progress' || path === '/api/cancel' ? path : 'other';
}
