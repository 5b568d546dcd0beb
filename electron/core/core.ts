/**
 * The composition of the core, with no Electron in it: open the store, wire the services to the dispatcher.
 * The Electron shell, the loopback test host, the CLI and the tests all start the core this way.
 *
 * Encryption at rest (electron/core/crypto): a SQLite store with a key is an encrypted libsql file (AES-256-CBC) whose key is wrapped in
 * the keyring beside it. `openCoreAt` works the key out from credentials (electron/core/crypto/unlock.ts);
 * `createCore` takes a store config that already carries the key, and the vault that keeps the keyring in step
 * with the users table.
 */
import type { DataSource } from 'typeorm';
import { openStore, type StoreConfig } from './db/data-source';
import { ensureDataDir, restrictDatabaseFiles, storeConfigFor } from './data-dir';
import { cleanUpLeftovers } from './backup/leftovers';
import { importSignInRecord } from './crypto/sign-in-guard';
import { Dispatcher, type DispatcherOptions } from './dispatcher';
import { services } from './services';
import { credentialsFromEnv, unlockSqlite, type Credentials } from './crypto/unlock';
import type { KeyHooks } from './crypto/vault';
import { databaseKeyLiteral } from './crypto/keyring';
import { DataFolderCheckpoints, storeIdentity } from './audit-checkpoint';
import { SignInSessionStore } from './sign-in-sessions';

export interface Core {
  readonly ds: DataSource;
  readonly store: StoreConfig;
  readonly dispatcher: Dispatcher;
  /** The keyring of an encrypted SQLite store; null for PostgreSQL and unencrypted files. */
  readonly keys: KeyHooks | null;
  /** When this open encrypted an earlier version's plain file: the new recovery key, shown this once. */
  readonly migratedRecoveryKey: string | null;
  /** Checkpoints of the audit trail's head in the data folder (audit-checkpoint.ts); null without a data folder. */
  readonly checkpoints: DataFolderCheckpoints | null;
  /**
   * Closes the store. The sessions this process holds end with it (sign-in-sessions.ts: the desktop signs everyone out on
   * close; the school server's shared sessions stay), unless `keepSessions` (the gate reopening the same store).
   */
  close(opts?: { readonly keepSessions?: boolean }): Promise<void>;
}

export interface CoreOptions {
  readonly store: StoreConfig;
  readonly keys?: KeyHooks | null;
  readonly migratedRecoveryKey?: string | null;
  /** Signed-in sessions to keep (the gate reopens the store after encrypting an earlier version's file). */
  readonly signIns?: DispatcherOptions['signIns'];
  readonly clock?: DispatcherOptions['clock'];
  readonly logError?: DispatcherOptions['logError'];
  /** The data folder: checkpoints of the audit trail's head are kept in it (and found beside its backups). */
  readonly dataDir?: string;
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const ds = await openStore(opts.store);
  const keys = opts.keys ?? null;
  const logError = opts.logError ?? ((err: unknown, op: string) => console.error(`[senco-desk] ${op} failed:`, err));
  const checkpoints = opts.dataDir
    ? new DataFolderCheckpoints(
        opts.dataDir,
        storeIdentity(opts.store),
        (err) => logError(err, 'audit checkpoint'),
        undefined,
        // The checkpoint on disk only ever moves along the trail it recorded (audit-checkpoint.ts).
        async (seq) => {
          const rows = (await ds.query(`SELECT hash FROM audit_event WHERE seq = ${opts.store.kind === 'postgres' ? '$1' : '?'}`, [
            seq,
          ])) as { hash: string }[];
          return rows[0]?.hash ?? null;
        },
      )
    : null;
  // Sessions idle past the limit, left by a process that died, go now (sign-in-sessions.ts).
  const signIns = opts.signIns ?? new SignInSessionStore();
  await signIns.purgeIdle(ds.manager);
  const dispatcher = new Dispatcher({
    ds,
    driver: opts.store.kind,
    services,
    keys,
    signIns,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.logError ? { logError: opts.logError } : {}),
    checkpoints,
  });
  return {
    ds,
    store: opts.store,
    dispatcher,
    keys,
    migratedRecoveryKey: opts.migratedRecoveryKey ?? null,
    checkpoints,
    close: async (closing = {}) => {
      if (!closing.keepSessions) {
        try {
          await signIns.endHeld(ds.manager);
        } catch (err) {
          // The store could not be written (a lost PostgreSQL connection): the sessions are unusable without this
          // process anyway (no other holds them) and go at the idle limit.
          logError(err, 'ending sessions');
        }
      }
      // The trail's newest head reaches the data folder before the process can end.
      await checkpoints?.flush();
      await ds.destroy();
    },
  };
}

export interface OpenOptions {
  /** Who is opening an encrypted store (default: SENCO_USERNAME and SENCO_PASSWORD, or SENCO_RECOVERY_KEY). */
  readonly credentials?: Credentials | null;
  /**
   * Encrypt new SQLite files, and an earlier version's plain file when a SENCo's credentials are given (default:
   * on unless SENCO_ENCRYPT=0). An encrypted file is always opened encrypted, whatever this says.
   */
  readonly encrypt?: boolean;
  readonly signIns?: DispatcherOptions['signIns'];
}

/**
 * Opens the core on a data folder (SQLite file inside it, or the PostgreSQL it names). For a SQLite file, first:
 * the folder and the database files made owner-only, and what a killed backup or restore left behind settled
 * (backup/leftovers.ts); once an encrypted store is open, the sign-in attempts made against its key file while it
 * was locked go into its audit trail and its lockout counts (crypto/sign-in-guard.ts).
 */
export async function openCoreAt(dataDir: string, env: NodeJS.ProcessEnv = process.env, opts: OpenOptions = {}): Promise<Core> {
  const store = storeConfigFor(dataDir, env);
  if (store.kind !== 'sqlite') return createCore({ store, dataDir, ...(opts.signIns ? { signIns: opts.signIns } : {}) });
  ensureDataDir(dataDir);
  cleanUpLeftovers(store.file);
  restrictDatabaseFiles(store.file);
  const creds = opts.credentials === undefined ? credentialsFromEnv(env) : opts.credentials;
  const unlocked = await unlockSqlite(store.file, creds, { encrypt: opts.encrypt ?? env.SENCO_ENCRYPT !== '0' });
  const core = await createCore({
    store: unlocked.key ? { ...store, key: databaseKeyLiteral(unlocked.key) } : store,
    ...(opts.signIns ? { signIns: opts.signIns } : {}),
    keys: unlocked.vault,
    migratedRecoveryKey: unlocked.migrated?.recoveryKey || null,
    dataDir,
  });
  // SQLite has just created the file (a new folder) or its -wal and -shm: owner-only too.
  restrictDatabaseFiles(store.file);
  if (unlocked.vault) {
    try {
      await importSignInRecord(core.ds, unlocked.vault.keyringFile);
    } catch (err) {
      await core.close();
      throw err;
    }
  }
  return core;
}
