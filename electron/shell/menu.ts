/**
 * The application menu, as a pure template (tested): UK English labels through i18next (the keys fall back to
 * the en-GB default given here until shared/i18n carries a `desktop.menu` section), standard roles so the
 * operating system's shortcuts work, and no developer tools or reload in a packaged build (a reload would drop
 * a half-filled form).
 */
import type { MenuItemConstructorOptions } from 'electron';
import { t } from '../../shared/i18n';

export interface MenuOptions {
  readonly isMac: boolean;
  readonly devTools: boolean;
  readonly productName: string;
}

const label = (key: string, defaultValue: string, values: Record<string, string> = {}): string =>
  t(`desktop.menu.${key}`, { defaultValue, ...values });

export function menuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const about: MenuItemConstructorOptions = { role: 'about', label: label('about', 'About {{name}}', { name: o.productName }) };
  const quit: MenuItemConstructorOptions = { role: 'quit', label: label('quit', 'Quit {{name}}', { name: o.productName }) };
  const appMenu: MenuItemConstructorOptions[] = o.isMac
    ? [{ label: o.productName, submenu: [about, sep, { role: 'hide', label: label('hide', 'Hide {{name}}', { name: o.productName }) }, { role: 'hideOthers', label: label('hideOthers', 'Hide others') }, { role: 'unhide', label: label('showAll', 'Show all') }, sep, quit] }]
    : [];
  const file: MenuItemConstructorOptions = {
    label: label('file', 'File'),
    submenu: o.isMac ? [{ role: 'close', label: label('closeWindow', 'Close window') }] : [quit],
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
        ? [sep, { role: 'reload', label: label('reload', 'Reload') } as const, { role: 'toggleDevTools', label: label('devTools', 'Developer tools') } as const]
        : []),
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: label('window', 'Window'),
    submenu: [{ role: 'minimize', label: label('minimise', 'Minimise') }, ...(o.isMac ? [{ role: 'zoom', label: label('zoom', 'Zoom') } as const] : [])],
  };
  // On macOS "About" lives in the app menu; elsewhere it is under Help.
  const help: MenuItemConstructorOptions[] = o.isMac ? [] : [{ role: 'help', label: label('help', 'Help'), submenu: [about] }];
  return [...appMenu, file, edit, view, windowMenu, ...help];
}
