import { m } from '../paraglide/messages.js';
import { ApiProblem, NETWORK_PROBLEM } from './api';
import { isMfaRequired } from './mfa-enrolment';

/** The sentence for each status whose cause the user can act on. */
const STATUS_TEXT: Partial<Record<number, () => string>> = {
  400: m.error_invalid_input,
  422: m.error_invalid_input,
  401: m.error_unauthenticated,
  403: m.error_forbidden,
  404: m.error_not_found,
  409: m.error_conflict,
  412: m.error_conflict,
  429: m.error_rate_limited,
  503: m.error_unavailable,
};

/**
 * One sentence for the user, in their language, for any error a screen catches. The API's own
 * `detail` is English and meant for developers, so it is shown only when no better text exists.
 */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiProblem)) {
    return m.error_unexpected({ detail: error instanceof Error ? error.message : String(error) });
  }
  if (error.type === NETWORK_PROBLEM) return m.error_network();
  // Not "your role does not allow this": the person can fix it themselves on the account screen.
  if (isMfaRequired(error)) return m.mfa_required_notice();
  const text = STATUS_TEXT[error.status];
  if (text) return text();
  if (error.status >= 500) return m.error_server();
  return m.error_unexpected({ detail: error.detail || error.title });
}

/** The sentence for a failed load, or null when the session ended (401: the app goes to sign-in). */
export const loadProblem = (error: unknown): string | null =>
  error instanceof ApiProblem && error.status === 401 ? null : problemText(error);
