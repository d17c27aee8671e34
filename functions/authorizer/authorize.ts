import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { headerOf, matchesOriginSecret, ORIGIN_VERIFY_HEADER, type OriginSecrets } from './origin-verify';

/** Checks a token's signature, issuer, expiry and use; answers its claims or throws. */
export interface AccessTokenVerifier {
  verify(token: string): Promise<Readonly<Record<string, unknown>>>;
}

/** The claims as the API handler reads them (`requestContext.authorizer.lambda`), every value a string. */
export type AuthorizerContext = Record<string, string>;

/**
 * API Gateway answers 401 for this exact message; anything else thrown would be a 500, and
 * `isAuthorized: false` a 403 that would tell the dashboard its session is still good.
 */
export const UNAUTHORIZED = 'Unauthorized';

/**
 * The HTTP API's Lambda REQUEST authorizer: it accepts a Cognito access token of the deployment's user
 * pool from ANY of the pool's app clients, so a partner's machine client created at runtime works
 * without a redeploy (a JWT authorizer's audience list is fixed at deploy time; ADR 0010). Which
 * clients and people may do what is Abdi's records' to decide: the API's guard requires an active
 * `USER#`/`CLIENT#` record for the token's subject, so a revoked client's valid token is refused there.
 *
 * The claims go to the handler as the authorizer's context, in the shape a JWT authorizer gives them
 * (strings; lists space-separated), so functions/identity/claims.ts reads both alike.
 */
export function createAuthorizer(verifier: AccessTokenVerifier, options: AuthorizerOptions = {}) {
  return async (
    event: AuthorizerEvent,
  ): Promise<APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>> => {
    if (options.origin) {
      const presented = headerOf(event.headers, ORIGIN_VERIFY_HEADER);
      // No header, no need to read the secret (API Gateway already refuses most such requests itself).
      if (!presented || !matchesOriginSecret(presented, await options.origin.secrets.accepted())) {
        // 403, not 401: no token would help; the request did not come through the distribution.
        options.onRefused?.(presented ? 'origin header does not match' : 'no origin header');
        return { isAuthorized: false, context: {} };
      }
      // Routes that need no token are behind this authorizer for the origin check only (ADR 0017).
      if (event.routeKey !== undefined && options.origin.publicRouteKeys.has(event.routeKey)) {
        return { isAuthorized: true, context: {} };
      }
    }
    const token = /^Bearer\s+(\S+)\s*$/i.exec(event.identitySource?.[0] ?? '')?.[1];
    if (!token) return refuse(options, 'no bearer token');
    let claims: Readonly<Record<string, unknown>>;
    try {
      claims = await verifier.verify(token);
    } catch (error) {
      // The error's name only (JwtExpiredError, JwtInvalidSignatureError, …): its message may quote claims.
      return refuse(options, (error as Error)?.name ?? 'invalid token');
    }
    if (typeof claims.client_id !== 'string' || claims.client_id === '') {
      return refuse(options, 'token names no client');
    }
    return { isAuthorized: true, context: contextOf(claims) };
  };
}

/** What the authorizer reads of API Gateway's event: the token source, and the headers and route. */
export type AuthorizerEvent = Pick<APIGatewayRequestAuthorizerEventV2, 'identitySource'> &
  Partial<Pick<APIGatewayRequestAuthorizerEventV2, 'headers' | 'routeKey'>>;

export interface AuthorizerOptions {
  /** Told why a request was refused (never the token or the header's value). */
  readonly onRefused?: (reason: string) => void;
  /**
   * The origin check (ADR 0017): every request must carry CloudFront's `x-origin-verify` header with an
   * accepted value, and the routes in `publicRouteKeys` (`GET /health`) need nothing more.
   */
  readonly origin?: { readonly secrets: OriginSecrets; readonly publicRouteKeys: ReadonlySet<string> };
}

function refuse(options: { onRefused?: (reason: string) => void }, reason: string): never {
  options.onRefused?.(reason);
  throw new Error(UNAUTHORIZED);
}

/** Scalars as strings, lists joined by spaces (as `scope` already is); nested objects dropped. */
export function contextOf(claims: Readonly<Record<string, unknown>>): AuthorizerContext {
  const context: AuthorizerContext = {};
  for (const [name, value] of Object.entries(claims)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      context[name] = String(value);
    } else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      context[name] = value.join(' ');
    }
  }
  return context;
}
