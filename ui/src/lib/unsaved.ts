/**
 * « Leaving a form with unsaved input asks first. » A form becomes dirty
 * when the officer types or picks in it, and clean again when submitted or
 * removed (an edit closed after saving). Search and filter forms
 * (`role="search"`), calculators (`data-no-guard`) and dialogs (the log
 * dialog keeps a draft instead) are not watched.
 */
const watched = (form: HTMLFormElement | null): form is HTMLFormElement =>
  !!form && form.getAttribute('role') !== 'search' && !form.hasAttribute('data-no-guard') && !form.closest('dialog');

export function trackUnsaved(root: HTMLElement): () => void {
  const mark = (e: Event) => {
    const form = (e.target as HTMLElement | null)?.closest('form') ?? null;
    if (watched(form)) form.dataset.dirty = '1';
  };
  const clean = (e: Event) => {
    const form = e.target as HTMLFormElement;
    delete form.dataset.dirty;
  };
  root.addEventListener('input', mark);
  root.addEventListener('change', mark);
  root.addEventListener('submit', clean, true);
  return () => {
    root.removeEventListener('input', mark);
    root.removeEventListener('change', mark);
    root.removeEventListener('submit', clean, true);
  };
}

/** True when a visible form holds input not saved. */
export function hasUnsaved(root: ParentNode = document): boolean {
  return root.querySelector('form[data-dirty]') !== null;
}

/** Forgets the marks (a cancel button that closes the form without navigating). */
export function forgetUnsaved(root: ParentNode = document): void {
  root.querySelectorAll<HTMLFormElement>('form[data-dirty]').forEach((f) => delete f.dataset.dirty);
}
