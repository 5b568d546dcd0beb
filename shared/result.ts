/**
 * Results cross every boundary (IPC, the loopback test host, the CLI) as values, never as throws,
 * so the renderer can show field-level messages beside the field that caused them.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'setup_required'
  | 'already_set_up'
  | 'locked'
  | 'session_locked'
  /** The session's user must change the password the SENCo set before doing anything else. */
  | 'password_change_required'
  | 'unknown_operation'
  /** Long work the user cancelled (or the core stopped under): rolled back, nothing saved. */
  | 'cancelled'
  /**
   * A connected desk cannot reach the school server, and this operation needs it (electron/connect): nothing was
   * done. (What can be done offline is queued instead, and succeeds.)
   */
  | 'offline'
  /** The school server could not be reached safely: its certificate is not the one this desk pins, or it is not a SENCo Desk server. */
  | 'server_untrusted'
  | 'internal';

export interface AppError {
  readonly code: ErrorCode;
  /** A sentence for a person: what was wrong and what to do next. */
  readonly message: string;
  /** Field path (dot-separated, as in the input) to a message shown beside that field. */
  readonly fields?: Readonly<Record<string, string>>;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });

/** Thrown inside services; the dispatcher turns it into `{ok:false}` after rolling back. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Readonly<Record<string, string>>,
    /** Keep what the operation wrote before failing (a failed sign-in still counts towards lockout). */
    readonly keepChanges = false,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}
