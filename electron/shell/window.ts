/**
 * The one BrowserWindow factory. Every window the app opens comes from `createSecureWindow`, with the options
 * from the pure `secureWindowOptions` (window-options.ts, unit-tested), so the security settings live in one
 * place. Navigation, new windows, <webview> and permissions are refused for every webContents by harden.ts.
 */
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './security';
import { boundsToSave, secureWindowOptions, type SecureWindowConfig } from './window-options';
import type { WindowBounds } from './settings';

export interface CreateWindowDeps extends SecureWindowConfig {
  readonly onBoundsChanged: (bounds: WindowBounds) => void;
}

/** Creates the app window on the app:// entry page. */
export function createSecureWindow(deps: CreateWindowDeps): BrowserWindow {
  const options = secureWindowOptions(deps);
  // The settings that keep the page away from Node and Electron are restated here, last, where the window is made:
  // nothing spread above can turn them off, and a reviewer (or electronegativity, which reads only the constructor's
  // own argument) sees them at the constructor. window-options.ts sets the same values (window-options.test.ts);
  // electronegativity.test.ts scans this constructor.
  const win = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  // Also refused on the webContents (harden.ts); here as well because the window re-emits the event.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => {
    if (deps.bounds?.maximised) win.maximize();
    win.show();
  });
  win.on('close', () => deps.onBoundsChanged(boundsToSave(win.getNormalBounds(), win.isMaximized())));
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
