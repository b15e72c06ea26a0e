import { afterEach, describe, expect, it } from 'vitest';
import { BackendError } from '../backend/types';
import { splitError } from '../errors';
import { englishError, errorsEn } from './errors.en';
import { i18n } from './index.svelte';

/**
 * Every error the Rust code can emit has an English entry. The codes are
 * read from the sources: calls whose arguments may span lines, the local
 * helpers that build an error from (code, field, message), `Refusal`
 * literals of the server, and the `=> "code"` arms of the conversions into
 * `AppError`.
 */
// Node's file system, typed here: the project has no Node type definitions.
type Fs = {
  readdirSync(path: string): string[];
  readFileSync(path: string, encoding: 'utf8'): string;
  statSync(path: string): { isDirectory(): boolean };
};
const fsModule = 'node:fs';
const { readdirSync, readFileSync, statSync } = (await import(/* @vite-ignore */ fsModule)) as Fs;

/** The repository's root, ending with a slash. */
const ROOT = decodeURIComponent(new URL('../../../../', import.meta.url).pathname);
const join = (...parts: string[]) => parts.join('/').replace(/\/{2,}/g, '/');
const relative = (root: string, path: string) => (path.startsWith(root) ? path.slice(root.length) : path);

function rustFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'target' || name === 'tests' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) rustFiles(path, out);
    else if (name.endsWith('.rs') && name !== 'tests.rs') out.push(path);
  }
  return out;
}

/** The length of the string or char literal at `i` (0 when there is none). */
function literalAt(src: string, i: number): number {
  const raw = /^r(#*)"/.exec(src.slice(i, i + 12));
  if (raw && !/\w/.test(src[i - 1] ?? '')) {
    const end = src.indexOf(`"${raw[1]}`, i + raw[0].length);
    return end + 1 + raw[1].length - i;
  }
  if (src[i] === '"') {
    let j = i + 1;
    while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
    return j + 1 - i;
  }
  if (src[i] === "'") {
    // A char literal ('a', '\n', '\u{a0}'), not a lifetime ('static).
    const m = /^'(?:\\(?:u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|.)|[^\\'])'/.exec(src.slice(i, i + 14));
    return m ? m[0].length : 0;
  }
  return 0;
}

/** The source without comments nor `#[cfg(test)]` modules; literals kept. */
function code(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; ) {
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (src.startsWith('/*', i)) {
      const start = i;
      let depth = 0;
      do {
        if (src.startsWith('/*', i)) {
          depth++;
          i += 2;
        } else if (src.startsWith('*/', i)) {
          depth--;
          i += 2;
        } else i++;
      } while (depth > 0 && i < src.length);
      out += ` ${src.slice(start, i).replace(/[^\n]/g, '')}`; // lines kept, for the report
    } else {
      const n = literalAt(src, i) || 1;
      out += src.slice(i, i + n);
      i += n;
    }
  }
  // Test modules build errors of their own.
  const testModule = /#\[cfg\(test\)\]\s*mod\s+\w+\s*\{/;
  for (let at = out.search(testModule); at >= 0; at = out.search(testModule)) {
    out = out.slice(0, at) + out.slice(closing(out, out.indexOf('{', at)) + 1);
  }
  return out;
}

/** The index of the bracket closing the one at `open`. */
function closing(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const n = literalAt(src, i);
    if (n) {
      i += n - 1;
      continue;
    }
    if ('([{'.includes(src[i])) depth++;
    else if (')]}'.includes(src[i]) && --depth === 0) return i;
  }
  return src.length;
}

/** The top-level, comma-separated arguments between the bracket at `open` and its match. */
function args(src: string, open: number): string[] {
  const list: string[] = [];
  let depth = 0;
  let from = open + 1;
  const end = closing(src, open);
  for (let i = open + 1; i < end; i++) {
    const n = literalAt(src, i);
    if (n) {
      i += n - 1;
      continue;
    }
    if ('([{'.includes(src[i])) depth++;
    else if (')]}'.includes(src[i])) depth--;
    else if (src[i] === ',' && depth === 0) {
      list.push(src.slice(from, i).trim());
      from = i + 1;
    }
  }
  const last = src.slice(from, end).trim();
  if (last) list.push(last);
  return list;
}

/** Arguments that are no literal but are accounted for (their codes are scanned elsewhere). */
const FORWARDED = new Set([
  'code', // a helper passing on its `code` parameter (the helper's calls are scanned)
  'e.code()', // `SyncError::code`, whose arms are scanned
  // The server's own code passed on (its `ApiError`s and `Refusal`s are
  // scanned), else the engine's (`SyncError::code`).
  'e.precise_code()',
  'said.code.as_deref().unwrap_or("unauthorized")'
]);

type Emitted = { code: string; field: string | null; at: string };

