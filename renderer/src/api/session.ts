/**
 * Where the renderer keeps its two secrets, both per window and never in localStorage: the test host's page
 * token (browser edition only) and the signed-in session token. sessionStorage survives a reload, so a reload
 * keeps you signed in, but not closing the window or tab.
 */
const SESSION_KEY = 'senco-desk.session';
const HOST_TOKEN_KEY = 'senco-desk.host-token';

let session: string | null = readStorage(SESSION_KEY);

function readStorage(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    // Storage can be unavailable (privacy settings); the token then lives in memory only.
  }
}

export function getSession(): string | null {
  return session;
}

export function setSession(token: string | null): void {
  session = token;
  writeStorage(SESSION_KEY, token);
}

/**
 * Reads `?token=` from the address once, keeps it in sessionStorage and removes it from the address bar, so the
 * token is not left in the history or shown on screen. Later reloads use the stored copy.
 */
export function takeHostToken(location: Pick<Location, 'search' | 'pathname' | 'hash'> = window.location): string | null {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    writeStorage(HOST_TOKEN_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(window.history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
    return fromUrl;
  }
  return readStorage(HOST_TOKEN_KEY);
}
