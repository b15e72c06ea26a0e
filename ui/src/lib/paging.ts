/** Page numbers covering rows `start`..`end` (inclusive) with pages of `size`. */
export function pagesFor(start: number, end: number, size: number): number[] {
  if (end < start) return [];
  const first = Math.floor(Math.max(0, start) / size);
  const last = Math.floor(Math.max(0, end) / size);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * Rows of a long list fetched page by page as they come into view; pages
 * stay cached until the query changes. `generation` lets a caller drop
 * answers to an outdated query.
 */
export class PageCache<T> {
  private pages = new Map<number, T[]>();
  private loading = new Set<number>();
  generation = 0;

  constructor(readonly size: number) {}

  reset(): void {
    this.pages.clear();
    this.loading.clear();
    this.generation += 1;
  }

  row(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.size))?.[index % this.size];
  }

  /** Pages in the range that are neither loaded nor loading; marks them loading. */
  claim(start: number, end: number): number[] {
    const wanted = pagesFor(start, end, this.size).filter((p) => !this.pages.has(p) && !this.loading.has(p));
    wanted.forEach((p) => this.loading.add(p));
    return wanted;
  }

  /** Stores a page fetched for `generation`; ignores stale answers. */
  fill(page: number, rows: T[], generation: number): boolean {
    if (generation !== this.generation) return false;
    this.loading.delete(page);
    this.pages.set(page, rows);
    return true;
  }

  fail(page: number, generation: number): void {
    if (generation === this.generation) this.loading.delete(page);
  }
}

/** Calls `fn` once input has been quiet for `ms`. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** "Logistique, clause d'insertion , " → ["Logistique", "clause d'insertion"]. */
export function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}
