/**
 * Signed-in sessions, kept in the store (table sign_in_session, migration 0014) so that several school server
 * processes on one PostgreSQL database share them: a desk signs in through one and carries on through another
 * (issue 16, item 1). A session token is random (32 bytes) and handed to the client only; the store keeps a SHA-256
 * hash of it, never the token, so reading the table (a backup, `psql`) lets no one act as anyone.
 *
 * Who may use a session (its `holder`):
 * - `shared` (the school server, `senco-desk server`): every server process on the database. Sessions outlive a
 *   process (a server restarted behind a load balancer keeps its users signed in) and end by sign-out, the idle limit,
 *   or an account change.
 * - otherwise (the desktop app, the browser edition, the CLI): the one process that made them, under a random holder
 *   name. As before the sessions moved into the store, closing the app signs everyone out (`endHeld`, called when the
 *   core closes), and no other process can use them. What a process that died left behind is unusable (no process
 *   has its holder name) and is removed at the idle limit (`purgeIdle` at every open).
 * Ending a user's sessions (account disabled, password reset or changed) ends them everywhere, whoever holds them.
 *
 * The screen lock: the renderer locks after the school's inactivity time (keyboard and pointer) and says so with
 * auth.lock; as a backstop, a session that has made no request at all for that long is locked here too. A locked
 * session is answered only for unlock, sign-out and auth.me (shared/access.ts LOCKED_SESSION_OPERATIONS).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Role } from '../../shared/domain';
import { boolOf, numOf, placeholder } from './db/raw';

export interface SignedInUser {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

export type SignInState = SignedInUser & { readonly locked: boolean; readonly mustChangePassword: boolean };

/** A session unused for this long is ended. */
export const IDLE_LIMIT_MS = 12 * 60 * 60 * 1000;
export const DEFAULT_LOCK_AFTER_MS = 5 * 60 * 1000;
/** The holder of the school server's sessions, shared by all its processes. */
export const SHARED_HOLDER = 'server';

/** What the store keeps in place of a token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The sessions as a service sees them: bound to the operation's transaction, so they commit or roll back with it. */
export interface SignInSessions {
  create(user: SignedInUser, now?: number, lockAfterMs?: number, opts?: { readonly mustChangePassword?: boolean }): Promise<string>;
  lock(token: string): Promise<void>;
  unlock(token: string, now?: number): Promise<void>;
  isLocked(token: string): Promise<boolean>;
  /** The school changed its inactivity time: applies to everyone signed in. */
  setLockAfter(ms: number): Promise<void>;
  end(token: string): Promise<void>;
  /** The user of this session has chosen their own password: the session may do everything again. */
  passwordChanged(token: string): Promise<void>;
  /** Ends every session of a user (account disabled, password reset), wherever it was opened. */
  endUser(userId: string): Promise<void>;
  /**
   * Ends every session of a user but `keep` (they changed their own password: a session opened elsewhere with the
   * old one, perhaps by someone who knew it, ends; the one that changed it carries on).
   */
  endOtherSessions(userId: string, keep: string): Promise<number>;
}

interface Row {
  user_id: string;
  username: string;
  display_name: string;
  role: string;
  last_seen: unknown;
  locked: unknown;
  lock_after_ms: unknown;
  must_change_password: unknown;
}

export class SignInSessionStore {
  /** Who may use the sessions this store makes (see the file's comment). */
  readonly holder: string;

  constructor(opts: { readonly shared?: boolean } = {}) {
    this.holder = opts.shared ? SHARED_HOLDER : `process:${randomBytes(12).toString('hex')}`;
  }

  /** True for the school server's sessions, which outlive the process. */
  get shared(): boolean {
    return this.holder === SHARED_HOLDER;
  }

  /**
   * The session's user and state, or null (no such session, another holder's, or idle too long: then ended).
   * `touch`: this request counts as use (false for background polls, which must not keep the screen unlocked).
   * Run outside an operation's transaction (its own short statements), so a long operation never holds the row.
   */
  async get(db: EntityManager, token: string | null | undefined, now = Date.now(), touch = true): Promise<SignInState | null> {
    if (!token) return null;
    const p = placeholder(db);
    const hash = tokenHash(token);
    const rows = (await db.query(
      `SELECT user_id, username, display_name, role, last_seen, locked, lock_after_ms, must_change_password FROM sign_in_session WHERE token_hash = ${p(1)} AND holder = ${p(2)}`,
      [hash, this.holder],
    )) as Row[];
    const r = rows[0];
    if (!r) return null;
    const lastSeen = numOf(r.last_seen);
    if (now - lastSeen > IDLE_LIMIT_MS) {
      await db.query(`DELETE FROM sign_in_session WHERE token_hash = ${p(1)}`, [hash]);
      return null;
    }
    let locked = boolOf(r.locked);
    const lockNow = !locked && now - lastSeen > numOf(r.lock_after_ms);
    if (lockNow) locked = true;
    if (touch || lockNow) {
      const sets = [...(touch ? [`last_seen = ${p(1)}`] : []), ...(lockNow ? [`locked = ${bool(db, true)}`] : [])];
      await db.query(`UPDATE sign_in_session SET ${sets.join(', ')} WHERE token_hash = ${p(touch ? 2 : 1)}`, touch ? [now, hash] : [hash]);
    }
    return {
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      role: r.role as Role,
      locked,
      mustChangePassword: boolOf(r.must_change_password),
    };
  }

