import type { ReferenceLists } from '$bindings/tremplin';
import { call } from './backend';
import { i18n, type Locale } from './i18n/index.svelte';
import { referenceEn } from './i18n/reference.en';

/** The lists as the app layer sent them (French labels). */
const loaded = $state<{ lists: ReferenceLists | null }>({ lists: null });

/** The lists in the interface's language: French as sent, English by code. */
function localise(lists: ReferenceLists, locale: Locale): ReferenceLists {
  if (locale === 'fr') return lists;
  const out = { ...lists } as ReferenceLists;
  for (const [name, labels] of Object.entries(referenceEn)) {
    if (name === 'units' || name === 'indicators') continue;
    const list = lists[name as keyof ReferenceLists] as { code: string; label: string }[];
    (out as Record<string, unknown>)[name] = list.map((x) => ({ ...x, label: labels[x.code] ?? x.label }));
  }
  out.indicators = lists.indicators.map((x) => ({
    ...x,
    label: referenceEn.indicators[x.code] ?? x.label,
    unit: referenceEn.units[x.unit] ?? x.unit
  }));
  return out;
}

let cache: { from: ReferenceLists; locale: Locale; lists: ReferenceLists } | null = null;

/** Choice lists (DT, EPCI, kinds, statuses, channels…), loaded once, in the interface's language. */
export const reference = {
  get lists(): ReferenceLists | null {
    const lists = loaded.lists;
    const locale = i18n.locale;
    if (!lists) return null;
    if (cache?.from !== lists || cache.locale !== locale) cache = { from: lists, locale, lists: localise(lists, locale) };
    return cache.lists;
  }
};

let loading: Promise<ReferenceLists> | null = null;

export function loadReference(): Promise<ReferenceLists> {
  loading ??= call('reference.lists', null).then((l) => (loaded.lists = l));
  return loading;
}

export function labelOf(list: { code: string; label: string }[] | undefined, code: string | null | undefined): string {
  if (!code) return '—';
  return list?.find((x) => x.code === code)?.label ?? code;
}

/**
 * A commitment's label and unit as shown: the words of its indicator in the
 * interface's language when the convention kept the indicator's own wording
 * (a label the officer rewrote is shown as written).
 */
export function commitmentWords(c: { indicator: string; label: string; unit: string }): { label: string; unit: string } {
  const sent = loaded.lists?.indicators.find((i) => i.code === c.indicator);
  const shown = reference.lists?.indicators.find((i) => i.code === c.indicator);
  if (!sent || !shown) return c;
  return {
    label: c.label === sent.label ? shown.label : c.label,
    unit: c.unit === sent.unit ? shown.unit : c.unit
  };
}
