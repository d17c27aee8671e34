import type middy from '@middy/core';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Ports } from '../actions/ports';
import type { ApiEvent } from './pipeline';
import { problems } from './problem';

type Idempotency = Ports['idempotency'];
type Claim = NonNullable<ReturnType<Idempotency['current']>>;

/**
 * `Idempotency-Key` for POSTs (ADR 0011): a retry with the same key gets the first answer and writes
 * nothing; the same key with another body is refused (422); a copy that arrives while the first has
 * committed but not yet answered gets 409. The key is scoped to the caller's token subject and the
 * path, so one client's key never replays another's answer.
 *
 * The record is written by the request's own transaction (store/transactions.ts adds it), so a change
 * is never committed without it; the guard reads it ahead with the caller's grants, so a first request
 * pays no call to look for it, and one UpdateItem afterwards to store its answer. Requests without the
 * header run as they are; failed requests leave no record and can be retried.
 */
export function requestClaim(idempotency: Idempotency, event: ApiEvent) {
  const key = event.headers?.['idempotency-key'];
  if (!key) return undefined;
  const authorizer = event.requestContext.authorizer;
  const subject = String(authorizer?.jwt?.claims?.sub ?? authorizer?.lambda?.sub ?? '');
  const raw = event.body ?? '';
  const body = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  return idempotency.claimOf({ subject, path: event.rawPath ?? event.requestContext.http.path, key, body });
}

/** The middleware that answers replays and stores first answers, for a request under a claim. */
export function idempotentPost(
  idempotency: Idempotency,
  options: { logger?: Pick<Logger, 'warn'> } = {},
): middy.MiddlewareObj<ApiEvent, APIGatewayProxyResultV2> {
  // Requests that passed the guard and the body parser: only they may be answered from a record.
  const checked = new WeakSet<object>();
  return {
    // After the guard, which read the record ahead: a first request pays no call here.
    before: async (request) => {
      const claim = idempotency.current();
      if (!claim) return undefined;
      checked.add(request);
      return replayOf(idempotency, claim);
    },
    after: async (request) => {
      const claim = idempotency.current();
      const response = request.response;
      if (!claim || !response || typeof response !== 'object' || (response.statusCode ?? 200) >= 300) return;
      const stored = {
        statusCode: response.statusCode ?? 200,
        headers: Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k, String(v)])),
        ...(typeof response.body === 'string' ? { body: response.body } : {}),
      };
      try {
        if (idempotency.committed()) await idempotency.store.complete(claim, stored);
        else await idempotency.store.putCompleted(claim, stored, new Date());
      } catch (error) {
        // The change is committed; only the stored copy of the answer is missing. Answer what happened:
        // a 503 would make clients retry a write that succeeded. A retry then gets 409.
        options.logger?.warn('idempotency answer not stored; the response stands', {
          errorName: (error as Error)?.name,
        });
      }
    },
    // A copy that committed first, or a refusal decided on what such a copy had just written (a
    // session overlapping itself): if the key has a record now, the answer is that record's.
    onError: async (request) => {
      const claim = idempotency.current();
      if (!claim || !checked.has(request) || idempotency.committed()) return;
      const replay = await replayOf(idempotency, claim);
      if (replay) request.response = replay;
      else if (request.error?.name === 'AlreadyCommitted') throw inProgress();
    },
  };
}

const inProgress = () =>
  problems.conflict(
    'A request with this Idempotency-Key is still being processed, or was carried out and its answer ' +
      'lost; retry shortly, or read the resource before sending it again.',
  );

/** The stored answer for the key, a refusal, or undefined when the key is new. */
async function replayOf(
  idempotency: Idempotency,
  claim: Claim,
): Promise<APIGatewayProxyResultV2 | undefined> {
  const record = await idempotency.store.get(claim);
  if (!record) return undefined;
  if (record.requestHash !== claim.requestHash) {
    throw problems.unprocessable('This Idempotency-Key was already used with a different request body.', [
      { path: 'headers.idempotency-key', message: 'Already used with a different body.' },
    ]);
  }
  if (record.state !== 'completed') throw inProgress();
  return { ...record.response, headers: { ...record.response.headers } };
}
