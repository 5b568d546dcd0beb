import { describe, expect, it } from 'vitest';
import {
  forwardProgress,
  handleCancel,
  handleInvoke,
  isTrustedSender,
  registerInvokeHandler,
  senderInfo,
  UNTRUSTED_SENDER,
  type Invoker,
} from './ipc';
import { IPC_CANCEL_CHANNEL, IPC_INVOKE_CHANNEL, IPC_PROGRESS_CHANNEL } from './channels';
import type { Result } from '../../shared/result';

function recordingInvoker(result: Result<unknown> = { ok: true, value: 'done' }): Invoker & { calls: unknown[]; cancels: string[] } {
  const calls: unknown[] = [];
  const cancels: string[] = [];
  return {
    calls,
    cancels,
    invoke: async (e, opts) => (calls.push(opts ? [e, opts] : e), result),
    cancel: (op) => (cancels.push(op), true),
  };
}

const app = { url: 'app://senco-desk/pupils', isTopFrame: true };

describe('isTrustedSender', () => {
  it('trusts only the top frame of the app origin', () => {
    expect(isTrustedSender(app)).toBe(true);
    expect(isTrustedSender({ ...app, isTopFrame: false })).toBe(false);
    for (const url of [
      null,
      '',
      'https://evil.com/',
      'app://evil/',
      'app://senco-desk.evil.com/',
      'file:///etc/passwd',
      'http://127.0.0.1:1234/',
      'devtools://devtools/',
    ]) {
      expect(isTrustedSender({ url, isTopFrame: true })).toBe(false);
    }
  });
});

describe('handleInvoke', () => {
  it('passes the envelope untouched to the dispatcher and returns its Result', async () => {
    const inv = recordingInvoker({ ok: false, error: { code: 'invalid_input', message: 'm', fields: { upn: 'x' } } });
    const envelope = { op: 'pupils.create', input: { a: 1 }, session: 's' };
    expect(await handleInvoke(inv, app, envelope)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'm', fields: { upn: 'x' } },
    });
    expect(inv.calls).toEqual([envelope]);
  });

  it('refuses other senders without calling the dispatcher', async () => {
    const inv = recordingInvoker();
    expect(await handleInvoke(inv, { url: 'https://evil.com/', isTopFrame: true }, { op: 'audit.list', input: {} })).toBe(UNTRUSTED_SENDER);
    expect(await handleInvoke(inv, { url: 'app://senco-desk/', isTopFrame: false }, { op: 'audit.list', input: {} })).toBe(
      UNTRUSTED_SENDER,
    );
    expect(inv.calls).toEqual([]);
    expect(UNTRUSTED_SENDER).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('turns an unexpected throw into an internal-error Result without its message', async () => {
    const logged: unknown[] = [];
    const r = await handleInvoke({ invoke: () => Promise.reject(new Error('SQLITE_CORRUPT at /secret/path')) }, app, {}, (e) =>
      logged.push(e),
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('/secret/path');
    expect(logged).toHaveLength(1);
  });
});

describe('senderInfo and registration', () => {
  it('reads the frame URL and whether it is the top frame', () => {
    expect(senderInfo({ senderFrame: null })).toEqual({ url: null, isTopFrame: false });
    const top = { url: 'app://senco-desk/', parent: null };
    expect(senderInfo({ senderFrame: top as never })).toEqual({ url: 'app://senco-desk/', isTopFrame: true });
    expect(senderInfo({ senderFrame: { url: 'app://senco-desk/', parent: top } as never })).toEqual({
      url: 'app://senco-desk/',
      isTopFrame: false,
    });
  });

  it("registers exactly two handlers: invoke (with long work's operation id) and cancel, both for the app window only", async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const inv = recordingInvoker();
    registerInvokeHandler(
      { handle: (channel: string, fn: (event: never, ...args: unknown[]) => unknown) => void handlers.set(channel, fn as never) } as never,
      inv,
    );
    expect([...handlers.keys()]).toEqual([IPC_INVOKE_CHANNEL, IPC_CANCEL_CHANNEL]);
    const top = { senderFrame: { url: 'app://senco-desk/', parent: null } };
    const evil = { senderFrame: { url: 'https://evil.com/', parent: null } };
    expect(await handlers.get(IPC_INVOKE_CHANNEL)!(top, { op: 'reviews.pack', input: {} }, 'op-1')).toEqual({ ok: true, value: 'done' });
    expect(inv.calls).toEqual([[{ op: 'reviews.pack', input: {} }, { operation: 'op-1' }]]);
    expect(handlers.get(IPC_CANCEL_CHANNEL)!(top, 'op-1')).toBe(true);
    expect(handlers.get(IPC_CANCEL_CHANNEL)!(evil, 'op-1')).toBe(false);
    expect(handlers.get(IPC_CANCEL_CHANNEL)!(top, { not: 'a string' })).toBe(false);
    expect(inv.cancels).toEqual(['op-1']);
    inv.calls.length = 0;
    const fn = handlers.get(IPC_INVOKE_CHANNEL)!;
    expect(await fn({ senderFrame: { url: 'app://senco-desk/', parent: null } }, { op: 'x', input: {} })).toEqual({
      ok: true,
      value: 'done',
    });
    expect(await fn({ senderFrame: { url: 'https://evil.com/', parent: null } }, { op: 'x', input: {} })).toBe(UNTRUSTED_SENDER);
  });
});

describe('long work over IPC', () => {
  it('refuses a cancel from another sender and passes one from the app window', () => {
    const inv = recordingInvoker();
    expect(handleCancel(inv, app, 'op-9')).toBe(true);
    expect(handleCancel(inv, { ...app, isTopFrame: false }, 'op-9')).toBe(false);
    expect(inv.cancels).toEqual(['op-9']);
  });

  it('forwards each progress report to the window on the progress channel, in order', () => {
    let listener: ((op: string, p: { done: number; total: number; label: string }) => void) | null = null;
    const sent: unknown[] = [];
    const stop = forwardProgress({ onProgress: (l) => ((listener = l), () => (listener = null)) }, (channel, p) => sent.push([channel, p]));
    listener!('op-1', { done: 1, total: 3, label: 'gathering' });
    listener!('op-1', { done: 2, total: 3, label: 'building' });
    expect(sent).toEqual([
      [IPC_PROGRESS_CHANNEL, { operation: 'op-1', done: 1, total: 3, label: 'gathering' }],
      [IPC_PROGRESS_CHANNEL, { operation: 'op-1', done: 2, total: 3, label: 'building' }],
    ]);
    stop();
    expect(listener).toBeNull();
  });
});
