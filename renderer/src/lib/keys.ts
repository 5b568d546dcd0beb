/** Ctrl+Shift+H (Cmd+Shift+H on a Mac) toggles the privacy screen. */
export function isPrivacyShortcut(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && (e.code === 'KeyH' || e.key.toLowerCase() === 'h');
}
