import type { ReferenceLists } from '$bindings/tremplin';
import { call } from './backend';

/** Choice lists (DT, EPCI, kinds, statuses, channels…), loaded once. */
export const reference = $state<{ lists: ReferenceLists | null }>({ lists: null });

let loading: Promise<ReferenceLists> | null = null;

export function loadReference(): Promise<ReferenceLists> {
  loading ??= call('reference.lists', null).then((l) => (reference.lists = l));
  return loading;
}

export function labelOf(list: { code: string; label: string }[] | undefined, code: string | null | undefined): string {
  if (!code) return '—';
  return list?.find((x) => x.code === code)?.label ?? code;
}
