import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizer, UNAUTHORIZED } from '../../functions/authorizer/authorize';
import { buildHttpApiEvent } from '../../infra/local/api-gateway-event';
import { apiCaller } from '../support/api';
import { newPartner } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';

/**
 * The cloud's Lambda authorizer with the real aws-jwt-verify against tokens shaped and signed as
 * Cognito's (the pool's JWKS is preloaded: there is no Cognito here), and its context fed to the real
 * API handler over DynamoDB Local, as API Gateway would. What this cannot prove: that API Gateway maps
 * the thrown "Unauthorized" to 401 and passes the context through as `requestContext.authorizer.lambda`
 * (AWS's documented behaviour, checked on a deployment).
 */
const POOL = 'ap-southeast-3_AbdiTest1';
const ISSUER = `https://cognito-idp.ap-southeast-3.amazonaws.com/${POOL}`;
const env = testEnvironment();
const call = apiCaller(env.handler);
const context = {
  functionName: 'abdi-test-api',
  awsRequestId: 'test',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;
let world: Awaited<ReturnType<typeof seedDirectory>>;
let poolKey: CryptoKey;
const refusals: string[] = [];
let authorize: ReturnType<typeof createAuthorizer>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  const pair = await generateKeyPair('RS256', { extractable: true });
  poolKey = pair.privateKey;
  const verifier = CognitoJwtVerifier.create({ userPoolId: POOL, tokenUse: 'access', clientId: null });
  verifier.cacheJwks({
    keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'pool-key', alg: 'RS256', use: 'sig' }] as never,
  });
  authorize = createAuthorizer(verifier, { onRefused: (reason) => refusals.push(reason) });
});

/** An access token as Cognito issues it; `overrides` break one thing at a time. */
async function cognitoToken(
  claims: Record<string, unknown>,
  overrides: { key?: CryptoKey; issuer?: string; exp?: string | number } = {},
) {
  return new SignJWT({ token_use: 'access', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'pool-key' })
    .setIssuer(overrides.issuer ?? ISSUER)
    .setIssuedAt()
    .setExpirationTime(overrides.exp ?? '1h')
    .sign(overrides.key ?? poolKey);
}

/** The API handler called as API Gateway calls it behind the Lambda authorizer. */
async function callBehindAuthorizer(
  token: string,
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const authorized = await authorize({ identitySource: [`Bearer ${token}`] });
  const event = buildHttpApiEvent({
    method,
    url,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  (event.requestContext as unknown as Record<string, unknown>).authorizer = { lambda: authorized.context };
  const result = (await env.handler(event as never, context)) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode, body: result.body ? JSON.parse(result.body) : undefined };
}

describe('the Lambda authorizer', () => {
  it('accepts a machine client made at runtime, and the guard refuses it once revoked', async () => {
    // Prepare: an admin creates the client through the API (no redeploy, no audience list).
    const created = await call('POST', `/v1/offices/${world.home}/integrations`, {
      claims: world.claims.admin,
      body: { name: 'SIPP Kejari', scopes: ['cases:read'] },
    });
    expect(created.status).toBe(201);
    const { clientId } = created.body.integration;
    const token = await cognitoToken({ sub: clientId, client_id: clientId, scope: 'abdi/cases:read' });

    // Act / Assess
    expect((await callBehindAuthorizer(token, 'GET', `/v1/offices/${world.home}/cases`)).status).toBe(200);
    expect((await callBehindAuthorizer(token, 'GET', `/v1/offices/${world.other}/cases`)).status).toBe(404);
    await call('POST', `/v1/offices/${world.home}/integrations/${clientId}/revoke`, {
      claims: world.claims.admin,
    });
    // The token still verifies (Cognito cannot recall it), but Abdi's record now refuses it.
    expect((await callBehindAuthorizer(token, 'GET', `/v1/offices/${world.home}/cases`)).status).toBe(401);
  });

  it("hands a person's claims over as the handler reads them", async () => {
    const token = await cognitoToken({
      sub: 'sub-admin',
      username: world.people.admin,
      client_id: 'dashboard-client',
      'cognito:groups': ['admin'],
      scope: 'openid email',
    });

    const authorized = await authorize({ identitySource: [`Bearer ${token}`] });
    expect(authorized.context).toMatchObject({
      username: world.people.admin,
      client_id: 'dashboard-client',
      token_use: 'access',
      'cognito:groups': 'admin',
    });
    expect((await callBehindAuthorizer(token, 'GET', '/v1/me')).status).toBe(200);
  });

  it('scopes Idempotency-Key replays to the subject the authorizer verified', async () => {
    // Two admins of the same office send the same key and body: the second must not get the first's answer.
    const second = `admin2-${uniqueSuffix()}`;
    await env.directory.putUser(
      { username: second, fullName: 'Second admin', email: `${second}@example.invalid`, status: 'active' },
      [{ role: 'admin', officeId: world.home }],
    );
    const body = newPartner();
    const headers = { 'idempotency-key': `same-${uniqueSuffix()}` };
    const url = `/v1/offices/${world.home}/partners`;

    const first = await callBehindAuthorizer(
      await cognitoToken({ sub: 'sub-1', username: world.people.admin, client_id: 'd' }),
      'POST',
      url,
      { body, headers },
    );
    const other = await callBehindAuthorizer(
      await cognitoToken({ sub: 'sub-2', username: second, client_id: 'd' }),
      'POST',
      url,
      { body, headers },
    );

    expect([first.status, other.status]).toEqual([201, 201]);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it.each([
    ['an expired token', () => cognitoToken({ client_id: 'c' }, { exp: Math.floor(Date.now() / 1000) - 60 })],
    [
      'a token of another user pool',
      () => cognitoToken({ client_id: 'c' }, { issuer: ISSUER.replace('AbdiTest1', 'Other1') }),
    ],
    ['an ID token', () => cognitoToken({ client_id: 'c', token_use: 'id' })],
    ['a token without a client', () => cognitoToken({ sub: 's' })],
    [
      'a token signed by another key',
      async () => cognitoToken({ client_id: 'c' }, { key: (await generateKeyPair('RS256')).privateKey }),
    ],
  ])('refuses %s with 401 (throws "Unauthorized")', async (_name, make) => {
    const token = await make();
    await expect(authorize({ identitySource: [`Bearer ${token}`] })).rejects.toThrow(UNAUTHORIZED);
  });

  it('refuses a header that is not a bearer token, and logs no token', async () => {
    refusals.length = 0;
    await expect(authorize({ identitySource: ['Basic dXNlcjpwYXNz'] })).rejects.toThrow(UNAUTHORIZED);
    await expect(authorize({ identitySource: [] })).rejects.toThrow(UNAUTHORIZED);
    expect(refusals).toEqual(['no bearer token', 'no bearer token']);
  });
});
