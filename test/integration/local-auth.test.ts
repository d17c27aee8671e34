import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, importJWK, SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalAuth,
  LOCAL_DASHBOARD_CLIENT,
  LOCAL_ISSUER,
  type LocalAuth,
} from '../../infra/local/local-auth';
import { LocalIdentityProvider } from '../../functions/store/local-identity-provider';
import { testEnvironment, uniqueSuffix } from '../support/environment';

const env = testEnvironment();
const keyFile = join(mkdtempSync(join(tmpdir(), 'abdi-key-')), 'key.json');
const username = `user-${uniqueSuffix()}`;
const machineClientId = `machine-${uniqueSuffix()}`;
let auth: LocalAuth;

beforeAll(async () => {
  auth = await createLocalAuth({ db: env.db, tableName: env.tableName, keyFile });
  await auth.setPassword(`user:${username}`, 'correct horse');
});

/** A token signed with local mode's own key, so only the claim under test is wrong. */
async function tokenWithLocalKey(
  claims: Record<string, unknown>,
  times: { iat?: number; exp: number | string },
) {
  const { privateJwk } = JSON.parse(readFileSync(keyFile, 'utf8'));
  return new SignJWT({ username, client_id: LOCAL_DASHBOARD_CLIENT, token_use: 'access', ...claims })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(LOCAL_ISSUER)
    .setIssuedAt(times.iat)
    .setExpirationTime(times.exp)
    .sign(await importJWK(privateJwk, 'ES256'));
}

/** A token signed by an attacker's own key, otherwise perfect. */
async function foreignToken(claims: Record<string, unknown> = {}) {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT({ username, client_id: LOCAL_DASHBOARD_CLIENT, token_use: 'access', ...claims })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(LOCAL_ISSUER)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}

describe('local sign-in', () => {
  it('issues a verifiable Cognito-shaped access token for the right password', async () => {
    const session = await auth.login(username, 'correct horse');

    expect(session?.expiresIn).toBe(3600);
    const claims = await auth.verify(session!.accessToken);
    expect(claims).toMatchObject({
      username,
      token_use: 'access',
      client_id: LOCAL_DASHBOARD_CLIENT,
      iss: LOCAL_ISSUER,
    });
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    expect(await auth.login(username, 'wrong')).toBeUndefined();
    expect(await auth.login(`nobody-${uniqueSuffix()}`, 'correct horse')).toBeUndefined();
  });

  it('refuses the password of a disabled person, as Cognito does', async () => {
    const person = `disabled-${uniqueSuffix()}`;
    await auth.setPassword(`user:${person}`, 'correct horse');
    const provider = new LocalIdentityProvider(env.db, env.tableName, () => new Date());

    await provider.setEnabled(person, false);
    const refused = await auth.login(person, 'correct horse');
    await provider.setEnabled(person, true);

    expect(refused).toBeUndefined();
    expect(await auth.login(person, 'correct horse')).toBeDefined();
  });

  it('keeps the signing key across restarts (tokens survive npm start restarts)', async () => {
    const session = await auth.login(username, 'correct horse');
    const restarted = await createLocalAuth({ db: env.db, tableName: env.tableName, keyFile });
    await expect(restarted.verify(session!.accessToken)).resolves.toMatchObject({ username });
  });
});

describe('token verification rejects what the cloud authorizer rejects', () => {
  it('rejects an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await tokenWithLocalKey({}, { iat: now - 7200, exp: now - 3600 });
    await expect(auth.verify(expired)).rejects.toThrow(/exp/);
  });

  it('rejects a token signed with another key', async () => {
    await expect(auth.verify(await foreignToken())).rejects.toThrow(/signature/);
  });

  it('rejects a token from another issuer', async () => {
    const session = await auth.login(username, 'correct horse');
    const [header, , signature] = session!.accessToken.split('.');
    const payload = Buffer.from(
      JSON.stringify({
        username,
        client_id: LOCAL_DASHBOARD_CLIENT,
        token_use: 'access',
        iss: 'evil',
        exp: 9e9,
      }),
    ).toString('base64url');
    await expect(auth.verify(`${header}.${payload}.${signature}`)).rejects.toThrow();
  });

  it('rejects a token that names no client', async () => {
    const token = await tokenWithLocalKey({ client_id: undefined }, { exp: '1h' });
    await expect(auth.verify(token)).rejects.toThrow(/client/);
  });

  it('accepts any client id of the issuer, as the cloud authorizer accepts any client of the pool', async () => {
    // Machine clients are made at runtime; the API's guard, not the token check, requires their record
    // (test/integration/integrations-api.test.ts shows such a token refused with 401).
    const token = await tokenWithLocalKey({ client_id: 'made-at-runtime' }, { exp: '1h' });
    await expect(auth.verify(token)).resolves.toMatchObject({ client_id: 'made-at-runtime' });
  });

  it('rejects alg: none', async () => {
    const unsigned = new UnsecuredJWT({ username, client_id: LOCAL_DASHBOARD_CLIENT, token_use: 'access' })
      .setIssuer(LOCAL_ISSUER)
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    await expect(auth.verify(unsigned)).rejects.toThrow();
  });

  it('rejects an HMAC token made with the public key as secret (algorithm confusion)', async () => {
    const { publicJwk } = JSON.parse(readFileSync(keyFile, 'utf8'));
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const token = await new SignJWT({ username, client_id: LOCAL_DASHBOARD_CLIENT, token_use: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(LOCAL_ISSUER)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret);
    await expect(auth.verify(token)).rejects.toThrow();
  });
});

describe('client credentials', () => {
  it('grants only the scopes stored for the client', async () => {
    const clientId = machineClientId;
    await auth.setPassword(`client:${clientId}`, 's3cret', ['cases:read']);

    const grant = await auth.clientCredentials(clientId, 's3cret', ['abdi/cases:read', 'abdi/cases:write']);
    expect(grant?.scope).toBe('abdi/cases:read');
    expect(await auth.clientCredentials(clientId, 'wrong')).toBeUndefined();
    // The token carries client_id and scope, not a username, just like Cognito's.
    const claims = await auth.verify(grant!.accessToken);
    expect(claims.username).toBeUndefined();
    expect(claims.client_id).toBe(clientId);
  });
});
