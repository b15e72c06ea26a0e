import type { TaskView } from '$bindings/tremplin';
import { call } from './backend';
import { t } from './i18n/index.svelte';
import { notify } from './toasts.svelte';

/** Marks a follow-up done, with « Annuler » (reopens it); returns an error message, if any. */
export async function completeTask(task: TaskView): Promise<string | null> {
  try {
    await call('task.complete', { id: task.id });
    notify(t('task.done_named', { title: task.title }), {
      undo: async () => {
        await call('task.reopen', { id: task.id });
      }
    });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
