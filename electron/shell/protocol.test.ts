import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, resolveAppPath } from './protocol';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'senco-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  // A secret beside the renderer folder, and one whose name shares the renderer folder's prefix.
  writeFileSync(join(base, 'secret.txt'), 'secret');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'evil');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppPath', () => {
  it('maps app paths into the renderer folder', () => {
    expect(resolveAppPath(root, 'app://senco-desk/')).toEqual({ kind: 'file', path: join(root, 'index.html'), spaFallback: true });
    expect(resolveAppPath(root, 'app://senco-desk/assets/app.js')).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'app.js'),
      spaFallback: false,
    });
    expect(resolveAppPath(root, 'app://senco-desk/pupils/42')).toMatchObject({ kind: 'file', spaFallback: true });
    expect(resolveAppPath(root, 'app://senco-desk/assets/my%20file.js')).toMatchObject({ path: join(root, 'assets', 'my file.js') });
  });

  it.each([
    'app://senco-desk/%2e%2e/secret.txt',
    'app://senco-desk/%2E%2E%2Fsecret.txt',
    'app://senco-desk/..%2fsecret.txt',
    'app://senco-desk/assets/..%2f..%2fsecret.txt',
    'app://senco-desk/..%5csecret.txt',
    'app://senco-desk/assets%5c..%5c..%5csecret.txt',
    'app://senco-desk/../renderer-evil/x.js',
    'app://senco-desk/index.html%00.js',
    'app://senco-desk/%E0%A4%A',
    'app://evil/index.html',
    'app://senco-desk.evil.com/index.html',
    'file:///etc/passwd',
    'https://senco-desk/index.html',
  ])('refuses %s', (url) => {
    const r = resolveAppPath(root, url);
    if (r.kind === 'file') {
      // The URL parser itself removes plain `../` segments: what remains must still be inside the root.
      expect(r.path.startsWith(join(root, '/'))).toBe(true);
      expect(r.path).not.toBe(join(base, 'secret.txt'));
      expect(r.path).not.toBe(join(base, 'renderer-evil', 'x.js'));
    } else {
      expect(r.kind).toBe('refused');
    }
  });
});

describe('createAppProtocolHandler', () => {
  // Node's Request only accepts http(s) URLs, so the handler is exercised through a thin wrapper that keeps the
  // app:// URL: the handler only reads `url` and `method`.
  const call = (url: string, method = 'GET') => createAppProtocolHandler(root)({ url, method } as Request);

  it('serves files with the CSP and a MIME type', async () => {
    const r = await call('app://senco-desk/assets/app.js');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await r.text()).toBe('console.log(1)');
  });

  it('serves index.html for the root and for client-side routes', async () => {
    for (const url of ['app://senco-desk/', 'app://senco-desk/pupils/42']) {
      const r = await call(url);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(await r.text()).toContain('<title>x</title>');
    }
  });

  it('404s missing assets and every traversal attempt, still with the CSP', async () => {
    for (const url of [
      'app://senco-desk/assets/missing.js',
      'app://senco-desk/..%2fsecret.txt',
      'app://senco-desk/%2e%2e/secret.txt',
      'app://evil/index.html',
    ]) {
      const r = await call(url);
      expect(r.status).toBe(404);
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await r.text()).not.toContain('secret');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await call('app://senco-desk/', 'POST')).status).toBe(405);
    const head = await call('app://senco-desk/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('explains, rather than failing blankly, when the renderer is not built', async () => {
    const r = await createAppProtocolHandler(join(base, 'nowhere'))({ url: 'app://senco-desk/', method: 'GET' } as Request);
    expect(r.status).toBe(503);
    expect(await r.text()).toContain('npm run build');
  });

  it('registers app:// as standard and secure, without bypassing the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
  });
});
