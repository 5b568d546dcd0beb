/**
 * The unlocked key of an encrypted store, held by the running core, and the keyring changes the services make
 * with it: a new user gets a wrapped copy, a disabled user loses theirs, setup wraps it for the first SENCo and the
 * recovery key. The services reach it through `ServiceContext.keys` (null for PostgreSQL and plain SQLite).
 *
 * Keyring writes happen inside the operation's transaction, before it commits: if the write fails, the operation
 * fails and nothing is saved. (If the commit itself failed afterwards, the keyring would hold a copy for a user
 * who does not exist: it opens nothing that user could not open, and is replaced if the username is used again.)
 */
import { recordSignInState } from './sign-in-guard';
import { hasUser, readKeyring, withNewRecoveryKey, withoutUser, withUser, writeKeyring, emptyKeyring, type KeyringFile } from './keyring';

export interface KeyHooks {
  /** Wraps the database key for this user with their password (replacing their earlier copy). */
  grant(user: { readonly userId: string; readonly username: string; readonly password: string }): Promise<void>;
  /** Deletes the user's copy: their password no longer opens the database. */
  /** The same for many users at once (their scrypt runs in parallel; one keyring write). */
  grantAll(users: readonly { readonly userId: string; readonly username: string; readonly password: string }[]): Promise<void>;
  revoke(userId: string): void;
  has(userId: string): boolean;
  /** Setup: wraps the key for the first user and a new recovery key, marks the keyring complete; returns the key to print. */
  completeSetup(user: { readonly userId: string; readonly username: string; readonly password: string }): Promise<string>;
  /**
   * A user's sign-in lockout count changed in the users table: kept beside the keyring too, so it holds before the
   * database is opened again (sign-in-guard.ts).
   */
  signInState?(username: string, state: { readonly failures: number; readonly lockedUntil: string | null }): void;
}

export class KeyVault implements KeyHooks {
  constructor(
    readonly keyringFile: string,
    private readonly key: Buffer,
  ) {}

  private read(): KeyringFile {
    return readKeyring(this.keyringFile) ?? emptyKeyring();
  }

  async grant(user: { readonly userId: string; readonly username: string; readonly password: string }): Promise<void> {
    const next = await withUser(this.read(), this.key, user);
    writeKeyring(this.keyringFile, next);
  }

  async grantAll(users: readonly { readonly userId: string; readonly username: string; readonly password: string }[]): Promise<void> {
    const base = this.read();
    const wrapped = await Promise.all(users.map((u) => withUser({ ...base, users: [] }, this.key, u)));
    let next = base;
    for (const w of wrapped)
      next = {
        ...next,
        users: [...next.users.filter((u) => !w.users.some((x) => x.userId === u.userId || x.usernameHash === u.usernameHash)), ...w.users],
      };
    writeKeyring(this.keyringFile, next);
  }

  revoke(userId: string): void {
    const kr = this.read();
    if (hasUser(kr, userId)) writeKeyring(this.keyringFile, withoutUser(kr, userId));
  }

  has(userId: string): boolean {
    return hasUser(this.read(), userId);
  }

  signInState(username: string, state: { readonly failures: number; readonly lockedUntil: string | null }): void {
    recordSignInState(this.keyringFile, this.read(), username, state);
  }

  async completeSetup(user: { readonly userId: string; readonly username: string; readonly password: string }): Promise<string> {
    const withFirst = await withUser(this.read(), this.key, user);
    const { keyring, recoveryKey } = withNewRecoveryKey(withFirst, this.key);
    writeKeyring(this.keyringFile, { ...keyring, pending: false });
    return recoveryKey;
  }
}
