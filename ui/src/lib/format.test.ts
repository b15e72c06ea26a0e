import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth, formatNumber, formatPhone, fromLocalInput, groupSiret, toLocalInput } from './format';
import { translate } from './i18n/index.svelte';
import { PageCache, pagesFor, parseTags } from './paging';
import { shortcutOf } from './shortcuts';
import { fr } from './i18n/fr';
import { en } from './i18n/en';

describe('formats', () => {
  it('shows stored French phone numbers in the national format', () => {
    expect(formatPhone('+33324342749')).toBe('03 24 34 27 49');
    expect(formatPhone('+33612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('+3225551234')).toBe('+3225551234');
    expect(formatPhone(null)).toBe('—');
  });

  it('groups SIRET and SIREN', () => {
    expect(groupSiret('73282932000074')).toBe('732 829 320 00074');
    expect(groupSiret('356000000')).toBe('356 000 000');
    expect(groupSiret(null)).toBe('—');
  });
  it('formats French dates and numbers', () => {
    expect(formatDate('2026-12-04', 'fr')).toBe('04/12/2026');
    expect(formatNumber(100000, 'fr').replace(/\s/g, ' ')).toBe('100 000');
    expect(formatDate('2026-12-04', 'en')).toBe('04/12/2026');
  });
  it('round-trips datetime-local values', () => {
    const d = new Date(2026, 10, 28, 14, 30);
    expect(toLocalInput(d)).toBe('2026-11-28T14:30');
    expect(fromLocalInput('2026-11-28T14:30')).toBe(d.toISOString());
    expect(fromLocalInput('')).toBeNull();
    // Not a date: passed on as typed, for the app layer to refuse at the field.
    expect(fromLocalInput('31/02/2027T10:00')).toBe('31/02/2027T10:00');
  });
});

describe('i18n', () => {
  it('fills placeholders in both languages', () => {
    expect(translate('fr', 'orgs.count', { n: 3 })).toBe('3 organisations');
    expect(translate('en', 'sync.badge.pending', { n: 2 })).toBe('2 waiting');
    expect(translate('fr', 'sync.badge.issues', { n: 1 })).toBe('1 conflit ou refus');
  });
  it('has the same keys in every catalogue', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });
});

describe('paging', () => {
  it('computes the pages of a visible range', () => {
    expect(pagesFor(0, 49, 100)).toEqual([0]);
    expect(pagesFor(95, 205, 100)).toEqual([0, 1, 2]);
    expect(pagesFor(10, 5, 100)).toEqual([]);
  });
  it('claims each page once and ignores stale answers', () => {
    const c = new PageCache<string>(2);
    expect(c.claim(0, 3)).toEqual([0, 1]);
    expect(c.claim(0, 3)).toEqual([]);
    const gen = c.generation;
    c.reset();
    expect(c.fill(0, ['a', 'b'], gen)).toBe(false);
    expect(c.row(0)).toBeUndefined();
    expect(c.claim(0, 1)).toEqual([0]);
    expect(c.fill(0, ['a', 'b'], c.generation)).toBe(true);
    expect(c.row(1)).toBe('b');
  });
  it('parses tags', () => {
    expect(parseTags(" Logistique, clause d'insertion , ,")).toEqual(['Logistique', "clause d'insertion"]);
  });
});

describe('shortcuts', () => {
  const k = (key: string, mods: Partial<KeyboardEvent> = {}) =>
    shortcutOf({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
  it('maps Ctrl+K and Alt+N', () => {
    expect(k('k', { ctrlKey: true })).toBe('palette');
    expect(k('K', { metaKey: true })).toBe('palette');
    expect(k('n', { altKey: true })).toBe('log');
    expect(k('n')).toBeNull();
    expect(k('k')).toBeNull();
  });
});

describe('sync badge', () => {
  it('counts whole minutes since the last sync, never negative', async () => {
    const { minutesSince } = await import('./sync.svelte');
    const now = new Date('2026-11-30T10:00:00Z');
    expect(minutesSince('2026-11-30T09:57:30Z', now)).toBe(2);
    expect(minutesSince('2026-11-30T10:00:30Z', now)).toBe(0);
  });
});

describe('rebase', () => {
  it('keeps what the officer changed and takes the rest from the latest record', async () => {
    const { rebase } = await import('./rebase');
    const start = { name: 'Auchan', status: 'prospect', tags: ['a'], notes: null };
    const edited = { name: 'Auchan Roncq', status: 'prospect', tags: ['a'], notes: null };
    const latest = { name: 'Auchan (Marc)', status: 'partenaire_actif', tags: ['a', 'b'], notes: 'RDV' };
    expect(rebase(start, edited, latest)).toEqual({ name: 'Auchan Roncq', status: 'partenaire_actif', tags: ['a', 'b'], notes: 'RDV' });
  });
});

describe('formatMonth', () => {
  it('reads a month in words, in the interface language', () => {
    expect(formatMonth('2026-12', 'fr')).toBe('décembre 2026');
    expect(formatMonth('2026-01', 'en')).toBe('January 2026');
    expect(formatMonth(null, 'fr')).toBe('—');
  });
});

describe('plurals', () => {
  it('take the form the language gives for n (0 and 1 singular in French)', () => {
    expect(translate('fr', 'orgs.count', { n: 0 })).toBe('0 organisation');
    expect(translate('fr', 'orgs.count', { n: 1 })).toBe('1 organisation');
    expect(translate('fr', 'orgs.count', { n: 2 })).toBe('2 organisations');
    expect(translate('en', 'orgs.count', { n: 0 })).toBe('0 organisations');
    expect(translate('en', 'orgs.count', { n: 1 })).toBe('1 organisation');
  });

  it('no catalogue writes a plural as « (s) »', () => {
    for (const cat of [fr, en]) {
      for (const [key, message] of Object.entries(cat)) {
        const forms = typeof message === 'string' ? [message] : [message.one, message.other];
        for (const f of forms) expect(f, key).not.toMatch(/\(s\)|\(ies\)|\(es\)/);
      }
    }
  });
});
