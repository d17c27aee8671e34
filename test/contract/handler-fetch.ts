import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { buildHttpApiEvent } from '../../infra/local/api-gateway-event';
import { localLambdaContext } from '../../infra/local/lambda-context';
import { assertMatchesContract } from '../support/contract';

type Handler = (event: never, context: Context) => Promise<APIGatewayProxyResultV2>;

/** Statuses whose Response must have no body (`new Response` throws otherwise). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * A `fetch` that answers from the API's Lambda handler in-process: the Request becomes the API Gateway
 * HTTP API (payload v2) event, through the same builder as the local adapter and `apiCaller`, with the
 * claims the JWT authorizer would add for `claims`' token. A typed client (openapi-fetch) can then
 * drive the real handler with no server, port or token in between.
 */
export function handlerFetch(
  handler: Handler,
  claims?: Record<string, unknown>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const body = request.body === null ? undefined : await request.text();
    const event = buildHttpApiEvent(
      {
        method: request.method,
        url: `${url.pathname}${url.search}`,
        // Headers iterate with lower-case names and repeated values joined, as the builder expects.
        headers: Object.fromEntries(request.headers),
        body,
      },
      claims,
    );
    const result = await handler(event as never, localLambdaContext('abdi-contract-api', 30_000));
    const response = toResponse(result);
    // The generated types only shape what the client sends; the answer is checked against the contract.
    const text = await response.clone().text();
    assertMatchesContract(request.method, `${url.pathname}${url.search}`, {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: text ? JSON.parse(text) : undefined,
    });
    return response;
  };
}

function toResponse(result: APIGatewayProxyResultV2): Response {
  // Payload v2 allows a bare string, which API Gateway sends as a 200 body.
  const structured: APIGatewayProxyStructuredResultV2 =
    typeof result === 'string' ? { statusCode: 200, body: result } : result;
  const status = structured.statusCode ?? 200;
  const headers = new Headers();
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers.set(name, String(value));
  for (const cookie of structured.cookies ?? []) headers.append('set-cookie', cookie);
  const text = structured.body ?? '';
  const body = structured.isBase64Encoded ? Buffer.from(text, 'base64') : text;
  return new Response(NULL_BODY_STATUSES.has(status) || body.length === 0 ? null : body, {
    status,
    headers,
  });
}
