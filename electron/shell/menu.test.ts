import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_SHORTCUTS, menuTemplate } from './menu';
import { isLockShortcut, isPrivacyShortcut } from '../../renderer/src/lib/keys';

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('menuTemplate', () => {
  it('speaks UK English', () => {
    const labels = flatten(menuTemplate({ isMac: false, devTools: false, productName: 'SENCo Desk' })).map((i) => i.label);
    expect(labels).toContain('Minimise');
    expect(labels).toContain('Select all');
    expect(labels).toContain('About SENCo Desk');
    expect(labels).not.toContain('Minimize');
  });

  it('has no developer tools or reload in a packaged build', () => {
    const roles = flatten(menuTemplate({ isMac: true, devTools: false, productName: 'SENCo Desk' })).map((i) => i.role);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
    const dev = flatten(menuTemplate({ isMac: false, devTools: true, productName: 'SENCo Desk' })).map((i) => i.role);
    expect(dev).toContain('toggleDevTools');
  });

  it('puts the app menu first on macOS only', () => {
    expect(menuTemplate({ isMac: true, devTools: false, productName: 'SENCo Desk' })[0]?.label).toBe('SENCo Desk');
    expect(menuTemplate({ isMac: false, devTools: false, productName: 'SENCo Desk' })[0]?.label).toBe('File');
  });

  it('shows Lock now and Privacy screen under File, on every platform, with the page’s own shortcuts', () => {
    for (const isMac of [false, true]) {
      const [file] = menuTemplate({ isMac, devTools: false, productName: 'SENCo Desk' }).filter((m) => m.label === 'File');
      const items = (file?.submenu as MenuItemConstructorOptions[]).filter((i) => i.id?.startsWith('senco-'));
      expect(items.map((i) => [i.label, i.accelerator])).toEqual([
        ['Lock now', 'CmdOrCtrl+Shift+L'],
        ['Privacy screen', 'CmdOrCtrl+Shift+H'],
      ]);
      // Shown, not registered: the page acts on the keys itself, and acting twice would undo the privacy screen.
      expect(items.every((i) => i.registerAccelerator === false)).toBe(true);
    }
  });

  it('uses the keys the page listens for (renderer/src/lib/keys.ts)', () => {
    const press = (accelerator: string, ctrlKey: boolean, metaKey: boolean) => {
      const letter = accelerator.split('+').at(-1) as string;
      return { key: letter, code: `Key${letter}`, ctrlKey, metaKey, shiftKey: accelerator.includes('Shift'), altKey: false };
    };
    for (const [ctrl, meta] of [
      [true, false],
      [false, true],
    ] as const) {
      expect(isLockShortcut(press(MENU_SHORTCUTS.lock, ctrl, meta))).toBe(true);
      expect(isPrivacyShortcut(press(MENU_SHORTCUTS.privacy, ctrl, meta))).toBe(true);
      expect(isLockShortcut(press(MENU_SHORTCUTS.privacy, ctrl, meta))).toBe(false);
    }
  });

  it('sends the command to the page when the item is chosen', () => {
    const sent: string[] = [];
    const items = flatten(menuTemplate({ isMac: false, devTools: false, productName: 'SENCo Desk', onCommand: (c) => sent.push(c) }));
    for (const id of ['senco-lock', 'senco-privacy']) {
      const item = items.find((i) => i.id === id);
      (item?.click as () => void)();
    }
    expect(sent).toEqual(['lock', 'privacy']);
  });
});
