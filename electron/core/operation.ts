/**
 * Long work (an export, a review pack, an import, a backup) reports progress and can be cancelled. The transport
 * that carries the call (the core's host: electron/core/host) hands the dispatcher an `OperationControl`; the
 * dispatcher passes it to the service through its context (`ctx.progress`, `ctx.checkCancelled`), and a service
 * calls them between its steps. A cancelled operation throws `Cancelled` from `checkCancelled`, so its transaction
 * rolls back like any failure and the caller is told plainly that nothing was saved.
 *
 * The flag is read synchronously (`cancelled()`), never through an event: with a synchronous store driver the core's
 * thread may not turn its event loop between steps, so the host sets the flag in shared memory (host/protocol.ts).
 */
import { t } from '../../shared/i18n';
import { AppFailure } from '../../shared/result';

export interface Progress {
  readonly done: number;
  readonly total: number;
  /** A short, non-sensitive step name (never a pupil's name): shown beside the progress bar. */
  readonly label: string;
}

export interface OperationControl {
  /** True once the user has asked to cancel. */
  cancelled(): boolean;
  progress(p: Progress): void;
}

/** The failure a cancelled operation ends with: the dispatcher rolls its transaction back. */
export class Cancelled extends AppFailure {
  constructor() {
    super('cancelled', t('longWork.cancelled'));
    this.name = 'Cancelled';
  }
}

/** Throws `Cancelled` when the operation has been cancelled. */
export function throwIfCancelled(control: OperationControl | null | undefined): void {
  if (control?.cancelled()) throw new Cancelled();
}

/** A control whose flag is one Int32 in shared memory, set by another thread (host/core-host.ts `cancel`). */
export function sharedFlagControl(flag: Int32Array, progress: (p: Progress) => void): OperationControl {
  return {
    cancelled: () => Atomics.load(flag, 0) !== 0,
    progress,
  };
}