  /** The store's sessions within one transaction (or outside one: `ds.manager`). */
  within(db: EntityManager): SignInSessions {
    const p = placeholder(db);
    const holder = this.holder;
    const q = (sql: string, params: unknown[]) => db.query(sql, params) as Promise<unknown>;
    return {
      async create(user, now = Date.now(), lockAfterMs = DEFAULT_LOCK_AFTER_MS, opts = {}) {
        const token = randomBytes(32).toString('base64url');
        await q(
          `INSERT INTO sign_in_session (token_hash, holder, user_id, username, display_name, role, last_seen, locked, lock_after_ms, must_change_password, created_at) ` +
            `VALUES (${[1, 2, 3, 4, 5, 6, 7].map(p).join(', ')}, ${bool(db, false)}, ${p(8)}, ${bool(db, opts.mustChangePassword === true)}, ${p(9)})`,
          [
            tokenHash(token),
            holder,
            user.userId,
            user.username,
            user.displayName,
            user.role,
            now,
            lockAfterMs,
            new Date(now).toISOString(),
          ],
        );
        return token;
      },
      async lock(token) {
        await q(`UPDATE sign_in_session SET locked = ${bool(db, true)} WHERE token_hash = ${p(1)}`, [tokenHash(token)]);
      },
      async unlock(token, now = Date.now()) {
        await q(`UPDATE sign_in_session SET locked = ${bool(db, false)}, last_seen = ${p(1)} WHERE token_hash = ${p(2)}`, [
          now,
          tokenHash(token),
        ]);
      },
      async isLocked(token) {
        const rows = (await q(`SELECT locked FROM sign_in_session WHERE token_hash = ${p(1)}`, [tokenHash(token)])) as {
          locked: unknown;
        }[];
        return rows.length > 0 && boolOf(rows[0]!.locked);
      },
      async setLockAfter(ms) {
        await q(`UPDATE sign_in_session SET lock_after_ms = ${p(1)}`, [ms]);
      },
      async end(token) {
        await q(`DELETE FROM sign_in_session WHERE token_hash = ${p(1)}`, [tokenHash(token)]);
      },
      async passwordChanged(token) {
        await q(`UPDATE sign_in_session SET must_change_password = ${bool(db, false)} WHERE token_hash = ${p(1)}`, [tokenHash(token)]);
      },
      async endUser(userId) {
        await q(`DELETE FROM sign_in_session WHERE user_id = ${p(1)}`, [userId]);
      },
      async endOtherSessions(userId, keep) {
        const where = `WHERE user_id = ${p(1)} AND token_hash <> ${p(2)}`;
        const params = [userId, tokenHash(keep)];
        const counted = (await q(`SELECT COUNT(*) AS n FROM sign_in_session ${where}`, params)) as { n: unknown }[];
        await q(`DELETE FROM sign_in_session ${where}`, params);
        return numOf(counted[0]?.n ?? 0);
      },
    };
  }

  /** Ends the sessions this process holds (the app is closing: everyone signs in again next time). Not the server's. */
  async endHeld(db: EntityManager): Promise<void> {
    if (this.shared) return;
    await db.query(`DELETE FROM sign_in_session WHERE holder = ${placeholder(db)(1)}`, [this.holder]);
  }

  /** Removes every session idle past the limit, whoever held it (a process that died leaves its sessions behind). */
  async purgeIdle(db: EntityManager, now = Date.now()): Promise<void> {
    await db.query(`DELETE FROM sign_in_session WHERE last_seen < ${placeholder(db)(1)}`, [now - IDLE_LIMIT_MS]);
  }
}

/** A boolean literal for the driver (SQLite stores 0 and 1; its drivers cannot bind a JavaScript boolean). */
function bool(db: EntityManager, v: boolean): string {
  return db.connection.options.type === 'postgres' ? (v ? 'TRUE' : 'FALSE') : v ? '1' : '0';
}
