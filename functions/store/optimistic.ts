/**
 * Optimistic concurrency, in one place. Store writes are conditioned on the versions (or totals) they
 * were decided on; when another write came first the store throws `WriteConflict`, and the use case
 * reads, decides and writes again through `retryOnConflict`. The conditions, not the loop, are what keep
 * the data right: the loop only keeps honest concurrent requests from failing.
 */

/** The one conflict type: the state a write was decided on is no longer current. */
export class WriteConflict extends Error {
  constructor(readonly on: string) {
    super(`write conflict on ${on}`);
    this.name = 'WriteConflict';
  }
}

export interface RetryOptions {
  /** How many attempts in all (each one a read, a decision and a write). */
  readonly attempts?: number;
  /** What to throw when every attempt lost its race. */
  readonly onExhausted: () => Error;
}

/**
 * Runs `attempt` (read → decide → write) again from the read when it throws `WriteConflict`, with a
 * bounded number of attempts and a jittered, growing pause so that racing writers spread out.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = options.attempts ?? 6;
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WriteConflict)) throw error;
      if (tries >= attempts) throw options.onExhausted();
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * tries));
    }
  }
}
