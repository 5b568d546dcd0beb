/**
 * The renderer's one way to the core, typed from the contract. It picks the transport once:
 * - Electron: the preload's `window.sencoDesk.invoke(envelope)`;
 * - browser edition (loopback test host): POST the envelope to /api/invoke with the page token.
 * Every envelope carries the signed-in session token. Failures come back as results, never throws, so screens
 * can show a message (and field messages) instead of crashing.
 *
 * Long work (an export, a pack, an import): `invokeLong` names the call with an operation id, reports the core's
 * progress (Electron: the preload's onProgress; browser edition: polls of /api/progress) and can be cancelled.
 *
 * After a write succeeds, and before its answer is given to the screen, every query of the reads the write changes
 * (shared/contract/changes.ts) is refreshed: the screens on show are fetched again, the others marked stale. No screen
 * invalidates a read by hand.
 */
import type { Envelope, InputOf, Invoke, OpName, OutputOf } from '../../../shared/contract';
// The map alone, not the contract's schemas: the client stays light.
import { readsChangedBy } from '../../../shared/contract/changes';
import type { AppError, Result } from '../../../shared/result';
import type { OperationProgress } from '../../../shared/desktop-api';
import { t } from '../../../shared/i18n';
import { invalidate, qk } from '../lib/query-keys';
import { queryClient } from './query-client';
import { getSession, takeHostToken } from './session';

interface Bridge {
  invoke(envelope: Envelope): Promise<Result<unknown>>;
  invokeLong?(envelope: Envelope, operation: string): Promise<Result<unknown>>;
  cancel?(operation: string): Promise<boolean>;
  onProgress?(listener: (p: OperationProgress) => void): () => void;
}

/** Long work's progress as a screen shows it. */
export type Progress = Omit<OperationProgress, 'operation'>;

interface LongTransport {
  run(envelope: Envelope, operation: string, onProgress: (p: Progress) => void): Promise<Result<unknown>>;
  cancel(operation: string): Promise<void>;
}

type Transport = (envelope: Envelope) => Promise<Result<unknown>>;

function networkFailure(): Result<never> {
  return { ok: false, error: { code: 'internal', message: t('app.errors.network') } };
}

let hostToken: string | null | undefined;

