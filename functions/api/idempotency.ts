import type middy from '@middy/core';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
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
export function idempotentPost(persistenceStore: BasePersistenceLayer): middy.MiddlewareObj<ApiEvent> {
  const inner = makeHandlerIdempotent({
    persistenceStore,
    config: new IdempotencyConfig({
      eventKeyJmesPath:
        '[requestContext.authorizer.jwt.claims.sub, requestContext.http.path, headers."idempotency-key"]',
      payloadValidationJmesPath: 'body',
      expiresAfterSeconds: 24 * 3600,
      throwOnNoIdempotencyKey: true,
    }),
  });
  const active = new WeakSet<object>();
  return {
    before: async (request) => {
      if (!request.event.headers?.['idempotency-key']) return;
      active.add(request);
      return inner.before?.(request as never);
    },
    after: async (request) => (active.has(request) ? inner.after?.(request as never) : undefined),
    onError: async (request) => (active.has(request) ? inner.onError?.(request as never) : undefined),
  };
}
