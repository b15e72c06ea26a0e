import { en } from './en';
import { fr, type MessageKey } from './fr';

export type Locale = 'fr' | 'en';

const catalogues: Record<Locale, Record<MessageKey, string>> = { fr, en };

/** The UI language; French unless the officer picks English. */
export const i18n = $state<{ locale: Locale }>({ locale: 'fr' });

/** Intl locale for dates and numbers. */
export function intlLocale(locale: Locale = i18n.locale): string {
  return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

/** A message with `{name}` placeholders filled in. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = catalogues[locale][key] ?? fr[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(i18n.locale, key, params);
}

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  document.documentElement.lang = locale;
  localStorage.setItem('tremplin-locale', locale);
}

export function restoreLocale(): void {
  const saved = localStorage.getItem('tremplin-locale');
  if (saved === 'fr' || saved === 'en') setLocale(saved);
}
