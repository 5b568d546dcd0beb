/**
 * The Electron main process: the composition root. It only wires the one-concern modules together:
 *   before ready  user data folder, single-instance lock, sandbox for every renderer, app:// scheme, settings;
 *   on ready      hardened session, app:// handler, menu, the core on the data folder in its worker thread
 *                 (electron/core/host), the IPC handler, the window, the automatic daily backup (backup-scheduler.ts);
 *   on quit       the window's bounds are saved; a backup in progress finishes, then the core (database) is closed.
 * The core runs in a worker thread so that a long report or a synchronous store call never freezes the window; if
 * the worker dies, the pending calls fail with a plain message, it is logged, and the core is started again on the
 * same folder (nothing committed is lost; users sign in again).
 * Every webContents the app ever creates is hardened from `web-contents-created` (harden.ts).
 * Also: the log file (log.ts, in the OS log folder, redacted), the school IT policy file (policy.ts, read once at
 * start), and crash handling (crash.ts: uncaught errors, the page or a child process gone, and onCoreGone).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import { release } from 'node:os';
import { join } from 'node:path';
import { t } from '../../shared/i18n';
import { CoreHost } from '../core/host/core-host';
import { APP_FOLDER, storeConfigFor } from '../core/data-dir';
import { fileBackupDeps, startBackupScheduler, type BackupScheduler } from './backup-scheduler';
import { MENU_COMMAND_CHANNEL } from './channels';
import { createCrashHandler } from './crash';
import { hardenSession, hardenWebContents } from './harden';
import { forwardProgress, registerInvokeHandler } from './ipc';
import { createLogger } from './log';
import { menuTemplate } from './menu';
import { policyForPage, policyGuard, policyPath, readPolicy } from './policy';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { chooseDataDir, parseDataDir } from './settings';
import { connectionSettings, isConnected, registerConnectionHandlers, roleFromCore } from './connection';
import { ConnectedDesk } from '../connect/connected-desk';
import { probeServer } from '../connect/pinned';
import { electronSettings } from './settings-store';
import { createSecureWindow } from './window';
import { WINDOW_TITLE, restorableBounds } from './window-options';

const env = process.env;

// The same per-user folder the CLI uses (electron/core/data-dir.ts), whatever package.json's name is; in tests
// SENCO_DATA_DIR makes it a temporary folder, so a test run never touches (or locks against) a real installation.
app.setName(APP_FOLDER);
app.setPath('userData', parseDataDir(env.SENCO_DATA_DIR) ?? join(app.getPath('appData'), APP_FOLDER));

// The log file, in the operating system's log folder for the app (log.ts says where on each platform). Every line is
// redacted; in development it is also echoed to the terminal.
const logger = createLogger({
  dir: app.getPath('logs'),
  stderr: app.isPackaged ? undefined : (line) => void process.stderr.write(`[SENCo Desk] ${line}\n`),
});
/** For the modules that report in sentences (harden.ts, the backup scheduler): written as a redacted `problem`. */
const log = (message: string): void => logger.warn('shell.message', { problem: message });

