/**
 * Builds the one object the preload exposes to the page (window.sencoDesk). Kept apart from preload.ts so it is
 * tested without Electron. The page gets a function that sends an envelope on the one channel and the app
 * version: no ipcRenderer, no channel name of its choosing, no Node.
 */
import type { DesktopApi, OperationProgress } from '../../shared/desktop-api';
import type { Envelope } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { IPC_CANCEL_CHANNEL, IPC_INVOKE_CHANNEL, IPC_PROGRESS_CHANNEL, VERSION_ARG_PREFIX } from './channels';

export type IpcInvoke = (channel: string, ...args: unknown[]) => Promise<unknown>;
/** ipcRenderer.on/removeListener for one channel, with the event left out (the page never sees it). */
export type IpcSubscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

/** Only well-formed progress reaches the page. */
function asProgress(p: unknown): OperationProgress | null {
  const v = p as Partial<OperationProgress> | null;
  if (!v || typeof v !== 'object' || typeof v.operation !== 'string' || typeof v.done !== 'number' || typeof v.total !== 'number' || typeof v.label !== 'string') return null;
  return { operation: v.operation, done: v.done, total: v.total, label: v.label };
}

/** The version the main process passed through additionalArguments, or '' if absent. */
export function versionFromArgv(argv: readonly string[]): string {
  const arg = argv.find((a) => a.startsWith(VERSION_ARG_PREFIX));
  const v = arg ? arg.slice(VERSION_ARG_PREFIX.length) : '';
  return /^[0-9A-Za-z.+-]{1,64}$/.test(v) ? v : '';
}

export function createDesktopApi(ipcInvoke: IpcInvoke, argv: readonly string[], subscribe?: IpcSubscribe): DesktopApi {
  return Object.freeze({
    // A new function, not ipcInvoke itself: the page must not be able to pick the channel.
    invoke: (envelope: Envelope) => ipcInvoke(IPC_INVOKE_CHANNEL, envelope) as Promise<Result<unknown>>,
    version: versionFromArgv(argv),
    invokeLong: (envelope: Envelope, operation: string) => ipcInvoke(IPC_INVOKE_CHANNEL, envelope, String(operation)) as Promise<Result<unknown>>,
    cancel: (operation: string) => ipcInvoke(IPC_CANCEL_CHANNEL, String(operation)).then((r) => r === true),
    onProgress: (listener: (progress: OperationProgress) => void) => {
      if (!subscribe) return () => undefined;
      return subscribe(IPC_PROGRESS_CHANNEL, (payload) => {
        const p = asProgress(payload);
        if (p) listener(p);
      });
    },
  });
}
