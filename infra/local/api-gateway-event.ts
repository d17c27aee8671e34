import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A plain HTTP request, as the local adapter or a test has it. */
export interface PlainRequest {
  readonly method: string;
  /** Path and query, e.g. `/v1/offices?limit=5`. */
  readonly url: string;
  /** Lower-case names; repeated headers already joined with commas. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly sourceIp?: string;
}

/** Paths the HTTP API serves without its JWT authorizer (mirrors infra/constructs' API routes). */
const PUBLIC_API_PATHS: ReadonlySet<string> = new Set(['/health', '/v1/openapi.json']);
/** `GET /v1/verify/{documentId}`: a document's QR code, opened by anyone (ADR 0015). */
const VERIFY_PATH = /^\/v1\/verify\/[^/]+$/;

/** Whether the cloud's HTTP API serves the path without a token (infra/constructs/http-api.ts publicRoutes). */
export const isPublicApiPath = (path: string): boolean =>
  PUBLIC_API_PATHS.has(path) || VERIFY_PATH.test(path);

/**
 * Builds the API Gateway HTTP API (payload v2) event for a request, with the claims that the JWT
 * authorizer adds after verifying the token. One builder for the local adapter and the tests, so
 * both exercise the handler exactly as API Gateway would call it.
 */
export function buildHttpApiEvent(
  request: PlainRequest,
  claims?: Record<string, unknown>,
): APIGatewayProxyEventV2 {
  const url = new URL(request.url, 'http://localhost');
  const method = request.method.toUpperCase();
  const { cookie, ...headers } = request.headers ?? {};
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const now = new Date();
  const routeKey = isPublicApiPath(url.pathname) ? `${method} ${url.pathname}` : 'ANY /v1/{proxy+}';
  const requestContext = {
    accountId: 'local',
    apiId: 'local',
    domainName: headers.host ?? 'localhost',
    domainPrefix: 'localhost',
    http: {
      method,
      path: url.pathname,
      protocol: 'HTTP/1.1',
      sourceIp: request.sourceIp ?? '127.0.0.1',
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: randomUUID(),
    routeKey,
    stage: '$default',
    time: now.toUTCString(),
    timeEpoch: now.getTime(),
    ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
  };
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookie ? { cookies: cookie.split(';').map((c) => c.trim()) } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: requestContext as APIGatewayProxyEventV2['requestContext'],
    ...(request.body === undefined ? {} : { body: request.body }),
    isBase64Encoded: false,
  };
}
