/**
 * The core's host: runs the core (dispatcher, services, store) in a worker thread, so that a long report or a
 * synchronous store call never holds up the Electron main process (the window, menus, IPC) or the browser edition's
 * HTTP server. Modelled on Signal Desktop's SQL worker (ts/sql/main.ts and mainWorker.ts): numbered requests, one
 * answer each (protocol.ts), a close that waits for the store to shut, and a worker that can die.
 *
 * - `invoke(envelope, { operation, onProgress })` carries one envelope; the answer is the dispatcher's Result. The
 *   host never looks inside: validation, authorisation and audit stay in the core.
 * - Long work: the caller names an operation id; progress arrives through `onProgress` (and the host-wide
 *   `onProgress` listeners, which the shell forwards to the window), in the order the core reported it; `cancel(id)`
 *   sets the operation's flag in shared memory, which the core reads between steps even while its thread is busy.
 * - If the worker dies (a crash, an out-of-memory), every pending call fails with a plain message, the `onGone`
 *   listeners are told (the shell logs it and tells the user), and `restart()` starts a new core on the same data
 *   folder. Nothing committed is lost: every operation is one transaction, and an unfinished one never committed.
 *   Sessions were the dead core's (users sign in again; an encrypted folder opens locked again), except the school
 *   server's shared sessions, which are in the store and carry on (electron/core/sign-in-sessions.ts).
 * - `close()` cancels long work in progress, waits for the calls in progress to end, then the core flushes its audit
 *   checkpoints and closes the store, and the worker ends.
 *
 * `mode: 'in-thread'` runs the same protocol on this thread (a MessageChannel): only for tests that show what the
 * worker is for.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { t } from '../../../shared/i18n';
import { fail, type Result } from '../../../shared/result';
import type { Progress } from '../operation';
import {
  OPERATION_ID,
  type CarriedError,
  type HostRequest,
  type Opened,
  type OperationRef,
  type PortLike,
  type WorkerMessage,
} from './protocol';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Request = DistributiveOmit<HostRequest, 'id'>;

export interface CoreHostOptions {
  readonly dataDir: string;
  /** Encrypt a new SQLite folder (default: on unless SENCO_ENCRYPT=0, as CoreGate.open). */
  readonly encrypt?: boolean;
  /** The school server's sessions, shared by its processes through the store and kept across restarts (electron/core/sign-in-sessions.ts). */
  readonly sharedSessions?: boolean;
  /** The bundled worker entry (dist/electron/core-worker.cjs or dist/node/core-worker.cjs). */
  readonly workerFile?: string;
  /** 'worker' (the product); 'in-thread' only for tests, with the runtime to serve on this thread. */
  readonly mode?: 'worker' | 'in-thread';
  readonly serveInThread?: (port: PortLike) => void;
  /** Environment for the worker (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Where the worker's console output goes, one line at a time (the school server redacts it into its log); absent:
   * straight to this process's stdout and stderr, as before.
   */
  readonly output?: (line: string) => void;
  /** How long close() waits for the worker to end after the store has closed, before stopping it (default 10 s). */
  readonly exitTimeoutMs?: number;
}

export interface InvokeOptions {
  /** Long work's id (OPERATION_ID): makes it cancellable and reports its progress. */
  readonly operation?: string;
  readonly onProgress?: (p: Progress) => void;
}

/** Why the core stopped: the worker's exit code, and its uncaught error's message when there was one. */
export interface CoreGone {
  readonly exitCode: number | null;
  readonly error: string | null;
}

/** A failure from outside the dispatcher's Results (the folder could not be opened), with the core's name and code. */
export class CoreHostError extends Error {
  readonly code: string | undefined;
  constructor(carried: CarriedError) {
    super(carried.message);
    this.name = carried.name;
    this.code = carried.code;
  }
}

interface Pending {
  readonly resolve: (result: Result<unknown>) => void;
  readonly reject: (err: Error) => void;
  readonly operation?: string;
}

interface Running {
  readonly flag: Int32Array;
  readonly onProgress?: (p: Progress) => void;
}

type State = 'starting' | 'open' | 'gone' | 'closing' | 'closed';

export class CoreHost {
  private worker: Worker | null = null;
  private port: PortLike | null = null;
  private seq = 0;
  private state: State = 'starting';
  private readonly pending = new Map<number, Pending>();
  private readonly running = new Map<string, Running>();
  private readonly goneListeners = new Set<(gone: CoreGone) => void>();
  private readonly progressListeners = new Set<(operation: string, p: Progress) => void>();
  private exited: Promise<void> = Promise.resolve();
  private restarting: Promise<Opened> | null = null;
  private lastOpened: Opened = { locked: false };

