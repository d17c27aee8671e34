/**
 * A small typed client for Abdi's HTTP API: base URL, bearer token, JSON in and out, and every error
 * turned into an `ApiProblem` (RFC 9457 problem details), so screens never see raw responses.
 *
 * @example
 *   const api = createApiClient({ baseUrl: '', getToken: () => token, onUnauthorized: () => goToLogin() });
 *   const me = await api.get<Me>('/v1/me');
 *   await api.post('/v1/cases', body, { idempotencyKey: true });
 *   await api.patch(`/v1/offices/o/sessions/${id}`, { verified: true }, session.version);
 */
import type { FieldError } from './api-types';

/**
 * One of a problem's `errors`: the dotted path of the offending input (e.g. `sentence.hours`, shown
 * beside that field), the message, and the domain rule id (e.g. `KS-HOURS`) when a legal rule refused it.
 */
export type { FieldError };

/** `type` of problems the client makes up itself, when no problem document came back. */
export const NETWORK_PROBLEM = 'about:network-error';
export const MALFORMED_PROBLEM = 'about:malformed-response';

export class ApiProblem extends Error {
  readonly type: string;
  readonly title: string;
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  readonly detail: string;
  readonly errors: readonly FieldError[];

  constructor(problem: {
    type: string;
    title: string;
    status: number;
    detail?: string;
    errors?: readonly FieldError[];
  }) {
    super(problem.detail || problem.title);
    this.name = 'ApiProblem';
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail ?? '';
    this.errors = problem.errors ?? [];
  }

  /** The last path segment of `type`, e.g. `not-found` for `https://abdi.id/problems/not-found`. */
  get slug(): string {
    return this.type.slice(this.type.lastIndexOf('/') + 1);
  }

  /** The message for one form field, if the API named it. */
  fieldError(path: string): string | undefined {
    return this.errors.find((e) => e.path === path)?.message;
  }
}

/**
 * Builds an `ApiProblem` from a non-2xx response body. A problem+json (or any JSON with the problem
 * members) keeps its fields; anything else (an HTML error page from a proxy, plain text) becomes a
 * generic problem with the status text, never the raw body.
 */
export function parseProblem(
  status: number,
  statusText: string,
  contentType: string | null,
  body: string,
): ApiProblem {
  const fallback = { type: 'about:blank', title: statusText || `HTTP ${status}`, status };
  if (!contentType || !/json/i.test(contentType)) return new ApiProblem(fallback);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return new ApiProblem(fallback);
  }
  if (typeof value !== 'object' || value === null) return new ApiProblem(fallback);
  const v = value as Record<string, unknown>;
  return new ApiProblem({
    type: typeof v.type === 'string' && v.type ? v.type : fallback.type,
    title: typeof v.title === 'string' && v.title ? v.title : fallback.title,
    status,
    detail: typeof v.detail === 'string' ? v.detail : '',
    errors: Array.isArray(v.errors) ? v.errors.filter(isFieldError) : [],
  });
}

function isFieldError(value: unknown): value is FieldError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.path === 'string' &&
    typeof v.message === 'string' &&
    (v.rule === undefined || typeof v.rule === 'string')
  );
}

export interface RequestOptions {
  /** Send the bearer token (default) or not (the login call). */
  readonly auth?: boolean;
  /**
   * For POSTs that must not happen twice: `true` sends a fresh `Idempotency-Key`; a string sends that
   * key, so a form can keep one key across retries of the same submission.
   */
  readonly idempotencyKey?: boolean | string;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
}

export interface ApiClientOptions {
  /** `''` for the same origin, else e.g. `https://api.example.org` (no trailing slash needed). */
  readonly baseUrl: string;
  /** The current access token, or null when signed out. */
  readonly getToken: () => string | null;
  /** Called when an authenticated request gets 401: the session is over. */
  readonly onUnauthorized?: () => void;
  /** Called with every problem an authenticated request gets, before it is thrown (e.g. MFA required). */
  readonly onProblem?: (problem: ApiProblem) => void;
  readonly fetch?: typeof fetch;
  readonly newId?: () => string;
}

export interface ApiClient {
  request<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  /** A change to a versioned resource: `version` is sent as `If-Match`, so a stale edit gets 412. */
  patch<T>(path: string, body: unknown, version: number, options?: RequestOptions): Promise<T>;
  /** DELETE of a versioned resource, with `If-Match` like `patch`. */
  remove<T>(path: string, version: number, options?: RequestOptions): Promise<T>;
  /**
   * A file the API answers with (a PDF preview, an XLSX): the bytes as a Blob of the answer's type and
   * the `filename` of its `Content-Disposition`, if any. Errors are `ApiProblem`s as for JSON calls.
   */
  file(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<ApiFile>;
}

/** What `ApiClient.file` answers. */
export interface ApiFile {
  readonly blob: Blob;
  readonly fileName: string | null;
}

/** `attachment; filename="W23-0001-2026.xlsx"` → `W23-0001-2026.xlsx`. */
export function fileNameOf(disposition: string | null): string | null {
  return disposition ? (/filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null) : null;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const newId = options.newId ?? (() => crypto.randomUUID());

  /** Sends the request and answers the response when it is 2xx; throws an `ApiProblem` otherwise. */
  async function send(
    method: string,
    path: string,
    body: unknown,
    opts: RequestOptions,
    accept: string,
  ): Promise<Response> {
    const useAuth = opts.auth ?? true;
    const headers: Record<string, string> = { accept, ...opts.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (useAuth) {
      const token = options.getToken();
      if (token) headers.authorization = `Bearer ${token}`;
    }
    if (opts.idempotencyKey) {
      headers['idempotency-key'] = typeof opts.idempotencyKey === 'string' ? opts.idempotencyKey : newId();
    }

    let response: Response;
    try {
      response = await doFetch(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: opts.signal ?? null,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiProblem({ type: NETWORK_PROBLEM, title: 'Network error', status: 0 });
    }

    if (!response.ok) {
      const problem = parseProblem(
        response.status,
        response.statusText,
        response.headers.get('content-type'),
        await response.text(),
      );
      if (response.status === 401 && useAuth) options.onUnauthorized?.();
      if (useAuth) options.onProblem?.(problem);
      throw problem;
    }
    return response;
  }

  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    opts: RequestOptions = {},
  ): Promise<T> {
    const response = await send(method, path, body, opts, 'application/json, application/problem+json');
    const text = await response.text();
    if (response.status === 204 || text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiProblem({ type: MALFORMED_PROBLEM, title: 'Malformed response', status: response.status });
    }
  }

  async function file(
    method: string,
    path: string,
    body?: unknown,
    opts: RequestOptions = {},
  ): Promise<ApiFile> {
    const response = await send(method, path, body, opts, '*/*');
    return {
      blob: await response.blob(),
      fileName: fileNameOf(response.headers.get('content-disposition')),
    };
  }

  return {
    request,
    file,
    get: (path, opts) => request('GET', path, undefined, opts),
    post: (path, body, opts) => request('POST', path, body, opts),
    patch: (path, body, version, opts = {}) =>
      request('PATCH', path, body, { ...opts, headers: { ...opts.headers, 'if-match': `"${version}"` } }),
    remove: (path, version, opts = {}) =>
      request('DELETE', path, undefined, {
        ...opts,
        headers: { ...opts.headers, 'if-match': `"${version}"` },
      }),
  };
}
