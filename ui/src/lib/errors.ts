import { BackendError } from './backend';

/** Field errors of a form, keyed by the request field the app layer named. */
export type FieldErrors = Record<string, string>;

/**
 * Splits an error into messages shown at their fields and a general one
 * (what names no field of this form). A form checked whole gives every
 * field at fault at once.
 */
export function splitError(e: unknown, fields: readonly string[]): { fields: FieldErrors; general: string } {
  const err = BackendError.from(e);
  const all = err.errors.length ? err.errors : [{ field: err.field, message: err.message }];
  const out: FieldErrors = {};
  const general: string[] = [];
  for (const f of all) {
    if (f.field && fields.includes(f.field) && !(f.field in out)) out[f.field] = f.message;
    else general.push(f.message);
  }
  return { fields: out, general: general.join(' ') };
}
