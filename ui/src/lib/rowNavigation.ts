/**
 * ↑↓ between the rows of a list table, as in the organisation list: from a
 * row's link, the arrow focuses the link in the same column of the row above
 * or below (the row's first link when that column has none); Entrée then
 * opens it, being a link. Only links react, so a field or a button in a row
 * keeps its own arrow keys. Use on the `<tbody>`.
 */
export function rowNavigation(body: HTMLElement) {
  function onKey(e: KeyboardEvent) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const link = e.target as HTMLElement;
    if (!link.matches('a[href]')) return;
    const row = link.closest('tr');
    if (!row || row.parentElement !== body) return;
    const other = (e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null;
    if (!other) return;
    const column = Array.from(row.cells).findIndex((cell) => cell.contains(link));
    const target =
      (other as HTMLTableRowElement).cells?.[column]?.querySelector<HTMLElement>('a[href]') ??
      other.querySelector<HTMLElement>('a[href]');
    if (!target) return;
    e.preventDefault();
    target.focus();
    target.scrollIntoView({ block: 'nearest' });
  }
  body.addEventListener('keydown', onKey);
  return { destroy: () => body.removeEventListener('keydown', onKey) };
}
