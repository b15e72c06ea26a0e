import type { AppError, CommandName, Commands, FieldError } from '$bindings/tremplin';
import { englishError } from '../i18n/errors.en';
import { i18n } from '../i18n/index.svelte';

/** The one door to the Rust app layer. */
export interface Backend {
  call<K extends CommandName>(name: K, args: Commands[K][0]): Promise<Commands[K][1]>;
  /** Events the desktop shell pushes (e.g. `sync://status`); resolves to the unsubscribe function. */
  listen<T>(event: string, handler: (payload: T) => void): Promise<() => void>;
  /** Where to save a generated file: the system's save dialog; null when cancelled. */
  savePath(defaultName: string): Promise<string | null>;
}

/**
 * An app-layer message in the interface's language: in English, the
 * English of its code (and field) when there is one; else the app layer's
 * French, which names its field.
 */
export function localiseError(code: string, field: string | null | undefined, french: string): string {
  return (i18n.locale === 'en' && englishError(code, field)) || french;
}

/** A field at fault: `message` in the interface's language, `french` as the app layer said it. */
export type LocalisedFieldError = FieldError & { french: string };

/**
 * An error from the app layer: stable code, field at fault, and a message
 * in the interface's language (the app layer's French in `french`).
 */
export class BackendError extends Error {
  readonly code: string;
  readonly field: string | null;
  /** The app layer's own message, in French. */
  readonly french: string;
  /** Every field at fault when the form was checked whole. */
  readonly errors: LocalisedFieldError[];
  /** The message is the app layer's, said in the interface's language (false: a failure's own words). */
  readonly localised: boolean;

  /** `localise: false` keeps `e.message` as it is (a message that is not the app layer's). */
  constructor(e: AppError, localise = true) {
    const say = (code: string, field: string | null, french: string) =>
      localise ? localiseError(code, field, french) : french;
    super(say(e.code, e.field, e.message));
    this.name = 'BackendError';
    this.code = e.code;
    this.field = e.field;
    this.french = e.message;
    this.localised = localise;
    this.errors = (e.errors ?? []).map((f) => {
      // Already a localised field error: its French is kept aside.
      const kept = (f as Partial<LocalisedFieldError>).french;
      const french = typeof kept === 'string' ? kept : f.message;
      return { code: f.code, field: f.field, message: say(f.code, f.field, french), french };
    });
  }

  static from(e: unknown): BackendError {
    if (e instanceof BackendError) return e;
    if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
      const a = e as { code: unknown; message: unknown; french?: unknown; field?: unknown; errors?: unknown };
      return new BackendError({
        code: String(a.code),
        message: typeof a.french === 'string' ? a.french : String(a.message),
        field: typeof a.field === 'string' ? a.field : null,
        errors: Array.isArray(a.errors) ? (a.errors as FieldError[]) : []
      });
    }
    // Not the app layer's (a failure of the shell or of the page): its own words.
    return new BackendError({ code: 'internal', message: String(e), field: null, errors: [] }, false);
  }
}
