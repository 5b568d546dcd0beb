/**
 * HTTPS to the school server with its certificate pinned (issue 16, item 2). A school's server usually has a
 * self-signed certificate (electron/server/certificate.ts), which no certificate authority vouches for: the desk
 * trusts exactly the certificate whose SHA-256 fingerprint IT or the SENCo gave it, and nothing else. The check is
 * made when the TLS handshake has finished and BEFORE a byte of the request is written (the agent hands the socket to
 * the request only once its certificate matched), so a password never reaches an impostor.
 *
 * A server with a certificate from a public authority is pinned the same way: the fingerprint is what is trusted.
 */
import { Agent, request, type RequestOptions } from 'node:https';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';

/** A fingerprint as 64 hexadecimal digits, upper case, or null when the text is not one. Accepts "AB:CD:…", "sha256/ABCD…", spaces. */
export function parseFingerprint(text: string): string | null {
  const hex = text
    .trim()
    .replace(/^sha-?256[:/ ]?/i, '')
    .replace(/[\s:]/g, '')
    .toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex : null;
}

/** "AB:CD:…", as `senco-desk server` prints it. */
export function formatFingerprint(hex: string): string {
  return (hex.match(/../g) ?? []).join(':');
}

/** The server's address as a URL (https only, no user or password, no path), or null. */
export function parseServerAddress(text: string): URL | null {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.username !== '' || u.password !== '' || u.hostname === '') return null;
  if ((u.pathname !== '/' && u.pathname !== '') || u.search !== '' || u.hash !== '') return null;
  return new URL(u.origin);
}

/** The server could not be reached (refused, no route, timed out, closed): the desk goes offline. */
export class ServerUnreachable extends Error {
  constructor(readonly reason: string) {
    super(`The school server could not be reached (${reason}).`);
    this.name = 'ServerUnreachable';
  }
}

/** The server answered with a certificate other than the pinned one: nothing was sent to it. */
export class ServerUntrusted extends Error {
  constructor(
    readonly expected: string,
    readonly seen: string | null,
  ) {
    super(
      `The school server's certificate is not the one this desk trusts (expected ${formatFingerprint(expected)}, it showed ${seen ? formatFingerprint(seen) : 'none'}).`,
    );
    this.name = 'ServerUntrusted';
  }
}

/** An https.Agent that hands a socket to a request only once the server's certificate has the pinned fingerprint. */
class PinnedAgent extends Agent {
  constructor(private readonly fingerprint: string) {
    super({ keepAlive: true, maxSockets: 16 });
  }

  // Node's Agent waits for the callback when createConnection returns nothing (http's Agent#createSocket).
  override createConnection(options: RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const done = callback ?? (() => undefined);
    const socket: TLSSocket = connect({ ...(options as ConnectionOptions), rejectUnauthorized: false });
    let settled = false;
    const settle = (err: Error | null) => {
      if (settled) return;
      settled = true;
      socket.off('error', onError);
      if (err) {
        socket.destroy();
        done(err, socket);
      } else done(null, socket);
    };
    const onError = (err: Error) => settle(err);
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const seen = cert && typeof cert.fingerprint256 === 'string' ? parseFingerprint(cert.fingerprint256) : null;
      settle(seen === this.fingerprint ? null : new ServerUntrusted(this.fingerprint, seen));
    });
    return undefined;
  }
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

export interface PinnedResponse {
  readonly status: number;
  readonly body: unknown;
}

/** Requests to one school server, its certificate pinned. Errors: ServerUnreachable, ServerUntrusted. */
export class PinnedClient {
  readonly origin: URL;
  private readonly agent: PinnedAgent;

