import { describe, expect, it } from 'vitest';
import { POLICY_ARG_PREFIX, VERSION_ARG_PREFIX } from './channels';
import { policyFromArgv } from './preload-api';
import { DEFAULT_SIZE, MIN_SIZE, WINDOW_TITLE, boundsToSave, restorableBounds, secureWindowOptions } from './window-options';

const base = { preloadPath: '/app/dist/electron/preload.cjs', devTools: false, version: '0.1.0', bounds: null };

describe('secureWindowOptions', () => {
  it('isolates and sandboxes the page, with no Node and no <webview>', () => {
    const wp = secureWindowOptions(base).webPreferences;
    expect(wp).toMatchObject({
      preload: base.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(wp).not.toHaveProperty('enableBlinkFeatures');
    expect(wp).not.toHaveProperty('partition');
  });

  it('has developer tools only when asked (unpackaged builds)', () => {
    expect(secureWindowOptions({ ...base, devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('passes only the version to the preload, and the IT policy when there is one', () => {
    expect(secureWindowOptions(base).webPreferences?.additionalArguments).toEqual([`${VERSION_ARG_PREFIX}0.1.0`]);
    const policy = { dataFolder: 'D:\\SENCo Desk "data"', lockAfterMinutes: 5 };
    const args = secureWindowOptions({ ...base, policy }).webPreferences?.additionalArguments ?? [];
    expect(args).toHaveLength(2);
    expect(args[1]?.startsWith(POLICY_ARG_PREFIX)).toBe(true);
    // One command-line argument, whatever the folder's name holds, read back exactly by the preload.
    expect(args[1]).not.toMatch(/[\s"]/);
    expect(policyFromArgv(args)).toEqual(policy);
  });

  it('has a fixed title, starts hidden, and uses saved bounds when given', () => {
    const o = secureWindowOptions(base);
    expect(o.title).toBe('SENCo Desk');
    expect(WINDOW_TITLE).toBe('SENCo Desk');
    expect(o.show).toBe(false);
    expect(o).toMatchObject(DEFAULT_SIZE);
    expect(o).not.toHaveProperty('x');
    const saved = secureWindowOptions({ ...base, bounds: { x: 10, y: 20, width: 1000, height: 700 } });
    expect(saved).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, minWidth: MIN_SIZE.width, minHeight: MIN_SIZE.height });
  });
});

describe('restorableBounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

  it('keeps bounds that are on a display', () => {
    expect(restorableBounds({ x: 100, y: 50, width: 1200, height: 800, maximised: true }, screen)).toEqual({
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
      maximised: true,
    });
  });

  it('drops the position when the window would open off-screen (second monitor unplugged)', () => {
    expect(restorableBounds({ x: 2500, y: 100, width: 1200, height: 800 }, screen)).toEqual({ width: 1200, height: 800, maximised: false });
    expect(restorableBounds({ x: 100, y: -900, width: 1200, height: 800 }, screen)).toEqual({ width: 1200, height: 800, maximised: false });
  });

  it('never restores smaller than the minimum size', () => {
    expect(restorableBounds({ x: 0, y: 0, width: 200, height: 100 }, screen)).toMatchObject({
      width: MIN_SIZE.width,
      height: MIN_SIZE.height,
    });
  });

  it('returns null with nothing saved', () => {
    expect(restorableBounds(null, screen)).toBeNull();
  });

  it('saves the normal rectangle and the maximised flag', () => {
    expect(boundsToSave({ x: 1, y: 2, width: 1000, height: 700 }, true)).toEqual({ x: 1, y: 2, width: 1000, height: 700, maximised: true });
  });
});
