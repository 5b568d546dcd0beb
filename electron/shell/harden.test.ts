/**
 * The wiring in harden.ts: that each listener it attaches really prevents what the policy denies. The
 * webContents and session here are recorders of what harden.ts registers, not an Electron stand-in: whether
 * Electron honours preventDefault is what the Playwright launch test (e2e/electron-launch.spec.ts) checks.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Session, WebContents } from 'electron';
import { hardenSession, hardenWebContents } from './harden';

type OpenHandler = (details: { url: string }) => { action: string };

function recordingContents() {
  const emitter = new EventEmitter();
  let openHandler: OpenHandler | null = null;
  const contents = Object.assign(emitter, { setWindowOpenHandler: (h: OpenHandler) => (openHandler = h) });
  return { contents: contents as unknown as WebContents, emitter, open: (url: string) => openHandler!({ url }) };
}

function event() {
  let prevented = false;
  return {
    preventDefault: () => (prevented = true),
    get prevented() {
      return prevented;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('hardenWebContents', () => {
  it('blocks navigation and redirects away from the app, opening only allowlisted links externally', async () => {
    const opened: string[] = [];
    const { contents, emitter } = recordingContents();
    hardenWebContents(contents, { openExternal: async (u) => void opened.push(u) });
    for (const name of ['will-navigate', 'will-redirect']) {
      for (const url of ['https://evil.com/', 'file:///etc/passwd', 'app://evil/', 'http://127.0.0.1:8080/']) {
        const e = event();
        emitter.emit(name, e, url);
        expect(e.prevented, `${name} ${url}`).toBe(true);
      }
      const inApp = event();
      emitter.emit(name, inApp, 'app://senco-desk/pupils');
      expect(inApp.prevented).toBe(false);
      const gov = event();
      emitter.emit(name, gov, 'https://www.gov.uk/');
      expect(gov.prevented).toBe(true);
    }
    const frame = Object.assign(event(), { url: 'https://evil.com/' });
    emitter.emit('will-frame-navigate', frame);
    expect(frame.prevented).toBe(true);
    await tick();
    expect(opened).toEqual(['https://www.gov.uk/', 'https://www.gov.uk/']);
  });

  it('denies every new window', async () => {
    const opened: string[] = [];
    const { contents, open } = recordingContents();
    hardenWebContents(contents, { openExternal: async (u) => void opened.push(u) });
    for (const url of ['app://senco-desk/', 'https://evil.com/', 'javascript:alert(1)', 'https://www.gov.uk/x'])
      expect(open(url)).toEqual({ action: 'deny' });
    await tick();
    expect(opened).toEqual(['https://www.gov.uk/x']);
  });

  it('refuses <webview> and keeps the title fixed', () => {
    const { contents, emitter } = recordingContents();
    hardenWebContents(contents, { openExternal: async () => undefined });
    for (const name of ['will-attach-webview', 'page-title-updated']) {
      const e = event();
      emitter.emit(name, e, 'Pupil: Jane Example');
      expect(e.prevented, name).toBe(true);
    }
  });
});

describe('hardenSession', () => {
  it('installs deny-all permission handlers and a page-request filter', () => {
    const got: Record<string, unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: unknown) => (got.request = h),
      setPermissionCheckHandler: (h: unknown) => (got.check = h),
      setDevicePermissionHandler: (h: unknown) => (got.device = h),
      webRequest: { onBeforeRequest: (_f: unknown, h: unknown) => (got.web = h) },
    } as unknown as Session;
    hardenSession(session);
    let granted: boolean | undefined;
    (got.request as (wc: unknown, p: string, cb: (g: boolean) => void) => void)(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect((got.check as () => boolean)()).toBe(false);
    expect((got.device as () => boolean)()).toBe(false);
    let cancel: boolean | undefined;
    (got.web as (d: unknown, cb: (r: { cancel: boolean }) => void) => void)(
      { url: 'https://evil.com/x.js', webContentsId: 1 },
      (r) => (cancel = r.cancel),
    );
    expect(cancel).toBe(true);
  });
});