  constructor(
    address: URL | string,
    readonly fingerprint: string,
    private readonly timeoutMs = 30_000,
  ) {
    const url = typeof address === 'string' ? parseServerAddress(address) : address;
    if (!url) throw new Error(`Not a school server address: ${String(address)}`);
    const fp = parseFingerprint(fingerprint);
    if (!fp) throw new Error('Not a certificate fingerprint: it should be 64 hexadecimal digits.');
    this.origin = url;
    this.fingerprint = fp;
    this.agent = new PinnedAgent(fp);
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}, timeoutMs = this.timeoutMs): Promise<PinnedResponse> {
    return this.send('POST', path, JSON.stringify(body), headers, timeoutMs);
  }

  get(path: string, timeoutMs = this.timeoutMs): Promise<PinnedResponse> {
    return this.send('GET', path, null, {}, timeoutMs);
  }

  close(): void {
    this.agent.destroy();
  }

  private send(
    method: string,
    path: string,
    text: string | null,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<PinnedResponse> {
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, this.origin),
        {
          method,
          agent: this.agent,
          headers: {
            accept: 'application/json',
            ...(text !== null ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (err) => reject(toConnectError(err)));
          res.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            let body: unknown = null;
            try {
              body = raw ? JSON.parse(raw) : null;
            } catch {
              body = null;
            }
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new ServerUnreachable(`no answer within ${Math.round(timeoutMs / 1000)} seconds`)));
      req.on('error', (err) => reject(toConnectError(err)));
      if (text !== null) req.write(text);
      req.end();
    });
  }
}

function toConnectError(err: unknown): Error {
  if (err instanceof ServerUntrusted || err instanceof ServerUnreachable) return err;
  const code = (err as { code?: string } | null)?.code;
  if (code && UNREACHABLE.has(code)) return new ServerUnreachable(code);
  const message = err instanceof Error ? err.message : String(err);
  if (/socket hang up|ECONNRESET|EPIPE/.test(message)) return new ServerUnreachable(message);
  return err instanceof Error ? new ServerUnreachable(message) : new ServerUnreachable(String(err));
}

export type ProbeResult =
  | { readonly ok: true; readonly version: string; readonly database: string }
  | { readonly ok: false; readonly code: 'unreachable' | 'untrusted' | 'not_senco'; readonly message: string };

/**
 * Asks a server's /health, its certificate pinned: what Settings does before saving a connection, with a plain
 * message for each way it can fail.
 */
export async function probeServer(address: string, fingerprint: string, timeoutMs = 10_000): Promise<ProbeResult> {
  const url = parseServerAddress(address);
  if (!url)
    return {
      ok: false,
      code: 'not_senco',
      message: `“${address.slice(0, 200)}” is not a school server address: it should look like https://senco-server.school.local:8443 (https, the server's name, its port).`,
    };
  const fp = parseFingerprint(fingerprint);
  if (!fp)
    return {
      ok: false,
      code: 'untrusted',
      message:
        'The certificate fingerprint should be 64 letters and digits (0–9, A–F), as `senco-desk server` printed it; colons and spaces may be left in.',
    };
  const client = new PinnedClient(url, fp, timeoutMs);
  try {
    const res = await client.get('/health', timeoutMs);
    const b = res.body as { status?: unknown; version?: unknown; database?: unknown } | null;
    if (!b || typeof b.status !== 'string' || typeof b.version !== 'string') {
      return {
        ok: false,
        code: 'not_senco',
        message: `${url.origin} answered, but it is not a SENCo Desk school server. Check the address with IT.`,
      };
    }
    return { ok: true, version: b.version, database: typeof b.database === 'string' ? b.database : 'unknown' };
  } catch (err) {
    if (err instanceof ServerUntrusted) {
      return {
        ok: false,
        code: 'untrusted',
        message: `The server at ${url.origin} showed a different certificate from the fingerprint you entered, so nothing was sent to it. It showed ${err.seen ? formatFingerprint(err.seen) : 'no certificate'}. Check the fingerprint with IT (\`senco-desk server init-cert\` prints it); if the server's certificate was renewed, enter the new one.`,
      };
    }
    return {
      ok: false,
      code: 'unreachable',
      message: `The school server at ${url.origin} could not be reached (${err instanceof Error ? err.message.replace(/^The school server could not be reached \((.*)\)\.$/, '$1') : String(err)}). Check the address, that this computer is on the school network, and that the server is running.`,
    };
  } finally {
    client.close();
  }
}
