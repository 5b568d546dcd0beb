/**
 * Automatic daily backups while the app runs: at start and every hour it asks the pure planner
 * (electron/core/backup/retention.ts) whether today's backup is due, makes it if so, and then deletes the backups
 * the retention rule no longer keeps (`backup.keepDays` in the settings, default 14).
 *
 * The timers, the clock and the file operations are passed in, so the rules are tested with fakes
 * (backup-scheduler.test.ts); `fileBackupDeps` gives the real ones. No Electron import: main.ts only wires it.
 *
 * Failures never stop the app: a failed backup is logged and tried again at the next check, and old backups are
 * deleted only after today's backup exists, so a run of failures never eats into the backups that are there.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreConfig } from '../core/db/data-source';
import { backupsDirOf, createBackup, planBackups } from '../core/backup';
import { keyringPathFor } from '../core/crypto/keyring';
import { checkpointPathFor } from '../core/audit-checkpoint';

export const HOUR_MS = 60 * 60 * 1000;
/** How soon to look again when the database is still locked (waiting for the first sign-in) or a backup failed. */
export const RETRY_MS = 5 * 60 * 1000;

export interface BackupSchedulerDeps {
  readonly now: () => Date;
  readonly keepDays: () => number;
  /** File names in the backups folder. */
  readonly list: () => readonly string[];
  /**
   * Makes today's backup; resolves to its path. Null (or resolving to null) when it cannot run yet (an encrypted
   * store before sign-in).
   */
  readonly backup: () => Promise<string | null> | null;
  /** Deletes a backup by name (with anything that belongs to it, such as an encrypted backup's key file). */
  readonly remove: (name: string) => void;
  readonly log: (message: string) => void;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
  readonly intervalMs?: number;
  readonly retryMs?: number;
}

export type TickOutcome =
  | { readonly kind: 'not_due'; readonly removed: readonly string[] }
  | { readonly kind: 'backed_up'; readonly file: string; readonly removed: readonly string[] }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'failed'; readonly message: string };

export interface BackupScheduler {
  /** One check now (the timers call this); never runs two at once. */
  tick(): Promise<TickOutcome>;
  /** Stops the timers and waits for a backup in progress, so the database is not closed under it. */
  stop(): Promise<void>;
}

export function startBackupScheduler(deps: BackupSchedulerDeps): BackupScheduler {
  const intervalMs = deps.intervalMs ?? HOUR_MS;
  const retryMs = deps.retryMs ?? RETRY_MS;
  let running: Promise<TickOutcome> | null = null;
  let timer: unknown = null;
  let stopped = false;

  const prune = (): string[] => {
    const plan = planBackups({ now: deps.now(), keepDays: deps.keepDays(), names: deps.list() });
    const removed: string[] = [];
    for (const name of plan.remove) {
      try {
        deps.remove(name);
        removed.push(name);
      } catch (err) {
        deps.log(`An old backup could not be deleted (${name}): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return removed;
  };

  const check = async (): Promise<TickOutcome> => {
    try {
      const plan = planBackups({ now: deps.now(), keepDays: deps.keepDays(), names: deps.list() });
      if (!plan.due) return { kind: 'not_due', removed: prune() };
      const making = deps.backup();
      if (making === null) return { kind: 'waiting' };
      const file = await making;
      if (file === null) return { kind: 'waiting' };
      deps.log(`Daily backup written: ${file}`);
      return { kind: 'backed_up', file, removed: prune() };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      deps.log(`The daily backup failed (it will be tried again): ${message}`);
      return { kind: 'failed', message };
    }
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = deps.setTimer(() => void tick(), ms);
  };

  const tick = (): Promise<TickOutcome> => {
    if (running) return running;
    if (timer !== null) deps.clearTimer(timer);
    timer = null;
    running = check().then((outcome) => {
      running = null;
      schedule(outcome.kind === 'waiting' || outcome.kind === 'failed' ? retryMs : intervalMs);
      return outcome;
    });
    return running;
  };

  void tick();
  return {
    tick,
    async stop() {
      stopped = true;
      if (timer !== null) deps.clearTimer(timer);
      timer = null;
      if (running) await running;
    },
  };
}

/**
 * The real operations for a data folder. `store` gives the open store's config (with an encrypted store's key),
 * or null while the app waits for the first sign-in; the backup opens its own connection with it.
 */
export function fileBackupDeps(
  dataDir: string,
  opts: {
    readonly store: () => StoreConfig | null;
    /** Makes the backup elsewhere (the app: inside the core's worker, electron/core/host); `store` is then unused. */
    readonly make?: () => Promise<string | null>;
    readonly keepDays: () => number;
    readonly log: (message: string) => void;
  },
): Omit<BackupSchedulerDeps, 'setTimer' | 'clearTimer'> {
  const dir = backupsDirOf(dataDir);
  return {
    now: () => new Date(),
    keepDays: opts.keepDays,
    list: () => {
      try {
        return readdirSync(dir);
      } catch {
        return []; // No backups folder yet.
      }
    },
    backup: () => {
      if (opts.make) return opts.make();
      const store = opts.store();
      if (store === null) return null;
      return createBackup({ dataDir, store }).then((r) => r.file);
    },
    remove: (name) => {
      const file = join(dir, name);
      rmSync(file, { force: true });
      rmSync(keyringPathFor(file), { force: true });
      rmSync(checkpointPathFor(file), { force: true });
    },
    log: opts.log,
  };
}
