import { generateSync } from 'otplib';
import type { Route } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { seedCognitoUsers } from '../../infra/local/cognito-local-auth';
import { emulatedUserPool } from '../support/cognito-pool';
import { loginToken } from './api';
import { axeViolations, browserForFile, screenshot } from './browser';
import { serveCognitoConfig } from './cognito-config';

/**
 * Issue 11, item 5: an admin whose role requires MFA is sent from any screen to the account screen and
 * enrols an authenticator app there, in the real browser. The dashboard is served a cognito `config.json`
 * whose user pools API (`identityEndpoint`) is answered by cognito-local, so the requests the browser
 * sends (AWS JSON protocol, the person's access token) reach a real emulated pool. The API in front is a
 * stand-in for the guard: 403 `mfa-required` until SetUserMFAPreference has gone through, then the local
 * stack's API with admin.palopo's local token (the guard itself is tested in
 * test/integration/mfa-enrolment.test.ts and cognito-local.test.ts).
 */
const baseUrl = inject('baseUrl');
const IDP = 'https://login.abdi.test';
const IDENTITY = 'https://cognito-idp.abdi.test';
const { openSession, signedIn } = browserForFile(baseUrl);

const users = emulatedUserPool('e2e-mfa');

beforeAll(async () => {
  await seedCognitoUsers(
    users.cognito,
    users.pool.userPoolId,
    [
      {
        username: 'admin.palopo',
        email: 'admin.palopo@example.invalid',
        fullName: 'Admin Palopo',
        memberships: [{ role: 'admin', officeId: 'bapas-palopo' }],
      },
    ],
    'Admin-Password-12!',
  );
});

describe('authenticator enrolment on the account screen', () => {
  it('sends an admin without TOTP to enrolment, enrols with a QR code and a code, then lets them in', async () => {
    // Arrange: a Cognito session for admin.palopo, issued by the emulated pool.
    const signInResult = await users.signIn('admin.palopo', 'Admin-Password-12!');
    const cognitoToken = String(signInResult.AuthenticationResult?.AccessToken);
    const apiToken = await loginToken(baseUrl, 'admin.palopo');
    const { context, page, errors } = await openSession();
    const targets: string[] = [];
    let enrolled = false;

    await serveCognitoConfig(context, {
      domain: IDP,
      clientId: 'dashboard-client',
      identityEndpoint: IDENTITY,
    });
    const cors = { 'access-control-allow-origin': baseUrl, 'access-control-allow-headers': '*' };
    await context.route(`${IDENTITY}/**`, async (route: Route) => {
      const request = route.request();
      if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
      const target = request.headers()['x-amz-target'] ?? '';
      targets.push(target.replace('AWSCognitoIdentityProviderService.', ''));
      const response = await route.fetch({ url: `${users.emulator.endpoint}/` });
      if (response.ok() && target.endsWith('.SetUserMFAPreference')) enrolled = true;
      return route.fulfill({ response, headers: { ...response.headers(), ...cors } });
    });
    await context.route('**/v1/**', (route: Route) => {
      if (!enrolled) {
        return route.fulfill({
          status: 403,
          contentType: 'application/problem+json',
          json: {
            type: 'https://abdi.id/problems/mfa-required',
            title: 'Multi-factor sign-in required',
            status: 403,
            detail: 'Your role (admin) requires multi-factor sign-in (MFA).',
          },
        });
      }
      return route.continue({
        headers: { ...route.request().headers(), authorization: `Bearer ${apiToken}` },
      });
    });
    await context.addInitScript((token: string) => {
      if (!sessionStorage.getItem('abdi.session')) {
        sessionStorage.setItem(
          'abdi.session',
          JSON.stringify({ accessToken: token, expiresAt: Date.now() + 3_600_000 }),
        );
      }
    }, cognitoToken);

    // Act 1: any screen; the API refuses.
    await page.goto('/o/bapas-palopo/cases');

    // Assess 1: on the account screen, told why, in Indonesian.
    await page.waitForURL((url) => url.pathname === '/account');
    await page.getByTestId('mfa-required').waitFor();
    expect(await page.getByTestId('mfa-required').textContent()).toBe(
      'Peran Anda mewajibkan verifikasi dua langkah (aplikasi autentikator). Aktifkan di sini.',
    );
    await expect
      .poll(() => page.getByTestId('mfa-status').textContent())
      .toBe('Verifikasi dua langkah belum aktif.');

    // Act 2: start; the QR code and the key to type appear.
    await page.getByRole('button', { name: 'Aktifkan verifikasi dua langkah' }).click();
    const qr = page.getByRole('img', { name: 'Kode QR untuk aplikasi autentikator' });
    await qr.waitFor();
    const secret = (await page.getByTestId('mfa-secret').textContent())!.replace(/\s/g, '');
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'mfa-enrolment-desktop');

    // Act 3: a wrong code first, then the app's code.
    const code = generateSync({ secret });
    const label = page.getByLabel('Kode dari aplikasi');
    await label.fill(String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
    await page.getByRole('button', { name: 'Verifikasi dan aktifkan' }).click();
    await page.getByText('Kode tidak cocok.', { exact: false }).waitFor();
    await label.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await page.getByRole('button', { name: 'Verifikasi dan aktifkan' }).click();

    // Assess 3: on in Cognito, and the person carries on into Abdi.
    await page.getByTestId('mfa-done').waitFor();
    expect(targets).toEqual([
      'GetUser',
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'VerifySoftwareToken',
      'SetUserMFAPreference',
    ]);
    const next = await users.signIn('admin.palopo', 'Admin-Password-12!');
    expect(next.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    await page.getByRole('button', { name: 'Lanjutkan ke Abdi' }).click();
    await page.waitForURL((url) => url.pathname === '/o/bapas-palopo');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says in local mode that enrolment is not available (local sign-in has no second factor)', async () => {
    const { context, page, errors } = await signedIn('pk.palopo', '/o/bapas-palopo');
    await page.goto('/account');
    await page.getByTestId('mfa-local').waitFor();
    expect(await page.getByTestId('mfa-local').textContent()).toContain('tidak tersedia di mode lokal');
    expect(await page.getByRole('button', { name: 'Aktifkan verifikasi dua langkah' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
