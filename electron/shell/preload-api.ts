/**
 * Builds the one object the preload exposes to the page (window.sencoDesk). Kept apart from preload.ts so it is
 * tested without Electron. The page gets a function that sends an envelope on the one channel and the app
 * version: no ipcRenderer, no channel name of its choosing, no Node.
 */
import type { DesktopApi } from '../../shared/desktop-api';
import type { Envelope } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { IPC_INVOKE_CHANNEL, VERSION_ARG_PREFIX } from './channels';

export type IpcInvoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

/** The version the main process passed through additionalArguments, or '' if absent. */
export function versionFromArgv(argv: readonly string[]): string {
  const arg = argv.find((a) => a.startsWith(VERSION_ARG_PREFIX));
  const v = arg ? arg.slice(VERSION_ARG_PREFIX.length) : '';
  return /^[0-9A-Za-z.+-]{1,64}$/.test(v) ? v : '';
}

export function createDesktopApi(ipcInvoke: IpcInvoke, argv: readonly string[]): DesktopApi {
  return Object.freeze({
    // A new function, not ipcInvoke itself: the page must not be able to pick the channel.
    invoke: (envelope: Envelope) => ipcInvoke(IPC_INVOKE_CHANNEL, envelope) as Promise<Result<unknown>>,
    version: versionFromArgv(argv),
  });
}
