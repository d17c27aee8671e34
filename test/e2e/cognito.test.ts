import { createHash } from 'node:crypto';
import type { Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { loginToken } from './api';
import { axeViolations, browserForFile, screenshot } from './browser';
import { serveCognitoConfig } from './cognito-config';

/**
 * Cognito sign-in in the real browser against a stand-in identity provider: the dashboard is served
 * a cognito `config.json`, and the hosted login's endpoints are answered by this test (Cognito itself
 * cannot run here). The access token it hands out is a real local-mode token, so the API accepts it
 * and the whole round trip (authorize, callback, code exchange with PKCE, back to the page the user
 * wanted, sign-out through the logout endpoint) runs as in the cloud.
 */

const baseUrl = inject('baseUrl');
const IDP = 'https://login.abdi.test';
const CLIENT_ID = 'dashboard-client';

const { openSession } = browserForFile(baseUrl);

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

describe('Cognito sign-in (code + PKCE) with a stand-in identity provider', () => {
  it('signs in through the hosted login, returns to the page the user wanted, and signs out', async () => {
    const accessToken = await loginToken(baseUrl, 'pk.palopo');
    const { context, page, errors } = await openSession();
    const seen: { authorize?: URL; token?: URLSearchParams; logout?: URL } = {};

    await serveCognitoConfig(context, { domain: IDP, clientId: CLIENT_ID });
    const cors = { 'access-control-allow-origin': baseUrl, 'access-control-allow-headers': '*' };
    await context.route(`${IDP}/**`, async (route: Route) => {
      const request = route.request();
      const url = new URL(request.url());
      if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
      if (url.pathname === '/oauth2/authorize') {
        // The user signs in on the hosted page; Cognito sends the browser back with a code.
        seen.authorize = url;
        const back = `${baseUrl}/auth/callback?code=the-code&state=${url.searchParams.get('state')}`;
        return route.fulfill({ status: 302, headers: { location: back } });
      }
      if (url.pathname === '/oauth2/token') {
        seen.token = new URLSearchParams(request.postData() ?? '');
        const nonce = seen.authorize?.searchParams.get('nonce');
        const idToken = `${b64url(JSON.stringify({ alg: 'none' }))}.${b64url(JSON.stringify({ sub: 'pk-palopo', ...(nonce ? { nonce } : {}) }))}.`;
        return route.fulfill({
          status: 200,
          headers: cors,
          json: {
            access_token: accessToken,
            id_token: idToken,
            refresh_token: 'refresh-1',
            token_type: 'Bearer',
            expires_in: 3600,
          },
        });
      }
      if (url.pathname === '/logout') {
        seen.logout = url;
        return route.fulfill({ status: 302, headers: { location: `${baseUrl}/` } });
      }
      return route.fulfill({ status: 404 });
    });

    await page.goto('/o/bapas-palopo/cases?status=warned');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByRole('button', { name: 'Masuk dengan akun kantor' }).waitFor();
    expect(await page.getByLabel('Kata sandi').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'login-cognito-desktop');
    await page.getByRole('button', { name: 'Masuk dengan akun kantor' }).click();

    // Back where the user wanted to be, signed in with the token from the code exchange.
    await page.waitForURL(
      (url) => url.pathname === '/o/bapas-palopo/cases' && url.search === '?status=warned',
    );
    await page.getByTestId('case-list').waitFor();
    expect(await page.getByTestId('case-list').textContent()).toContain('Sri Wahyuni');

    const authorize = Object.fromEntries(seen.authorize!.searchParams);
    expect(authorize).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: `${baseUrl}/auth/callback`,
      response_type: 'code',
      scope: 'openid email profile aws.cognito.signin.user.admin',
      code_challenge_method: 'S256',
      lang: 'id',
    });
    const verifier = seen.token!.get('code_verifier')!;
    expect(Object.fromEntries(seen.token!)).toMatchObject({
      grant_type: 'authorization_code',
      code: 'the-code',
      client_id: CLIENT_ID,
      redirect_uri: `${baseUrl}/auth/callback`,
    });
    expect(authorize.code_challenge).toBe(b64url(createHash('sha256').update(verifier).digest()));
    // The code left the address bar and the tab keeps only the access token.
    const stored = await page.evaluate(() => Object.keys(sessionStorage));
    expect(stored).toEqual(['abdi.session']);

    // A replayed callback (the state is used up) fails cleanly.
    const replay = await context.newPage();
    await replay.goto(`/auth/callback?code=the-code&state=${seen.authorize!.searchParams.get('state')}`);
    await replay.getByRole('alert').waitFor();
    expect(await replay.getByRole('alert').textContent()).toContain('Proses masuk tidak dapat diselesaikan');
    await replay.close();

    // Signing out goes through Cognito's logout endpoint and back to the login page.
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(Object.fromEntries(seen.logout!.searchParams)).toEqual({
      client_id: CLIENT_ID,
      logout_uri: `${baseUrl}/`,
    });
    await page.getByText('Anda telah keluar.').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('abdi.session'))).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });
});
