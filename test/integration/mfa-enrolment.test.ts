import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/app';
import { createDependencies } from '../../functions/platform/dependencies';
import { CognitoIdentityProvider } from '../../functions/store/cognito-identity-provider';
import { deployments } from '../../infra/config/deployments';
import { startCognitoLocal, type CognitoLocal } from '../../infra/local/cognito-local';
import { createCognitoLocalAuth } from '../../infra/local/cognito-local-auth';
import { createLocalRequestListener, type ApiLambda } from '../../infra/local/http-adapter';
import type { LocalAuth } from '../../infra/local/local-auth';
import {
  provisionUserPool,
  synthesizeUserPool,
  type ProvisionedPool,
} from '../../infra/local/user-pool-template';
import { ApiProblem, createApiClient } from '../../web/src/lib/api';
import {
  createCognitoUserClient,
  enrolmentTrouble,
  isMfaRequired,
  otpauthUri,
} from '../../web/src/lib/mfa-enrolment';
import { testEnvironment, uniqueSuffix } from '../support/environment';

/**
 * Issue 11, item 5: an admin refused for lack of TOTP enrols from the dashboard and is let in. The
 * dashboard's own modules run here against cognito-local and the real API: its API client sees the
 * 403 and recognises it, and its enrolment code (the same requests the browser sends) enrols the app.
 *
 * What cognito-local cannot prove (ADR 0008): that Cognito refuses these calls to a token without the
 * `aws.cognito.signin.user.admin` scope (the emulator does not check scopes; the infra test checks the
 * client grants it), CORS on the real endpoint, and the hosted UI asking for the code afterwards.
 */
const TEMPORARY_PASSWORD = 'Temporary-Pass-1';
const PASSWORD = 'Admin-Password-12!';
const suffix = uniqueSuffix();
const officeId = `bapas-mfa-${suffix}`;
const admin = {
  username: `admin.mfa-${suffix}`,
  fullName: 'Admin Enrol',
  email: `admin-mfa-${suffix}@example.invalid`,
};

const work = mkdtempSync(join(tmpdir(), 'abdi-mfa-enrolment-'));
const env = testEnvironment();
let emulator: CognitoLocal;
let pool: ProvisionedPool;
let cognito: CognitoIdentityProviderClient;
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  emulator = await startCognitoLocal({ dataDir: work, env: { CODE: TEMPORARY_PASSWORD } });
  cognito = new CognitoIdentityProviderClient({
    region: 'ap-southeast-3',
    endpoint: emulator.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const deployment = deployments[0];
  if (!deployment) throw new Error('no deployment configured');
  pool = await provisionUserPool(cognito, synthesizeUserPool(deployment), {
    pool: 'abdi-mfa-users',
    client: 'abdi-mfa-sign-in',
  });

  // The API as a deployment with the default requirement (admins and officers) wires it.
  const deps = createDependencies({
    ...env.config,
    userPoolId: pool.userPoolId,
    cognitoEndpoint: emulator.endpoint,
    mfaRequiredFor: ['admin', 'officer'],
  });
  const api = createApiHandler(deps, {
    logger: new Logger({ serviceName: 'abdi-test', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'AbdiTest', serviceName: 'abdi-test' }),
  }) as unknown as ApiLambda;
  const auth = createCognitoLocalAuth({
    cognito,
    endpoint: emulator.endpoint,
    userPoolId: pool.userPoolId,
    clientId: pool.clientId,
    fallback: {
      verify: () => Promise.reject(new Error('not a cognito-local token')),
    } as unknown as LocalAuth,
  });
  const webDir = mkdtempSync(join(tmpdir(), 'abdi-mfa-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Abdi</title>');
  server = createServer(createLocalRequestListener({ api, auth, webDir, webConfig: {} }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  await env.directory.putOffice({
    id: officeId,
    name: 'Bapas Uji MFA',
    class: 'II',
    timeZone: 'Asia/Makassar',
    regionId: `region-${suffix}`,
    address: 'Jl. Uji',
  });
  const provider = new CognitoIdentityProvider(cognito, pool.userPoolId);
  await provider.invite(admin);
  await provider.syncGroups(admin.username, ['admin']);
  await env.directory.putUser({ ...admin, status: 'active' }, [{ role: 'admin', officeId }]);
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  cognito?.destroy();
  await emulator?.stop();
});

/** The first sign-in with the emailed temporary password, then the person's own. */
async function firstSignIn(): Promise<string> {
  const started = await cognito.send(
    new InitiateAuthCommand({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: admin.username, PASSWORD: TEMPORARY_PASSWORD },
    }),
  );
  const done = await cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: pool.clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: started.Session,
      ChallengeResponses: { USERNAME: admin.username, NEW_PASSWORD: PASSWORD },
    }),
  );
  return String(done.AuthenticationResult?.AccessToken);
}

describe('enrolling an authenticator app from the dashboard (MFA required for admins)', () => {
  it('recognises the refusal, enrols with the dashboard’s requests, and the same person is let in', async () => {
    // Arrange: the dashboard's API client, as the session wires it.
    const token = await firstSignIn();
    const seen: ApiProblem[] = [];
    const api = createApiClient({
      baseUrl,
      getToken: () => token,
      onProblem: (problem) => seen.push(problem),
      fetch: globalThis.fetch.bind(globalThis),
    });
    const enrolment = createCognitoUserClient({
      endpoint: emulator.endpoint,
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
    const next = await cognito.send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: admin.username, PASSWORD },
      }),
    );
    expect(next.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });
});
