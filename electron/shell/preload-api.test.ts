import { describe, expect, it } from 'vitest';
import { createDesktopApi, policyFromArgv, versionFromArgv, type IpcOn } from './preload-api';
import { IPC_INVOKE_CHANNEL, MENU_COMMAND_CHANNEL, POLICY_ARG_PREFIX, VERSION_ARG_PREFIX } from './channels';

describe('createDesktopApi', () => {
  it('exposes only invoke, version, the IT policy and the menu commands, frozen', () => {
    const api = createDesktopApi(async () => undefined, [`${VERSION_ARG_PREFIX}1.2.3`]);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onMenuCommand', 'policy', 'version']);
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

  it('passes the IT policy from the main process, only its known keys with the right types', () => {
    const arg = (o: unknown) => `${POLICY_ARG_PREFIX}${encodeURIComponent(JSON.stringify(o))}`;
    expect(policyFromArgv([arg({ dataFolder: 'D:\\SENCo Desk data', lockAfterMinutes: 5, disableUpdates: true, schoolServer: 'https://s.example', problems: ['x'] })])).toEqual({
      dataFolder: 'D:\\SENCo Desk data',
      lockAfterMinutes: 5,
      disableUpdates: true,
      schoolServer: 'https://s.example',
      problems: ['x'],
    });
    expect(policyFromArgv([arg({ lockAfterMinutes: 99, schoolServer: 'javascript:alert(1)', disableUpdates: 'yes', extra: 1 })])).toEqual({});
    expect(policyFromArgv([`${POLICY_ARG_PREFIX}%E0%A4%A`])).toEqual({});
    expect(policyFromArgv([])).toEqual({});
  });

  it('hands the page the menu command by name only, and only known commands, on the one channel', () => {
    const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
    const ipcOn: IpcOn = { on: (c, l) => void listeners.set(c, l), removeListener: (c) => void listeners.delete(c) };
    const api = createDesktopApi(async () => undefined, [], ipcOn);
    const heard: unknown[][] = [];
    const stop = api.onMenuCommand?.((...args) => heard.push(args));
    expect([...listeners.keys()]).toEqual([MENU_COMMAND_CHANNEL]);
    const send = listeners.get(MENU_COMMAND_CHANNEL) as (event: unknown, ...args: unknown[]) => void;
    send({ sender: 'ipc event' }, 'lock');
    send({ sender: 'ipc event' }, 'privacy');
    send({ sender: 'ipc event' }, 'quit');
    expect(heard).toEqual([['lock'], ['privacy']]);
    stop?.();
    expect(listeners.size).toBe(0);
  });
});