// One copy per user data folder: two processes writing one SQLite file is how records get lost.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  app.enableSandbox();
  registerAppScheme(protocol);
  logger.info('app.start', {
    version: app.getVersion(),
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
    platform: process.platform,
    arch: process.arch,
    osRelease: release(),
    packaged: app.isPackaged,
  });
  // The school IT policy file (policy.ts): read once; a bad file is logged and shown in Settings, never fatal.
  const policyFile = policyPath(process.platform, env);
  const policy = readPolicy(policyFile);
  for (const problem of policy.problems ?? []) logger.warn('policy.problem', { policyFile, problem });
  const applied = Object.keys(policyForPage(policy)).filter((k) => k !== 'problems');
  if (applied.length) logger.info('policy.applied', { policyFile, count: applied.length, action: applied.join(',') });
  const settings = electronSettings();
  const locale = settings.get('locale');
  // Dates, numbers and the spellchecker in UK English, whatever the machine's language.
  app.commandLine.appendSwitch('lang', locale);

  const devTools = !app.isPackaged;
  // The core behind its gate: an encrypted database opens at the first sign-in (electron/core/gate.ts).
  let core: CoreHost | null = null;
  // Or, connected to the school server (electron/connect): no database here, only the users' encrypted offline copies.
  let desk: ConnectedDesk | null = null;
  let win: BrowserWindow | null = null;
  let backups: BackupScheduler | null = null;

  // shell.openExternal is reached only through harden.ts, which checks each URL against the allowlist first (reviewed
  // for electronegativity's OPEN_EXTERNAL_JS_CHECK; listed in electronegativity.test.ts).
  // (One short line: the scanner's "reviewed" comment must stand on the line of the call, whatever the formatter does.)
  const openExternal = (url: string) => shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { openExternal, log }));

  // Crash handling (crash.ts): the decisions are tested there; here they meet Electron.
  const crash = createCrashHandler({
    log: logger,
    now: () => Date.now(),
    showMessage: async (message) => {
      const options = {
        type: 'warning' as const,
        title: t('desktop.crash.title'),
        message,
        buttons: [t('desktop.crash.ok')],
        noLink: true,
      };
      if (win && !win.isDestroyed()) await dialog.showMessageBox(win, options);
      else await dialog.showMessageBox(options);
    },
    reloadWindow: () => {
      if (win && !win.isDestroyed()) win.webContents.reload();
      else openWindow();
    },
    // The host starts a new worker on the same data folder (committed data is kept; users sign in again).
    restartCore: async () => {
      if (core) await core.restart();
    },
    relaunch: () => {
      app.relaunch();
      app.quit();
    },
    quit: () => app.quit(),
  });
  process.on('uncaughtException', (err) => void crash.onUncaughtException(err));
  process.on('unhandledRejection', (reason) => void crash.onUnhandledRejection(reason));
  // While quitting, a page that goes is expected: nothing to reload.
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('render-process-gone', (_event, _contents, details) => {
    if (!quitting) void crash.onRenderProcessGone(details);
  });
  app.on('child-process-gone', (_event, details) => void crash.onChildProcessGone(details));
  // The core runs in a worker thread (electron/core/host); when it stops unexpectedly its host's onGone (below) calls
  // `crash.onCoreGone(reason)`: logged, the core restarted on the same data folder, the user told plainly.

  const openWindow = (): void => {
    win = createSecureWindow({
      preloadPath: join(__dirname, 'preload.cjs'),
      devTools,
      version: app.getVersion(),
      policy: policyForPage(policy),
      bounds: restorableBounds(
        settings.get('windowBounds'),
        screen.getAllDisplays().map((d) => d.workArea),
      ),
      onBoundsChanged: (bounds) => settings.set('windowBounds', bounds),
    });
    win.on('closed', () => {
      win = null;
    });
    // A page with unsaved changes asks before it unloads (renderer/src/components/draft-guard.tsx, issue 17 item 3):
    // Electron shows no question of its own, so the window asks here, with the draft already being saved.
    const opened = win;
    opened.webContents.on('will-prevent-unload', (event) => {
      const choice = dialog.showMessageBoxSync(opened, {
        type: 'question',
        title: t('draftsUi.windowClose.title'),
        message: t('draftsUi.window'),
        buttons: [t('draftsUi.windowClose.close'), t('draftsUi.windowClose.stay')],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      if (choice === 0) event.preventDefault();
    });
  };

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession);
      session.defaultSession.setSpellCheckerLanguages([locale]);
      serveAppProtocol(protocol, join(__dirname, '..', 'renderer'));
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          menuTemplate({
            isMac: process.platform === 'darwin',
            devTools,
            productName: WINDOW_TITLE,
            // File › Lock now / Privacy screen: the page does what its own shortcut does.
            onCommand: (command) => {
              if (win && !win.isDestroyed()) win.webContents.send(MENU_COMMAND_CHANNEL, command);
            },
          }),
        ),
      );

      // IT's policy folder wins over the user's own choice (settings.ts).
      const dataDir = chooseDataDir(env, settings, app.getPath('userData'), policy);
      logger.info('dataFolder.open', { dataFolder: dataDir });
      // Connected to a school server (the policy file's schoolServer and schoolServerFingerprint, or Settings › School
      // server): every operation goes to the server's dispatcher; offline, this desk works from the user's copy.
      const connection = connectionSettings(policy, settings);
      if (isConnected(connection)) {
        desk = new ConnectedDesk({
          server: connection.address,
          fingerprint: connection.fingerprint,
          dataDir,
          log: (message) => logger.info('desk.note', { action: message }),
        }).start();
        logger.info('desk.connected', { action: `connected to ${connection.address} (${connection.source})` });
        const connected = desk;
        registerInvokeHandler(ipcMain, policyGuard(connected, policy), (err) => logger.error('operation.unexpectedError', err));
        registerConnectionHandlers(ipcMain, {
          policy,
          settings,
          probe: (address, fingerprint) => probeServer(address, fingerprint),
          roleOf: roleFromCore(connected),
        });
        // Long work runs on the server; its progress comes back through the desk, as from a core here.
        forwardProgress(connected, (channel, progress) => {
          if (win && !win.isDestroyed()) win.webContents.send(channel, progress);
        });
        openWindow();
        app.on('activate', () => {
          if (BrowserWindow.getAllWindows().length === 0) openWindow();
        });
        return;
      }
      try {
        // The worker entry is bundled beside this file (scripts/build-node.mjs); packaged, both are inside app.asar.
        core = await CoreHost.start({ dataDir, workerFile: join(__dirname, 'core-worker.cjs') });
      } catch (err) {
        logger.error('dataFolder.openFailed', err, { dataFolder: dataDir });
        dialog.showErrorBox(
          WINDOW_TITLE,
          `SENCo Desk could not open its data folder:\n${dataDir}\n\nCheck that the folder exists and that you can write to it, or ask your IT team.`,
        );
        await logger.close();
        app.exit(1);
        return;
      }
      const opened = core;
      // Behind the policy's lock-time check (policy.ts). The host object stays the same across a restart of its worker.
      registerInvokeHandler(ipcMain, policyGuard(opened, policy), (err) => logger.error('operation.unexpectedError', err));
      // Settings › School server (connection.ts): the connection in force, and the SENCo's test-and-save. Which server
      // this desk uses at start is `connectionSettings(policy, settings)` from the same module.
      registerConnectionHandlers(ipcMain, {
        policy,
        settings,
        probe: (address, fingerprint) => probeServer(address, fingerprint),
        roleOf: roleFromCore(opened),
      });
      forwardProgress(opened, (channel, progress) => {
        if (win && !win.isDestroyed()) win.webContents.send(channel, progress);
      });
      // The core's thread died: its pending calls have already failed with a plain message. The exit code and the
      // error's message only are logged (crash.ts redacts them too); the core is started again and the user told.
      opened.onGone((gone) => {
        void crash.onCoreGone(`worker exit code ${String(gone.exitCode)}${gone.error ? `: ${gone.error}` : ''}`);
      });
      openWindow();

      // Daily backups of a SQLite store, at start and hourly (PostgreSQL is backed up by its server). An encrypted
      // store is backed up once it is open, after the first sign-in; the backup opens a connection of its own.
      if (storeConfigFor(dataDir, env).kind === 'sqlite') {
        backups = startBackupScheduler({
          // Made inside the core's worker, which holds an encrypted store's key: null until the first sign-in.
          ...fileBackupDeps(dataDir, {
            store: () => null,
            make: () => opened.backup(),
            keepDays: () => settings.get('backup').keepDays,
            log,
          }),
          setTimer: (fn, ms) => setTimeout(fn, ms).unref(),
          clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
        });
      }

      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch(async (err: unknown) => {
      logger.error('app.startFailed', err);
      await logger.close();
      app.exit(1);
    });

  // The app is one window over one database: closing the window ends it on every platform, macOS included.
  app.on('window-all-closed', () => app.quit());

  // Close the database before exiting, so the SQLite WAL is checkpointed and nothing acknowledged is lost.
  let logClosed = false;
  app.on('will-quit', (event) => {
    if (desk) {
      // A connected desk: what waits stays in the users' copies and is sent at their next sign-in.
      event.preventDefault();
      const closing = desk;
      desk = null;
      void closing
        .close()
        .catch((err: unknown) => logger.error('desk.closeFailed', err))
        .finally(() => app.quit());
      return;
    }
    if (!core) {
      // Last: the log, once the database is closed (or was never open).
      if (logClosed) return;
      event.preventDefault();
      logClosed = true;
      logger.info('app.stop');
      void logger.close().finally(() => app.quit());
      return;
    }
    event.preventDefault();
    const closing = core;
    core = null;
    const stopping = backups?.stop() ?? Promise.resolve();
    backups = null;
    void stopping
      .then(() => closing.close())
      .catch((err: unknown) => logger.error('core.closeFailed', err))
      .finally(() => app.quit());
  });
}
