/**
 * Applies the security policy (security.ts) to Electron objects: the session every window uses, and every
 * webContents the app ever creates (main.ts calls `hardenWebContents` from `web-contents-created`, so a window
 * or frame added later cannot forget it). Electron is only imported for types here, so the wiring can be
 * exercised under plain Node as well.
 */
import type { Session, WebContents } from 'electron';
import {
  decideNavigation,
  decideWindowOpen,
  denyPermissionCheck,
  denyPermissionRequest,
  isAllowedExternalUrl,
  shouldCancelPageRequest,
} from './security';

export interface HardenDeps {
  /** shell.openExternal; only ever called with a URL that passed isAllowedExternalUrl. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly log?: (message: string) => void;
}

function openExternally(url: string, deps: HardenDeps): void {
  // Checked again at the point of use, so a future caller cannot skip the allowlist.
  if (!isAllowedExternalUrl(url)) return;
  // Reviewed for electronegativity's OPEN_EXTERNAL_JS_CHECK (listed in electronegativity.test.ts): the URL passed
  // isAllowedExternalUrl on the line above: https, an allowlisted host, the default port, no credentials.
  void deps.openExternal(url).catch(() => deps.log?.('An external link could not be opened.')); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

/** Denies every permission, and cancels page requests to anywhere but the app. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, permission, callback) => denyPermissionRequest(permission, callback));
  session.setPermissionCheckHandler(() => denyPermissionCheck());
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    callback({ cancel: shouldCancelPageRequest(details.url, details.webContentsId !== undefined) });
  });
}

/** Blocks navigation, redirects, new windows and <webview>; keeps the window title fixed. */
export function hardenWebContents(contents: WebContents, deps: HardenDeps): void {
  const guardNavigation = (event: { preventDefault(): void }, url: string): void => {
    const decision = decideNavigation(url);
    switch (decision) {
      case 'allow':
        return;
      case 'open-externally':
        event.preventDefault();
        openExternally(url, deps);
        return;
      case 'deny':
        event.preventDefault();
        deps.log?.('Blocked navigation away from the app.');
        return;
      default: {
        const never: never = decision;
        throw new Error(`Unhandled navigation decision ${String(never)}`);
      }
    }
  };
  contents.on('will-navigate', (event, url) => guardNavigation(event, url));
  contents.on('will-frame-navigate', (event) => guardNavigation(event, event.url));
  contents.on('will-redirect', (event, url) => guardNavigation(event, url));

  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-externally') openExternally(url, deps);
    return { action: 'deny' };
  });

  // <webview> is disabled in webPreferences as well; refusing here covers any contents created without them.
  contents.on('will-attach-webview', (event) => event.preventDefault());

  // The window title is shown in the taskbar and in screen-sharing pickers: it stays 'SENCo Desk' and never
  // becomes a page title that could name a pupil.
  contents.on('page-title-updated', (event) => event.preventDefault());
}
