/**
 * The keys of a combobox's list of options (WAI-ARIA combobox pattern):
 * ↑↓ move through the options (wrapping), Entrée picks the active one,
 * Échap closes the list — not the dialog or form around it. The field keeps
 * the focus throughout. Returns the new active index.
 */
export function comboboxKey(
  e: KeyboardEvent,
  list: { count: number; active: number; pick: (index: number) => void; close?: () => void }
): number {
  const { count, active } = list;
  if (!count) return active;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    return (active + (e.key === 'ArrowDown' ? 1 : -1) + count) % count;
  }
  if (e.key === 'Enter' && active >= 0) {
    e.preventDefault();
    list.pick(active);
  } else if (e.key === 'Escape' && list.close) {
    e.preventDefault();
    e.stopPropagation();
    list.close();
  }
  return active;
}
