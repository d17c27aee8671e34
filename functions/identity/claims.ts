import { SCOPES, type Scope, type TokenSubject } from './principal';

/**
 * Reads the subject out of the JWT claims that the HTTP API's authorizer (or the local adapter, which
 * mimics it) puts on the event. The signature, issuer, audience and expiry were already checked there.
 *
 * Cognito access tokens carry `username` for people; client-credentials tokens carry only `client_id`
 * and `scope` ("abdi/cases:read abdi/cases:write").
 */
export function subjectFromClaims(
  claims: Readonly<Record<string, unknown>> | undefined,
  scopePrefix = 'abdi/',
): TokenSubject | undefined {
  if (!claims) return undefined;
  if (claims.token_use !== undefined && claims.token_use !== 'access') return undefined;
  const username = typeof claims.username === 'string' ? claims.username : undefined;
  if (username) return { kind: 'user', username };
  const clientId = typeof claims.client_id === 'string' ? claims.client_id : undefined;
  if (!clientId) return undefined;
  return { kind: 'client', clientId, scopes: parseScopes(claims.scope, scopePrefix) };
}

function parseScopes(raw: unknown, prefix: string): Scope[] {
  // API Gateway hands claims over as strings; a list may arrive as "a b" or "[a b]".
  const text = typeof raw === 'string' ? raw.replace(/^\[|\]$/g, '') : '';
  const known = new Set<string>(SCOPES);
  return text
    .split(/[\s,]+/)
    .filter((s) => s.startsWith(prefix))
    .map((s) => s.slice(prefix.length))
    .filter((s): s is Scope => known.has(s));
}
