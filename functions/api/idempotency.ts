import type middy from '@middy/core';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ApiEvent } from './pipeline';

/**
 * `Idempotency-Key` for POSTs, on Powertools' idempotency middleware: a retry with the same key gets
 * the first response and writes nothing; the same key with another body is refused (422); a retry
 * while the first is still running gets 409.
 *
 * The key is scoped to the caller's token subject and the path, so one client's key can never replay
 * another's response. Requests without the header run normally (Powertools would otherwise log a
 * warning for every one), and failed requests leave no record, so they can be retried.
 */
export function idempotentPost(
  persistenceStore: BasePersistenceLayer,
  options: { logger?: Pick<Logger, 'warn'> } = {},
): middy.MiddlewareObj<ApiEvent> {
  const inner = makeHandlerIdempotent({
    persistenceStore,
    config: new IdempotencyConfig({
      eventKeyJmesPath:
        '[requestContext.authorizer.jwt.claims.sub || requestContext.authorizer.lambda.sub, requestContext.http.path, headers."idempotency-key"]',
      payloadValidationJmesPath: 'body',
      expiresAfterSeconds: 24 * 3600,
      throwOnNoIdempotencyKey: true,
    }),
  });
  // Requests that hold the key's in-progress record. Only they may delete it when they fail: Powertools
  // 2.35's middleware deletes it on any error, including its own refusal of a duplicate, which freed
  // the key for a third copy (two cases from one key in test/reliability/retry-storm.test.ts). This
  // mirrors the upstream fix (powertools-lambda-typescript#5675/#5676) until a release carries it.
  const owners = new WeakSet<object>();
  return {
    before: async (request) => {
      if (!request.event.headers?.['idempotency-key']) return;
      // Throws for a duplicate in progress or another body; returns the stored response for a replay.
      const replay = await inner.before?.(request as never);
      if (replay === undefined) owners.add(request);
      return replay;
    },
    after: async (request) => {
      if (!owners.has(request)) return;
      owners.delete(request);
      try {
        await inner.after?.(request as never);
      } catch (error) {
        // The change is committed; only the stored copy of the response is missing. Answer what
        // happened (a 503 made clients retry a write that had succeeded, test/reliability/faults).
        // The record stays in progress, so a retry within the function's timeout gets 409.
        options.logger?.warn('idempotency record not completed; the response stands', {
          errorName: (error as Error)?.name,
          errorMessage: (error as Error)?.message,
        });
      }
    },
    onError: async (request) => (owners.has(request) ? inner.onError?.(request as never) : undefined),
  };
}
