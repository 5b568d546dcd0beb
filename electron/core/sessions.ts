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
}

/** A session unused for this long is ended (the renderer's auto-lock is shorter and separate). */
const IDLE_LIMIT_MS = 12 * 60 * 60 * 1000;

export class SessionStore {
  private readonly map = new Map<string, Entry>();

  create(user: SessionUser, now = Date.now()): string {
    const token = randomBytes(32).toString('base64url');
    this.map.set(token, { ...user, lastSeen: now });
    return token;
  }

  get(token: string | null | undefined, now = Date.now()): SessionUser | null {
    if (!token) return null;
    const e = this.map.get(token);
    if (!e) return null;
    if (now - e.lastSeen > IDLE_LIMIT_MS) {
      this.map.delete(token);
      return null;
    }
    e.lastSeen = now;
    return e;
  }

  end(token: string): void {
    this.map.delete(token);
  }

  /** Ends every session of a user (account disabled). */
  endUser(userId: string): void {
    for (const [k, v] of this.map) if (v.userId === userId) this.map.delete(k);
  }
}
