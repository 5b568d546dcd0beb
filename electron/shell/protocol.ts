/**
 * The `app://senco-desk/` protocol that serves the built renderer (dist/renderer) to the window. A custom
 * protocol rather than file:// gives the page a real origin (so the CSP's 'self' means only the app) and lets
 * us refuse anything outside the renderer folder. Electron is only imported for types: the handler takes a
 * fetch-style Request and returns a Response, so it is tested under plain Node against a real folder.
 */
import type { CustomScheme, Protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { APP_SCHEME, isAppUrl } from './security';

/**
 * Registered before the app is ready. `standard` gives relative URLs and an origin, `secure` makes it a secure
 * context; CORS-enabled means other origins would need CORS headers we never send. No bypassCSP.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

export type Resolved = { readonly kind: 'file'; readonly path: string; readonly spaFallback: boolean } | { readonly kind: 'refused' };

/**
 * Maps an app:// URL to a file inside `root`, or refuses it. Refused: other origins, undecodable or NUL-bearing
 * paths, backslashes, any `..` segment after decoding (so `%2e%2e%2f` and `..%2f` are caught even though the
 * URL parser has already removed plain dot segments), and anything that still resolves outside the root.
 * `spaFallback` is true for extension-less paths (client-side routes) and the entry page: when missing they fall
 * back to index.html, or to a page saying the interface is not built.
 */
export function resolveAppPath(root: string, rawUrl: string): Resolved {
  if (!isAppUrl(rawUrl)) return { kind: 'refused' };
  const url = new URL(rawUrl);
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'refused' };
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return { kind: 'refused' };
  const base = resolve(root);
  const rel = segments.length === 0 ? 'index.html' : segments.join('/');
  const target = resolve(base, rel);
  if (!target.startsWith(base + sep)) return { kind: 'refused' };
  return { kind: 'file', path: target, spaFallback: extname(rel) === '' || rel === 'index.html' };
}

function respond(status: number, body: BodyInit | null, type: string): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, 'content-type': type } });
}

const NOT_BUILT_PAGE =
  '<!doctype html><html lang="en-GB"><meta charset="utf-8"><title>SENCo Desk</title>' +
  '<body style="font-family:sans-serif;margin:3rem"><h1>SENCo Desk</h1>' +
  '<p>The interface has not been built. Run <code>npm run build</code> in the project folder, then start the app again.</p></body></html>';

async function isFile(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  return info !== null && info.isFile();
}

/** The request handler: GET and HEAD only, files from `rendererDir`, the CSP on every response. */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed', 'text/plain; charset=utf-8');
    const resolved = resolveAppPath(rendererDir, request.url);
    if (resolved.kind === 'refused') return respond(404, 'Not found', 'text/plain; charset=utf-8');
    let file = resolved.path;
    if (!(await isFile(file))) {
      if (!resolved.spaFallback) return respond(404, 'Not found', 'text/plain; charset=utf-8');
      file = join(resolve(rendererDir), 'index.html');
      if (!(await isFile(file))) return respond(503, NOT_BUILT_PAGE, MIME['.html'] as string);
    }
    const body = await readFile(file);
    return respond(200, request.method === 'HEAD' ? null : new Uint8Array(body), MIME[extname(file)] ?? 'application/octet-stream');
  };
}

/** Must run before `app.whenReady()` resolves. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Runs after ready, on the default session's protocol (the one the window uses). */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
