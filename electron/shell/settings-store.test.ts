/**
 * The electron-store implementation, on a real file in a temporary folder. electron-store imports `electron`
 * when it loads (to find userData and listen on ipcMain), and the Electron binary is absent under plain Node,
 * so `electron` is replaced by the few properties electron-store reads. Only electron-store's own use of
 * Electron is stood in for; what is tested is our file handling.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { electronSettings as ElectronSettingsFn } from './settings-store';

type ElectronSettings = typeof ElectronSettingsFn;

const dir = mkdtempSync(join(tmpdir(), 'senco-settings-'));

vi.mock('electron', () => {
  const app = { getPath: () => dir, getVersion: () => '0.0.0-test' };
  const ipcMain = { on: () => undefined };
  const shell = { openPath: async () => '' };
  return { default: { app, ipcMain, shell }, app, ipcMain, shell };
});

// Imported after the mock is registered (vi.mock is hoisted above imports anyway; this keeps the order plain).
let electronSettings: ElectronSettings;

beforeAll(async () => {
  ({ electronSettings } = await import('./settings-store'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('electronSettings', () => {
  it('persists settings to settings.json in the folder', () => {
    const a = electronSettings({ cwd: dir });
    expect(a.get('locale')).toBe('en-GB');
    a.set('windowBounds', { x: 5, y: 6, width: 1100, height: 750, maximised: false });
    a.set('dataDir', '/srv/senco');
    const onDisk = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(onDisk.dataDir).toBe('/srv/senco');
    const b = electronSettings({ cwd: dir });
    expect(b.get('windowBounds')).toEqual({ x: 5, y: 6, width: 1100, height: 750, maximised: false });
    expect(b.get('dataDir')).toBe('/srv/senco');
  });

  it('starts with defaults when the file is not JSON', () => {
    writeFileSync(join(dir, 'settings.json'), '{"locale": "en-GB", trunc');
    const s = electronSettings({ cwd: dir });
    expect(s.get('locale')).toBe('en-GB');
    expect(s.get('dataDir')).toBeNull();
  });

  it('ignores bad values in a hand-edited file', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ locale: 'fr-FR', dataDir: '../elsewhere', windowBounds: { width: -1 } }));
    const s = electronSettings({ cwd: dir });
    expect(s.get('locale')).toBe('en-GB');
    expect(s.get('dataDir')).toBeNull();
    expect(s.get('windowBounds')).toBeNull();
  });

  it('keeps backup.keepDays as {"backup": {"keepDays": N}}, so IT staff can set it in settings.json', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ backup: { keepDays: 7 } }));
    const s = electronSettings({ cwd: dir });
    expect(s.get('backup')).toEqual({ keepDays: 7 });
    s.set('backup', { keepDays: 30 });
    const onDisk = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(onDisk.backup).toEqual({ keepDays: 30 });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ backup: { keepDays: 0 } }));
    expect(electronSettings({ cwd: dir }).get('backup')).toEqual({ keepDays: 14 });
  });
});
