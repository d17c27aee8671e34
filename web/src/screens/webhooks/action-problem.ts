/**
 * Why a webhook action failed, for an `ErrorAlert`: the user's sentence (problem-text.ts) and the
 * API's reasons. A refusal whose reason is in `detail` only (skipping a delivery that is not failed,
 * 409) gets that detail as its one reason: the generic "changed by someone else" would mislead.
 */
import { ApiProblem, type FieldError } from '../../lib/api';
import { problemText } from '../../lib/problem-text';

export interface ShownProblem {
  readonly message: string;
  readonly errors: readonly FieldError[];
}

/** Null for a 401: the app is already taking the user to sign in. */
export function shownProblem(error: unknown): ShownProblem | null {
  if (!(error instanceof ApiProblem)) return { message: problemText(error), errors: [] };
  if (error.status === 401) return null;
  const explained = error.errors.length > 0 || !error.detail || ![400, 409, 422].includes(error.status);
  return {
    message: problemText(error),
    errors: explained ? error.errors : [{ path: '', message: error.detail }],
  };
}
