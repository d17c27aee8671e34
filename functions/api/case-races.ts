import { StaleCase } from '../store/case-store';
import { ConditionFailed, isTransactionConflict } from '../store/transactions';
import { problems } from './problem';

const ATTEMPTS = 4;

/**
 * Runs a read-check-write against a case again, from the read, when it lost a race a fresh read may
 * resolve: another write to the case came first (its version moved), or DynamoDB cancelled the
 * transaction because a concurrent one held an item. These POSTs carry no If-Match, so re-checking
 * against the newer state is the honest answer; only repeated losses, or a failed condition the
 * attempt did not handle itself, become a 409 with `conflictDetail`.
 */
export async function retryOnCaseRace<T>(attempt: () => Promise<T>, conflictDetail: string): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof ConditionFailed) throw problems.conflict(conflictDetail);
      if (!(error instanceof StaleCase) && !isTransactionConflict(error)) throw error;
      if (tries >= ATTEMPTS) throw problems.conflict(conflictDetail);
      await new Promise((resolve) => setTimeout(resolve, 10 * tries + Math.random() * 40 * tries));
    }
  }
}
