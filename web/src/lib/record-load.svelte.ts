/**
 * A detail page's load (a case, a partner, a site): whether the record is not there (404), or else
 * why the load failed, for the page to offer a retry. A 401 says nothing: the session has ended and
 * the app is taking the user to sign in.
 */
import { ApiProblem } from './api';
import { loadProblem } from './problem-text';

export class RecordLoad {
  notFound = $state(false);
  error = $state<string | null>(null);

  /** Notes a failed load of the record or of a part of its page. */
  readonly failed = (e: unknown): void => {
    if (e instanceof ApiProblem && e.status === 404) this.notFound = true;
    else this.error = loadProblem(e);
  };

  /** Loads afresh: clears the last outcome, then runs `task`. */
  async run(task: () => Promise<unknown>): Promise<void> {
    this.error = null;
    this.notFound = false;
    await task().catch(this.failed);
  }
}
