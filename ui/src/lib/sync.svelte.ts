import type { SyncStatus } from '$bindings/tremplin';
import { call, getBackend } from '$lib/backend';
import { changed } from '$lib/state.svelte';

/** What the sync badge and the sync screens show, refreshed while the window is open. */
export const sync = $state({ status: null as SyncStatus | null });

let lastSuccess: string | null | undefined;

/** Shows a status; when a cycle finished since the last one seen, visible screens reload (new data may have arrived). */
export function setSyncStatus(s: SyncStatus): void {
  sync.status = s;
  if (lastSuccess !== undefined && s.last_success_at !== lastSuccess) changed();
  lastSuccess = s.last_success_at;
}

/** Reads the sync status. */
export async function refreshSync(): Promise<SyncStatus | null> {
  try {
    const s = await call('sync.status', null);
    setSyncStatus(s);
    return s;
  } catch {
    return null;
  }
}

/**
 * Keeps the status fresh: the desktop shell announces each background cycle
 * (`sync://status`); a slow poll also catches "in progress" and the browser build.
 */
export function watchSync(intervalMs = 4000): () => void {
  void refreshSync();
  const timer = setInterval(() => void refreshSync(), intervalMs);
  const onFocus = () => void refreshSync();
  window.addEventListener('focus', onFocus);
  let unlisten: (() => void) | null = null;
  let stopped = false;
  void getBackend()
    .then((b) => b.listen<SyncStatus>('sync://status', setSyncStatus))
    .then((u) => {
      if (stopped) u();
      else unlisten = u;
    })
    .catch(() => {});
  return () => {
    stopped = true;
    clearInterval(timer);
    window.removeEventListener('focus', onFocus);
    unlisten?.();
  };
}

/** Minutes since an ISO instant, for "synced 3 min ago". */
export function minutesSince(iso: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 60000));
}
