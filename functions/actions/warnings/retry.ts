import { retryOnConflict } from '../../store/optimistic';
import { refuse } from '../refusal';

/**
 * A warning, referral, outcome or payment carries no If-Match: when the case moved meanwhile, it is read and
 * decided again on the newer state. A few attempts, then a conflict saying `detail`.
 */
export const retryCaseChange = <T>(detail: string, attempt: () => Promise<T>): Promise<T> =>
  retryOnConflict(attempt, { attempts: 4, onExhausted: () => refuse.conflict(detail) });
