import { BackendError, localiseError } from './backend/types';

/**
 * The app layer's messages are French, with a stable code; in English the
 * interface says them itself (i18n/errors.en.ts, by `code@field` then
 * `code`). A field's message sits beside its label (and the error summary
 * adds it).
 */
export { localiseError };

/** Field errors of a form, keyed by the request field the app layer named. */
export type FieldErrors = Record<string, string>;

/**
 * Splits an error into messages shown at their fields and a general one
 * (what names no field of this form). A form checked whole gives every
 * field at fault at once. Messages are in the interface's language at the
 * time of the split.
 */
export function splitError(e: unknown, fields: readonly string[]): { fields: FieldErrors; general: string } {
  const err = BackendError.from(e);
  const all = err.errors.length ? err.errors : [{ code: err.code, field: err.field, french: err.french }];
  const out: FieldErrors = {};
  const general: string[] = [];
  for (const f of all) {
    const message = err.localised ? localiseError(f.code, f.field, f.french) : f.french;
    if (f.field && fields.includes(f.field) && !(f.field in out)) out[f.field] = message;
    else general.push(message);
  }
  return { fields: out, general: general.join(' ') };
}
