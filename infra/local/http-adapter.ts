import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import sirv from 'sirv';
import { problems } from '../../functions/api/problem';
import { apiReferenceContentSecurityPolicy } from '../constructs/content-security-policy';
import { appDocumentFor, siteCacheControl } from '../constructs/site-routing';
import { buildHttpApiEvent, isPublicApiPath } from './api-gateway-event';
import { servedByDocuments } from './function-routes';
import { localLambdaContext } from './lambda-context';
import type { LocalAuth } from './local-auth';
import { isLocalOutboxPath, localOutboxRoute, type LocalOutboxOptions } from './outbox-page';

export type ApiLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

export interface LocalServerOptions {
  readonly api: ApiLambda;
  /** The documents function, for the routes that render PDFs; without it they go to `api` (and 404). */
  readonly documents?: ApiLambda;
  readonly auth: LocalAuth;
  /**
   * The built site (web/dist): the dashboard at `/`, the field app at `/field/`, each client-side route
   * answered with its app's index.html and every file with the cloud's Cache-Control (site-routing.ts).
   */
  readonly webDir: string;
  /** Served as /config.json: what the dashboard reads at start instead of build-time settings. */
  readonly webConfig: Record<string, unknown>;
  /** The mail capture's outbox (`/local/outbox`) and the reminders job (`/local/reminders/run`), ADR 0014. */
  readonly outbox?: LocalOutboxOptions['outbox'];
  readonly runReminders?: LocalOutboxOptions['runReminders'];
}

/** Where the API reference is served: CloudFront's `/docs*` behaviour maps the first two to the third. */
const API_REFERENCE_PATHS: ReadonlySet<string> = new Set(['/docs', '/docs/', '/docs/index.html']);

/** API Gateway refuses larger payloads; so does the adapter, so nothing works only locally. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

/**
 * The local stand-in for API Gateway's HTTP API and CloudFront on one port. It turns each request into
 * a payload-v2 event with the claims a JWT authorizer would add, invokes the real Lambda handler, and
 * serves the dashboard beside it. Local-only routes (`/local/auth/*`) never reach the Lambda.
 */