function scan(): { emitted: Emitted[]; unscanned: string[] } {
  const emitted: Emitted[] = [];
  const unscanned: string[] = [];
  const files = [...rustFiles(join(ROOT, 'crates')), ...rustFiles(join(ROOT, 'src-tauri'))];
  for (const file of files) {
    const src = code(readFileSync(file, 'utf8'));
    const where = (i: number) => `${relative(ROOT, file)}:${src.slice(0, i).split('\n').length}`;
    // `const FIELD: &str = "user_establishment_ids";` and the like.
    const consts = new Map([...src.matchAll(/const\s+(\w+)\s*:\s*&(?:'static\s+)?str\s*=\s*"(\w+)"/g)].map((m) => [m[1], m[2]]));
    const literal = (a: string | undefined) => (a && /^"(\w+)"$/.exec(a)?.[1]) || (a && consts.get(a)) || null;
    const calls: { re: RegExp; code: number; field: number | null }[] = [
      { re: /\bValidationError::new\s*\(/g, code: 0, field: 1 },
      { re: /\bAppError::new\s*\(/g, code: 0, field: null },
      { re: /\bAppError::field\s*\(/g, code: 0, field: 1 },
      { re: /\bApiError::new\s*\(/g, code: 1, field: null },
      { re: /\bSelf::new\s*\(\s*StatusCode::/g, code: 1, field: null }
    ];
    // Local helpers: `fn err(code: &'static str, field: &'static str, message: …)`.
    for (const m of src.matchAll(/\bfn\s+(\w+)\s*(?:<[^>]*>)?\s*\(\s*code\s*:\s*&(?:'static\s+)?str\s*,\s*field\s*:\s*&(?:'static\s+)?str\s*,/g)) {
      calls.push({ re: new RegExp(`(?<![\\w:.])${m[1]}\\s*\\(`, 'g'), code: 0, field: 1 });
    }
    for (const call of calls) {
      for (const m of src.matchAll(call.re)) {
        if (/\bfn\s+$/.test(src.slice(Math.max(0, m.index - 8), m.index))) continue; // the helper itself
        const a = args(src, src.indexOf('(', m.index));
        const c = literal(a[call.code]);
        if (!c) {
          if (!FORWARDED.has(a[call.code] ?? '')) unscanned.push(`${where(m.index)} ${a[call.code]}`);
          continue;
        }
        emitted.push({ code: c, field: call.field === null ? null : literal(a[call.field]), at: where(m.index) });
      }
    }
    for (const m of src.matchAll(/\bAppError::not_found\s*\(/g)) emitted.push({ code: 'not_found', field: null, at: where(m.index) });
    // The server's refusals: `Refusal { code: "…", message: …, field: Some("…") }`.
    for (const m of src.matchAll(/\bRefusal\s*\{/g)) {
      if (/(->|struct)\s*$/.test(src.slice(Math.max(0, m.index - 10), m.index))) continue;
      const body = src.slice(m.index, closing(src, src.indexOf('{', m.index)));
      const c = /\bcode\s*:\s*"(\w+)"/.exec(body)?.[1];
      if (!c) {
        if (!/\bcode\s*:\s*e\.code\b/.test(body)) unscanned.push(`${where(m.index)} Refusal`);
        continue;
      }
      emitted.push({ code: c, field: /\bfield\s*:\s*Some\(\s*"(\w+)"\s*\)/.exec(body)?.[1] ?? null, at: where(m.index) });
    }
    // Codes chosen by a match: conversions into AppError, and `fn code(&self) -> &'static str`.
    const blocks = /\bimpl\s+From<[^>]+>\s+for\s+AppError\s*\{|\bfn\s+code\s*\(\s*&self\s*\)\s*->\s*&'static\s+str\s*\{/g;
    for (const m of src.matchAll(blocks)) {
      const open = m.index + m[0].length - 1;
      for (const arm of src.slice(open, closing(src, open)).matchAll(/=>\s*"(\w+)"/g)) {
        emitted.push({ code: arm[1], field: null, at: where(m.index) });
      }
    }
  }
  return { emitted, unscanned };
}

/** Codes the interface builds itself (ui/src/lib/backend). */
function uiCodes(): string[] {
  const dir = join(ROOT, 'ui/src/lib/backend');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/\bcode:\s*'(\w+)'/g)].map((m) => m[1]));
}

const { emitted, unscanned } = scan();

describe('English error messages', () => {
  it('the scan finds the errors, multi-line calls and helpers included', () => {
    const keys = new Set(emitted.map((e) => (e.field ? `${e.code}@${e.field}` : e.code)));
    expect(emitted.length).toBeGreaterThan(300);
    for (const k of [
      'required@cp_number', // `refuse(` over several lines
      'rupture_without_incident@status', // cie.rs's `err(`
      'not_a_member@user_establishment_ids', // field from a `const`
      'bad_date', // serde dispatch, field from the request's path
      'bad_value',
      'bad_request',
      'not_found',
      'wrong_key', // `impl From<StoreError> for AppError`
      'offline', // `SyncError::code`
      'referenced', // a server `Refusal`
      'account_locked', // `ApiError::new(StatusCode::…, "…")`
      'database_unavailable',
      'keyring_unavailable' // src-tauri
    ]) {
      expect(keys, k).toContain(k);
    }
  });

  it('every code is scanned, or accounted for', () => {
    expect(unscanned).toEqual([]);
  });

  it('every code and code@field the Rust code emits has an English entry', () => {
    const missing = new Set<string>();
    for (const e of emitted) if (!englishError(e.code, e.field)) missing.add(`${e.code}@${e.field ?? ''} (${e.at})`);
    for (const c of uiCodes()) if (!englishError(c)) missing.add(`${c} (ui/src/lib/backend)`);
    expect([...missing]).toEqual([]);
  });

  it('every entry is for a code that exists', () => {
    const known = new Set([...emitted.map((e) => e.code), ...uiCodes()]);
    const stale = Object.keys(errorsEn).filter((k) => !known.has(k.split('@')[0]));
    expect(stale).toEqual([]);
  });

  it('no entry is French', () => {
    // Proper nouns kept in English: the institution's name.
    const properNouns = /\bDépartement\b/g;
    const frenchWords =
      /\b(le|la|les|des|du|une|est|sont|pas|ne|vous|votre|pour|avec|dans|sur|cette|aucun|aucune|obligatoire|choisissez|indiquez|saisissez|précisez|introuvable|inconnue?|fiche|avenant|relance|trousseau|poste)\b/i;
    const faults = Object.entries(errorsEn).flatMap(([key, text]) => {
      const plain = text.replace(properNouns, '');
      const found = [
        /[ \u00a0\u202f][:;!?]/.test(text) && 'space before punctuation',
        /[«»]/.test(text) && 'guillemets',
        /[À-ÖØ-öø-ÿŒœ]/.test(plain) && 'accented letter',
        frenchWords.exec(text)?.[0]
      ].filter(Boolean);
      return found.length ? [`${key}: ${found.join(', ')}`] : [];
    });
    expect(faults).toEqual([]);
  });

  it('looks up code@field first, then code', () => {
    expect(englishError('out_of_range', 'duration_months')).toBe(errorsEn['out_of_range@duration_months']);
    expect(englishError('out_of_range', 'no_such_field')).toBe(errorsEn.out_of_range);
    expect(englishError('out_of_range')).toBe(errorsEn.out_of_range);
    expect(englishError('no_such_code', 'siret')).toBeUndefined();
    expect(englishError('toString')).toBeUndefined();
  });
});

describe('BackendError in English', () => {
  afterEach(() => {
    i18n.locale = 'fr';
  });

  const refused = {
    code: 'required',
    field: 'siret',
    message: 'SIRET : obligatoire pour un établissement.',
    errors: [
      { code: 'required', field: 'siret', message: 'SIRET : obligatoire pour un établissement.' },
      { code: 'unknown_code', field: 'name', message: 'Nom : message sans équivalent.' }
    ]
  };

  it('keeps the French in French', () => {
    const e = BackendError.from(refused);
    expect(e.message).toBe(refused.message);
    expect(e.errors.map((f) => f.message)).toEqual(refused.errors.map((f) => f.message));
  });

  it('says it in English, the French kept aside', () => {
    i18n.locale = 'en';
    const e = BackendError.from(refused);
    expect(e.message).toBe(errorsEn['required@siret']);
    expect(e.french).toBe(refused.message);
    expect(e.errors[0]).toMatchObject({ message: errorsEn['required@siret'], french: refused.errors[0].message });
    // No English entry: the French, which names its field.
    expect(e.errors[1].message).toBe(refused.errors[1].message);
    expect(splitError(e, ['siret'])).toEqual({ fields: { siret: errorsEn['required@siret'] }, general: refused.errors[1].message });
  });

  it('says a general message in English', () => {
    i18n.locale = 'en';
    const e = BackendError.from({ code: 'has_history', field: null, message: 'Cette organisation a 3 échange(s)…', errors: [] });
    expect(e.message).toBe(errorsEn.has_history);
    expect(splitError(e, ['name'])).toEqual({ fields: {}, general: errorsEn.has_history });
  });

  it('leaves a failure that is not the app layer’s in its own words', () => {
    i18n.locale = 'en';
    const e = BackendError.from(new TypeError('x is undefined'));
    expect(e.message).toBe('TypeError: x is undefined');
    expect(splitError(e, []).general).toBe('TypeError: x is undefined');
  });
});
