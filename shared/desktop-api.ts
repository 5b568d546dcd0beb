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
  /**
   * Long work (an export, a pack, an import): `invoke` with an operation id the page chose (letters, digits, - and
   * _, up to 64) reports progress to `onProgress` listeners and can be stopped with `cancel`.
   */
  readonly invokeLong: (envelope: Envelope, operation: string) => Promise<Result<unknown>>;
  /** Asks the core to stop that operation between its steps; it then fails with "Cancelled: nothing was saved". */
  readonly cancel: (operation: string) => Promise<boolean>;
  /** Every operation's progress, in order; returns the function that stops listening. */
  readonly onProgress: (listener: (progress: OperationProgress) => void) => () => void;
}

/** One progress report of long work. */
export interface OperationProgress {
  readonly operation: string;
  readonly done: number;
  readonly total: number;
  /** A step's name (a key under longWork.steps), never a pupil's. */
  readonly label: string;
}

declare global {
  interface Window {
    readonly sencoDesk?: DesktopApi;
  }
}
