import { retryOnConflict } from '../../store/optimistic';
import { refuse } from '../refusal';

/**
 * Placing or ending re-reads and re-checks after losing a race for the case's version, or a
 * transaction conflict on the site; a few attempts, then a conflict the caller can retry.
 */
export const retryPlacement = <T>(attempt: () => Promise<T>): Promise<T> =>
  retryOnConflict(attempt, {
    attempts: 4,
    onExhausted: () => refuse.conflict('The case or the site changed while this request ran; try again.'),
  });
