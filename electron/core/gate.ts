/**
 * The core as the app's transports see it (Electron IPC, the loopback test host): one `invoke`, whether the
 * database is open yet or not. An encrypted database cannot be opened until someone signs in, because its key is
 * wrapped by the users' passwords (electron/core/crypto). So the gate starts either open (a new folder, a plain
 * file, PostgreSQL) or locked, and while locked it answers only what the sign-in screen needs:
 *   setup.status   set up (the keyring exists), so the renderer shows the sign-in screen;
 *   auth.signIn    unwraps the key with the username and password, opens the store, then hands the same sign-in
 *                  to the dispatcher (which checks the password against the users table as always);
 *   anything else  "not signed in".
 * Once open it stays open until the app quits (the key is in memory while the database is open in any case).
 *
 * An earlier version's plain file is opened as it is; when a SENCo signs in and encryption is on, the gate encrypts
 * it in place (electron/core/crypto/unlock.ts) and reopens it, keeping the sign-in's session, and the sign-in
 * result carries the new recovery key to show once.
 */
import { fail, type Result } from '../../shared/result';
import { t } from '../../shared/i18n';
import { openCoreAt, type Core, type OpenOptions } from './core';
import { KeyringError } from './crypto/keyring';
import { checkStorableInput } from './input-guard';
import type { OperationControl } from './operation';
import type { SignInSessionStore } from './sign-in-sessions';

export interface Invoker {
  /** `operation`: long work's progress and cancel flag (operation.ts); absent for ordinary calls. */
  invoke(envelope: unknown, operation?: OperationControl | null): Promise<Result<unknown>>;
}

export class CoreGate implements Invoker {
  private core: Core | null = null;
  private opening: Promise<void> = Promise.resolve();

  private constructor(
    private readonly dataDir: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly encrypt: boolean | undefined,
    private readonly signIns: SignInSessionStore | undefined,
  ) {}

  /** Opens what can be opened without a password; an encrypted folder starts locked. Other failures throw. */
  static async open(
    dataDir: string,
    env: NodeJS.ProcessEnv = process.env,
    opts: Pick<OpenOptions, 'encrypt' | 'signIns'> = {},
  ): Promise<CoreGate> {
    const gate = new CoreGate(dataDir, env, opts.encrypt, opts.signIns);
    try {
      gate.core = await openCoreAt(dataDir, env, {
        credentials: null,
        ...gate.signInsOption(),
        ...(opts.encrypt === undefined ? {} : { encrypt: opts.encrypt }),
      });
    } catch (err) {
      if (!(err instanceof KeyringError && err.code === 'locked')) throw err;
    }
    return gate;
  }

  get locked(): boolean {
    return this.core === null;
  }

  /** The open core, or null while locked (for tests and the shell's shutdown). */
  get current(): Core | null {
    return this.core;
  }

  async invoke(envelope: unknown, operation: OperationControl | null = null): Promise<Result<unknown>> {
    // One unlock or migration at a time; ordinary calls on an open core go straight through.
    await this.opening;
    const env = envelope as { op?: unknown; input?: { username?: unknown; password?: unknown } } | null;
    const op = env && typeof env === 'object' ? env.op : undefined;
    const creds =
      op === 'auth.signIn' && typeof env?.input?.username === 'string' && typeof env.input.password === 'string'
        ? { kind: 'password' as const, username: env.input.username.trim().toLowerCase(), password: env.input.password }
        : null;

    if (this.core) {
      const result = await this.core.dispatcher.invoke(envelope, { operation });
      if (creds && result.ok && this.core.keys === null && this.core.store.kind === 'sqlite' && this.encryptWanted()) {
        return this.serialise(() => this.migrate(creds, result));
      }
      return result;
    }
    if (op === 'setup.status') return { ok: true, value: { needsSetup: false, schoolName: null, locked: true } };
    // The dispatcher's own first check (electron/core/input-guard.ts), for the sign-in the gate answers before it.
    const unstorable = op === 'auth.signIn' ? checkStorableInput(env?.input) : null;
    if (unstorable) return fail(unstorable);
    if (!creds) return fail({ code: 'unauthenticated', message: t('errors.unauthenticated') });
    return this.serialise(async () => {
      if (!this.core) {
        try {
          this.core = await openCoreAt(this.dataDir, this.env, { credentials: creds, ...this.signInsOption() });
        } catch (err) {
          if (err instanceof KeyringError) return fail({ code: 'unauthenticated', message: err.message });
          throw err;
        }
      }
      return this.core.dispatcher.invoke(envelope);
    });
  }

  /** The school server's shared sessions (sign-in-sessions.ts), when it asked for them; otherwise each core makes its own. */
  private signInsOption(): Pick<OpenOptions, 'signIns'> {
    return this.signIns ? { signIns: this.signIns } : {};
  }

  private encryptWanted(): boolean {
    return this.encrypt ?? this.env.SENCO_ENCRYPT !== '0';
  }

  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.opening.then(task);
    this.opening = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** A SENCo has just signed in on a plain file: encrypt it in place and reopen it, keeping their session. */
  private async migrate(
    creds: { kind: 'password'; username: string; password: string },
    signIn: Result<unknown>,
  ): Promise<Result<unknown>> {
    const value = (signIn.ok ? signIn.value : null) as { session: string; user: { role: string } } | null;
    if (!value || value.user.role !== 'senco' || !this.core) return signIn;
    const signIns = this.core.dispatcher.signIns;
    const old = this.core;
    // The copy keeps the sessions' rows (VACUUM INTO), and this store goes on holding them.
    await old.close({ keepSessions: true });
    this.core = null;
    try {
      this.core = await openCoreAt(this.dataDir, this.env, { credentials: creds, encrypt: true, signIns });
    } catch (err) {
      // Encryption failed (the plain file is untouched): carry on with it as before.
      this.core = await openCoreAt(this.dataDir, this.env, { credentials: null, encrypt: false, signIns });
      process.stderr.write(`[SENCo Desk] The database could not be encrypted: ${err instanceof Error ? err.message : String(err)}\n`);
      return signIn;
    }
    return { ok: true, value: { ...value, recoveryKey: this.core.migratedRecoveryKey } };
  }

  async close(): Promise<void> {
    await this.opening;
    const c = this.core;
    this.core = null;
    if (c) await c.close();
  }
}
