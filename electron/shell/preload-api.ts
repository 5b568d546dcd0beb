/**
 * Builds the one object the preload exposes to the page (window.sencoDesk). Kept apart from preload.ts so it is
 * tested without Electron. The page gets a function that sends an envelope on the one channel, the app version, the
 * school IT policy and a way to hear the menu's Lock now and Privacy screen: no ipcRenderer, no channel name of its
 * choosing, no Node.
 */
import type { ConnectionSaveRequest, ConnectionView, DesktopApi, ItPolicy, MenuCommand, OperationProgress } from '../../shared/desktop-api';
import type { Envelope } from '../../shared/contract';
import type { Result } from '../../shared/result';
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

export type IpcInvoke = (channel: string, ...args: unknown[]) => Promise<unknown>;
/** ipcRenderer.on/removeListener for one channel, with the event left out (the page never sees it). */
export type IpcSubscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

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
  if (typeof o.lockAfterMinutes === 'number' && Number.isInteger(o.lockAfterMinutes) && o.lockAfterMinutes >= 1 && o.lockAfterMinutes <= 60)
    out.lockAfterMinutes = o.lockAfterMinutes;
  if (typeof o.disableUpdates === 'boolean') out.disableUpdates = o.disableUpdates;
  if (typeof o.schoolServer === 'string' && /^https:\/\//.test(o.schoolServer) && o.schoolServer.length <= 2048)
    out.schoolServer = o.schoolServer;
  if (typeof o.schoolServerFingerprint === 'string' && /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(o.schoolServerFingerprint))
    out.schoolServerFingerprint = o.schoolServerFingerprint;
  if (Array.isArray(o.problems)) out.problems = Object.freeze(o.problems.filter((p): p is string => typeof p === 'string').slice(0, 20));
  return Object.freeze(out);
}

/** Only well-formed progress reaches the page. */
function asProgress(p: unknown): OperationProgress | null {
  const v = p as Partial<OperationProgress> | null;
  if (
    !v ||
    typeof v !== 'object' ||
    typeof v.operation !== 'string' ||
    typeof v.done !== 'number' ||
    typeof v.total !== 'number' ||
    typeof v.label !== 'string'
  )
    return null;
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
    policy: policyFromArgv(argv),
    // The page gets the command's name only (never the IPC event), and only the known commands.
    onMenuCommand: (listener: (command: MenuCommand) => void) => {
      if (!subscribe) return () => undefined;
      return subscribe(MENU_COMMAND_CHANNEL, (command) => {
        const known = MENU_COMMANDS.find((c) => c === command);
        if (known) listener(known);
      });
    },
    invokeLong: (envelope: Envelope, operation: string) =>
      ipcInvoke(IPC_INVOKE_CHANNEL, envelope, String(operation)) as Promise<Result<unknown>>,
    cancel: (operation: string) => ipcInvoke(IPC_CANCEL_CHANNEL, String(operation)).then((r) => r === true),
    // The School server card (connection.ts): plain values only; the main process checks the sender and the session.
    connection: Object.freeze({
      get: () => ipcInvoke(CONNECTION_GET_CHANNEL) as Promise<ConnectionView>,
      save: (request: ConnectionSaveRequest) =>
        ipcInvoke(CONNECTION_SAVE_CHANNEL, {
          session: request.session === null ? null : String(request.session),
          address: String(request.address),
          fingerprint: String(request.fingerprint),
        }) as ReturnType<NonNullable<DesktopApi['connection']>['save']>,
      clear: (session: string | null) =>
        ipcInvoke(CONNECTION_CLEAR_CHANNEL, session === null ? null : String(session)) as Promise<Result<ConnectionView>>,
    }),
    onProgress: (listener: (progress: OperationProgress) => void) => {
      if (!subscribe) return () => undefined;
      return subscribe(IPC_PROGRESS_CHANNEL, (payload) => {
        const p = asProgress(payload);
        if (p) listener(p);
      });
    },
  });
}
