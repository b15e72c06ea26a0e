import type { CommandName, Commands } from '$bindings/tremplin';
import { HttpBackend, tokenFromLocation } from './http';
import { BackendError, type Backend } from './types';

export { BackendError, type Backend };

let backend: Promise<Backend> | null = null;

/** The backend for this window: Tauri inside the desktop shell, HTTP otherwise. */
export function getBackend(): Promise<Backend> {
  backend ??= (async () => {
    if ('__TAURI_INTERNALS__' in window) {
      const { TauriBackend } = await import('./tauri');
      return new TauriBackend();
    }
    const token = tokenFromLocation();
    if (!token) {
      throw new BackendError({
        code: 'no_token',
        message: 'Ouvrez l’adresse complète affichée par « tremplin serve-ui » (elle contient le jeton d’accès).',
        field: null,
        errors: []
      });
    }
    return new HttpBackend(window.location.origin, token);
  })();
  return backend;
}

/** Shorthand: `await call('organisation.get', { id })`. */
export async function call<K extends CommandName>(name: K, args: Commands[K][0]): Promise<Commands[K][1]> {
  return (await getBackend()).call(name, args);
}
