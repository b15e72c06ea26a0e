import { call } from './backend';

/** One choice of a code field: the code stored, the words shown (« Lille (59350) »). */
export type CodeOption = { code: string; label: string };

/**
 * Searches for the code fields (commune, NAF activity): reference data on
 * the device, so each keystroke answers at once and offline.
 */
export async function communeOptions(query: string): Promise<CodeOption[]> {
  const found = await call('reference.communes', { query, limit: 8 });
  return found.map((c) => ({ code: c.code, label: `${c.nom} (${c.code})` }));
}

export async function describeCommune(code: string): Promise<string | null> {
  const found = await call('reference.communes', { query: code, limit: 20 });
  const c = found.find((x) => x.code === code);
  return c ? `${c.nom} (${c.code})` : null;
}

export async function nafOptions(query: string): Promise<CodeOption[]> {
  const found = await call('reference.naf', { query, limit: 10 });
  return found.map((n) => ({ code: n.code, label: `${n.code} — ${n.label}` }));
}

export async function describeNaf(code: string): Promise<string | null> {
  const found = await call('reference.naf', { query: code, limit: 1 });
  return found[0]?.code === code ? `${found[0].code} — ${found[0].label}` : null;
}

/**
 * ROME 4.0 fiches, those the employer `employerId()` usually recruits
 * (its NAF activity) first: « boul » at a bakery gives D1102 Boulanger /
 * Boulangère. The employer's activity is read once per employer.
 */
export function romeOptions(employerId: () => string | null | undefined) {
  let known: { id: string; naf: string | null } | null = null;
  return async (query: string): Promise<CodeOption[]> => {
    const id = employerId();
    if (id && known?.id !== id) {
      const naf = await call('organisation.get', { id }).then((d) => d.data.naf_code).catch(() => null);
      known = { id, naf };
    }
    const found = await call('reference.rome', { query, naf_code: id ? (known?.naf ?? null) : null, limit: 10 });
    return found.map((f) => ({ code: f.code, label: `${f.code} — ${f.label}` }));
  };
}

export async function describeRome(code: string): Promise<string | null> {
  const found = await call('reference.rome', { query: code, naf_code: null, limit: 1 });
  return found[0]?.code === code ? `${found[0].code} — ${found[0].label}` : null;
}
