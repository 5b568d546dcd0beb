import { describe, expect, it } from 'vitest';
import { handleInvoke, isTrustedSender, registerInvokeHandler, senderInfo, UNTRUSTED_SENDER, type Invoker } from './ipc';
import { IPC_INVOKE_CHANNEL } from './channels';
import type { Result } from '../../shared/result';

function recordingInvoker(result: Result<unknown> = { ok: true, value: 'done' }): Invoker & { calls: unknown[] } {
  const calls: unknown[] = [];
  return { calls, invoke: async (e) => (calls.push(e), result) };
}

const app = { url: 'app://senco-desk/pupils', isTopFrame: true };

describe('isTrustedSender', () => {
  it('trusts only the top frame of the app origin', () => {
    expect(isTrustedSender(app)).toBe(true);
    expect(isTrustedSender({ ...app, isTopFrame: false })).toBe(false);
    for (const url of [null, '', 'https://evil.com/', 'app://evil/', 'app://senco-desk.evil.com/', 'file:///etc/passwd', 'http://127.0.0.1:1234/', 'devtools://devtools/']) {
      expect(isTrustedSender({ url, isTopFrame: true })).toBe(false);
    }
  });
});

describe('handleInvoke', () => {
  it('passes the envelope untouched to the dispatcher and returns its Result', async () => {
    const inv = recordingInvoker({ ok: false, error: { code: 'invalid_input', message: 'm', fields: { upn: 'x' } } });
    const envelope = { op: 'pupils.create', input: { a: 1 }, session: 's' };
    expect(await handleInvoke(inv, app, envelope)).toEqual({ ok: false, error: { code: 'invalid_input', message: 'm', fields: { upn: 'x' } } });
    expect(inv.calls).toEqual([envelope]);
  });

  it('refuses other senders without calling the dispatcher', async () => {
    const inv = recordingInvoker();
    expect(await handleInvoke(inv, { url: 'https://evil.com/', isTopFrame: true }, { op: 'audit.list', input: {} })).toBe(UNTRUSTED_SENDER);
    expect(await handleInvoke(inv, { url: 'app://senco-desk/', isTopFrame: false }, { op: 'audit.list', input: {} })).toBe(UNTRUSTED_SENDER);
    expect(inv.calls).toEqual([]);
    expect(UNTRUSTED_SENDER).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('turns an unexpected throw into an internal-error Result without its message', async () => {
    const logged: unknown[] = [];
    const r = await handleInvoke({ invoke: () => Promise.reject(new Error('SQLITE_CORRUPT at /secret/path')) }, app, {}, (e) => logged.push(e));
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
    expect(senderInfo({ senderFrame: { url: 'app://senco-desk/', parent: top } as never })).toEqual({ url: 'app://senco-desk/', isTopFrame: false });
  });

  it('registers exactly one handler, on the invoke channel', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const inv = recordingInvoker();
    registerInvokeHandler({ handle: (channel: string, fn: (event: never, ...args: unknown[]) => unknown) => void handlers.set(channel, fn as never) } as never, inv);
    expect([...handlers.keys()]).toEqual([IPC_INVOKE_CHANNEL]);
    const fn = handlers.get(IPC_INVOKE_CHANNEL)!;
    expect(await fn({ senderFrame: { url: 'app://senco-desk/', parent: null } }, { op: 'x', input: {} })).toEqual({ ok: true, value: 'done' });
    expect(await fn({ senderFrame: { url: 'https://evil.com/', parent: null } }, { op: 'x', input: {} })).toBe(UNTRUSTED_SENDER);
  });
});
