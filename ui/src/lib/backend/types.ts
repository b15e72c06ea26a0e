import type { AppError, CommandName, Commands, FieldError } from '$bindings/tremplin';

/** The one door to the Rust app layer. */
export interface Backend {
  call<K extends CommandName>(name: K, args: Commands[K][0]): Promise<Commands[K][1]>;
  /** Events the desktop shell pushes (e.g. `sync://status`); resolves to the unsubscribe function. */
  listen<T>(event: string, handler: (payload: T) => void): Promise<() => void>;
  /** Where to save a generated file: the system's save dialog; null when cancelled. */
  savePath(defaultName: string): Promise<string | null>;
}

/** An error from the app layer: stable code, French message, field at fault. */
export class BackendError extends Error {
  readonly code: string;
  readonly field: string | null;
  /** Every field at fault when the form was checked whole. */
  readonly errors: FieldError[];

  constructor(e: AppError) {
    super(e.message);
    this.name = 'BackendError';
    this.code = e.code;
    this.field = e.field;
    this.errors = e.errors ?? [];
  }

  static from(e: unknown): BackendError {
    if (e instanceof BackendError) return e;
    if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
      const a = e as { code: unknown; message: unknown; field?: unknown; errors?: unknown };
      return new BackendError({
        code: String(a.code),
        message: String(a.message),
        field: typeof a.field === 'string' ? a.field : null,
        errors: Array.isArray(a.errors) ? (a.errors as FieldError[]) : []
      });
    }
    return new BackendError({ code: 'internal', message: String(e), field: null, errors: [] });
  }
}
