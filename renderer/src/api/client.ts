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
const listeners = new Set<(error: AppError, op: OpName) => void>();

/** Called when a signed-in call comes back `unauthenticated` (session ended elsewhere, or the app restarted). */
export function onUnauthenticated(listener: (error: AppError, op: OpName) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const invoke: Invoke = async <K extends OpName>(op: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> => {
  transport ??= pickTransport();
  const result = (await transport({ op, input, session: getSession() })) as Result<OutputOf<K>>;
  if (!result.ok && result.error.code === 'unauthenticated' && getSession() !== null) {
    for (const l of listeners) l(result.error, op);
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
