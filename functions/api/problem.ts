/**
 * RFC 9457 problem details: the one error shape every route returns.
 *
 * Handlers and the guard throw an `HttpProblem`; the error middleware turns it (and anything else)
 * into an `application/problem+json` response, so no code path can leak a stack trace.
 */

export interface FieldError {
  /** Dotted path of the offending input, e.g. `sentence.hours` or `query.limit`. */
  readonly path: string;
  readonly message: string;
  /** Domain rule id (e.g. `KS-HOURS`) when a legal rule, not the schema, refused the value. */
  readonly rule?: string;
}

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
}

/** Problem `type`s are this base and a stable slug, e.g. `…/invalid-input`. */
export const PROBLEM_TYPE_BASE = 'https://abdi.id/problems/';

export class HttpProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly type: string;
  readonly errors?: readonly FieldError[];
  readonly headers: Readonly<Record<string, string>>;

  constructor(options: {
    status: number;
    slug: string;
    title: string;
    detail: string;
    errors?: readonly FieldError[];
    headers?: Record<string, string>;
  }) {
    super(options.detail);
    this.name = 'HttpProblem';
    this.status = options.status;
    this.title = options.title;
    this.type = PROBLEM_TYPE_BASE + options.slug;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  toBody(): ProblemBody {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(this.errors && this.errors.length > 0 ? { errors: this.errors } : {}),
    };
  }
}

export const problems = {
  invalidInput: (errors: readonly FieldError[], detail = 'The request has invalid fields.') =>
    new HttpProblem({ status: 400, slug: 'invalid-input', title: 'Invalid input', detail, errors }),
  unauthenticated: (detail = 'A valid access token is required.') =>
    new HttpProblem({
      status: 401,
      slug: 'unauthenticated',
      title: 'Unauthenticated',
      detail,
      headers: { 'www-authenticate': 'Bearer' },
    }),
  forbidden: (detail = 'Your role does not allow this action.') =>
    new HttpProblem({ status: 403, slug: 'forbidden', title: 'Forbidden', detail }),
  /** Also used for resources of another office: a 404 says nothing about whether they exist. */
  notFound: (detail = 'No such resource.') =>
    new HttpProblem({ status: 404, slug: 'not-found', title: 'Not found', detail }),
  conflict: (detail: string, errors?: readonly FieldError[]) =>
    new HttpProblem({ status: 409, slug: 'conflict', title: 'Conflict', detail, errors }),
  unsupportedMediaType: (detail = 'Send the body as application/json.') =>
    new HttpProblem({ status: 415, slug: 'unsupported-media-type', title: 'Unsupported media type', detail }),
  unprocessable: (detail: string, errors?: readonly FieldError[]) =>
    new HttpProblem({ status: 422, slug: 'unprocessable', title: 'Unprocessable request', detail, errors }),
  preconditionFailed: (detail = 'The resource has changed since you read it; reload and try again.') =>
    new HttpProblem({ status: 412, slug: 'precondition-failed', title: 'Precondition failed', detail }),
  preconditionRequired: (detail = 'Send If-Match with the ETag you read.') =>
    new HttpProblem({ status: 428, slug: 'precondition-required', title: 'Precondition required', detail }),
  unavailable: (retryAfterSeconds: number) =>
    new HttpProblem({
      status: 503,
      slug: 'unavailable',
      title: 'Service unavailable',
      detail: 'The data store is briefly unavailable; retry shortly.',
      headers: { 'retry-after': String(retryAfterSeconds) },
    }),
  internal: () =>
    new HttpProblem({
      status: 500,
      slug: 'internal',
      title: 'Internal error',
      detail: 'Something went wrong on our side; it has been logged.',
    }),
};
