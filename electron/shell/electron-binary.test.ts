import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ElectronBinary, findElectronBinary, installerReason, prepareElectron, runElectronInstaller } from './electron-binary.cjs';

const made: string[] = [];
function project(opts: { pathTxt?: string; binary?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'senco-electron-bin-'));
  made.push(dir);
  const pkg = join(dir, 'node_modules', 'electron');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), '{"name":"electron"}');
  if (opts.pathTxt !== undefined) writeFileSync(join(pkg, 'path.txt'), opts.pathTxt);
  if (opts.binary) writeFileSync(join(pkg, 'dist', opts.binary), '');
  return dir;
}

afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('findElectronBinary', () => {
  it('reports a missing binary (no path.txt: the download never happened) with a reason', () => {
    const r = findElectronBinary(project(), {});
    expect(r.installed).toBe(false);
    expect(r.installed ? '' : r.reason).toMatch(/not installed/);
  });

  it('reports a path.txt whose executable is missing', () => {
    const r = findElectronBinary(project({ pathTxt: 'electron' }), {});
    expect(r).toMatchObject({ installed: false });
  });

  it('finds the executable named by path.txt', () => {
    const dir = project({ pathTxt: 'electron', binary: 'electron' });
    expect(findElectronBinary(dir, {})).toEqual({ installed: true, path: join(dir, 'node_modules', 'electron', 'dist', 'electron') });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const dir = project();
    const dist = join(dir, 'custom');
    mkdirSync(dist);
    writeFileSync(join(dist, process.platform === 'win32' ? 'electron.exe' : 'electron'), '');
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toMatchObject({ installed: true });
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'nope') })).toMatchObject({ installed: false });
  });

  it('reports a missing electron package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'senco-electron-bin-'));
    made.push(dir);
    expect(findElectronBinary(dir, {})).toMatchObject({ installed: false });
  });
});

/** A project whose node_modules/electron/install.js is `script` (Electron's own is not run in unit tests). */
function withInstaller(script: string): string {
  const dir = project();
  writeFileSync(join(dir, 'node_modules', 'electron', 'install.js'), script);
  return dir;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const missing: ElectronBinary = { installed: false, reason: "Electron's binary is not installed on this machine (path.txt is missing)." };
const present: ElectronBinary = { installed: true, path: '/x/electron' };

describe('prepareElectron: what npm start opens', () => {
  it('opens the desktop app at once when the binary is there, without running the installer', async () => {
    let ran = 0;
    const r = await prepareElectron('/p', {
      env: {},
      find: () => present,
      install: async () => ((ran += 1), { ok: true }),
      log: () => undefined,
    });
    expect(r).toEqual({ desktop: true, path: '/x/electron' });
    expect(ran).toBe(0);
  });

  it('runs the installer when the binary is missing, and opens the desktop app when it succeeds', async () => {
    const finds = [missing, present];
    let ran = 0;
    const r = await prepareElectron('/p', {
      env: {},
      find: () => finds.shift() as ElectronBinary,
      install: async () => ((ran += 1), { ok: true }),
      log: () => undefined,
    });
    expect(ran).toBe(1);
    expect(r).toEqual({ desktop: true, path: '/x/electron' });
  });

  it("falls back only on a real failure, giving the installer's own reason", async () => {
    const r = await prepareElectron('/p', {
      env: {},
      find: () => missing,
      install: async () => ({ ok: false, reason: 'fetch failed (getaddrinfo ENOTFOUND github.com)' }),
      log: () => undefined,
    });
    expect(r).toEqual({
      desktop: false,
      reason: "Electron's binary could not be downloaded: fetch failed (getaddrinfo ENOTFOUND github.com).",
    });
  });

  it('says so when the installer succeeds but no binary appears', async () => {
    const r = await prepareElectron('/p', { env: {}, find: () => missing, install: async () => ({ ok: true }), log: () => undefined });
    expect(r.desktop).toBe(false);
    expect(r.desktop ? '' : r.reason).toMatch(/^Electron's installer finished, but electron's binary is not installed/);
  });

  it('does not download when the package is missing, ELECTRON_OVERRIDE_DIST_PATH is set or ELECTRON_SKIP_BINARY_DOWNLOAD is set', async () => {
    let ran = 0;
    const install = async () => ((ran += 1), { ok: true as const });
    const log = () => undefined;
    const noPackage: ElectronBinary = { installed: false, packageMissing: true, reason: 'The electron package is not installed.' };
    expect(await prepareElectron('/p', { env: {}, find: () => noPackage, install, log })).toEqual({
      desktop: false,
      reason: 'The electron package is not installed.',
    });
    expect(await prepareElectron('/p', { env: { ELECTRON_OVERRIDE_DIST_PATH: '/d' }, find: () => missing, install, log })).toMatchObject({
      desktop: false,
    });
    const skipped = await prepareElectron('/p', { env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, find: () => missing, install, log });
    expect(skipped.desktop ? '' : skipped.reason).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD is set/);
    expect(ran).toBe(0);
    // "0" or "false" means do download.
    await prepareElectron('/p', { env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '0' }, find: () => missing, install, log });
    expect(ran).toBe(1);
  });
});

describe("runElectronInstaller: Electron's installer run as a child", () => {
  it('reports a network failure with its cause, not just "fetch failed"', async () => {
    // As install.js does: fetch, and on failure print err.stack and exit 1. A port just freed refuses.
    const port = await freePort();
    const dir = withInstaller(
      "fetch('http://127.0.0.1:" +
        port +
        "/electron.zip').then(() => process.exit(0)).catch((err) => { console.error(err.stack); process.exit(1); });\n",
    );
    const r = await runElectronInstaller(dir, { env: process.env, output: () => undefined });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toMatch(/^fetch failed \(.*ECONNREFUSED.*\)$/);
  });

  it('opens the desktop app through the real runner when the installer puts the binary in place', async () => {
    const dir = withInstaller(
      "const fs = require('fs'); fs.writeFileSync(__dirname + '/dist/electron', ''); fs.writeFileSync(__dirname + '/path.txt', 'electron'); console.log('installed');\n",
    );
    const out: string[] = [];
    const r = await prepareElectron(dir, { env: {}, log: (s) => out.push(s) });
    expect(r).toEqual({ desktop: true, path: join(dir, 'node_modules', 'electron', 'dist', 'electron') });
    expect(out.join('')).toMatch(/downloading it with Electron's installer/);
  });

  it('reports an installer that fails without a message by its exit code', async () => {
    const dir = withInstaller('process.exit(3);\n');
    expect(await runElectronInstaller(dir, { env: process.env, output: () => undefined })).toEqual({
      ok: false,
      reason: "Electron's installer failed with exit code 3",
    });
  });

  it("takes the reason from the first line of a stack trace, without the error's class", () => {
    const stack = 'TypeError: fetch failed (getaddrinfo ENOTFOUND github.com)\n    at node:internal/deps/undici/undici:14976:13\n';
    expect(installerReason(stack)).toBe('fetch failed (getaddrinfo ENOTFOUND github.com)');
    expect(installerReason('HTTPError: Response code 404 (Not Found) for https://x/y.zip\n')).toBe(
      'Response code 404 (Not Found) for https://x/y.zip',
    );
    expect(installerReason('')).toBe('');
  });
});
