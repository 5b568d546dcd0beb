/**
 * The application menu, as a pure template (tested): UK English labels through i18next (shared/i18n/en-GB/desktop.ts,
 * `desktop.menu`; the en-GB default given here is the fallback), standard roles so the operating system's shortcuts
 * work, Lock now and Privacy screen under File with the page's shortcuts, and no developer tools or reload in a
 * packaged build (a reload would drop a half-filled form).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/desktop-api';
import { t, type I18nKeyUnder } from '../../shared/i18n';

export interface MenuOptions {
  readonly isMac: boolean;
  readonly devTools: boolean;
  readonly productName: string;
  /** Lock now / Privacy screen: main.ts sends the command to the page, which does what its own shortcut does. */
  readonly onCommand?: (command: MenuCommand) => void;
}

/**
 * The page's own shortcuts (renderer/src/lib/keys.ts: Ctrl+Shift+L locks, Ctrl+Shift+H the privacy screen; Cmd on a
 * Mac), shown in the menu so people find them. Not registered with the menu (registerAccelerator: false): the page
 * already acts on the keys, and a registered accelerator would act a second time (the privacy screen would open
 * and close again). Choosing the item in the menu sends the command instead. (macOS has no registerAccelerator:
 * there Chromium offers the key to the page first, and the menu acts only on a key the page did not handle; the
 * page's handler calls preventDefault, so each key press still acts once.)
 */
export const MENU_SHORTCUTS: { readonly [C in MenuCommand]: string } = { lock: 'CmdOrCtrl+Shift+L', privacy: 'CmdOrCtrl+Shift+H' };

const label = (key: I18nKeyUnder<'desktop.menu'>, defaultValue: string, values: Record<string, string> = {}): string =>
  t(`desktop.menu.${key}`, { defaultValue, ...values });

export function menuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const about: MenuItemConstructorOptions = { role: 'about', label: label('about', 'About {{name}}', { name: o.productName }) };
  const quit: MenuItemConstructorOptions = { role: 'quit', label: label('quit', 'Quit {{name}}', { name: o.productName }) };
  const appMenu: MenuItemConstructorOptions[] = o.isMac
    ? [
        {
          label: o.productName,
          submenu: [
            about,
            sep,
            { role: 'hide', label: label('hide', 'Hide {{name}}', { name: o.productName }) },
            { role: 'hideOthers', label: label('hideOthers', 'Hide others') },
            { role: 'unhide', label: label('showAll', 'Show all') },
            sep,
            quit,
          ],
        },
      ]
    : [];
  const command = (c: MenuCommand, key: I18nKeyUnder<'desktop.menu'>, fallback: string): MenuItemConstructorOptions => ({
    id: `senco-${c}`,
    label: label(key, fallback),
    accelerator: MENU_SHORTCUTS[c],
    registerAccelerator: false,
    click: () => o.onCommand?.(c),
  });
  const screen: MenuItemConstructorOptions[] = [
    command('lock', 'lockNow', 'Lock now'),
    command('privacy', 'privacyScreen', 'Privacy screen'),
  ];
  const file: MenuItemConstructorOptions = {
    label: label('file', 'File'),
    submenu: [...screen, sep, o.isMac ? { role: 'close', label: label('closeWindow', 'Close window') } : quit],
  };
  const edit: MenuItemConstructorOptions = {
    label: label('edit', 'Edit'),
    submenu: [
      { role: 'undo', label: label('undo', 'Undo') },
      { role: 'redo', label: label('redo', 'Redo') },
      sep,
      { role: 'cut', label: label('cut', 'Cut') },
      { role: 'copy', label: label('copy', 'Copy') },
      { role: 'paste', label: label('paste', 'Paste') },
      { role: 'selectAll', label: label('selectAll', 'Select all') },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: label('view', 'View'),
    submenu: [
      { role: 'resetZoom', label: label('actualSize', 'Actual size') },
      { role: 'zoomIn', label: label('zoomIn', 'Zoom in') },
      { role: 'zoomOut', label: label('zoomOut', 'Zoom out') },
      sep,
      { role: 'togglefullscreen', label: label('fullScreen', 'Full screen') },
      ...(o.devTools
        ? [
            sep,
            { role: 'reload', label: label('reload', 'Reload') } as const,
            { role: 'toggleDevTools', label: label('devTools', 'Developer tools') } as const,
          ]
        : []),
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: label('window', 'Window'),
    submenu: [
      { role: 'minimize', label: label('minimise', 'Minimise') },
      ...(o.isMac ? [{ role: 'zoom', label: label('zoom', 'Zoom') } as const] : []),
    ],
  };
  // On macOS "About" lives in the app menu; elsewhere it is under Help.
  const help: MenuItemConstructorOptions[] = o.isMac ? [] : [{ role: 'help', label: label('help', 'Help'), submenu: [about] }];
  return [...appMenu, file, edit, view, windowMenu, ...help];
}
