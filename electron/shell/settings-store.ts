/**
 * The electron-store implementation of SettingsStore: a JSON file (settings.json) in the userData folder,
 * written atomically by electron-store. electron-store imports `electron` when it loads, so only the shell
 * uses this module; tests mock `electron` (see settings-store.test.ts).
 */
import Store from 'electron-store';
import { DEFAULT_SETTINGS, settingsOver, type SettingsStore } from './settings';

export interface ElectronSettingsOptions {
  /** Folder for settings.json; electron-store's default is app.getPath('userData'). */
  readonly cwd?: string;
}

export function electronSettings(opts: ElectronSettingsOptions = {}): SettingsStore {
  const store = new Store<Record<string, unknown>>({
    name: 'settings',
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    defaults: { ...DEFAULT_SETTINGS },
    // A settings file that is not JSON (a crash mid-write on a network drive, a bad hand edit) is reset
    // instead of stopping the app; the school's data is elsewhere and unaffected.
    clearInvalidConfig: true,
  });
  return settingsOver({ get: (k) => store.get(k), set: (k, v) => store.set(k, v) });
}
