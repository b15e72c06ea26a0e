/** Window-wide UI state: open dialogs and a counter that screens watch to reload. */
export const ui = $state({
  paletteOpen: false,
  logOpen: false,
  /** Organisation to preselect in the log dialog. */
  logOrganisation: null as { id: string; name: string } | null,
  /** Bumped after every write, so visible screens refresh. */
  revision: 0,
  /** A short confirmation shown in the live region. */
  notice: ''
});

export function changed(notice = ''): void {
  ui.revision += 1;
  ui.notice = notice;
}

export function openLog(org: { id: string; name: string } | null = null): void {
  ui.logOrganisation = org;
  ui.logOpen = true;
}
