import { en } from './en';
import { fr, type Message, type MessageKey } from './fr';

export type Locale = 'fr' | 'en';

const catalogues: Record<Locale, Record<MessageKey, Message>> = { fr, en };
const plurals: Record<Locale, Intl.PluralRules> = { fr: new Intl.PluralRules('fr-FR'), en: new Intl.PluralRules('en-GB') };

/** The UI language; French unless the officer picks English. */
export const i18n = $state<{ locale: Locale }>({ locale: 'fr' });

/** Intl locale for dates and numbers. */
export function intlLocale(locale: Locale = i18n.locale): string {
  return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

/**
 * A message with `{name}` placeholders filled in. A message with plural
 * forms takes the one the language's rules give for `n` (in French 0 and 1
 * are singular: « 0 organisation », « 2 organisations »).
 */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const message: Message = catalogues[locale][key] ?? fr[key] ?? key;
  const text =
    typeof message === 'string'
      ? message
      : plurals[locale].select(Number(params.n ?? 0)) === 'one'
        ? message.one
        : message.other;
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
