import { BackendError } from './backend';
import { i18n } from './i18n/index.svelte';

/**
 * The app layer's field errors come in French with a stable code; in
 * English the interface says the common ones itself (the field's label is
 * beside the message, and the error summary adds it). Other codes keep the
 * French message, which names its field.
 */
const ENGLISH: Record<string, string> = {
  required: 'This field is required.',
  too_long: 'Too long.',
  too_many: 'Too many entries.',
  email_format: 'Not a valid e-mail address (e.g. first.last@company.com).',
  phone_format: 'Not a valid phone number (e.g. 03 20 12 34 56 or +33 3 20 12 34 56).',
  website_format: 'Not a valid web address.',
  postcode_format: 'A French postcode has five digits.',
  postcode_mismatch: 'This postcode is not one of the municipality’s.',
  unknown_commune: 'No municipality of the Département has this code.',
  naf_format: 'Expected format 99.99X (e.g. 87.10A).',
  rome_format: 'Expected a ROME code: a letter and four digits (e.g. K2204).',
  bad_length: 'Wrong number of digits.',
  siret_checksum: 'The check digit is wrong: check the number.',
  siren_checksum: 'The check digit is wrong: check the number.',
  siret_siren_checksum: 'The check digit is wrong: check the number.',
  siret_siren_mismatch: 'The SIRET does not start with the SIREN entered.',
  duplicate_siret: 'Another record already has this SIRET.',
  date_order: 'The dates are in the wrong order.',
  out_of_range: 'Out of the allowed range.',
  bad_date: 'Not a calendar date (expected dd/mm/yyyy, e.g. 21/11/2026).',
  bad_value: 'Not one of the choices.'
};

function inLanguage(code: string, message: string): string {
  return (i18n.locale === 'en' && ENGLISH[code]) || message;
}

/** Field errors of a form, keyed by the request field the app layer named. */
export type FieldErrors = Record<string, string>;

/**
 * Splits an error into messages shown at their fields and a general one
 * (what names no field of this form). A form checked whole gives every
 * field at fault at once.
 */
export function splitError(e: unknown, fields: readonly string[]): { fields: FieldErrors; general: string } {
  const err = BackendError.from(e);
  const all = err.errors.length ? err.errors : [{ code: err.code, field: err.field, message: err.message }];
  const out: FieldErrors = {};
  const general: string[] = [];
  for (const f of all) {
    if (f.field && fields.includes(f.field) && !(f.field in out)) out[f.field] = inLanguage(f.code, f.message);
    else general.push(f.message);
  }
  return { fields: out, general: general.join(' ') };
}
