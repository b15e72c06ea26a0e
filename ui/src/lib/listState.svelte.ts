import { replaceState } from '$app/navigation';
import { page } from '$app/state';
import { untrack } from 'svelte';

/**
 * A list's filters and sort live in its address: Back brings the list back
 * as it was, and a filtered list can be bookmarked. (As the organisation
 * list does; docs/architecture.md « Lists keep their state in the address ».)
 */

/**
 * The parameters the list opens with. On Back, `page.url` can still be the
 * record being left when the list starts: the browser's location is then
 * the right one.
 */
export function initialParams(path: string): URLSearchParams {
  if (page.url.pathname === path && page.url.search) return page.url.searchParams;
  return new URLSearchParams(window.location.pathname === path ? window.location.search : '');
}

/** `?a=1&b=x` of a list's state, leaving out what is empty or false (true is `1`). */
export function searchOf(state: Record<string, string | boolean>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) {
    if (v === true) params.set(k, '1');
    else if (v) params.set(k, v);
  }
  return params.size ? `?${params}` : '';
}

/** Writes the list's state into its address as it changes (no history entry). Call during component setup. */
export function keepInAddress(path: string, search: () => string): void {
  $effect(() => {
    const s = search();
    if (s !== untrack(() => page.url.search) && page.url.pathname === path) replaceState(`${path}${s}`, {});
  });
}

/** A table's sort: the column's key and its direction. */
export type Sort = { by: string; desc: boolean };

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Rows sorted by a column (text in French order, numbers and ISO dates as such; empty last). */
export function sortRows<T>(rows: T[], sort: Sort, columns: Record<string, (row: T) => string | number | null | undefined>): T[] {
  const get = columns[sort.by];
  if (!get) return rows;
  const dir = sort.desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = get(a);
    const y = get(b);
    if (x === y) return 0;
    if (x === null || x === undefined || x === '') return 1;
    if (y === null || y === undefined || y === '') return -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return c * dir;
  });
}
