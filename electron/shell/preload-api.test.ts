import { describe, expect, it } from 'vitest';
import { createDesktopApi, policyFromArgv, versionFromArgv, type IpcSubscribe } from './preload-api';
import {
  CONNECTION_CLEAR_CHANNEL,
  CONNECTION_GET_CHANNEL,
  CONNECTION_SAVE_CHANNEL,
  IPC_CANCEL_CHANNEL,
  IPC_INVOKE_CHANNEL,
  IPC_PROGRESS_CHANNEL,
  MENU_COMMAND_CHANNEL,
  POLICY_ARG_PREFIX,
  VERSION_ARG_PREFIX,
} from './channels';

describe('createDesktopApi', () => {
  it("exposes only invoke, version, the IT policy, the menu commands and long work's invokeLong, cancel and onProgress, frozen", () => {
    const api = createDesktopApi(async () => undefined, [`${VERSION_ARG_PREFIX}1.2.3`]);
    expect(Object.keys(api).sort()).toEqual([
      'cancel',
      'connection',
      'invoke',
      'invokeLong',
      'onMenuCommand',
      'onProgress',
      'policy',
      'version',
    ]);
    expect(Object.keys(api.connection ?? {}).sort()).toEqual(['clear', 'get', 'save']);
    expect(Object.isFrozen(api.connection)).toBe(true);
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
    expect(
      policyFromArgv([
        arg({
          dataFolder: 'D:\\SENCo Desk data',
          lockAfterMinutes: 5,
          disableUpdates: true,
          schoolServer: 'https://s.example',
          problems: ['x'],
        }),
      ]),
    ).toEqual({
      dataFolder: 'D:\\SENCo Desk data',
      lockAfterMinutes: 5,
      disableUpdates: true,
      schoolServer: 'https://s.example',
      problems: ['x'],
    });
    expect(policyFromArgv([arg({ lockAfterMinutes: 99, schoolServer: 'javascript:alert(1)', disableUpdates: 'yes', extra: 1 })])).toEqual(
      {},
    );
    const fp = 'AB:'.repeat(32).slice(0, -1);
    expect(policyFromArgv([arg({ schoolServer: 'https://s.example', schoolServerFingerprint: fp })])).toEqual({
      schoolServer: 'https://s.example',
      schoolServerFingerprint: fp,
    });
    expect(policyFromArgv([arg({ schoolServerFingerprint: 'AB:CD' })])).toEqual({});
    expect(policyFromArgv([`${POLICY_ARG_PREFIX}%E0%A4%A`])).toEqual({});
    expect(policyFromArgv([])).toEqual({});
  });

  it('hands the page the menu command by name only, and only known commands, on the one channel', () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const subscribe: IpcSubscribe = (c, l) => (listeners.set(c, l), () => void listeners.delete(c));
    const api = createDesktopApi(async () => undefined, [], subscribe);
    const heard: unknown[][] = [];
    const stop = api.onMenuCommand?.((...args) => heard.push(args));
    expect([...listeners.keys()]).toEqual([MENU_COMMAND_CHANNEL]);
    const send = listeners.get(MENU_COMMAND_CHANNEL) as (payload: unknown) => void;
    send('lock');
    send('privacy');
    send('quit');
    expect(heard).toEqual([['lock'], ['privacy']]);
    stop?.();
    expect(listeners.size).toBe(0);
  });

  it('the School server card: its own three channels, with plain values only', async () => {
    const sent: unknown[][] = [];
    const api = createDesktopApi(async (...args) => (sent.push(args), { ok: true, value: null }), []);
    await api.connection?.get();
    await (api.connection?.save as (...a: unknown[]) => Promise<unknown>)(
      { session: 's', address: 'https://a.example', fingerprint: 'F', extra: 'x' },
      'more',
    );
    await api.connection?.clear('s');
    expect(sent).toEqual([
      [CONNECTION_GET_CHANNEL],
      [CONNECTION_SAVE_CHANNEL, { session: 's', address: 'https://a.example', fingerprint: 'F' }],
      [CONNECTION_CLEAR_CHANNEL, 's'],
    ]);
  });

  it('long work: the operation id rides on the invoke channel; cancel has its own; nothing else is forwarded', async () => {
    const sent: unknown[][] = [];
    const api = createDesktopApi(async (...args) => (sent.push(args), args[0] === IPC_CANCEL_CHANNEL ? true : { ok: true, value: 1 }), []);
    const envelope = { op: 'reviews.pack', input: { reviewId: 'r' }, session: 't' };
    await (api.invokeLong as (...a: unknown[]) => Promise<unknown>)(envelope, 'op-1', 'extra');
    expect(await api.cancel('op-1')).toBe(true);
    expect(sent).toEqual([
      [IPC_INVOKE_CHANNEL, envelope, 'op-1'],
      [IPC_CANCEL_CHANNEL, 'op-1'],
    ]);
  });

  it('progress: listens on the progress channel only, passes well-formed reports only, and unsubscribes', () => {
    const subs = new Map<string, (payload: unknown) => void>();
    const api = createDesktopApi(
      async () => undefined,
      [],
      (channel, l) => (subs.set(channel, l), () => void subs.delete(channel)),
    );
    const got: unknown[] = [];
    const stop = api.onProgress((p) => got.push(p));
    expect([...subs.keys()]).toEqual([IPC_PROGRESS_CHANNEL]);
    subs.get(IPC_PROGRESS_CHANNEL)!({ operation: 'op-1', done: 1, total: 2, label: 'building', extra: 'dropped' });
    subs.get(IPC_PROGRESS_CHANNEL)!({ operation: 'op-1', done: 'x' });
    subs.get(IPC_PROGRESS_CHANNEL)!(null);
    expect(got).toEqual([{ operation: 'op-1', done: 1, total: 2, label: 'building' }]);
    stop();
    expect(subs.size).toBe(0);
  });
});
