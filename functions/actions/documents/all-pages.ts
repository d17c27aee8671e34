/** A page request and answer as every store's listing has them. */
interface PageIn {
  readonly limit: number;
  readonly startKey?: Record<string, unknown>;
}
interface PageOut<T> {
  readonly items: readonly T[];
  readonly lastKey?: Record<string, unknown>;
}

/**
 * Far above one case's records (240 hours are at most a few hundred sessions): a list that runs past it
 * is a bug or an attack, and the document refuses rather than read on.
 */
const MAX_PAGES = 10;
const PAGE_SIZE = 100;

/** Every item of a case's listing, page by page (usually one page). */
export async function allPages<T>(read: (page: PageIn) => Promise<PageOut<T>>): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await read({ limit: PAGE_SIZE, ...(startKey ? { startKey } : {}) });
    items.push(...result.items);
    startKey = result.lastKey;
    if (!startKey) return items;
  }
  throw new Error(`a listing ran past ${MAX_PAGES * PAGE_SIZE} records`);
}
