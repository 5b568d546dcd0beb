/**
 * The object the Electron preload exposes to the renderer as `window.sencoDesk`. Types only: the renderer's
 * client uses it when present (the desktop app) and the loopback test host's HTTP API otherwise.
 */
import type { Envelope } from './contract';
import type { Result } from './result';

export interface DesktopApi {
  /** Sends one operation to the core; always resolves to a Result (errors are values, not throws). */
  readonly invoke: (envelope: Envelope) => Promise<Result<unknown>>;
  /** The app's version, for the About box and support requests. */
  readonly version: string;
}

declare global {
  interface Window {
    readonly sencoDesk?: DesktopApi;
  }
}
