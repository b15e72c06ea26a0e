/**
 * Dates typed the way people write them (« 21/11/2026 », « 21112026 »,
 * « 21/11/26 », or ISO « 2026-11-21 »), read whatever the system's locale:
 * the browser's own date input follows the computer's language, not the
 * interface's (an English Chromium shows « mm/dd/yyyy » to a French officer).
 */

/** ISO `YYYY-MM-DD` of a typed date, or null when it is not a calendar date. */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) {
    [y, m, d] = [+match[1], +match[2], +match[3]];
  } else if ((match = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{2}|\d{4})$/.exec(s))) {
    [d, m, y] = [+match[1], +match[2], +match[3]];
  } else if ((match = /^(\d{2})(\d{2})(\d{4})$/.exec(s))) {
    [d, m, y] = [+match[1], +match[2], +match[3]];
  } else {
    return null;
  }
  if (y < 100) y += 2000;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `dd/mm/yyyy` of an ISO date (French and British order alike). */
export function showDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? '');
}

/** `HH:MM` (24 h) of a typed time (« 9h30 », « 09:30 », « 930 »), or null. */
export function parseTime(raw: string): string | null {
  const s = raw.trim().toLowerCase();
  const match = /^(\d{1,2})(?:[:h.\s]?(\d{2}))?$/.exec(s) ?? /^(\d{1,2})h$/.exec(s);
  if (!match) return null;
  const [h, min] = [+match[1], +(match[2] ?? 0)];
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
