import { describe, expect, it } from 'vitest';
import { createDesktopApi, versionFromArgv } from './preload-api';
import { IPC_CANCEL_CHANNEL, IPC_INVOKE_CHANNEL, IPC_PROGRESS_CHANNEL, VERSION_ARG_PREFIX } from './channels';

describe('createDesktopApi', () => {
  it('exposes only invoke, version and long work\'s invokeLong, cancel and onProgress, frozen', () => {
    const api = createDesktopApi(async () => undefined, [`${VERSION_ARG_PREFIX}1.2.3`]);
    expect(Object.keys(api).sort()).toEqual(['cancel', 'invoke', 'invokeLong', 'onProgress', 'version']);
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
    const api = createDesktopApi(async () => undefined, [], (channel, l) => (subs.set(channel, l), () => void subs.delete(channel)));
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
