import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from './menu';

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
});
