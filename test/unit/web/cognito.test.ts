import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OIDC_STATE_PREFIX, SignInError, createCognitoAdapter } from '../../../web/src/lib/cognito';
import { cognitoLogoutUrl } from '../../../web/src/lib/cognito-urls';
import type { CognitoAuthConfig } from '../../../web/src/lib/config';

/**
 * The Cognito adapter's contract with a stand-in identity provider (Cognito itself cannot run here):
 * the authorize URL it builds, the state and PKCE verifier it keeps, the code exchange and refresh it
 * sends, and the callbacks it refuses.
 */

const AUTH: CognitoAuthConfig = {
  mode: 'cognito',
  domain: 'https://abdi-sulsel.auth.ap-southeast-3.amazoncognito.com',
  clientId: 'dashboard-client',
  region: 'ap-southeast-3',
  redirectPath: '/auth/callback',
};
const ORIGIN = 'https://abdi.example';
const CALLBACK = `${ORIGIN}/auth/callback`;

/** A Web Storage in memory (WebStorageStateStore also enumerates keys). */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
  };
}

const base64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');
/** An unsigned ID token: the library decodes it for `sub` and `nonce`; the API verifies access tokens. */
const idToken = (claims: Record<string, unknown>) =>
  `${base64url(JSON.stringify({ alg: 'none' }))}.${base64url(JSON.stringify(claims))}.`;

interface TokenCall {
  url: string;
  body: URLSearchParams;
}

/** Stubs `fetch` as Cognito's token endpoint, answering with `reply(body)`. */
function stubTokenEndpoint(
  reply: (body: URLSearchParams) => { status?: number; json: unknown },
): TokenCall[] {
  const calls: TokenCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string | URL, init?: RequestInit) => {
      const body = new URLSearchParams(String(init?.body ?? ''));
      calls.push({ url: String(url), body });
      const { status = 200, json } = reply(body);
      return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

async function startSignIn(storage = memoryStorage(), next = '/o/bapas-palopo/cases?status=warned') {
  const adapter = createCognitoAdapter(AUTH, { origin: ORIGIN, storage, locale: 'id' });
  const url = new URL(await adapter.signInUrl(next));
  const state = url.searchParams.get('state')!;
  const stored = JSON.parse(storage.getItem(`${OIDC_STATE_PREFIX}${state}`) ?? 'null') as {
    code_verifier: string;
    nonce?: string;
    data: unknown;
  } | null;
  return { adapter, url, state, stored, storage };
}

describe('Cognito sign-in: authorization code + PKCE', () => {
  it('sends the browser to the hosted login with a PKCE challenge of the verifier it keeps', async () => {
    const { url, state, stored } = await startSignIn();
    expect(`${url.origin}${url.pathname}`).toBe(`${AUTH.domain}/oauth2/authorize`);
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({
      client_id: 'dashboard-client',
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'openid email profile aws.cognito.signin.user.admin',
      code_challenge_method: 'S256',
      lang: 'id',
    });
    expect(state).toMatch(/^[0-9a-f]{32}$/);
    // The verifier never leaves the tab; only its SHA-256 does.
    expect(stored?.code_verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(q.code_challenge).toBe(base64url(createHash('sha256').update(stored!.code_verifier).digest()));
    expect(url.search).not.toContain(stored!.code_verifier);
    expect(stored?.data).toEqual({ next: '/o/bapas-palopo/cases?status=warned' });
  });

  it('exchanges the code with the stored verifier and returns the token and where the user was going', async () => {
    const { adapter, state, stored, storage } = await startSignIn();
    const calls = stubTokenEndpoint(() => ({
      json: {
        access_token: 'access-1',
        id_token: idToken({ sub: 'u-1', nonce: stored?.nonce }),
        refresh_token: 'refresh-1',
        token_type: 'Bearer',
        expires_in: 3600,
      },
    }));
    const result = await adapter.completeSignIn(`${CALLBACK}?code=the-code&state=${state}`);
    expect(result).toEqual({
      accessToken: 'access-1',
      expiresIn: 3600,
      next: '/o/bapas-palopo/cases?status=warned',
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${AUTH.domain}/oauth2/token`);
    expect(Object.fromEntries(calls[0]!.body)).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: CALLBACK,
      code_verifier: stored!.code_verifier,
      client_id: 'dashboard-client',
    });
    // The state is used up: the same callback cannot be replayed.
    expect(storage.getItem(`${OIDC_STATE_PREFIX}${state}`)).toBeNull();
    await expect(adapter.completeSignIn(`${CALLBACK}?code=the-code&state=${state}`)).rejects.toBeInstanceOf(
      SignInError,
    );
  });

  it('refuses a callback whose state it never issued, without calling the token endpoint', async () => {
    const { adapter } = await startSignIn();
    const calls = stubTokenEndpoint(() => ({ json: {} }));
    await expect(adapter.completeSignIn(`${CALLBACK}?code=c&state=${'f'.repeat(32)}`)).rejects.toBeInstanceOf(
      SignInError,
    );
    await expect(adapter.completeSignIn(`${CALLBACK}?code=c`)).rejects.toThrow(/no state/);
    expect(calls).toHaveLength(0);
  });

  it("reports Cognito's error redirect (e.g. the user cancelled) with its code", async () => {
    const { adapter, state } = await startSignIn();
    const error = await adapter
      .completeSignIn(`${CALLBACK}?error=access_denied&error_description=denied&state=${state}`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInError);
    expect((error as SignInError).code).toBe('access_denied');
  });

  it('refreshes the access token with the refresh token it holds in memory, and forgets it on refusal', async () => {
    const { adapter, state, stored } = await startSignIn();
    expect(adapter.canRefresh()).toBe(false);
    expect(await adapter.refresh()).toBeNull();
    stubTokenEndpoint(() => ({
      json: {
        access_token: 'access-1',
        id_token: idToken({ sub: 'u-1', nonce: stored?.nonce }),
        refresh_token: 'refresh-1',
        expires_in: 3600,
        token_type: 'Bearer',
      },
    }));
    await adapter.completeSignIn(`${CALLBACK}?code=c&state=${state}`);
    expect(adapter.canRefresh()).toBe(true);

    const calls = stubTokenEndpoint(() => ({
      json: {
        access_token: 'access-2',
        id_token: idToken({ sub: 'u-1' }),
        expires_in: 3600,
        token_type: 'Bearer',
      },
    }));
    expect(await adapter.refresh()).toEqual({ accessToken: 'access-2', expiresIn: 3600 });
    expect(Object.fromEntries(calls[0]!.body)).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-1',
      client_id: 'dashboard-client',
    });
    // Cognito does not rotate refresh tokens: the first one is kept for the next refresh.
    expect(adapter.canRefresh()).toBe(true);

    stubTokenEndpoint(() => ({ status: 400, json: { error: 'invalid_grant' } }));
    expect(await adapter.refresh()).toBeNull();
    expect(adapter.canRefresh()).toBe(false);
  });

  it("signs out through Cognito's logout endpoint back to the site's root", async () => {
    const { adapter } = await startSignIn();
    const url = new URL(adapter.signOut());
    expect(`${url.origin}${url.pathname}`).toBe(`${AUTH.domain}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'dashboard-client',
      logout_uri: `${ORIGIN}/`,
    });
    expect(cognitoLogoutUrl(AUTH, ORIGIN)).toBe(url.toString());
    expect(adapter.canRefresh()).toBe(false);
  });
});
