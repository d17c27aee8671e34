/**
 * A list read a page at a time, newest first, for lists that only grow (audit trails, NIK reveals):
 * the first page on `load()`, the next appended on `load(cursor)`. One read at a time; a failed one
 * says why and keeps what was read. A 401 says nothing: the app is taking the user to sign in.
 */
import type { Page } from './api-types';
import { loadProblem } from './problem-text';

export class CursorPages<T> {
  items = $state<T[] | null>(null);
  /** Where the next page starts; null after the last one. */
  cursor = $state<string | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  readonly #fetch: (query: string) => Promise<Page<T>>;

  /** `fetch` reads one page with the given query string (`limit=25&cursor=…`). */
  constructor(fetch: (query: string) => Promise<Page<T>>) {
    this.#fetch = fetch;
  }

  readonly load = async (after: string | null = null): Promise<void> => {
    if (this.loading) return;
    this.loading = true;
    this.error = null;
    try {
      const query = `limit=25${after ? `&cursor=${encodeURIComponent(after)}` : ''}`;
      const page = await this.#fetch(query);
      this.items = [...(after ? (this.items ?? []) : []), ...page.items];
      this.cursor = page.nextCursor;
    } catch (e) {
      this.error = loadProblem(e);
    } finally {
      this.loading = false;
    }
  };
}
