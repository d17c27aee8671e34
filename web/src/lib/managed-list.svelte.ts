/**
 * An admin list screen's records (office members, machine clients): the list as last loaded, why the
 * load failed (for a retry), and the one action at a time taken on a record, after which the list is
 * read again rather than patched. A failed action says why without hiding the list.
 */
import { loadProblem } from './problem-text';

export class ManagedList<T> {
  items = $state<T[] | null>(null);
  /** Why the last load failed; the list stays as it was. */
  error = $state<string | null>(null);
  /** Why the last action failed. */
  actionError = $state<string | null>(null);
  /** An action is running: a second one (a double click) is ignored. */
  pending = $state(false);
  readonly #fetch: () => Promise<T[]>;

  constructor(fetch: () => Promise<T[]>) {
    this.#fetch = fetch;
  }

  readonly load = async (): Promise<void> => {
    this.error = null;
    try {
      this.items = await this.#fetch();
    } catch (e) {
      this.error = loadProblem(e);
    }
  };

  /** Runs `task` unless an action is pending, then loads the list again. */
  async act(task: () => Promise<unknown>): Promise<void> {
    if (this.pending) return;
    this.pending = true;
    this.actionError = null;
    try {
      await task();
      await this.load();
    } catch (e) {
      this.actionError = loadProblem(e);
    } finally {
      this.pending = false;
    }
  }
}