  private constructor(private readonly opts: CoreHostOptions) {}

  /** Starts the core and opens the data folder; rejects (CoreHostError) when the folder cannot be opened. */
  static async start(opts: CoreHostOptions): Promise<CoreHost> {
    const host = new CoreHost(opts);
    try {
      await host.boot();
    } catch (err) {
      await host.stop();
      throw err;
    }
    return host;
  }

  /** An encrypted folder waits for the first sign-in (as the core last said: the answer to `open`). */
  get openedLocked(): boolean {
    return this.lastOpened.locked;
  }

  get threadId(): number | null {
    return this.worker?.threadId ?? null;
  }

  /** Called when the core stops without being asked to (the shell logs it, tells the user, and restarts it). */
  onGone(listener: (gone: CoreGone) => void): () => void {
    this.goneListeners.add(listener);
    return () => this.goneListeners.delete(listener);
  }

  /** Every operation's progress (the shell forwards it to the window that started it). */
  onProgress(listener: (operation: string, p: Progress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** One envelope to the core; always resolves to a Result (the core stopping gives a plain failure). */
  async invoke(envelope: unknown, opts: InvokeOptions = {}): Promise<Result<unknown>> {
    if (this.restarting) await this.restarting.catch(() => undefined);
    let operation: OperationRef | undefined;
    if (opts.operation !== undefined) {
      if (!OPERATION_ID.test(opts.operation) || this.running.has(opts.operation)) {
        return fail({ code: 'invalid_input', message: t('errors.badRequest') });
      }
      const cancelFlag = new SharedArrayBuffer(4);
      operation = { id: opts.operation, cancelFlag };
      this.running.set(opts.operation, { flag: new Int32Array(cancelFlag), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
    }
    try {
      return await this.send({ type: 'invoke', envelope, ...(operation ? { operation } : {}) }, operation?.id);
    } finally {
      if (operation) this.running.delete(operation.id);
    }
  }

  /** The daily backup (a SQLite store): its path, or null while an encrypted store waits for the first sign-in. */
  async backup(opts: InvokeOptions = {}): Promise<string | null> {
    const id = opts.operation ?? `backup-${++this.seq}`;
    const cancelFlag = new SharedArrayBuffer(4);
    this.running.set(id, { flag: new Int32Array(cancelFlag), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
    try {
      const result = await this.send({ type: 'backup', operation: { id, cancelFlag } }, id);
      if (!result.ok) throw new CoreHostError({ name: 'BackupError', message: result.error.message, code: result.error.code });
      return result.value as string | null;
    } finally {
      this.running.delete(id);
    }
  }

  /** Asks the core to stop long work between its steps; false when no such operation is running. */
  cancel(operation: string): boolean {
    const run = this.running.get(operation);
    if (!run) return false;
    Atomics.store(run.flag, 0, 1);
    return true;
  }

  /** Starts a new core on the same data folder after the last one stopped (`onGone`). */
  restart(): Promise<Opened> {
    if (this.state !== 'gone') return Promise.reject(new Error(`The core is ${this.state}, not stopped: there is nothing to restart.`));
    this.state = 'starting';
    const starting = this.boot().finally(() => {
      this.restarting = null;
    });
    this.restarting = starting;
    return starting;
  }

  /** Waits for calls in progress, closes the store (flushing the audit checkpoints), and ends the worker. */
  async close(): Promise<void> {
    if (this.state === 'closed' || this.state === 'closing') return this.exited;
    if (this.restarting) await this.restarting.catch(() => undefined);
    const wasOpen = this.state === 'open';
    this.state = 'closing';
    // Long work in progress is cancelled (rolled back whole) rather than keeping the app from quitting.
    for (const run of this.running.values()) Atomics.store(run.flag, 0, 1);
    await this.drain();
    if (wasOpen) {
      const answer = await this.sendRaw({ type: 'close' }).catch((err: unknown) => err);
      if (answer instanceof Error) throw answer;
    }
    await this.stop();
  }

  // ---- inside ----

  private drained: (() => void) | null = null;

  private drain(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise<void>((r) => {
      this.drained = r;
    });
  }

  private async boot(): Promise<Opened> {
    this.attach();
    const answer = await this.sendRaw({
      type: 'open',
      dataDir: this.opts.dataDir,
      ...(this.opts.encrypt === undefined ? {} : { encrypt: this.opts.encrypt }),
      ...(this.opts.sharedSessions ? { sharedSessions: true } : {}),
    });
    if (!answer.ok) throw new CoreHostError({ name: 'Error', message: answer.error.message, code: answer.error.code });
    this.lastOpened = answer.value as Opened;
    this.state = 'open';
    return this.lastOpened;
  }

  private attach(): void {
    if (this.opts.mode === 'in-thread') {
      if (!this.opts.serveInThread) throw new Error('The in-thread mode needs serveInThread.');
      const { port1, port2 } = new MessageChannel();
      this.opts.serveInThread(port2);
      port1.on('message', (m: WorkerMessage) => this.receive(m));
      this.port = {
        postMessage: (m) => port1.postMessage(m),
        on: (e, l) => port1.on(e, l),
        close: () => {
          port1.close();
          port2.close();
        },
      };
      this.exited = Promise.resolve();
      return;
    }
    if (!this.opts.workerFile) throw new Error('The core host needs the worker entry file (workerFile).');
    const capture = this.opts.output;
    const worker = new Worker(this.opts.workerFile, { env: this.opts.env ?? process.env, stderr: !!capture, stdout: !!capture });
    this.worker = worker;
    if (capture) {
      // Line by line, so that whoever redacts it sees each line whole (a token is never split across two calls).
      for (const stream of [worker.stdout, worker.stderr]) {
        let pending = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          const lines = (pending + chunk).split('\n');
          pending = lines.pop() ?? '';
          for (const line of lines) capture(line);
        });
        stream.on('end', () => {
          if (pending) capture(pending);
          pending = '';
        });
      }
    }
    this.port = worker;
    let error: string | null = null;
    worker.on('message', (m: WorkerMessage) => this.receive(m));
    worker.on('error', (err) => {
      error = err instanceof Error ? err.message : String(err);
    });
    this.exited = new Promise<void>((resolve) => {
      worker.once('exit', (exitCode) => {
        if (this.worker === worker) {
          this.worker = null;
          this.port = null;
        }
        resolve();
        if (this.state === 'closing' || this.state === 'closed') return;
        this.state = 'gone';
        this.failPending(t('longWork.coreStopped'));
        const gone: CoreGone = { exitCode, error };
        for (const l of this.goneListeners) l(gone);
      });
    });
  }

  private receive(m: WorkerMessage): void {
    if (m.type === 'progress') {
      const p: Progress = { done: m.done, total: m.total, label: m.label };
      this.running.get(m.operation)?.onProgress?.(p);
      for (const l of this.progressListeners) l(m.operation, p);
      return;
    }
    const pending = this.pending.get(m.id);
    if (!pending) return;
    this.pending.delete(m.id);
    if (m.type === 'answer') pending.resolve(m.result);
    else pending.reject(new CoreHostError(m.error));
    if (this.pending.size === 0) this.drained?.();
  }

  private failPending(message: string): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    this.running.clear();
    for (const p of all) p.resolve(fail({ code: 'internal', message }));
    this.drained?.();
  }

  /** A call from a user: a plain failure when the core is not open. */
  private send(req: Request, operation?: string): Promise<Result<unknown>> {
    if (this.state === 'gone') return Promise.resolve(fail({ code: 'internal', message: t('longWork.coreStopped') }));
    if (this.state !== 'open') return Promise.resolve(fail({ code: 'internal', message: t('longWork.coreClosed') }));
    return this.sendRaw(req, operation).catch((err: unknown) => {
      // The core threw outside the dispatcher (a bug): the shell's log gets it through the Result's plain message only.
      process.stderr.write(`[SENCo Desk] The core failed a call: ${err instanceof Error ? err.message : String(err)}\n`);
      return fail({ code: 'internal', message: t('errors.internal', { time: new Date().toLocaleString('en-GB') }) });
    });
  }

  private sendRaw(req: Request, operation?: string): Promise<Result<unknown>> {
    const port = this.port;
    if (!port) return Promise.resolve(fail({ code: 'internal', message: t('longWork.coreStopped') }));
    const id = ++this.seq;
    return new Promise<Result<unknown>>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(operation ? { operation } : {}) });
      port.postMessage({ ...req, id } as HostRequest);
    });
  }

  private async stop(): Promise<void> {
    this.state = 'closed';
    const worker = this.worker;
    if (this.opts.mode === 'in-thread') {
      this.port?.close?.();
      this.port = null;
      return;
    }
    if (!worker) return;
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), this.opts.exitTimeoutMs ?? 10_000).unref());
    if ((await Promise.race([this.exited.then(() => 'exited' as const), timeout])) === 'timeout') await worker.terminate();
  }
}
