import { BackendError } from './backend';

/** Field errors of a form, keyed by the request field the app layer named. */
export type FieldErrors = Record<string, string>;

/** Splits an error into a field message (shown at the field) or a general one. */
export function splitError(e: unknown, fields: readonly string[]): { fields: FieldErrors; general: string } {
  const err = BackendError.from(e);
  if (err.field && fields.includes(err.field)) return { fields: { [err.field]: err.message }, general: '' };
  return { fields: {}, general: err.message };
}
