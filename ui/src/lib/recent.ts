/** The records opened last on this device, for the palette when it is empty. */
export type Recent = { href: string; title: string; kind: RecentKind };
export type RecentKind = 'organisation' | 'contact' | 'convention' | 'contract' | 'person';

const KEY = 'tremplin-recent';
const MAX = 8;
const KINDS: [RegExp, RecentKind][] = [
  [/^\/entreprises\/[0-9a-f-]{36}$/, 'organisation'],
  [/^\/contacts\/[0-9a-f-]{36}$/, 'contact'],
  [/^\/conventions\/[0-9a-f-]{36}$/, 'convention'],
  [/^\/contrats\/[0-9a-f-]{36}$/, 'contract'],
  [/^\/personnes\/[0-9a-f-]{36}$/, 'person']
];

export function recentItems(): Recent[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.slice(0, MAX) : [];
  } catch {
    return [];
  }
}

/**
 * Remembers a record page once its title is known. People are not kept:
 * a name of a person followed on the RSA has no place in the browser's
 * storage (need-to-know, docs/domain/personal-data.md).
 */
export function remember(path: string, title: string): void {
  const kind = KINDS.find(([re]) => re.test(path))?.[1];
  if (!kind || kind === 'person' || kind === 'contract') return;
  const list = [{ href: path, title, kind }, ...recentItems().filter((r) => r.href !== path)].slice(0, MAX);
  localStorage.setItem(KEY, JSON.stringify(list));
}