export function createLocalRequestListener(options: LocalServerOptions): RequestListener {
  const serveStatic = sirv(options.webDir, {
    dev: false,
    etag: true,
    gzip: false,
    // As the bucket deployments set it: hashed assets for a year, the rest (sw.js above all) revalidated.
    setHeaders: (res, pathname) => res.setHeader('cache-control', siteCacheControl(pathname)),
  });

  return (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        sendJson(res, 500, problem(500, 'Local adapter failure', 'The local adapter failed.'));
      else res.end();
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();

    if (method === 'OPTIONS') return preflight(req, res);
    if (url.pathname.startsWith('/local/auth/')) return localAuthRoute(req, res, url.pathname, method);
    if (isLocalOutboxPath(url.pathname)) return localOutboxRoute(req, res, url, options);
    if (url.pathname === '/config.json') return sendJson(res, 200, options.webConfig);
    if (url.pathname === '/health' || url.pathname.startsWith('/v1/')) return apiRoute(req, res, url, method);
    if (API_REFERENCE_PATHS.has(url.pathname)) return apiReference(req, res);
    // CloudFront's routing function: a client-side route gets its app's index.html (the field app's
    // under /field), a file is served as it is; so a missing field build is a 404, as in the cloud.
    const document = appDocumentFor(url.pathname);
    if (document) req.url = document;
    serveStatic(req, res, () => sendJson(res, 404, problem(404, 'Not found', 'No such file.')));
  }

  /**
   * The API reference page (web/dist/docs/index.html) with the CSP CloudFront's `/docs*` behaviour sends,
   * so the browser suite proves the page works under it. (Local mode sends no CSP for the dashboard.)
   */
  function apiReference(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('content-security-policy', apiReferenceContentSecurityPolicy());
    req.url = '/docs/index.html';
    serveStatic(req, res, () => sendJson(res, 404, problem(404, 'Not found', 'Run `npm run build:web`.')));
  }

  async function apiRoute(req: IncomingMessage, res: ServerResponse, url: URL, method: string) {
    const body = await readBody(req);
    if (body === 'too-large') {
      return sendJson(res, 413, problem(413, 'Payload too large', 'Requests are limited to 6 MB.'));
    }
    let claims: Record<string, unknown> | undefined;
    if (!isPublicApiPath(url.pathname)) {
      const token = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
      try {
        if (!token) throw new Error('missing token');
        claims = await options.auth.verify(token);
      } catch {
        // API Gateway answers here without invoking the function.
        const unauthenticated = problems.unauthenticated();
        return sendJson(res, 401, unauthenticated.toBody(), unauthenticated.headers);
      }
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const event = buildHttpApiEvent(
      { method, url: req.url ?? '/', headers, body, sourceIp: req.socket.remoteAddress },
      claims,
    );
    // As API Gateway does: the routes that render go to the documents function (ADR 0015).
    const fn = options.documents && servedByDocuments(method, url.pathname) ? options.documents : options.api;
    const result = await fn(event, lambdaContext());
    sendResult(req, res, result);
  }

  async function localAuthRoute(req: IncomingMessage, res: ServerResponse, path: string, method: string) {
    if (method !== 'POST') return sendJson(res, 404, problem(404, 'Not found', 'No such route.'));
    const raw = await readBody(req);
    const isJson = !String(req.headers['content-type'] ?? '').includes('x-www-form-urlencoded');
    const input = isJson ? parseJsonObject(raw) : {};
    if (!input) return sendJson(res, 400, problem(400, 'Invalid input', 'The body is not valid JSON.'));
    if (path === '/local/auth/login') {
      const { username, password } = input;
      if (typeof username !== 'string' || typeof password !== 'string') {
        return sendJson(res, 400, {
          ...problem(400, 'Invalid input', 'Send username and password.'),
          errors: [{ path: typeof username === 'string' ? 'password' : 'username', message: 'Required' }],
        });
      }
      const session = await options.auth.login(username, password);
      if (!session) return sendJson(res, 401, problem(401, 'Sign-in failed', 'Wrong username or password.'));
      return sendJson(res, 200, session);
    }
    if (path === '/local/auth/set-password') {
      const { token, password } = input;
      if (typeof password !== 'string' || password.length < 12) {
        return sendJson(res, 400, {
          ...problem(400, 'Invalid input', 'Choose a password of at least 12 characters.'),
          errors: [{ path: 'password', message: 'At least 12 characters.' }],
        });
      }
      const username =
        typeof token === 'string' ? await options.auth.redeemInvitation(token, password) : undefined;
      if (!username)
        return sendJson(res, 400, problem(400, 'Invalid link', 'This link is unknown, used or expired.'));
      return sendJson(res, 200, { username });
    }
    if (path === '/local/auth/token') {
      // OAuth 2.0 client-credentials: form or JSON body, client authenticated by body or Basic header.
      const form = new URLSearchParams(typeof raw === 'string' ? raw : '');
      const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
      const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [];
      const clientId = String(input.client_id ?? form.get('client_id') ?? basicId ?? '');
      const secret = String(input.client_secret ?? form.get('client_secret') ?? basicSecret ?? '');
      const scope = (input.scope ?? form.get('scope')) as string | undefined;
      const grant = await options.auth.clientCredentials(clientId, secret, scope?.split(' '));
      if (!grant) return sendJson(res, 401, { error: 'invalid_client' });
      return sendJson(res, 200, {
        access_token: grant.accessToken,
        token_type: 'Bearer',
        expires_in: grant.expiresIn,
        scope: grant.scope,
      });
    }
    return sendJson(res, 404, problem(404, 'Not found', 'No such route.'));
  }
}

function sendResult(req: IncomingMessage, res: ServerResponse, result: APIGatewayProxyResultV2): void {
  // A handler may return a bare value: API Gateway then answers 200 with it as JSON.
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    return sendJson(res, 200, result);
  }
  const headers: Record<string, string> = { ...corsHeaders(req) };
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(
    result.body === undefined
      ? undefined
      : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'),
  );
}

/** Answers while the emulators start and the demo data is seeded: the port is taken, the system not ready. */
export const startingUp: RequestListener = (_req, res) =>
  sendJson(res, 503, problem(503, 'Starting', 'Abdi is starting; try again in a few seconds.'), {
    'retry-after': '2',
  });

function preflight(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(204, {
    ...corsHeaders(req),
    'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
    'access-control-allow-headers': 'authorization,content-type,idempotency-key,if-match',
    'access-control-max-age': '600',
  });
  res.end();
}

/** Local mode trusts any loopback origin (a Vite dev server on another port, say), nothing else. */
function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': 'etag,location,retry-after',
    vary: 'origin',
  };
}

async function readBody(req: IncomingMessage): Promise<string | undefined | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return size === 0 ? undefined : Buffer.concat(chunks).toString('utf8');
}

function parseJsonObject(raw: string | undefined | 'too-large'): Record<string, unknown> | undefined {
  if (raw === undefined) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function problem(status: number, title: string, detail: string) {
  return { type: 'about:blank', title, status, detail };
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const isProblem = status >= 400 && typeof body === 'object' && body !== null && 'status' in body;
  res.writeHead(status, {
    'content-type': isProblem ? 'application/problem+json' : 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

let invocations = 0;
function lambdaContext(): Context {
  invocations += 1;
  return localLambdaContext('abdi-local-api', 29_000, `local-${invocations}-${randomUUID()}`);
}
