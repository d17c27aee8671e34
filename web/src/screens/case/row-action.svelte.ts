/**
 * A request made from one row of a list (verify this session, end this placement): one at a time,
 * busy on its row, and its error kept for that row. A 401 shows nothing: the session has ended and
 * the login page is on its way.
 */
import { ApiProblem } from '../../lib/api';
import { problemText } from '../../lib/problem-text';

export class RowAction {
  /** The row whose request is running. */
  busy = $state<string | null>(null);
  error = $state<{ id: string; text: string } | null>(null);

  /** Runs `request` for row `id` unless another is running; true when it succeeded. */
  async run(id: string, request: () => Promise<unknown>): Promise<boolean> {
    if (this.busy !== null) return false;
    this.busy = id;
    this.error = null;
    try {
      await request();
      return true;
    } catch (e) {
      if (!(e instanceof ApiProblem && e.status === 401)) this.error = { id, text: problemText(e) };
      return false;
    } finally {
      this.busy = null;
    }
  }
}