/** One POST to the browser edition's API, as a Result. */
async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Result<unknown>> {
  hostToken ??= takeHostToken();
  try {
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hostToken ?? ''}`, ...headers },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
    const parsed: unknown = await res.json();
    if (parsed && typeof parsed === 'object' && 'ok' in parsed) return parsed as Result<unknown>;
    return networkFailure();
  } catch {
    return networkFailure();
  }
}

const bridgeOf = () => (window as unknown as { sencoDesk?: Bridge }).sencoDesk;

function pickTransport(): Transport {
  const bridge = bridgeOf();
  if (bridge && typeof bridge.invoke === 'function') {
    return (envelope) => bridge.invoke(envelope).catch(() => networkFailure());
  }
  return (envelope) => post('./api/invoke', envelope);
}

/** How often the browser edition asks for long work's progress (the newest figure is all a progress bar needs). */
const POLL_MS = 250;
const CANCEL_RETRY_MS = 100;
/** The browser edition's long calls not yet answered. */
const pending = new Set<string>();

function pickLongTransport(): LongTransport {
  const bridge = bridgeOf();
  if (bridge && typeof bridge.invoke === 'function') {
    return {
      run: async (envelope, operation, onProgress) => {
        if (!bridge.invokeLong) return bridge.invoke(envelope).catch(() => networkFailure());
        const stop = bridge.onProgress?.((p) => {
          if (p.operation === operation) onProgress({ done: p.done, total: p.total, label: p.label });
        });
        try {
          return await bridge.invokeLong(envelope, operation).catch(() => networkFailure());
        } finally {
          stop?.();
        }
      },
      cancel: async (operation) => {
        await bridge.cancel?.(operation).catch(() => false);
      },
    };
  }
  return {
    run: async (envelope, operation, onProgress) => {
      let finished = false;
      pending.add(operation);
      const poll = async () => {
        while (!finished) {
          await new Promise((r) => setTimeout(r, POLL_MS));
          if (finished) return;
          const r = await post('./api/progress', { operation });
          if (!finished && r.ok && r.value) onProgress(r.value as Progress);
        }
      };
      void poll();
      try {
        return await post('./api/invoke', envelope, { 'x-senco-operation': operation });
      } finally {
        finished = true;
        pending.delete(operation);
      }
    },
    cancel: async (operation) => {
      // The cancel can reach the host before the call it cancels (two requests in flight): until the host knows the
      // operation, ask again, for as long as the call has not been answered.
      while (pending.has(operation)) {
        const r = await post('./api/cancel', { operation });
        if (r.ok && (r.value as { cancelled?: boolean } | null)?.cancelled) return;
        await new Promise((res) => setTimeout(res, CANCEL_RETRY_MS));
      }
    },
  };
}

let transport: Transport | null = null;
let longTransport: LongTransport | null = null;
type Listener = (error: AppError, op: OpName) => void;
const listeners = new Set<Listener>();
const lockListeners = new Set<Listener>();

/**
 * Called when a signed-in call comes back `unauthenticated` (session ended elsewhere, or the app restarted). Not
 * for a refusal with field messages: that is a wrong password typed into a form (unlocking the screen), which the
 * form shows beside its field.
 */
export function onUnauthenticated(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called when a call comes back `session_locked`: the core locked the session (inactivity backstop). */
export function onSessionLocked(listener: Listener): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

export const invoke: Invoke = async <K extends OpName>(op: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> => {
  transport ??= pickTransport();
  const sent = getSession();
  const result = answered(op, sent, (await transport({ op, input, session: sent })) as Result<OutputOf<K>>);
  await refreshChanged(op, input, result);
  return result;
};

/** A long call in progress: its answer, and a way to ask the core to stop it (the answer is then "Cancelled"). */
export interface LongCall<K extends OpName> {
  readonly result: Promise<Result<OutputOf<K>>>;
  cancel(): Promise<void>;
}

let operations = 0;

/** Long work: as `invoke`, with progress reports and a cancel (electron/core/operation.ts). */
export function invokeLong<K extends OpName>(op: K, input: InputOf<K>, onProgress: (p: Progress) => void): LongCall<K> {
  longTransport ??= pickLongTransport();
  const lt = longTransport;
  // Plain, unique in this page: letters, digits and '-' only (the host refuses anything else).
  const operation = `op-${Date.now().toString(36)}-${(++operations).toString(36)}`;
  const sent = getSession();
  const result = lt.run({ op, input, session: sent }, operation, onProgress).then(async (r) => {
    const answer = answered(op, sent, r as Result<OutputOf<K>>);
    await refreshChanged(op, input, answer);
    return answer;
  });
  return { result, cancel: () => lt.cancel(operation) };
}

function answered<K extends OpName>(op: K, sent: string | null, result: Result<OutputOf<K>>): Result<OutputOf<K>> {
  // Only for the session still current: an answer to a session that has since ended says nothing about this one.
  if (!result.ok && sent !== null && sent === getSession()) {
    const { error } = result;
    if (error.code === 'unauthenticated' && Object.keys(error.fields ?? {}).length === 0) {
      for (const l of listeners) l(error, op);
    } else if (error.code === 'session_locked') {
      for (const l of lockListeners) l(error, op);
    }
  }
  return result;
}

/**
 * After a successful write: refreshes the reads it changes (shared/contract/changes.ts), every query under each
 * (all pupils' `qk('sessions.list', ...)` for `sessions.list`). Awaited, so a dialog that closes on the answer closes
 * on a screen already showing the change, as TanStack Query's mutations do when their onSuccess returns the
 * invalidation. A failed write changed nothing and refreshes nothing.
 */
async function refreshChanged(op: OpName, input: unknown, result: Result<unknown>): Promise<void> {
  if (!result.ok) return;
  const reads = readsChangedBy(op, input);
  if (reads.length > 0) await invalidate(queryClient, ...reads.map((read) => qk(read)));
}

/** A failed result as something TanStack Query can hold as its error. */
export class ApiError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'ApiError';
  }
}

/** For queries: resolves to the value or throws ApiError. */
export async function call<K extends OpName>(op: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const result = await invoke(op, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
