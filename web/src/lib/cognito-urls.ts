/**
 * Cognito's OAuth 2.0 endpoints for the dashboard's app client, built from `config.json` alone (the
 * hosted/managed login domain has no discovery document of its own). Pure and dependency-free, so the
 * sign-out path does not have to download the OIDC library.
 */
import type { CognitoAuthConfig } from './config';

export function cognitoEndpoints(domain: string) {
  return {
    authorization_endpoint: `${domain}/oauth2/authorize`,
    token_endpoint: `${domain}/oauth2/token`,
    revocation_endpoint: `${domain}/oauth2/revoke`,
    userinfo_endpoint: `${domain}/oauth2/userInfo`,
    end_session_endpoint: `${domain}/logout`,
  };
}

/** Where Cognito sends the browser back with `?code=…&state=…`: `https://abdi.example/auth/callback`. */
export function redirectUri(auth: Pick<CognitoAuthConfig, 'redirectPath'>, origin: string): string {
  return `${origin}${auth.redirectPath}`;
}

/**
 * Cognito's logout endpoint: ends the hosted-login session (its cookie) and returns to the site's root,
 * which the app client lists as its only sign-out URL (`logoutUrls: [<origin>/]`).
 */
export function cognitoLogoutUrl(
  auth: Pick<CognitoAuthConfig, 'domain' | 'clientId'>,
  origin: string,
): string {
  const query = new URLSearchParams({ client_id: auth.clientId, logout_uri: `${origin}/` });
  return `${cognitoEndpoints(auth.domain).end_session_endpoint}?${query.toString()}`;
}
