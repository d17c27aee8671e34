import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { buildHttpApiEvent } from '../../infra/local/api-gateway-event';
import { assertMatchesContract } from './contract';

type Handler = (event: never, context: Context) => Promise<APIGatewayProxyResultV2>;

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read JSON freely
}

const context = {
  functionName: 'abdi-test-api',
  awsRequestId: 'test',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

/**
 * Calls the API handler as API Gateway would, with the claims its JWT authorizer would add; every answer
 * is checked against the OpenAPI contract (./contract.ts) before the test sees it.
 */
export function apiCaller(handler: Handler) {
  return async function call(
    method: string,
    url: string,
    options: { claims?: Record<string, unknown>; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse> {
    const hasBody = options.body !== undefined;
    const event = buildHttpApiEvent(
      {
        method,
        url,
        headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
        body: hasBody
          ? typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body)
          : undefined,
      },
      options.claims,
    );
    const result = (await handler(event as never, context)) as APIGatewayProxyStructuredResultV2;
    const headers = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    const text = result.body ?? '';
    // A file answer (a PDF preview) comes base64-encoded, as API Gateway takes binary bodies: its bytes.
    const body = result.isBase64Encoded ? Buffer.from(text, 'base64') : text ? JSON.parse(text) : undefined;
    const response = { status: result.statusCode ?? 200, headers, body };
    // Whatever the test asserts next, the answer must be one the contract promises (issue 13).
    assertMatchesContract(method, url, response);
    return response;
  };
}

/** Claims as a Cognito access token for a person carries them (after the authorizer verified it). */
export const userClaims = (username: string) => ({
  sub: `sub-${username}`,
  username,
  token_use: 'access',
  client_id: 'dashboard',
});
/** Claims of a client-credentials token. */
export const clientClaims = (clientId: string, scopes: string[]) => ({
  sub: clientId,
  client_id: clientId,
  token_use: 'access',
  scope: scopes.map((s) => `abdi/${s}`).join(' '),
});
