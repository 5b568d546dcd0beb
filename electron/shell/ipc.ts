/**
 * The main-process end of the one IPC channel. It accepts calls only from the app's own page (the top frame
 * of a page served from app://senco-desk), then hands the envelope, untouched, to the core's dispatcher, which
 * validates it against the contract, authorises the session and audits. Whatever happens, the renderer gets a
 * Result back, never a thrown error (whose message could carry internal detail).
 *
 * Limits: IPC carries structured clones, not a byte stream, so there is no body to cap here as the browser edition
 * does (electron/test-host/server.ts). The same limits apply all the same: the dispatcher refuses any string that
 * could not be stored exactly and any input nested deeper than a form, and the contract's schemas bound every
 * string, list and record, which is where the browser edition's body limit comes from (shared/contract/limits.ts).
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { fail, type Result } from '../../shared/result';
import type { OperationProgress } from '../../shared/desktop-api';
import { IPC_CANCEL_CHANNEL, IPC_INVOKE_CHANNEL, IPC_PROGRESS_CHANNEL } from './channels';
import { isAppUrl } from './security';

/** The core's host (electron/core/host/core-host.ts), as IPC uses it. */
export interface Invoker {
  /** `operation`: long work's id, for its progress and cancel (the host refuses an id that is not plain). */
  invoke(envelope: unknown, opts?: { readonly operation?: string }): Promise<Result<unknown>>;
  cancel?(operation: string): boolean;
}

/** What we know about the frame that sent a message. */
export interface SenderInfo {
  /** The sending frame's URL, or null when the frame is gone (navigated or destroyed). */
  readonly url: string | null;
  /** True for the top-level frame; subframes never talk to the core. */
  readonly isTopFrame: boolean;
}

export function isTrustedSender(sender: SenderInfo): boolean {
  return sender.isTopFrame && isAppUrl(sender.url);
}

export const UNTRUSTED_SENDER: Result<never> = fail({
  code: 'forbidden',
  message: 'This request did not come from the SENCo Desk window, so it was refused.',
});

const INTERNAL: Result<never> = fail({
  code: 'internal',
  message: 'Something went wrong inside SENCo Desk. Try again; if it keeps happening, restart the app.',
});

export async function handleInvoke(
  invoker: Invoker,
  sender: SenderInfo,
  envelope: unknown,
  logError: (err: unknown) => void = () => undefined,
  operation?: unknown,
): Promise<Result<unknown>> {
  if (!isTrustedSender(sender)) return UNTRUSTED_SENDER;
  try {
    if (operation !== undefined) return await invoker.invoke(envelope, { operation: String(operation) });
    return await invoker.invoke(envelope);
  } catch (err) {
    // The dispatcher returns Results; a throw here is a bug. Log it in the main process, tell the page little.
    logError(err);
    return INTERNAL;
  }
}

export function senderInfo(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): SenderInfo {
  const frame = event.senderFrame;
  if (!frame) return { url: null, isTopFrame: false };
  return { url: frame.url, isTopFrame: frame.parent === null };
}

/** A cancel from the page: only from the app's own window, for an operation still running. */
export function handleCancel(invoker: Invoker, sender: SenderInfo, operation: unknown): boolean {
  if (!isTrustedSender(sender) || typeof operation !== 'string' || !invoker.cancel) return false;
  return invoker.cancel(operation);
}

/**
 * The two channels from the page: invoke (an envelope, and for long work its operation id) and cancel. Progress
 * goes the other way (forwardProgress).
 */
export function registerInvokeHandler(ipcMain: Pick<IpcMain, 'handle'>, invoker: Invoker, logError?: (err: unknown) => void): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, envelope: unknown, operation?: unknown) =>
    handleInvoke(invoker, senderInfo(event), envelope, logError, operation),
  );
  ipcMain.handle(IPC_CANCEL_CHANNEL, (event, operation: unknown) => handleCancel(invoker, senderInfo(event), operation));
}

/** Sends every operation's progress to the window (the one app window, which started it); returns the unsubscribe. */
export function forwardProgress(
  host: { onProgress(listener: (operation: string, p: { done: number; total: number; label: string }) => void): () => void },
  send: (channel: string, progress: OperationProgress) => void,
): () => void {
  return host.onProgress((operation, p) => send(IPC_PROGRESS_CHANNEL, { operation, done: p.done, total: p.total, label: p.label }));
}
