/**
 * Local mode's token endpoints over HTTP, as the dashboard and partner systems call them: the
 * browser's sign-in and the OAuth client-credentials grant.
 */

/** The local sign-in endpoint the dashboard uses (a JSON body; `accessToken` on success). */
export function localSignIn(baseUrl: string, username: string, password: string): Promise<Response> {
  return fetch(`${baseUrl}/local/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

/** The OAuth client-credentials grant, form-encoded as partner systems send it. */
export async function clientCredentialsToken(baseUrl: string, clientId: string, secret: string) {
  const response = await fetch(`${baseUrl}/local/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
    }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { access_token?: string } & Record<string, unknown>,
  };
}
