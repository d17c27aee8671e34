import { m } from '../paraglide/messages.js';
import { ApiProblem, NETWORK_PROBLEM } from './api';

/**
 * One sentence for the user, in their language, for any error a screen catches. The API's own
 * `detail` is English and meant for developers, so it is shown only when no better text exists.
 */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiProblem)) {
    return m.error_unexpected({ detail: error instanceof Error ? error.message : String(error) });
  }
  if (error.type === NETWORK_PROBLEM) return m.error_network();
  switch (error.status) {
    case 400:
    case 422:
      return m.error_invalid_input();
    case 401:
      return m.error_unauthenticated();
    case 403:
      return m.error_forbidden();
    case 404:
      return m.error_not_found();
    case 409:
    case 412:
      return m.error_conflict();
    case 429:
      return m.error_rate_limited();
    case 503:
      return m.error_unavailable();
  }
  if (error.status >= 500) return m.error_server();
  return m.error_unexpected({ detail: error.detail || error.title });
}
