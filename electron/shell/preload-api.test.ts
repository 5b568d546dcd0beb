import { describe, expect, it } from 'vitest';
import { createDesktopApi, versionFromArgv } from './preload-api';
import { IPC_INVOKE_CHANNEL, VERSION_ARG_PREFIX } from './channels';

describe('createDesktopApi', () => {
  it('exposes only invoke and version, frozen', () => {
    const api = createDesktopApi(async () => undefined, [`${VERSION_ARG_PREFIX}1.2.3`]);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'version']);
    expect(api.version).toBe('1.2.3');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('always sends on the one channel, whatever the page passes', async () => {
    const sent: unknown[][] = [];
    const api = createDesktopApi(async (...args) => (sent.push(args), { ok: true, value: 1 }), []);
    const envelope = { op: 'pupils.list', input: {}, session: 't' };
    expect(await api.invoke(envelope)).toEqual({ ok: true, value: 1 });
    // Extra arguments from the page are not forwarded.
    await (api.invoke as (...a: unknown[]) => Promise<unknown>)(envelope, 'electron-store-get-data');
    expect(sent).toEqual([
      [IPC_INVOKE_CHANNEL, envelope],
      [IPC_INVOKE_CHANNEL, envelope],
    ]);
  });

  it('reads a plain version only', () => {
    expect(versionFromArgv(['electron', `${VERSION_ARG_PREFIX}0.1.0-beta.1`])).toBe('0.1.0-beta.1');
    expect(versionFromArgv([])).toBe('');
    expect(versionFromArgv([`${VERSION_ARG_PREFIX}<img src=x onerror=alert(1)>`])).toBe('');
  });
});
