/**
 * Who is signed in. On start (and on reload) a stored session is checked with auth.me; if it has gone, or there
 * was none, setup.status decides between first-run setup and sign-in.
 *
 * The screen lock lives here too (`info.locked`): the shell locks after the school's minutes without use or on
 * "Lock now", a call refused with `session_locked` locks it (the core's own inactivity backstop), and a reload of
 * a locked session comes back locked from auth.me. Locking keeps the signed-in screens and their cached data, so
 * nothing typed is lost; the shell hides them until auth.unlock succeeds.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { invoke, onSessionLocked, onUnauthenticated } from '../api/client';
import { getSession, setSession } from '../api/session';
import { flushAllDrafts } from '../lib/use-draft';

export type AuthState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'unavailable'; readonly error: AppError }
  | { readonly kind: 'needsSetup' }
  | { readonly kind: 'signedOut'; readonly schoolName: string | null; readonly notice: string | null }
  | { readonly kind: 'signedIn'; readonly info: SessionInfo };

interface AuthApi {
  readonly state: AuthState;
  signedIn(info: SessionInfo): void;
  signOut(): Promise<void>;
  retry(): void;
  /** Keeps the top bar's school name (and the lock time) current after the school details change. */
  updateSchool(school: SessionInfo['school']): void;
  /** Locks the screen now and tells the core (inactivity or "Lock now"). */
  lock(): void;
  /** auth.unlock succeeded: shows the app again and refreshes what failed while locked. */
  unlocked(info: SessionInfo): void;
  /** The core ended the session (too many wrong passwords): back to sign-in with its message. */
  endSession(notice: string): void;
  /** The signed-in user chose a new password (clears the required step after a reset). */
  passwordChanged(): void;
}

const AuthContext = createContext<AuthApi | null>(null);

async function resolveStart(): Promise<AuthState> {
  if (getSession()) {
    const me = await invoke('auth.me', {});
    if (me.ok) return { kind: 'signedIn', info: me.value };
    setSession(null);
  }
  const status = await invoke('setup.status', {});
  if (!status.ok) return { kind: 'unavailable', error: status.error };
  return status.value.needsSetup ? { kind: 'needsSetup' } : { kind: 'signedOut', schoolName: status.value.schoolName, notice: null };
}

/**
 * The name the sign-in screen shows once the user has signed out: what the core says before sign-in (a trust's server
 * names none of its schools: the next person may be from another), or undefined if it cannot be asked.
 */
async function signedOutName(): Promise<string | null | undefined> {
  const status = await invoke('setup.status', {});
  return status.ok && !status.value.needsSetup ? status.value.schoolName : undefined;
}

export function AuthProvider({ children }: { readonly children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const queryClient = useQueryClient();

  useEffect(() => {
    let live = true;
    void resolveStart().then((s) => {
      if (live) setState(s);
    });
    return () => {
      live = false;
    };
  }, [attempt]);

  const endSession = useCallback(
    (notice: string) => {
      setSession(null);
      queryClient.clear();
      setState((s) => (s.kind === 'signedIn' ? { kind: 'signedOut', schoolName: s.info.school.name, notice } : s));
      void signedOutName().then((schoolName) =>
        setState((s) => (s.kind === 'signedOut' && schoolName !== undefined ? { ...s, schoolName } : s)),
      );
    },
    [queryClient],
  );

  useEffect(() => onUnauthenticated((error) => endSession(error.message)), [endSession]);

  const markLocked = useCallback(() => {
    setState((s) => (s.kind === 'signedIn' && !s.info.locked ? { kind: 'signedIn', info: { ...s.info, locked: true } } : s));
  }, []);

  useEffect(() => onSessionLocked(markLocked), [markLocked]);

  const lock = useCallback(() => {
    markLocked();
    // Shown at once; every open form's draft is saved first (the page stays mounted behind the lock, and the draft is
    // there even if the session then ends), then the core is told, so a direct request with this session is refused
    // until unlocked.
    void flushAllDrafts().finally(() => void invoke('auth.lock', {}));
  }, [markLocked]);

  const unlocked = useCallback(
    (info: SessionInfo) => {
      setState({ kind: 'signedIn', info: { ...info, locked: false } });
      // Whatever was refused while locked (session_locked) is fetched again; data that was fine stays as it was.
      void queryClient.invalidateQueries();
      // A draft the core refused to keep while it had locked the session by itself is saved now.
      void flushAllDrafts();
    },
    [queryClient],
  );

  const passwordChanged = useCallback(() => {
    setState((s) =>
      s.kind === 'signedIn' && s.info.user.mustChangePassword
        ? { kind: 'signedIn', info: { ...s.info, user: { ...s.info.user, mustChangePassword: false } } }
        : s,
    );
  }, []);

  const signedIn = useCallback(
    (info: SessionInfo) => {
      setSession(info.session);
      queryClient.clear();
      setState({ kind: 'signedIn', info });
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    const previous = state.kind === 'signedIn' ? state.info.school.name : null;
    // What was being typed is kept as a draft, there at the next sign-in.
    await flushAllDrafts();
    await invoke('auth.signOut', {});
    setSession(null);
    queryClient.clear();
    const schoolName = await signedOutName();
    setState({ kind: 'signedOut', schoolName: schoolName === undefined ? previous : schoolName, notice: null });
  }, [queryClient, state]);

  const retry = useCallback(() => {
    setState({ kind: 'loading' });
    setAttempt((a) => a + 1);
  }, []);

  const updateSchool = useCallback((school: SessionInfo['school']) => {
    setState((s) => (s.kind === 'signedIn' ? { kind: 'signedIn', info: { ...s.info, school } } : s));
  }, []);

  const api = useMemo(
    () => ({ state, signedIn, signOut, retry, updateSchool, lock, unlocked, endSession, passwordChanged }),
    [state, signedIn, signOut, retry, updateSchool, lock, unlocked, endSession, passwordChanged],
  );
  return <AuthContext.Provider value={api}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in session; only for screens rendered inside the signed-in shell. */
export function useSessionInfo(): SessionInfo {
  const { state } = useAuth();
  if (state.kind !== 'signedIn') throw new Error('useSessionInfo while not signed in');
  return state.info;
}
