/**
 * Builds the one object the preload exposes to the page (window.sencoDesk). Kept apart from preload.ts so it is
 * tested without Electron. The page gets a function that sends an envelope on the one channel, the app version, the
 * school IT policy and a way to hear the menu's Lock now and Privacy screen: no ipcRenderer, no channel name of its
 * choosing, no Node.
 */
import type { DesktopApi, ItPolicy, MenuCommand } from '../../shared/desktop-api';
import type { Envelope } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { IPC_INVOKE_CHANNEL, MENU_COMMAND_CHANNEL, POLICY_ARG_PREFIX, VERSION_ARG_PREFIX } from './channels';

export type IpcInvoke = (channel: string, ...args: unknown[]) => Promise<unknown>;
/** ipcRenderer.on / removeListener for the one main-to-page channel. */
export interface IpcOn {
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}

const MENU_COMMANDS: readonly MenuCommand[] = ['lock', 'privacy'];

/**
 * The IT policy the main process passed (already checked there with zod); checked again here, by hand (the sandboxed
 * preload does not bundle zod), so the page only ever sees the known keys with the right types. {} when absent or bad.
 */
export function policyFromArgv(argv: readonly string[]): ItPolicy {
  const arg = argv.find((a) => a.startsWith(POLICY_ARG_PREFIX));
  if (!arg) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(decodeURIComponent(arg.slice(POLICY_ARG_PREFIX.length)));
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const o = raw as Record<string, unknown>;
  const out: { -readonly [K in keyof ItPolicy]: ItPolicy[K] } = {};
  if (typeof o.dataFolder === 'string' && o.dataFolder.length <= 1024) out.dataFolder = o.dataFolder;
  if (typeof o.lockAfterMinutes === 'number' && Number.isInteger(o.lockAfterMinutes) && o.lockAfterMinutes >= 1 && o.lockAfterMinutes <= 60) out.lockAfterMinutes = o.lockAfterMinutes;
  if (typeof o.disableUpdates === 'boolean') out.disableUpdates = o.disableUpdates;
  if (typeof o.schoolServer === 'string' && /^https:\/\//.test(o.schoolServer) && o.schoolServer.length <= 2048) out.schoolServer = o.schoolServer;
  if (Array.isArray(o.problems)) out.problems = Object.freeze(o.problems.filter((p): p is string => typeof p === 'string').slice(0, 20));
  return Object.freeze(out);
}

/** The version the main process passed through additionalArguments, or '' if absent. */
export function versionFromArgv(argv: readonly string[]): string {
  const arg = argv.find((a) => a.startsWith(VERSION_ARG_PREFIX));
  const v = arg ? arg.slice(VERSION_ARG_PREFIX.length) : '';
  return /^[0-9A-Za-z.+-]{1,64}$/.test(v) ? v : '';
}

export function createDesktopApi(ipcInvoke: IpcInvoke, argv: readonly string[], ipcOn?: IpcOn): DesktopApi {
  return Object.freeze({
    // A new function, not ipcInvoke itself: the page must not be able to pick the channel.
    invoke: (envelope: Envelope) => ipcInvoke(IPC_INVOKE_CHANNEL, envelope) as Promise<Result<unknown>>,
    version: versionFromArgv(argv),
    policy: policyFromArgv(argv),
    // The page gets the command's name only (never the IPC event), and only the known commands.
    onMenuCommand: (listener: (command: MenuCommand) => void) => {
      if (!ipcOn) return () => undefined;
      const wrapped = (_event: unknown, command: unknown) => {
        const known = MENU_COMMANDS.find((c) => c === command);
        if (known) listener(known);
      };
      ipcOn.on(MENU_COMMAND_CHANNEL, wrapped);
      return () => ipcOn.removeListener(MENU_COMMAND_CHANNEL, wrapped);
    },
  });
}
