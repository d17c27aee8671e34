import { retryOnConflict } from '../../store/optimistic';
import { refuse } from '../refusal';

/**
 * A write about a case that carries no If-Match (a warning, referral, outcome, assessment, payment or
 * placement): when the case (or a site it books) moved meanwhile, it is read and decided again on the
 * newer state. A few attempts, then a conflict saying `detail`, which the caller can retry.
 */
export const retryCaseChange = <T>(detail: string, attempt: () => Promise<T>): Promise<T> =>
  retryOnConflict(attempt, { attempts: 4, onExhausted: () => refuse.conflict(detail) });
