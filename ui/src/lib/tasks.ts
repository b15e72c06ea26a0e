import type { TaskView } from '$bindings/tremplin';
import { call } from './backend';
import { t } from './i18n/index.svelte';
import { changed } from './state.svelte';

/** Marks a follow-up done and tells every screen; returns an error message, if any. */
export async function completeTask(task: TaskView): Promise<string | null> {
  try {
    await call('task.complete', { id: task.id });
    changed(`« ${task.title} » : ${t('action.done').toLowerCase()}.`);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
