/**
 * The shell's security policy as pure functions, so it can be tested under plain Node with hostile input.
 * Every URL decision parses with `new URL` and compares whole fields (scheme, host, port, credentials):
 * never substrings, which `https://gov.uk.evil.com` or `app://senco-desk@evil` would defeat.
 * Electron's security checklist: https://www.electronjs.org/docs/latest/tutorial/security
 */

/** The UI is served from this privileged, standard, secure scheme (see protocol.ts), never from file:// or http. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'senco-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/`;

/**
 * Sites a link in the app may open in the user's browser: statutory guidance a SENCo cites (the SEND Code of
 * Practice is on www.gov.uk, the Children and Families Act 2014 on www.legislation.gov.uk) and the ICO's
 * guidance on special-category data. Exact host names only: a subdomain is a different site.
 */
export const EXTERNAL_HOST_ALLOWLIST: ReadonlySet<string> = new Set([
  'www.gov.uk',
  'www.legislation.gov.uk',
  'ico.org.uk',
  'www.ico.org.uk',
]);

function parse(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** True only for a URL of the app itself: `app://senco-desk/...`, no credentials, no port. */
export function isAppUrl(raw: unknown): boolean {
  const url = parse(raw);
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/**
 * True for a link that may be handed to the operating system's browser: https, an allowlisted host, the default
 * port, no credentials. Anything else (file:, javascript:, http:, custom schemes, lookalike hosts, loopback
 * addresses) is refused, because shell.openExternal on such a URL can run programs or leak data.
 */
export function isAllowedExternalUrl(raw: unknown): boolean {
  const url = parse(raw);
  return (
    url !== null &&
    url.protocol === 'https:' &&
    EXTERNAL_HOST_ALLOWLIST.has(url.hostname) &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** What the shell does when a page asks to go somewhere. Navigation away from the app is never allowed. */
export type NavigationDecision = 'allow' | 'open-externally' | 'deny';

/** In-app navigation (client-side routes, reload) stays; allowlisted links go to the browser; the rest is refused. */
export function decideNavigation(raw: unknown): NavigationDecision {
  if (isAppUrl(raw)) return 'allow';
  if (isAllowedExternalUrl(raw)) return 'open-externally';
  return 'deny';
}

/**
 * New windows are never created: an allowlisted https link opens in the user's browser, anything else is
 * dropped. (An app:// target is dropped too: the app has one window.)
 */
export function decideWindowOpen(raw: unknown): 'open-externally' | 'deny' {
  return isAllowedExternalUrl(raw) ? 'open-externally' : 'deny';
}

/**
 * Permission requests (camera, microphone, geolocation, notifications, clipboard read, MIDI, HID, USB, serial,
 * full screen by the page...) are all denied: the app needs none of them, and any request means something
 * unexpected is running. Both handlers are deliberately argument-free in effect.
 */
export function denyPermissionRequest(_permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}

/**
 * Network requests a page makes to anywhere outside the app are cancelled, as a second line behind the CSP.
 * Requests without a page (Electron's own, such as spellchecker dictionaries) are left alone.
 */
export function shouldCancelPageRequest(raw: unknown, fromPage: boolean): boolean {
  return fromPage && !isAppUrl(raw);
}
