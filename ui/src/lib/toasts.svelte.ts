/**
 * Visible confirmations (« toasts »): every save names its record, with a
 * link; « Faite », « Retirer » and deletions offer « Annuler » for 10 s.
 * Shown at least 6 s, paused while hovered or focused (WCAG 2.2.1).
 */
export type Toast = {
  id: number;
  message: string;
  kind: 'success' | 'error';
  href?: string;
  linkLabel?: string;
  /** Puts things back as they were; offered while the toast shows. */
  undo?: () => Promise<void> | void;
  /** Runs when the toast leaves without being undone (a deferred deletion). */
  commit?: () => Promise<void> | void;
  ms: number;
};

export const SHOW_MS = 6000;
export const UNDO_MS = 10000;
const MAX_SHOWN = 3;

export const toasts = $state<Toast[]>([]);
let next = 1;

export function notify(
  message: string,
  opts: Partial<Pick<Toast, 'href' | 'linkLabel' | 'undo' | 'commit' | 'kind'>> = {}
): number {
  const id = next++;
  const ms = opts.undo ? UNDO_MS : SHOW_MS;
  toasts.push({ id, message, kind: opts.kind ?? 'success', ms, ...opts });
  // Three at most: the oldest leaves (its pending action goes through).
  while (toasts.length > MAX_SHOWN) void dismiss(toasts[0].id);
  return id;
}

/** The toast's time ran out or it was closed: a pending action goes through. */
export async function dismiss(id: number): Promise<void> {
  const i = toasts.findIndex((x) => x.id === id);
  if (i < 0) return;
  const [toast] = toasts.splice(i, 1);
  await toast.commit?.();
}

/** « Annuler »: undoes and drops the pending action. */
export async function undo(id: number): Promise<void> {
  const i = toasts.findIndex((x) => x.id === id);
  if (i < 0) return;
  const [toast] = toasts.splice(i, 1);
  await toast.undo?.();
}

/** Before the window goes away: deferred actions are carried out now. */
export async function flushPending(): Promise<void> {
  for (const toast of [...toasts]) await dismiss(toast.id);
}

/** Ids of records whose deletion waits for its « Annuler » to expire: lists hide them. */
export const pendingDeletion = $state<Record<string, true>>({});

/**
 * Deletes after the undo delay: the record disappears from lists at once,
 * « Annuler » brings it back, and nothing is written until the delay ends
 * (so an undo never has to chase a deletion already synced).
 */
export function deleteWithUndo(id: string, message: string, run: () => Promise<void>, onError: (e: unknown) => void): void {
  pendingDeletion[id] = true;
  notify(message, {
    undo: () => {
      delete pendingDeletion[id];
    },
    commit: async () => {
      try {
        await run();
      } catch (e) {
        onError(e);
      } finally {
        delete pendingDeletion[id];
      }
    }
  });
}
