import type middy from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { Refusal } from '../actions/refusal';
import { HttpProblem, problems } from './problem';

/** Errors that mean "a store (DynamoDB, S3) is unreachable or throttled": the caller should retry, not give up. */
const TRANSIENT_STORE_ERRORS = new Set([
  'TimeoutError',
  // S3's names for the same: 503 Slow Down and 500 InternalError.
  'SlowDown',
  'InternalError',
  'RequestTimeout',
  'ServiceUnavailable',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
]);
const TRANSIENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/**
 * Turns every error into `application/problem+json`. Registered last, so it runs first on error and
 * the security-headers middleware still decorates the problem response.
 *
 * Logs name and message only: never the event, body or claims, which may carry personal data.
 */
export function problemDetails(options: {
  logger: Logger;
}): middy.MiddlewareObj<unknown, APIGatewayProxyResultV2> {
  return {
    onError: async (request) => {
      const problem = toProblem(request.error);
      if (problem.status >= 500) {
        options.logger.error('request failed', {
          errorName: request.error?.name,
          errorMessage: request.error?.message,
          errorCode: (request.error as { code?: string } | null)?.code,
          status: problem.status,
        });
      }
      request.response = {
        statusCode: problem.status,
        headers: {
          'content-type': 'application/problem+json',
          'cache-control': 'no-store',
          ...problem.headers,
        },
        body: JSON.stringify(problem.toBody()),
      };
    },
  };
}

export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof Refusal) return refusalProblem(error);
  const err = error as {
    name?: string;
    code?: string;
    statusCode?: number;
    message?: string;
    cause?: unknown;
  };
  const fromPackage = (err?.cause as { package?: string } | undefined)?.package;

  if (fromPackage === '@middy/http-router' && err.statusCode === 404)
    return problems.notFound('No such route.');
  if (fromPackage === '@middy/http-json-body-parser') {
    return err.message?.includes('malformed')
      ? problems.invalidInput(
          [{ path: 'body', message: 'The body is not valid JSON.' }],
          'The body is not valid JSON.',
        )
      : problems.unsupportedMediaType();
  }
  if (TRANSIENT_STORE_ERRORS.has(err?.name ?? '') || TRANSIENT_NETWORK_CODES.has(err?.code ?? '')) {
    return problems.unavailable(2);
  }
  if (isNetworkFailure(error)) return problems.unavailable(2);
  return problems.internal();
}

/** The SDK wraps socket errors; look one level into `cause` / `errors` (AggregateError) for the code. */
function isNetworkFailure(error: unknown): boolean {
  const nested = error as { cause?: { code?: string }; errors?: { code?: string }[] } | undefined;
  if (nested?.cause?.code && TRANSIENT_NETWORK_CODES.has(nested.cause.code)) return true;
  return (nested?.errors ?? []).some((e) => TRANSIENT_NETWORK_CODES.has(e?.code ?? ''));
}

/** A use case's refusal as the one HTTP status its kind means; violations name each field and rule. */
export function refusalProblem(refusal: Refusal): HttpProblem {
  const errors = refusal.violations.map((v) => ({ path: v.path, message: v.message, rule: v.rule }));
  switch (refusal.kind) {
    case 'not-found':
      return problems.notFound(refusal.message);
    case 'invalid':
      return problems.invalidInput(errors, refusal.message);
    case 'conflict':
      return problems.conflict(refusal.message, errors.length > 0 ? errors : undefined);
    case 'stale':
      return problems.preconditionFailed(refusal.message);
    case 'forbidden':
      return problems.forbidden(refusal.message);
    case 'busy':
      return new HttpProblem({
        status: 409,
        slug: 'busy',
        title: 'Busy',
        detail: refusal.message,
        headers: { 'retry-after': '1' },
      });
  }
}
