import type { CommandName, Commands } from '$bindings/tremplin';
import { BackendError, type Backend } from './types';

/** `tremplin serve-ui`: commands over loopback HTTP, with a bearer token. */
export class HttpBackend implements Backend {
  constructor(
    private readonly base: string,
    private readonly token: string
  ) {}

  async call<K extends CommandName>(name: K, args: Commands[K][0]): Promise<Commands[K][1]> {
    let res: Response;
    try {
      res = await fetch(`${this.base}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(args ?? null)
      });
    } catch {
      throw new BackendError({
        code: 'unreachable',
        message: 'Le service local Tremplin ne répond pas : relancez « tremplin serve-ui ».',
        field: null,
        errors: []
      });
    }
    const changedHeader = res.headers.get('x-tremplin-changed');
    if (changedHeader) this.emit('data://changed', JSON.parse(changedHeader));
    const body = await res.json().catch(() => null);
    if (!res.ok) throw BackendError.from(body ?? { code: 'internal', message: res.statusText });
    return body as Commands[K][1];
  }

  /**
   * A browser cannot open the local machine's save dialog: `serve-ui` is a
   * loopback development tool, so the path is asked for as text.
   */
  async savePath(defaultName: string): Promise<string | null> {
    const path = window.prompt('Enregistrer sous (chemin complet) :', defaultName);
    return path && path.trim() ? path.trim() : null;
  }

  private readonly handlers = new Map<string, Set<(payload: unknown) => void>>();

  /**
   * `serve-ui` runs no background sync: every change comes from a command
   * of this page, and its response says what changed (`x-tremplin-changed`),
   * re-emitted here as the desktop shell's `data://changed` event.
   */
  async listen<T>(event: string, handler: (payload: T) => void): Promise<() => void> {
    const set = this.handlers.get(event) ?? new Set();
    this.handlers.set(event, set);
    const h = handler as (payload: unknown) => void;
    set.add(h);
    return () => set.delete(h);
  }

  private emit(event: string, payload: unknown): void {
    for (const h of this.handlers.get(event) ?? []) h(payload);
  }
}

/** Reads the token from the URL fragment once, then keeps it for the tab. */
export function tokenFromLocation(): string | null {
  const m = /token=([0-9a-f]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem('tremplin-token', m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1];
  }
  return sessionStorage.getItem('tremplin-token');
}
