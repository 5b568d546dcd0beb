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
   * What the school's IT set in the machine-wide policy file (electron/shell/policy.ts), already checked by the
   * main process; an empty object when there is no policy file. Settings shows these values as set by IT.
   */
  readonly policy?: ItPolicy;
  /**
   * The school server this desk connects to (electron/shell/connection.ts): what is in force and where it comes from,
   * and for the SENCo a way to test a new one and save it (only once the test succeeded). Desktop app only.
   */
  readonly connection?: ConnectionApi;
  /** Calls `listener` when the user picks Lock or Privacy screen in the app menu; returns a function that stops. */
  readonly onMenuCommand?: (listener: (command: MenuCommand) => void) => () => void;
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

/** Where the connection to the school server comes from: IT's policy file, the SENCo's Settings, or nowhere (standalone). */
export type ConnectionSource = 'policy' | 'settings' | 'none';

/** The connection in force: the address and the pinned certificate's fingerprint ("AB:CD:…", 64 hex digits). */
export interface ConnectionView {
  readonly source: ConnectionSource;
  readonly address: string | null;
  readonly fingerprint: string | null;
  /** False when the policy set an address without a fingerprint (the desk cannot connect safely: stays standalone). */
  readonly complete: boolean;
}

/** What Settings sends to change the connection: the signed-in session (only the SENCo may), and the new values. */
export interface ConnectionSaveRequest {
  readonly session: string | null;
  readonly address: string;
  readonly fingerprint: string;
}

export interface ConnectionApi {
  readonly get: () => Promise<ConnectionView>;
  /** Tests the server (its certificate pinned) and saves it only when the test succeeds. */
  readonly save: (request: ConnectionSaveRequest) => Promise<Result<{ readonly connection: ConnectionView; readonly version: string }>>;
  /** Stops using the server saved in Settings (not one IT set). */
  readonly clear: (session: string | null) => Promise<Result<ConnectionView>>;
}

/** One progress report of long work. */
export interface OperationProgress {
  readonly operation: string;
  readonly done: number;
  readonly total: number;
  /** A step's name (a key under longWork.steps), never a pupil's. */
  readonly label: string;
}

/** The settings a school's IT can fix for every user of a computer (see the README, "For school IT"). */
export interface ItPolicy {
  /** The data folder every user of this computer opens (an absolute path). */
  readonly dataFolder?: string;
  /** The screen locks after at most this many minutes without use (1 to 60): the school may choose fewer, never more. */
  readonly lockAfterMinutes?: number;
  /** True: the app never looks for or installs updates (IT deploys new versions). */
  readonly disableUpdates?: boolean;
  /** The school server's address (https) every desk on this computer connects to (electron/shell/connection.ts). */
  readonly schoolServer?: string;
  /** The SHA-256 fingerprint of that server's certificate, "AB:CD:…" (64 hex digits): the one certificate trusted. */
  readonly schoolServerFingerprint?: string;
  /** Plain-English problems found in the policy file (each bad key is ignored, the rest apply). */
  readonly problems?: readonly string[];
}

/** What the app menu can ask the page to do (the same as its keyboard shortcuts). */
export type MenuCommand = 'lock' | 'privacy';

declare global {
  interface Window {
    readonly sencoDesk?: DesktopApi;
  }
}
