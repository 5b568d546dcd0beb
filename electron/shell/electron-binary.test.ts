import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary } from './electron-binary.cjs';

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
