import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type * as z from 'zod';
import { guard, type GuardResult } from './guard';
import { idempotentPost, requestClaim } from './idempotency';
import { problems, type FieldError } from './problem';
import type { AnyRoute, ApiDependencies, RouteResponse } from './route';
import { OFFICE_ID_PATTERN } from './schemas/common';

/**
 * The event shape after the authorizer: API Gateway HTTP API, payload v2. The cloud's Lambda authorizer
 * (functions/authorizer) hands the verified token's claims over as its `lambda` context; a JWT
 * authorizer (and local mode's adapter, which mimics one) as `jwt.claims`.
 */
export type ApiEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: {
      jwt?: { claims?: Record<string, unknown>; scopes?: string[] | null };
      lambda?: Record<string, unknown>;
    };
  };
};

/**
 * Turns one route-table row into a Lambda handler: the guard first (so a stranger learns nothing, not
 * even whether the body was valid), then body parsing (only for routes with a body, so GETs need no
 * content type), then idempotency for POSTs, then schema validation and the route itself.
 */
export function routeHandler(
  route: AnyRoute,
  deps: ApiDependencies,
  options: { logger?: Pick<Logger, 'warn' | 'appendKeys'> } = {},
) {
  const decisions = new WeakMap<ApiEvent, GuardResult>();
  const run = async (event: ApiEvent): Promise<APIGatewayProxyResultV2> => {
    const access = decisions.get(event);
    if (!access) throw new Error('guard did not run');
    const input = {
      params: parseWith(route.params, event.pathParameters ?? {}, 'path'),
      query: parseWith(route.query, event.queryStringParameters ?? {}, 'query'),
      // The JSON body parser (when the route has a body) has already replaced the text with the parsed value.
      body: parseWith(route.body, (event as { body?: unknown }).body, ''),
    };
    const result = await route.handle({ ...input, access, headers: event.headers ?? {}, deps });
    if (result.body instanceof Uint8Array) return fileResponse(route, result);
    return {
      statusCode: result.status,
      headers: {
        ...(result.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        'cache-control': 'no-store',
        ...result.headers,
      },
      ...(result.body === undefined ? {} : { body: JSON.stringify(result.body) }),
    };
  };
  const replayable = route.method === 'POST' && route.replayable !== false;
  const handler = middy<ApiEvent, APIGatewayProxyResultV2>().use({
    before: async ({ event }) => {
      options.logger?.appendKeys(requestLogKeys(event));
      const claim = deps.idempotency.current();
      const decision = await guard(deps.directory, {
        rule: route.access,
        claims: event.requestContext.authorizer?.jwt?.claims ?? event.requestContext.authorizer?.lambda,
        officeId: event.pathParameters?.officeId,
        regionId: event.pathParameters?.regionId,
        mfa: deps.mfa,
        readKeys: () => readAheadKeys(route, event, deps),
        // The key's record comes with the caller's grants, so a first request pays no call for it.
        otherTables: claim ? [deps.idempotency.readKey(claim)] : [],
      });
      decisions.set(event, decision);
    },
  });
  if (route.body) handler.use(httpJsonBodyParser());
  if (replayable) handler.use(idempotentPost(deps.idempotency, options));
  const inner = handler.handler(run);
  // One read-ahead per request (what the guard read answers the route's first reads), and for a POST
  // with an Idempotency-Key its claim, which the request's transaction commits (ADR 0011).
  return (event: ApiEvent, context: Context) =>
    deps.withReadAhead(() => {
      const claim = replayable ? requestClaim(deps.idempotency, event) : undefined;
      return claim ? deps.idempotency.run(claim, () => inner(event, context)) : inner(event, context);
    });
}

/**
 * The office (or region) a request is about, on every log line from the guard on (app.ts's logger
 * context resets it after the request), so one office's requests can be found in the logs. Appended
 * before the guard decides, so that a refusal or a store failure during the guard carries it too; only a
 * well-formed id (a path segment is the caller's text). Ids only: an office id names no person.
 */
function requestLogKeys(event: ApiEvent): Record<string, string> {
  const { officeId, regionId } = event.pathParameters ?? {};
  return {
    ...(officeId && OFFICE_ID_PATTERN.test(officeId) ? { officeId } : {}),
    ...(regionId && OFFICE_ID_PATTERN.test(regionId) ? { regionId } : {}),
  };
}

/** A file answer: its bytes base64-encoded, as API Gateway sends binary bodies, with the spec's type. */
function fileResponse(route: AnyRoute, result: RouteResponse): APIGatewayProxyResultV2 {
  const declared: readonly string[] = route.responses[result.status]?.file?.contentTypes ?? [];
  const contentType = result.headers?.['content-type'] ?? declared[0];
  if (!contentType || !declared.includes(contentType)) {
    throw new Error(`${route.operationId} answered ${result.status} with bytes it does not declare`);
  }
  return {
    statusCode: result.status,
    headers: { 'cache-control': 'no-store', ...result.headers, 'content-type': contentType },
    body: Buffer.from(result.body as Uint8Array).toString('base64'),
    isBase64Encoded: true,
  };
}

/**
 * The keys of what the route reads first, when its path is valid; none otherwise (no guessing). The
 * body (still text: the guard runs before parsing) lends its keys only when it is valid too.
 */
function readAheadKeys(route: AnyRoute, event: ApiEvent, deps: ApiDependencies) {
  const officeId = event.pathParameters?.officeId;
  if (!route.readAhead || !officeId) return [];
  const params = route.params?.safeParse(event.pathParameters ?? {});
  if (!params?.success) return [];
  const body = () => {
    const parsed = route.body?.safeParse(jsonOf(event));
    return parsed?.success ? parsed.data : undefined;
  };
  return route.readAhead(params.data, officeId, deps.recordKeys, body);
}

/** The request's JSON body, or undefined when it has none or it is not JSON. */
function jsonOf(event: ApiEvent): unknown {
  if (typeof event.body !== 'string') return undefined;
  try {
    return JSON.parse(
      event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body,
    );
  } catch {
    return undefined;
  }
}

/** Validates one part of the request; all field errors of that part are reported at once. */
function parseWith(schema: z.ZodType | undefined, value: unknown, location: 'path' | 'query' | ''): unknown {
  if (!schema) return value;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].filter(Boolean).join('.') || location || 'body',
    message: issue.message,
  }));
  throw problems.invalidInput(errors);
}
