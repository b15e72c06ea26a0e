import type { SyncStatus } from '$bindings/tremplin';
import { call, getBackend } from '$lib/backend';

/** What the sync badge and the sync screens show, refreshed while the window is open. */
export const sync = $state({ status: null as SyncStatus | null });

/** Shows a status (what a cycle brought reaches screens as `data://changed`). */
export function setSyncStatus(s: SyncStatus): void {
  sync.status = s;
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
 * Keeps the status fresh without polling: the desktop shell announces each
 * background cycle (`sync://status`, also when one starts); local edits
 * change the pending count, so a change report re-reads it; and the window
 * regaining focus does too.
 */
export function watchSync(): () => void {
  void refreshSync();
  const onFocus = () => void refreshSync();
  window.addEventListener('focus', onFocus);
  const unlisten: (() => void)[] = [];
  let stopped = false;
  void getBackend()
    .then((b) =>
      Promise.all([
        b.listen<SyncStatus>('sync://status', setSyncStatus),
        b.listen('data://changed', () => void refreshSync())
      ])
    )
    .then((us) => (stopped ? us.forEach((u) => u()) : unlisten.push(...us)))
    .catch(() => {});
  return () => {
    stopped = true;
    window.removeEventListener('focus', onFocus);
    unlisten.forEach((u) => u());
  };
}

/** Minutes since an ISO instant, for "synced 3 min ago". */
export function minutesSince(iso: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 60000));
}
