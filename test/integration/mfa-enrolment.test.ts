import { generateSync } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiProblem, createApiClient } from '../../web/src/lib/api';
import {
  createCognitoUserClient,
  enrolmentTrouble,
  isMfaRequired,
  otpauthUri,
} from '../../web/src/lib/mfa-enrolment';
import { cognitoLocalHarness, putBareOffice } from '../support/cognito-local';
import { uniqueSuffix } from '../support/environment';

/**
 * Issue 11, item 5: an admin refused for lack of TOTP enrols from the dashboard and is let in. The
 * dashboard's own modules run here against cognito-local and the real API: its API client sees the
 * 403 and recognises it, and its enrolment code (the same requests the browser sends) enrols the app.
 *
 * What cognito-local cannot prove (ADR 0008): that Cognito refuses these calls to a token without the
 * `aws.cognito.signin.user.admin` scope (the emulator does not check scopes; the infra test checks the
 * client grants it), CORS on the real endpoint, and the hosted UI asking for the code afterwards.
 */
const PASSWORD = 'Admin-Password-12!';
const suffix = uniqueSuffix();
const officeId = `bapas-mfa-${suffix}`;
const admin = {
  username: `admin.mfa-${suffix}`,
  fullName: 'Admin Enrol',
  email: `admin-mfa-${suffix}@example.invalid`,
};

// The API as a deployment with the default requirement (admins and officers) wires it.
const harness = cognitoLocalHarness({ name: 'mfa', mfaRequiredFor: ['admin', 'officer'] });

beforeAll(async () => {
  await putBareOffice(harness.env.directory, { id: officeId, name: 'Bapas Uji MFA', suffix });
  await harness.invite(admin, 'admin', officeId);
});

describe('enrolling an authenticator app from the dashboard (MFA required for admins)', () => {
  it('recognises the refusal, enrols with the dashboard’s requests, and the same person is let in', async () => {
    // Arrange: the dashboard's API client, as the session wires it.
    const token = await harness.firstSignIn(admin.username, PASSWORD);
    const seen: ApiProblem[] = [];
    const api = createApiClient({
      baseUrl: harness.baseUrl,
      getToken: () => token,
      onProblem: (problem) => seen.push(problem),
      fetch: globalThis.fetch.bind(globalThis),
    });
    const enrolment = createCognitoUserClient({
      endpoint: harness.emulator.endpoint,
      fetch: globalThis.fetch.bind(globalThis),
    });

    // Act 1: the first screen's request.
    const refused = await api.get('/v1/me').catch((error: unknown) => error);

    // Assess 1: the session's hook sees the refusal the dashboard turns into enrolment.
    expect(refused).toBeInstanceOf(ApiProblem);
    expect(isMfaRequired(refused)).toBe(true);
    expect(seen.map(isMfaRequired)).toEqual([true]);

    // Act 2: enrolment as the account screen does it.
    const before = await enrolment.status(token);
    const secret = await enrolment.associate(token);
    const uri = new URL(otpauthUri({ account: before.username, secret }));
    const wrong = await enrolment
      .verify(token, generateSync({ secret, epoch: Math.floor(Date.now() / 1000) - 3600 }))
      .then(() => 'accepted', enrolmentTrouble);
    await enrolment.verify(token, generateSync({ secret: uri.searchParams.get('secret') ?? '' }));
    await enrolment.preferTotp(token);
    const after = await enrolment.status(token);

    // Assess 2
    expect(before).toEqual({ username: admin.username, enabled: false });
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    expect(wrong).toBe('wrong-code');
    expect(after).toEqual({ username: admin.username, enabled: true });
    // The guard reads the current enrolment, so the token in hand works at once.
    await expect(api.get('/v1/me')).resolves.toMatchObject({ username: admin.username });
    await expect(api.get(`/v1/offices/${officeId}/users`)).resolves.toBeDefined();

    // Act 3 / Assess 3: from now on Cognito asks every sign-in for a code from the app.
    const next = await harness.signIn(admin.username, PASSWORD);
    expect(next.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });
});
