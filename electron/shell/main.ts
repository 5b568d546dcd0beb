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
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import { join } from 'node:path';
import { CoreHost } from '../core/host/core-host';
import { APP_FOLDER, storeConfigFor } from '../core/data-dir';
import { fileBackupDeps, startBackupScheduler, type BackupScheduler } from './backup-scheduler';
import { hardenSession, hardenWebContents } from './harden';
import { forwardProgress, registerInvokeHandler } from './ipc';
import { menuTemplate } from './menu';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { chooseDataDir, parseDataDir } from './settings';
import { electronSettings } from './settings-store';
import { createSecureWindow } from './window';
import { WINDOW_TITLE, restorableBounds } from './window-options';

const env = process.env;
const log = (message: string): void => void process.stderr.write(`[SENCo Desk] ${message}\n`);

// The same per-user folder the CLI uses (electron/core/data-dir.ts), whatever package.json's name is; in tests
// SENCO_DATA_DIR makes it a temporary folder, so a test run never touches (or locks against) a real installation.
app.setName(APP_FOLDER);
app.setPath('userData', parseDataDir(env.SENCO_DATA_DIR) ?? join(app.getPath('appData'), APP_FOLDER));

// One copy per user data folder: two processes writing one SQLite file is how records get lost.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  app.enableSandbox();
  registerAppScheme(protocol);
  const settings = electronSettings();
  const locale = settings.get('locale');
  // Dates, numbers and the spellchecker in UK English, whatever the machine's language.
  app.commandLine.appendSwitch('lang', locale);

  const devTools = !app.isPackaged;
  // The core behind its gate: an encrypted database opens at the first sign-in (electron/core/gate.ts).
  let core: CoreHost | null = null;
  let win: BrowserWindow | null = null;
  let backups: BackupScheduler | null = null;

  // shell.openExternal is reached only through harden.ts, which checks each URL against the allowlist first (reviewed
  // for electronegativity's OPEN_EXTERNAL_JS_CHECK; listed in electronegativity.test.ts).
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { openExternal: (url) => shell.openExternal(url), log })); // eng-disable OPEN_EXTERNAL_JS_CHECK

  const openWindow = (): void => {
    win = createSecureWindow({
      preloadPath: join(__dirname, 'preload.cjs'),
      devTools,
      version: app.getVersion(),
      bounds: restorableBounds(settings.get('windowBounds'), screen.getAllDisplays().map((d) => d.workArea)),
      onBoundsChanged: (bounds) => settings.set('windowBounds', bounds),
    });
    win.on('closed', () => {
      win = null;
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
      Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isMac: process.platform === 'darwin', devTools, productName: WINDOW_TITLE })));

      const dataDir = chooseDataDir(env, settings, app.getPath('userData'));
      try {
        // The worker entry is bundled beside this file (scripts/build-node.mjs); packaged, both are inside app.asar.
        core = await CoreHost.start({ dataDir, workerFile: join(__dirname, 'core-worker.cjs') });
      } catch (err) {
        log(`The data folder could not be opened: ${err instanceof Error ? err.message : String(err)}`);
        dialog.showErrorBox(
          WINDOW_TITLE,
          `SENCo Desk could not open its data folder:\n${dataDir}\n\nCheck that the folder exists and that you can write to it, or ask your IT team.`,
        );
        app.exit(1);
        return;
      }
      const opened = core;
      registerInvokeHandler(ipcMain, opened, (err) => log(`Unexpected error in an operation: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
      forwardProgress(opened, (channel, progress) => win?.webContents.send(channel, progress));
      // The core's thread died: its pending calls have already failed with a plain message. Log it (no pupil data:
      // the exit code and the error's message only) and start it again on the same folder.
      opened.onGone((gone) => {
        log(`The records engine stopped (exit code ${String(gone.exitCode)}${gone.error ? `: ${gone.error}` : ''}); starting it again.`);
        opened.restart().catch((err: unknown) => log(`The records engine could not be started again: ${err instanceof Error ? err.message : String(err)}`));
      });
      openWindow();

      // Daily backups of a SQLite store, at start and hourly (PostgreSQL is backed up by its server). An encrypted
      // store is backed up once it is open, after the first sign-in; the backup opens a connection of its own.
      if (storeConfigFor(dataDir, env).kind === 'sqlite') {
        backups = startBackupScheduler({
          // Made inside the core's worker, which holds an encrypted store's key: null until the first sign-in.
          ...fileBackupDeps(dataDir, { store: () => null, make: () => opened.backup(), keepDays: () => settings.get('backup').keepDays, log }),
          setTimer: (fn, ms) => setTimeout(fn, ms).unref(),
          clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
        });
      }

      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch((err: unknown) => {
      log(`Start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      app.exit(1);
    });

  // The app is one window over one database: closing the window ends it on every platform, macOS included.
  app.on('window-all-closed', () => app.quit());

  // Close the database before exiting, so the SQLite WAL is checkpointed and nothing acknowledged is lost.
  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    const closing = core;
    core = null;
    const stopping = backups?.stop() ?? Promise.resolve();
    backups = null;
    void stopping
      .then(() => closing.close())
      .catch((err: unknown) => log(`The database did not close cleanly: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => app.quit());
  });
}
