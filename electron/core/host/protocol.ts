/**
 * The messages between the core's host (core-host.ts, on the main thread) and the core running in a worker thread
 * (runtime.ts). Modelled on Signal Desktop's SQL worker (ts/sql/main.ts): every request carries a number, answered
 * by exactly one message with the same number; everything crosses as a structured clone (Results are plain values).
 *
 * The host only carries messages: validation, authorisation and audit stay in the core's dispatcher.
 */
import type { Result } from '../../../shared/result';

/** Long work's part of a request: its id (chosen by the caller) and the shared cancel flag (one Int32). */
export interface OperationRef {
  readonly id: string;
  readonly cancelFlag: SharedArrayBuffer;
}

export type HostRequest =
  /**
   * Opens the core on a data folder (an encrypted folder opens locked, until the first sign-in). `sharedSessions`: the
   * school server's sessions, shared by all its processes and kept when one closes (electron/core/sessions.ts).
   */
  | { readonly type: 'open'; readonly id: number; readonly dataDir: string; readonly encrypt?: boolean; readonly sharedSessions?: boolean }
  /** One envelope for the dispatcher (through the gate), as IPC or the browser edition received it. */
  | { readonly type: 'invoke'; readonly id: number; readonly envelope: unknown; readonly operation?: OperationRef }
  /** The daily backup of a SQLite store, made inside the core (which holds the key): resolves to its path, or null while locked. */
  | { readonly type: 'backup'; readonly id: number; readonly operation?: OperationRef }
  /** Flushes the audit checkpoints, closes the store; the worker then ends. */
  | { readonly type: 'close'; readonly id: number };

/** A failure outside the dispatcher's Results (opening the folder, a bug): its name, message and code cross as text. */
export interface CarriedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
}

export type WorkerMessage =
  | { readonly type: 'answer'; readonly id: number; readonly result: Result<unknown> }
  | { readonly type: 'thrown'; readonly id: number; readonly error: CarriedError }
  | { readonly type: 'progress'; readonly operation: string; readonly done: number; readonly total: number; readonly label: string };

/** What `open` answers. */
export interface Opened {
  /** An encrypted folder waits for the first sign-in. */
  readonly locked: boolean;
}

/** An operation id the renderer may choose: short and plain (it never reaches a log or the audit trail). */
export const OPERATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The small part of a MessagePort / parentPort both ends use (the in-thread mode uses a MessageChannel). */
export interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  close?(): void;
}
