/**
 * The secure window options and window-bounds rules, pure (Electron only for types) so they are unit-tested
 * under plain Node. window.ts is the one factory that uses them.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { POLICY_ARG_PREFIX, VERSION_ARG_PREFIX } from './channels';
import type { ItPolicy } from '../../shared/desktop-api';
import type { WindowBounds } from './settings';

/** Shown in the title bar, the taskbar and screen-sharing pickers; never a page title (it could name a pupil). */
export const WINDOW_TITLE = 'SENCo Desk';

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 960, height: 640 } as const;

export interface SecureWindowConfig {
  /** Absolute path of the bundled preload (dist/electron/preload.cjs). */
  readonly preloadPath: string;
  /** Developer tools: only in an unpackaged (development) build. */
  readonly devTools: boolean;
  /** The app version, passed to the sandboxed preload (which cannot read package.json). */
  readonly version: string;
  /** Where and how big the window was last time (already checked against the displays), or null. */
  readonly bounds: WindowBounds | null;
  /** What the school's IT set (policy.ts, already checked), passed to the preload for the Settings screen and the lock. */
  readonly policy?: ItPolicy;
}

export function secureWindowOptions(config: SecureWindowConfig): BrowserWindowConstructorOptions {
  const b = config.bounds;
  return {
    title: WINDOW_TITLE,
    ...(b && b.x !== undefined && b.y !== undefined ? { x: b.x, y: b.y } : {}),
    width: b?.width ?? DEFAULT_SIZE.width,
    height: b?.height ?? DEFAULT_SIZE.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    // Shown on ready-to-show, so there is no white flash.
    show: false,
    backgroundColor: '#f5f7f8',
    autoHideMenuBar: false,
    webPreferences: {
      preload: config.preloadPath,
      // The page cannot reach the preload's world, Node or Electron: it gets only the object contextBridge exposes.
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
      // No middle-click (auxclick) events: a middle-click on a link cannot try to open a window.
      disableBlinkFeatures: 'Auxclick',
      // A page stuck in alert() loops can be stopped.
      safeDialogs: true,
      spellcheck: true,
      devTools: config.devTools,
      additionalArguments: [
        `${VERSION_ARG_PREFIX}${config.version}`,
        ...(config.policy ? [`${POLICY_ARG_PREFIX}${encodeURIComponent(JSON.stringify(config.policy))}`] : []),
      ],
      // Deliberately absent: enableBlinkFeatures, preload scripts other than ours, partition (the default session
      // is the one hardened in harden.ts).
    },
  };
}

/** The bounds to save: the normal (un-maximised) rectangle, and whether the window was maximised. */
export function boundsToSave(normal: Rectangle, maximised: boolean): WindowBounds {
  return { x: normal.x, y: normal.y, width: normal.width, height: normal.height, maximised };
}

/**
 * Saved bounds are used only if the window would still be visible (a laptop undocked from a second screen
 * must not open the app off-screen) and at least the minimum size; otherwise the default size, centred.
 */
export function restorableBounds(saved: WindowBounds | null, workAreas: readonly Rectangle[]): WindowBounds | null {
  if (!saved) return null;
  const width = Math.max(saved.width, MIN_SIZE.width);
  const height = Math.max(saved.height, MIN_SIZE.height);
  if (saved.x === undefined || saved.y === undefined) return { width, height, maximised: saved.maximised ?? false };
  const { x, y } = saved;
  // Visible enough: at least 100 x 50 px of the title bar area lies on one display.
  const visible = workAreas.some((a) => {
    const left = Math.max(x, a.x);
    const right = Math.min(x + width, a.x + a.width);
    const top = Math.max(y, a.y);
    const bottom = Math.min(y + 50, a.y + a.height);
    return right - left >= 100 && bottom - top >= 50;
  });
  return visible ? { x, y, width, height, maximised: saved.maximised ?? false } : { width, height, maximised: saved.maximised ?? false };
}
