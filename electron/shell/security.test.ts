import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  decideNavigation,
  decideWindowOpen,
  denyPermissionCheck,
  denyPermissionRequest,
  isAllowedExternalUrl,
  isAppUrl,
  shouldCancelPageRequest,
} from './security';

/** URLs an attacker (or a compromised page) might try, none of which may be treated as the app or as allowed. */
const HOSTILE = [
  'app://evil/index.html',
  'app://senco-desk.evil.com/',
  'app://evil.com/senco-desk/',
  'app://senco-desk@evil.com/',
  'app://user:pass@senco-desk/',
  'app://senco-desk:8080/',
  'app://senco-desk./',
  'apps://senco-desk/',
  'javascript:alert(1)',
  'javascript://senco-desk/%0aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'file://senco-desk/etc/passwd',
  'http://127.0.0.1:8080/',
  'http://localhost/',
  'https://gov.uk.evil.com/',
  'https://evil.com/www.gov.uk',
  'https://evil.com/?u=https://www.gov.uk',
  'https://www.gov.uk.evil.com/',
  'https://www.gov.uk@evil.com/',
  'https://evil.com#www.gov.uk',
  'http://www.gov.uk/',
  'https://www.gov.uk:8443/',
  'https://user@www.gov.uk/',
  'ms-msdt:/id PCWDiagnostic',
  'smb://server/share',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  '',
  'not a url',
  ' app://senco-desk/',
];

describe('isAppUrl', () => {
  it('accepts the app origin and its paths', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://senco-desk/index.html')).toBe(true);
    expect(isAppUrl('app://senco-desk/pupils/123?tab=plan#top')).toBe(true);
    expect(isAppUrl('APP://senco-desk/')).toBe(true); // the scheme is case-insensitive
    // Node keeps a custom scheme's host as written; Chromium hands us canonical (lower-case) URLs, so an
    // upper-case host only arrives from something that is not the app, and is refused.
    expect(isAppUrl('app://SENCO-DESK/')).toBe(false);
  });

  it.each(HOSTILE)('refuses %s', (url) => {
    // ' app://senco-desk/' is trimmed by the URL parser; a leading space is harmless, but nothing else may pass.
    if (url === ' app://senco-desk/') return;
    expect(isAppUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    for (const v of [undefined, null, 42, {}, ['app://senco-desk/'], new URL('app://evil/')]) expect(isAppUrl(v)).toBe(false);
  });

  it('refuses absurdly long input', () => {
    expect(isAppUrl(`app://senco-desk/${'a'.repeat(5000)}`)).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it('accepts https links to the allowlisted hosts', () => {
    expect(isAllowedExternalUrl('https://www.gov.uk/government/publications/send-code-of-practice-0-to-25')).toBe(true);
    expect(isAllowedExternalUrl('https://www.legislation.gov.uk/ukpga/2014/6/contents')).toBe(true);
    expect(isAllowedExternalUrl('https://ico.org.uk/for-organisations/')).toBe(true);
    expect(isAllowedExternalUrl('https://WWW.GOV.UK/')).toBe(true);
  });

  it.each(HOSTILE)('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses subdomains and parents of allowlisted hosts', () => {
    expect(isAllowedExternalUrl('https://gov.uk/')).toBe(false);
    expect(isAllowedExternalUrl('https://evil.www.gov.uk/')).toBe(false);
    expect(isAllowedExternalUrl('https://www.gov.uk./')).toBe(false);
  });

  it('refuses the app itself (it is not external)', () => {
    expect(isAllowedExternalUrl(APP_ENTRY_URL)).toBe(false);
  });
});

describe('decisions', () => {
  it('keeps in-app navigation, sends allowlisted links out, denies the rest', () => {
    expect(decideNavigation('app://senco-desk/pupils')).toBe('allow');
    expect(decideNavigation('https://www.gov.uk/')).toBe('open-externally');
    for (const url of HOSTILE.filter((u) => u !== ' app://senco-desk/')) expect(decideNavigation(url)).toBe('deny');
  });

  it('never opens a new window', () => {
    expect(decideWindowOpen('app://senco-desk/')).toBe('deny');
    expect(decideWindowOpen('https://www.gov.uk/')).toBe('open-externally');
    for (const url of HOSTILE) expect(decideWindowOpen(url)).toBe('deny');
  });

  it('denies every permission request and check', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'usb']) {
      let granted: boolean | undefined;
      denyPermissionRequest(p, (g) => (granted = g));
      expect(granted).toBe(false);
    }
    expect(denyPermissionCheck()).toBe(false);
  });

  it('cancels page requests to anywhere but the app, and leaves Electron’s own requests alone', () => {
    expect(shouldCancelPageRequest('https://evil.com/x.js', true)).toBe(true);
    expect(shouldCancelPageRequest('http://127.0.0.1:9/', true)).toBe(true);
    expect(shouldCancelPageRequest('app://senco-desk/assets/a.js', true)).toBe(false);
    expect(shouldCancelPageRequest('https://redirector.gvt1.com/dictionary.bdic', false)).toBe(false);
  });
});
