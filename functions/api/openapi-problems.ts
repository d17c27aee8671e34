import { PROBLEM_TYPE_BASE } from './problem';
import type { AnyRoute } from './route';

/**
 * The problem responses (RFC 9457) an operation can answer, derived from what the route is rather than
 * listed by hand, so a new route documents its refusals without anyone remembering to: a route with
 * input can answer 400, a route behind the guard 401/403/404, a write 409, and so on. Each comes with an
 * example an integrator can match on (`type` is stable; `detail` is for people).
 */

interface ProblemCase {
  readonly description: string;
  readonly slug: string;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly { path: string; message: string; rule?: string }[];
  readonly applies: (route: AnyRoute) => boolean;
}

const guarded = (route: AnyRoute) => route.access.kind !== 'public';
const hasInput = (route: AnyRoute) => Boolean(route.params ?? route.query ?? route.body);
const writes = (route: AnyRoute) => route.method !== 'GET';

const PROBLEMS: Readonly<Record<number, ProblemCase>> = {
  400: {
    description: 'Invalid input: each offending field by its path, and the legal rule that refused it',
    slug: 'invalid-input',
    title: 'Invalid input',
    detail: 'The request has invalid fields.',
    errors: [
      { path: 'sentence.hours', message: 'Pidana kerja sosial runs 8 to 240 hours.', rule: 'KS-HOURS' },
    ],
    applies: hasInput,
  },
  401: {
    description: 'No valid access token',
    slug: 'unauthenticated',
    title: 'Unauthenticated',
    detail: 'A valid access token is required.',
    applies: guarded,
  },
  403: {
    description: "The caller's role or the client's scopes do not allow this action",
    slug: 'forbidden',
    title: 'Forbidden',
    detail: 'Your role does not allow this action.',
    applies: guarded,
  },
  404: {
    description: "No such record, or one the caller may not see (another office's data looks the same)",
    slug: 'not-found',
    title: 'Not found',
    detail: 'No such resource.',
    // Any route naming a record in its path, public ones too (a document's verification link).
    applies: (route) => route.path.includes('{'),
  },
  409: {
    description:
      'The record is in a state that refuses this change (the rule is named), or the same Idempotency-Key is still being answered',
    slug: 'conflict',
    title: 'Conflict',
    detail: 'Sessions cannot be recorded on a completed case.',
    errors: [{ path: 'status', message: 'The case takes no sessions.', rule: 'CR-CASE-STATUS' }],
    applies: writes,
  },
  412: {
    description: 'If-Match names a version that is no longer current: read the record again',
    slug: 'precondition-failed',
    title: 'Precondition failed',
    detail: 'The resource has changed since you read it; reload and try again.',
    applies: (route) => route.requiresIfMatch === true,
  },
  415: {
    description: 'The body is not application/json',
    slug: 'unsupported-media-type',
    title: 'Unsupported media type',
    detail: 'Send the body as application/json.',
    applies: (route) => Boolean(route.body),
  },
  422: {
    description: 'The Idempotency-Key was already used with a different body',
    slug: 'unprocessable',
    title: 'Unprocessable request',
    detail: 'This Idempotency-Key was already used with a different request body.',
    applies: (route) => route.method === 'POST' && route.replayable !== false,
  },
  428: {
    description: 'If-Match is missing: send the ETag you read',
    slug: 'precondition-required',
    title: 'Precondition required',
    detail: 'Send If-Match with the ETag you read.',
    applies: (route) => route.requiresIfMatch === true,
  },
  503: {
    description: 'The store is briefly unavailable; retry after the Retry-After seconds',
    slug: 'unavailable',
    title: 'Service unavailable',
    detail: 'The service is briefly unavailable; retry shortly.',
    applies: () => true,
  },
};

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

/** The problem responses of `route`, each with its example, by status. */
export function problemResponses(route: AnyRoute): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, problem] of Object.entries(PROBLEMS)) {
    if (!problem.applies(route)) continue;
    responses[status] = {
      description: problem.description,
      content: {
        'application/problem+json': {
          schema: PROBLEM_REF,
          example: {
            type: PROBLEM_TYPE_BASE + problem.slug,
            title: problem.title,
            status: Number(status),
            detail: problem.detail,
            ...(problem.errors ? { errors: problem.errors } : {}),
          },
        },
      },
    };
  }
  if (guarded(route)) {
    // API Gateway's throttle answers before the function, in its own shape.
    responses['429'] = { description: "Too many requests (the API's throttle); retry after a pause" };
  }
  return responses;
}

/** Any other error, in the same problem shape. */
export const defaultProblem = {
  description: 'Any other error, as RFC 9457 problem details',
  content: { 'application/problem+json': { schema: PROBLEM_REF } },
};
