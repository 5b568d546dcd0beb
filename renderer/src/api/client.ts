/**
 * The renderer's one way to the core, typed from the contract. It picks the transport once:
 * - Electron: the preload's `window.sencoDesk.invoke(envelope)`;
 * - browser edition (loopback test host): POST the envelope to /api/invoke with the page token.
 * Every envelope carries the signed-in session token. Failures come back as results, never throws, so screens
 * can show a message (and field messages) instead of crashing.
 */
import type { Envelope, InputOf, Invoke, OpName, OutputOf } from '../../../shared/contract';
import type { AppError, Result } from '../../../shared/result';
import { t } from '../../../shared/i18n';
import { getSession, takeHostToken } from './session';

interface Bridge {
  invoke(envelope: Envelope): Promise<Result<unknown>>;
}

type Transport = (envelope: Envelope) => Promise<Result<unknown>>;

function networkFailure(): Result<never> {
  return { ok: false, error: { code: 'internal', message: t('app.errors.network') } };
}

function pickTransport(): Transport {
  const bridge = (window as unknown as { sencoDesk?: Bridge }).sencoDesk;
  if (bridge && typeof bridge.invoke === 'function') {
    return (envelope) => bridge.invoke(envelope).catch(() => networkFailure());
  }
  const hostToken = takeHostToken();
  return async (envelope) => {
    try {
      const res = await fetch('./api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${hostToken ?? ''}` },
        body: JSON.stringify(envelope),
        credentials: 'omit',
        cache: 'no-store',
      });
      const body: unknown = await res.json();
      if (body && typeof body === 'object' && 'ok' in body) return body as Result<unknown>;
      return networkFailure();
    } catch {
      return networkFailure();
    }
  };
}

let transport: Transport | null = null;
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
  const result = (await transport({ op, input, session: sent })) as Result<OutputOf<K>>;
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
};

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
