import type { NeedColumn } from '$bindings/tremplin';
import { call } from '$lib/backend';
import { needRequest } from './filter';
import type { PageLoad } from './$types';

/**
 * The board's cards come with the navigation: the page draws once, with
 * them, instead of drawing empty columns and then the cards (issue 16:
 * the board's first image under 100 ms). The list view and later filter
 * changes are fetched by the page.
 */
export const load: PageLoad = async ({ url }) => {
  const p = url.searchParams;
  if (p.get('vue') === 'liste') return { board: null };
  const req = needRequest(true, {
    status: '', dt: p.get('dt') ?? '', family: p.get('famille') ?? '', mine: p.get('mes') === '1',
    tension: p.get('tension') === '1'
  });
  const columns: NeedColumn[] | null = await call('need.board', req).catch(() => null);
  return { board: columns ? { key: JSON.stringify(req), columns } : null };
};
