import { call, getBackend } from './backend';

/**
 * Asks where to save, then has Rust write the PDF there. Returns the path
 * written, or null when the officer cancelled.
 */
export async function exportPdf(kind: 'convention.pdf' | 'brief.pdf', id: string, defaultName: string): Promise<string | null> {
  const path = await (await getBackend()).savePath(defaultName);
  if (!path) return null;
  const out = await call(kind, { id, path });
  return out.path;
}

/** "convention-2015-cp-0423.pdf" from a label. */
export function pdfName(prefix: string, label: string): string {
  const slug = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${prefix}-${slug || 'document'}.pdf`;
}
