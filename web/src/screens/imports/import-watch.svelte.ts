/**
 * One import as its page shows it: loaded once, then polled gently (./import-poll.ts) while its job
 * runs, and handed every answer of an action (commit, mapping), so a new stage is polled from 2 s again.
 * The job runs on the server: leaving the page stops the polling, coming back starts it again.
 */
import type { ApiClient } from '../../lib/api';
import { loadProblem } from '../../lib/problem-text';
import { keepPolling, pollDelay } from './import-poll';
import type { Import } from './import-types';

export class ImportWatch {
  item = $state<Import | null>(null);
  /** Why the first load failed (a 401 says nothing: the app is taking the user to sign in). */
  error = $state<string | null>(null);
  /** A check while polling failed; the next one is tried anyway. */
  stale = $state(false);
  readonly #api: Pick<ApiClient, 'get'>;
  readonly #path: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #checks = 0;
  #stopped = false;

  constructor(api: Pick<ApiClient, 'get'>, path: string) {
    this.#api = api;
    this.#path = path;
  }

  /** Loads the import and polls while its job runs. */
  readonly start = async (): Promise<void> => {
    this.#stopped = false;
    this.error = null;
    try {
      this.set(await this.#api.get<Import>(this.#path));
    } catch (e) {
      this.error = loadProblem(e);
    }
  };

  /** A fresh state of the import (an action's answer): shown at once, polled from the start again. */
  set(item: Import): void {
    // A new stage (the commit after the dry run) is watched closely again; within one, the checks slow down.
    if (item.status !== this.item?.status) this.#checks = 0;
    this.item = item;
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    if (this.#stopped || !this.item || !keepPolling(this.item, this.#checks)) return;
    this.#timer = setTimeout(() => void this.#check(), pollDelay(this.#checks));
  }

  async #check(): Promise<void> {
    this.#checks += 1;
    try {
      const item = await this.#api.get<Import>(this.#path);
      this.stale = false;
      if (!this.#stopped) this.set(item);
    } catch {
      this.stale = true;
      this.#schedule();
    }
  }
}
