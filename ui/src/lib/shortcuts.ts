export type Shortcut = 'palette' | 'log' | null;

/** The app-wide keyboard shortcuts: Ctrl/Cmd+K searches, Alt+N logs a contact. */
export function shortcutOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): Shortcut {
  const key = e.key.toLowerCase();
  if ((e.ctrlKey || e.metaKey) && !e.altKey && key === 'k') return 'palette';
  if (e.altKey && !e.ctrlKey && !e.metaKey && (key === 'n' || key === 'dead' || key === '~')) return 'log';
  return null;
}
