/**
 * Signed-in sessions, held in memory by the process that serves the renderer (the Electron main process or the
 * test host). A session token is random and never stored; closing the app signs everyone out.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '../../shared/domain';

export interface SessionUser {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

interface Entry extends SessionUser {
  lastSeen: number;
  locked: boolean;
  lockAfterMs: number;
  /** Signed in with a password the SENCo set: only the password change (and auth.me, sign-out, lock) until it is done. */
  mustChangePassword: boolean;
}

/** A session unused for this long is ended. */
const IDLE_LIMIT_MS = 12 * 60 * 60 * 1000;
export const DEFAULT_LOCK_AFTER_MS = 5 * 60 * 1000;

/**
 * The screen lock: the renderer locks after the school's inactivity time (keyboard and pointer) and says so with
 * auth.lock; as a backstop, a session that has made no request at all for that long is locked here too. A locked
 * session is answered only for unlock, sign-out and auth.me (shared/access.ts LOCKED_SESSION_OPERATIONS).
 */
export class SessionStore {
  private readonly map = new Map<string, Entry>();

  create(user: SessionUser, now = Date.now(), lockAfterMs = DEFAULT_LOCK_AFTER_MS, opts: { readonly mustChangePassword?: boolean } = {}): string {
    const token = randomBytes(32).toString('base64url');
    this.map.set(token, { ...user, lastSeen: now, locked: false, lockAfterMs, mustChangePassword: opts.mustChangePassword === true });
    return token;
  }

  /** `touch`: this request counts as use (false for background polls, which must not keep the screen unlocked). */
  get(token: string | null | undefined, now = Date.now(), touch = true): (SessionUser & { readonly locked: boolean; readonly mustChangePassword: boolean }) | null {
    if (!token) return null;
    const e = this.map.get(token);
    if (!e) return null;
    if (now - e.lastSeen > IDLE_LIMIT_MS) {
      this.map.delete(token);
      return null;
    }
    if (now - e.lastSeen > e.lockAfterMs) e.locked = true;
    if (touch) e.lastSeen = now;
    return e;
  }

  lock(token: string): void {
    const e = this.map.get(token);
    if (e) e.locked = true;
  }

  unlock(token: string, now = Date.now()): void {
    const e = this.map.get(token);
    if (e) {
      e.locked = false;
      e.lastSeen = now;
    }
  }

  isLocked(token: string): boolean {
    return this.map.get(token)?.locked ?? false;
  }

  /** The school changed its inactivity time: applies to everyone signed in. */
  setLockAfter(ms: number): void {
    for (const e of this.map.values()) e.lockAfterMs = ms;
  }

  end(token: string): void {
    this.map.delete(token);
  }

  /** The user of this session has chosen their own password: the session may do everything again. */
  passwordChanged(token: string): void {
    const e = this.map.get(token);
    if (e) e.mustChangePassword = false;
  }

  /** Ends every session of a user (account disabled, password reset). */
  endUser(userId: string): void {
    for (const [k, v] of this.map) if (v.userId === userId) this.map.delete(k);
  }

  /**
   * Ends every session of a user but `keep` (they changed their own password: a session opened elsewhere with the
   * old one, perhaps by someone who knew it, ends; the one that changed it carries on).
   */
  endOtherSessions(userId: string, keep: string): number {
    let ended = 0;
    for (const [k, v] of this.map) {
      if (v.userId === userId && k !== keep) {
        this.map.delete(k);
        ended++;
      }
    }
    return ended;
  }
}
