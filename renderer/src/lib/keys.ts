/** Ctrl+Shift+H (Cmd+Shift+H on a Mac) toggles the privacy screen. */
export function isPrivacyShortcut(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && (e.code === 'KeyH' || e.key.toLowerCase() === 'h');
}

/**
 * Ctrl+Shift+L (Cmd+Shift+L on a Mac) locks the screen at once. Not Ctrl+L: in the browser edition that moves to
 * the address bar, which keyboard users rely on.
 */
export function isLockShortcut(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && (e.code === 'KeyL' || e.key.toLowerCase() === 'l');
}
