/**
 * The core's side of the host protocol (protocol.ts): it runs in the worker thread (core-worker.ts), or on the
 * calling thread in the in-thread mode the tests compare against. It opens the core behind its gate
 * (electron/core/gate.ts), hands each envelope to it with the operation's progress and cancel flag, makes the daily
 * backup, and closes the core (flushing the audit checkpoints) when asked.
 */
import { rmSync } from 'node:fs';
import { fail, ok, type Result } from '../../../shared/result';
import { createBackup } from '../backup';
import { keyringPathFor } from '../crypto/keyring';
import { checkpointPathFor } from '../audit-checkpoint';
import { CoreGate } from '../gate';
import { SignInSessionStore } from '../sign-in-sessions';
import { Cancelled, sharedFlagControl, type OperationControl } from '../operation';
import type { CarriedError, HostRequest, OperationRef, PortLike, WorkerMessage } from './protocol';

/**
 * Test builds only (host/testing): answers an envelope before the gate sees it, or returns null to pass it on. The
 * product's worker entry (core-worker.ts) never passes one, so nothing it answers is reachable from the contract.
 */
export type Intercept = (envelope: unknown, control: OperationControl | null) => Promise<Result<unknown>> | Result<unknown> | null;

export interface RuntimeOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly intercept?: Intercept;
  /** Called once the core is closed (the worker entry lets the thread end). */
  readonly onClosed?: () => void;
}

function carried(err: unknown): CarriedError {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(err) };
}

export function serveCore(port: PortLike, opts: RuntimeOptions = {}): void {
  const env = opts.env ?? process.env;
  let gate: CoreGate | null = null;
  let dataDir = '';
  const post = (m: WorkerMessage) => port.postMessage(m);

  const controlFor = (operation: OperationRef | undefined): OperationControl | null =>
    operation
      ? sharedFlagControl(new Int32Array(operation.cancelFlag), (p) =>
          post({ type: 'progress', operation: operation.id, done: p.done, total: p.total, label: p.label }),
        )
      : null;

  const handle = async (req: HostRequest): Promise<Result<unknown>> => {
    switch (req.type) {
      case 'open': {
        dataDir = req.dataDir;
        gate = await CoreGate.open(req.dataDir, env, {
          ...(req.encrypt === undefined ? {} : { encrypt: req.encrypt }),
          ...(req.sharedSessions ? { signIns: new SignInSessionStore({ shared: true }) } : {}),
        });
        return ok({ locked: gate.locked });
      }
      case 'invoke': {
        const control = controlFor(req.operation);
        const answered = opts.intercept?.(req.envelope, control) ?? null;
        if (answered) return answered;
        if (!gate) throw new Error('The core is not open.');
        return gate.invoke(req.envelope, control);
      }
      case 'backup': {
        const core = gate?.current;
        if (!core || core.store.kind !== 'sqlite') return ok(null);
        const control = controlFor(req.operation);
        control?.progress({ done: 0, total: 1, label: 'backup' });
        if (control?.cancelled()) return fail(cancelled());
        const made = await createBackup({ dataDir, store: core.store });
        // The copy is made in one step by the store's own backup; cancelled meanwhile, it is removed whole, with
        // the key file and checkpoint that belong to it: a cancelled backup leaves nothing behind.
        if (control?.cancelled()) {
          for (const f of [made.file, keyringPathFor(made.file), checkpointPathFor(made.file)]) rmSync(f, { force: true });
          return fail(cancelled());
        }
        control?.progress({ done: 1, total: 1, label: 'backup' });
        return ok(made.file);
      }
      case 'close': {
        const g = gate;
        gate = null;
        await g?.close();
        return ok(null);
      }
    }
  };

  port.on('message', (message) => {
    const req = message as HostRequest;
    void handle(req).then(
      (result) => {
        post({ type: 'answer', id: req.id, result });
        if (req.type === 'close') opts.onClosed?.();
      },
      (err: unknown) => post({ type: 'thrown', id: req.id, error: carried(err) }),
    );
  });
}

/** The cancelled failure as a Result's error. */
function cancelled() {
  const c = new Cancelled();
  return { code: c.code, message: c.message };
}
