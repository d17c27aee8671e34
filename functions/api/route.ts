import type * as z from 'zod';
import type { Ports } from '../actions/ports';
import type { CursorCodec } from './cursor';
import type { AccessRule } from './access';
import type { GuardResult } from './guard';
import type { MfaPolicy } from '../identity/mfa';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Everything a route may use: the use cases' ports, plus what only HTTP needs (cursors, MFA).
 * Built once per cold start and passed in, so tests can swap it.
 */
export interface ApiDependencies extends Ports {
  readonly cursors: CursorCodec;
  /** Roles that must sign in with TOTP (ADR 0008); the guard checks it. Absent: none. */
  readonly mfa?: MfaPolicy;
}

export interface RouteContext<TParams, TQuery, TBody, TAccess extends GuardResult = GuardResult> {
  readonly params: TParams;
  readonly query: TQuery;
  readonly body: TBody;
  readonly access: TAccess;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly deps: ApiDependencies;
}

export interface RouteResponse {
  readonly status: number;
  /** JSON, or the bytes of a file (a PDF preview) sent as they are with the spec's `contentType`. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ResponseSpec {
  readonly description: string;
  readonly schema?: z.ZodType;
  /**
   * A file answer instead of JSON: the route returns its bytes, and its `content-type` header when it
   * can answer in more than one of these types (a report as PDF or XLSX); else the first.
   */
  readonly file?: { readonly contentTypes: readonly [string, ...string[]] };
}

/**
 * One row of the route table. The same row drives routing, input validation, the access guard, the
 * OpenAPI document and the access-matrix test.
 */
export interface RouteDefinition<
  TParams = unknown,
  TQuery = unknown,
  TBody = unknown,
  TAccess extends GuardResult = GuardResult,
> {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** API Gateway style template, e.g. `/v1/offices/{officeId}`. */
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly access: AccessRule;
  readonly params?: z.ZodType<TParams>;
  readonly query?: z.ZodType<TQuery>;
  readonly body?: z.ZodType<TBody>;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /** What the contract says beyond the summary: when to call it, what it changes, what it refuses. */
  readonly description?: string;
  /**
   * `documents`: served by the documents function (ADR 0015), which carries the PDF renderer and its
   * fonts; the API function never loads them. Same pipeline, same guard, same contract.
   */
  readonly runsIn?: 'documents';
  /** The route answers 428 without `If-Match`, and 412 when it names an old version (`ifMatchRoute`). */
  readonly requiresIfMatch?: true;
  /**
   * `false` for a POST whose answer carries a secret (a machine client's): `Idempotency-Key` is then
   * not honoured, because a replay needs the answer stored, secret and all, in the idempotency table.
   */
  readonly replayable?: false;
  /**
   * The records the route reads first, from its validated path and (when it is valid) its body (ADR
   * 0011): the guard reads them with the caller's grants in one BatchGetItem, and the route's first
   * read of each costs no call. `body()` parses and validates the body for this; only routes whose keys
   * come from the body call it, so the others never parse it twice.
   */
  readonly readAhead?: (
    params: TParams,
    officeId: string,
    keys: Ports['recordKeys'],
    body: () => TBody | undefined,
  ) => readonly { readonly pk: string; readonly sk: string }[];
  handle(context: RouteContext<TParams, TQuery, TBody, TAccess>): Promise<RouteResponse>;
}

/** Identity function that lets TypeScript infer a route's input types from its schemas. */
export function defineRoute<TParams, TQuery, TBody, TAccess extends GuardResult = GuardResult>(
  route: RouteDefinition<TParams, TQuery, TBody, TAccess>,
): RouteDefinition<TParams, TQuery, TBody, TAccess> {
  return route;
}

// The table holds routes of many input types; the pipeline treats them uniformly.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDefinition<any, any, any, any>;
