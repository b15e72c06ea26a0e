/**
 * Saved views of a list: a name and the list's filters and sort as they
 * stand in its address (« ?dt=MRT&status=prospect »). Kept on this device
 * only; they hold filters on employers, never a person.
 */
export type SavedView = { name: string; search: string };

const key = (list: string) => `tremplin-views-${list}`;

export function savedViews(list: string): SavedView[] {
  try {
    const v = JSON.parse(localStorage.getItem(key(list)) ?? '[]');
    return Array.isArray(v) ? v.filter((x) => typeof x?.name === 'string' && typeof x?.search === 'string') : [];
  } catch {
    return [];
  }
}

/** Saves (or replaces, same name) a view; names are trimmed, never empty. */
export function saveView(list: string, name: string, search: string): SavedView[] {
  const n = name.trim();
  if (!n) return savedViews(list);
  const views = [...savedViews(list).filter((v) => v.name !== n), { name: n, search }].sort((a, b) =>
    a.name.localeCompare(b.name, 'fr')
  );
  localStorage.setItem(key(list), JSON.stringify(views));
  return views;
}

export function removeView(list: string, name: string): SavedView[] {
  const views = savedViews(list).filter((v) => v.name !== name);
  localStorage.setItem(key(list), JSON.stringify(views));
  return views;
}
