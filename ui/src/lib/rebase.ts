/**
 * A form's edit laid over the record's latest state: the fields the officer
 * changed (edited differs from start) keep their new value; the others take
 * the latest stored value, so a change that arrived by sync while the form
 * was open is not written back over.
 */
export function rebase<T extends object>(start: T, edited: T, latest: object): T {
  const out = { ...edited } as Record<string, unknown>;
  const s = start as Record<string, unknown>;
  const l = latest as Record<string, unknown>;
  for (const k of Object.keys(out)) {
    if (JSON.stringify(out[k]) === JSON.stringify(s[k]) && k in l) out[k] = l[k];
  }
  return out as T;
}
