/**
 * What the main process does when something stops unexpectedly. The decisions live here, over small injected
 * dependencies, so they are tested without Electron; main.ts wires them to `process`, `app` and the window.
 *
 *   uncaught exception     logged; Node's own advice is that a process is not safe to carry on after one, so the app
 *                          says so plainly and restarts (quitting closes the database cleanly first).
 *   unhandled rejection    logged; the app carries on (a rejected promise has not left anything half done in the
 *                          main process), with a plain message at most once a minute. Three in a minute: restart.
 *   render-process-gone    the window's page crashed, was killed or ran out of memory: logged, reloaded in the same
 *                          window, and a plain message. The same window keeps its sessionStorage, so the sign-in
 *                          comes back, and the forms' drafts come back from the store (renderer/src/lib/use-draft.ts;
 *                          the last moments' typing may be missing, so the message says to check them). Three in a
 *                          minute: the app closes.
 *   child-process-gone     a GPU or helper process: logged (Chromium starts a new one itself); the core's own
 *                          process, when it runs in one, is handed to onCoreGone.
 *   onCoreGone(reason)     the core (dispatcher, services, store) stopped: logged, restarted, and the user told
 *                          plainly (they may need to sign in again; saved work is safe because every operation is
 *                          a transaction). Three in a minute, or a restart that fails: the app closes.
 * A "clean-exit" is normal shutdown and only logged. Nothing here writes pupil data: messages carry reasons and codes.
 */
import { t, type I18nKeyUnder } from '../../shared/i18n';
import type { Logger } from './log';

/** How many failures of one kind in how long count as "keeps happening". */
export const REPEAT_LIMIT = 3;
export const REPEAT_WINDOW_MS = 60_000;
/** At most one "carry on" message in this long, so a burst of errors does not bury the window in dialogs. */
export const MESSAGE_GAP_MS = 60_000;

/** Counts events in a sliding window: the third within a minute is "repeated". */
export function createRepeatGuard(now: () => number, limit = REPEAT_LIMIT, windowMs = REPEAT_WINDOW_MS) {
  let times: number[] = [];
  return {
    /** Records one event; true when it is the limit-th (or later) within the window. */
    hit(): boolean {
      const at = now();
      times = [...times.filter((x) => at - x < windowMs), at];
      return times.length >= limit;
    },
  };
}

/** Electron's RenderProcessGoneDetails / Details of child-process-gone, the parts used here. */
export interface GoneDetails {
  readonly reason: string;
  readonly exitCode?: number;
  readonly type?: string;
  readonly serviceName?: string;
  readonly name?: string;
}

export interface CrashDeps {
  readonly log: Logger;
  readonly now: () => number;
  /** Shows a plain message; resolves when it is dismissed (or at once where no window can show it). */
  readonly showMessage: (message: string) => Promise<void>;
  /** Reloads the app's page in the same window (so its sessionStorage survives). */
  readonly reloadWindow: () => void;
  /** Starts the core again on the same data folder. */
  readonly restartCore: () => Promise<void>;
  /** Quits cleanly (the database is closed on the way out) and starts the app again. */
  readonly relaunch: () => void;
  /** Quits cleanly without starting again. */
  readonly quit: () => void;
}

/** The name the core's process is given when it runs in an Electron utility process (serviceName / name). */
export const CORE_PROCESS_NAME = 'senco-core';

export type CrashAction = 'ignored' | 'carried-on' | 'reloaded' | 'restarted-core' | 'relaunched' | 'quit';

export interface CrashHandler {
  onUncaughtException(err: unknown): Promise<CrashAction>;
  onUnhandledRejection(reason: unknown): Promise<CrashAction>;
  onRenderProcessGone(details: GoneDetails): Promise<CrashAction>;
  onChildProcessGone(details: GoneDetails): Promise<CrashAction>;
  /** Call when the core's host reports that the core has stopped (a worker's `exit`/`error`, a utility process gone). */
  onCoreGone(reason: string): Promise<CrashAction>;
}

export function createCrashHandler(deps: CrashDeps): CrashHandler {
  const { log } = deps;
  const logFile = () => log.file ?? '';
  const say = (key: I18nKeyUnder<'desktop.crash'>) => t(`desktop.crash.${key}`, { logFile: logFile() });
  const errors = createRepeatGuard(deps.now);
  const renderers = createRepeatGuard(deps.now);
  const cores = createRepeatGuard(deps.now);
  let lastCarryOnMessage = Number.NEGATIVE_INFINITY;
  let ending = false;

  /** Shows the message, then relaunches or quits (once: a second fatal event while ending is only logged). */
  const end = async (message: string, how: 'relaunched' | 'quit'): Promise<CrashAction> => {
    if (ending) return how;
    ending = true;
    log.warn('app.ending', { action: how });
    await deps.showMessage(message).catch(() => undefined);
    if (how === 'relaunched') deps.relaunch();
    else deps.quit();
    return how;
  };

  const onCoreGone = async (reason: string): Promise<CrashAction> => {
    log.error('core.gone', undefined, { reason });
    if (ending) return 'ignored';
    if (cores.hit()) return end(say('coreGoneRepeatedly'), 'quit');
    try {
      await deps.restartCore();
    } catch (err) {
      log.error('core.restartFailed', err);
      return end(say('coreGoneRepeatedly'), 'quit');
    }
    log.info('core.restarted', { reason });
    void deps.showMessage(say('coreGone')).catch(() => undefined);
    return 'restarted-core';
  };

  return {
    async onUncaughtException(err) {
      log.error('main.uncaughtException', err);
      errors.hit();
      return end(say('restarting'), 'relaunched');
    },

    async onUnhandledRejection(reason) {
      log.error('main.unhandledRejection', reason);
      if (errors.hit()) return end(say('restarting'), 'relaunched');
      const at = deps.now();
      if (at - lastCarryOnMessage >= MESSAGE_GAP_MS) {
        lastCarryOnMessage = at;
        void deps.showMessage(say('unexpected')).catch(() => undefined);
      }
      return 'carried-on';
    },

    async onRenderProcessGone(details) {
      if (details.reason === 'clean-exit') {
        log.info('renderer.exited', { reason: details.reason, exitCode: details.exitCode });
        return 'ignored';
      }
      log.error('renderer.gone', undefined, { reason: details.reason, exitCode: details.exitCode });
      if (ending) return 'ignored';
      if (renderers.hit()) return end(say('windowGoneRepeatedly'), 'quit');
      deps.reloadWindow();
      void deps.showMessage(say('windowGone')).catch(() => undefined);
      return 'reloaded';
    },

    async onChildProcessGone(details) {
      const fields = {
        type: details.type,
        reason: details.reason,
        exitCode: details.exitCode,
        serviceName: details.serviceName ?? details.name,
      };
      if (details.reason === 'clean-exit') {
        log.info('child.exited', fields);
        return 'ignored';
      }
      if (details.type === 'Utility' && (details.serviceName === CORE_PROCESS_NAME || details.name === CORE_PROCESS_NAME)) {
        return onCoreGone(`utility process ${details.reason}`);
      }
      // The GPU and helper processes: Chromium starts a new one (or draws without the GPU); nothing for the user to do.
      log.warn('child.gone', fields);
      return 'ignored';
    },

    onCoreGone,
  };
}
