import type { TaskView } from '$bindings/tremplin';

/** A record the log dialog can preselect. */
export type Named = { id: string; name: string };

/** What the current page is about: Alt+N preselects it in the log dialog. */
export type LogContext = { organisation: Named | null; contact: Named | null };

/** Window-wide UI state: open dialogs and the current page's context. */
export const ui = $state({
  paletteOpen: false,
  logOpen: false,
  /** Preselection for the dialog being opened. */
  logPreset: null as LogContext | null,
  /** Set by record pages (organisation, contact, convention, contract). */
  context: null as LogContext | null,
  /** The menu, folded behind a button on narrow windows and at high zoom. */
  navOpen: false,
  /** The follow-up dialog: a new one (task null) or one being edited. */
  taskDialog: null as { task: TaskView | null; organisation: Named | null } | null
});

/** Opens the follow-up dialog: `task` to edit it, else a new one on the page's organisation. */
export function openTask(task: TaskView | null = null): void {
  ui.taskDialog = { task, organisation: task ? null : (ui.context?.organisation ?? null) };
}

/** Opens the log dialog on `preset`, or on what the current page is about. */
export function openLog(preset: LogContext | null = null): void {
  ui.logPreset = preset ?? ui.context;
  ui.logOpen = true;
}

/** Record pages call this in an effect; the returned function clears it when they go. */
let owner = 0;
export function pageContext(ctx: LogContext): () => void {
  const mine = ++owner;
  ui.context = ctx;
  return () => {
    // A newer page may already have set its own.
    if (owner === mine) ui.context = null;
  };
}
