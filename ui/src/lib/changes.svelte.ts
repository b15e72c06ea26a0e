import type { DataChange } from '$bindings/tremplin';
import { getBackend } from '$lib/backend';

/**
 * What the data layer changed, as counters per entity. The app layer
 * reports the entities each command and each pulled page touched
 * (`data://changed`); a screen reads the counters of the entities it shows
 * inside its loading effect, so it reloads when one of them moves and only
 * then — no global revision, no polling.
 */
const ENTITIES = [
  'account_objective', 'aid_parameter', 'aid_rule', 'aided_contract', 'audit_entry', 'commitment',
  'committee_meeting', 'contact', 'convention', 'erasure_request', 'interaction', 'membership', 'mentor',
  'mentoring_meeting', 'mentoring_programme', 'organisation', 'pairing', 'person', 'recruitment_need', 'retention_period', 'task',
  'candidacy', 'hire', 'hired_person', 'event', 'event_invitation', 'grand_project', 'tension_job'
] as const;
export type EntityName = (typeof ENTITIES)[number];

const counters = $state<Record<string, number>>(Object.fromEntries([...ENTITIES, '*'].map((e) => [e, 0])));

/** Counts a change report in. */
export function applyChange(c: DataChange): void {
  if (c.everything) counters['*'] += 1;
  for (const e of c.entities) counters[e] = (counters[e] ?? 0) + 1;
}

/** Reads the counters of `entities`: an effect that calls it reruns when one of them changes. */
export function watching(...entities: EntityName[]): number {
  let n = counters['*'];
  for (const e of entities) n += counters[e];
  return n;
}

/** Listens to the backend's change reports; returns the unsubscribe function. */
export function watchChanges(): () => void {
  let unlisten: (() => void) | null = null;
  let stopped = false;
  void getBackend()
    .then((b) => b.listen<DataChange>('data://changed', applyChange))
    .then((u) => (stopped ? u() : (unlisten = u)))
    .catch(() => {});
  return () => {
    stopped = true;
    unlisten?.();
  };
}
