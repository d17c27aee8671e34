/**
 * Sign-in through Cognito's hosted/managed login with the authorization code grant and PKCE
 * (RFC 7636), on `oidc-client-ts`. Loaded with `import()` only in cognito mode, so local mode and the
 * first screen never download it.
 *
 * - The state, the nonce and the PKCE verifier live in sessionStorage (this tab) until the callback
 *   consumes them; a replayed or forged callback finds no state and fails.
 * - `next` (the page the user came from) travels in the state's data, never in the redirect URI.
 * - The refresh token stays in memory: closing the tab ends the session, as the app client's
 *   12-hour refresh validity intends. After a reload the stored access token is used until it
 *   expires, then the user signs in again (Cognito's own session often makes that one click).
 */
import { OidcClient, WebStorageStateStore, type SigninResponse } from 'oidc-client-ts';
import type { CognitoAuthConfig } from './config';
import { cognitoEndpoints, cognitoLogoutUrl, redirectUri } from './cognito-urls';

export interface TokenGrant {
  readonly accessToken: string;
  /** Seconds. */
  readonly expiresIn: number;
}

export interface CognitoAdapter {
  /** The hosted login URL to send the browser to; stores state and verifier first. */
  signInUrl(next: string): Promise<string>;
  /** Exchanges the callback's code (with the stored verifier) for tokens; returns where to go next. */
  completeSignIn(callbackUrl: string): Promise<TokenGrant & { readonly next: string }>;
  /** Whether this page holds a refresh token (only after a sign-in in this page's lifetime). */
  canRefresh(): boolean;
  /** A new access token from the refresh token, or null when there is none or Cognito refuses it. */
  refresh(): Promise<TokenGrant | null>;
  /** Forgets the refresh token and returns Cognito's logout URL. */
  signOut(): string;
}

export interface CognitoAdapterOptions {
  /** The dashboard's origin, e.g. `https://abdi.example`. */
  readonly origin: string;
  /** Where the state and PKCE verifier wait for the callback: sessionStorage in the browser. */
  readonly storage: Storage;
  /** Cognito's managed login speaks Indonesian (`id`) and English. */
  readonly locale?: string;
}

/** What a refresh needs (the library's `RefreshState`, which it exports as a type only). */
type RefreshGrant = Parameters<OidcClient['useRefreshToken']>[0]['state'];

export const OIDC_STATE_PREFIX = 'abdi.oidc.';
// aws.cognito.signin.user.admin lets the person's token enrol an authenticator app (mfa-enrolment.ts).
const SCOPE = 'openid email profile aws.cognito.signin.user.admin';

/** Raised for a callback that cannot complete (denied, unknown state, failed exchange). */
export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    message: string,
    /** The OAuth error code from Cognito, e.g. `access_denied`, when it sent one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export function createCognitoAdapter(
  auth: CognitoAuthConfig,
  options: CognitoAdapterOptions,
): CognitoAdapter {
  const client = new OidcClient({
    authority: auth.domain,
    metadata: cognitoEndpoints(auth.domain),
    client_id: auth.clientId,
    redirect_uri: redirectUri(auth, options.origin),
    post_logout_redirect_uri: `${options.origin}/`,
    response_type: 'code',
    scope: SCOPE,
    loadUserInfo: false,
    // Abandoned sign-ins (the user closed the login page) are cleaned up after 15 minutes.
    staleStateAgeInSeconds: 900,
    stateStore: new WebStorageStateStore({ store: options.storage, prefix: OIDC_STATE_PREFIX }),
  });

  let refreshState: RefreshGrant | null = null;

  const grantOf = (response: SigninResponse): TokenGrant => {
    if (!response.access_token) throw new SignInError('The token response has no access token.');
    return { accessToken: response.access_token, expiresIn: response.expires_in ?? 3600 };
  };

  const keep = (response: SigninResponse) => {
    const refreshToken = response.refresh_token ?? refreshState?.refresh_token;
    refreshState = refreshToken
      ? {
          refresh_token: refreshToken,
          ...(response.id_token ? { id_token: response.id_token } : {}),
          session_state: response.session_state,
          scope: response.scope ?? SCOPE,
          profile: response.profile,
        }
      : null;
  };

  return {
    async signInUrl(next) {
      await client.clearStaleState();
      const request = await client.createSigninRequest({
        state: { next },
        extraQueryParams: options.locale ? { lang: options.locale } : {},
      });
      return request.url;
    },

    async completeSignIn(callbackUrl) {
      const params = new URL(callbackUrl).searchParams;
      if (!params.get('state')) throw new SignInError('The callback has no state.');
      let response: SigninResponse;
      try {
        response = await client.processSigninResponse(callbackUrl);
      } catch (error) {
        const code =
          typeof (error as { error?: unknown }).error === 'string'
            ? (error as { error: string }).error
            : undefined;
        throw new SignInError(
          error instanceof Error ? error.message : String(error),
          code ?? params.get('error') ?? undefined,
        );
      }
      const grant = grantOf(response);
      keep(response);
      const data = response.userState as { next?: unknown } | undefined;
      return { ...grant, next: typeof data?.next === 'string' ? data.next : '/' };
    },

    canRefresh: () => refreshState !== null,

    async refresh() {
      if (!refreshState) return null;
      try {
        const response = await client.useRefreshToken({ state: refreshState, timeoutInSeconds: 20 });
        const grant = grantOf(response);
        keep(response);
        return grant;
      } catch {
        // Expired or revoked: the user signs in again.
        refreshState = null;
        return null;
      }
    },

    signOut() {
      refreshState = null;
      return cognitoLogoutUrl(auth, options.origin);
    },
  };
}
