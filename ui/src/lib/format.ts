import { intlLocale, type Locale } from './i18n/index.svelte';

/** "28/11/2026 14:30" (fr) from an ISO-8601 instant, in local time. */
export function formatDateTime(iso: string | null | undefined, locale?: Locale): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short', timeStyle: 'short' }).format(d);
}

/** "04/12/2026" (fr) from a calendar date "2026-12-04" (no time zone shift). */
export function formatDate(date: string | null | undefined, locale?: Locale): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short', timeZone: 'UTC' }).format(d);
}

/** « décembre 2026 » (fr) from a month "2026-12": months are read, not decoded. */
export function formatMonth(month: string | null | undefined, locale?: Locale): string {
  if (!month) return '—';
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** "28/11/2026" (fr): the local calendar day of an ISO-8601 instant. */
export function formatDay(iso: string | null | undefined, locale?: Locale): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short' }).format(d);
}

/** "100 000" (fr, with a narrow no-break space). */
export function formatNumber(n: number, locale?: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(n);
}

/** "732 829 320 00074" from "73282932000074"; other values unchanged. */
export function groupSiret(s: string | null | undefined): string {
  if (!s) return '—';
  if (/^\d{14}$/.test(s)) return `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}`;
  if (/^\d{9}$/.test(s)) return `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6)}`;
  return s;
}

/** Value for an <input type="datetime-local"> from a Date, in local time. */
export function toLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * ISO instant from a local `YYYY-MM-DDTHH:MM` (a date field with its time).
 * What is no date is passed on as typed, for the app layer to refuse at its
 * field (never taken as « empty », which would mean « now »).
 */
export function fromLocalInput(v: string): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}

/** "03 24 34 27 49" from a stored French number "+33324342749"; other numbers unchanged. */
export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return '—';
  const m = /^\+33(\d{9})$/.exec(e164);
  if (!m) return e164;
  return `0${m[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/** "856,83 €" (fr) from integer cents. */
export function formatEuros(cents: number, locale?: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** "47" or "17,5" from hundredths (basis points, hours × 100). */
export function formatHundredths(v: number | null | undefined, locale?: Locale): string {
  if (v === null || v === undefined) return '—';
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }).format(v / 100);
}

/** Hundredths from "47", "17,5" or "17.5"; null when not a number. */
export function parseHundredths(s: string): number | null {
  const v = s.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return null;
  return Math.round(Number(v) * 100);
}

/** The yyyy-mm-dd of `from` + `days` + `months`, in local time (quick due dates: J+2, J+7, 1 mois). */
export function dayIn(days: number, months = 0, from: Date = new Date()): string {
  const d = new Date(from);
  d.setMonth(d.getMonth() + months);
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
