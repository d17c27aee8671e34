import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { importJWK, SignJWT } from 'jose';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalRequestListener, type ApiLambda } from '../../infra/local/http-adapter';
import { createLocalAuth, LOCAL_ISSUER } from '../../infra/local/local-auth';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { clientCredentialsToken } from '../support/local-tokens';

/**
 * Partner systems' machine clients end to end over HTTP, through local mode's adapter and token
 * endpoint exactly as a partner would use them: an admin creates a client, the partner gets a token
 * with the secret, calls what its offices and scopes allow; rotation kills the old secret and
 * revocation the token.
 */
const env = testEnvironment();
const keyFile = join(mkdtempSync(join(tmpdir(), 'abdi-int-key-')), 'key.json');
const webDir = mkdtempSync(join(tmpdir(), 'abdi-int-web-'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Abdi</title>');
const PASSWORD = 'integration-test-password';
let server: Server;
let base = '';
let world: Awaited<ReturnType<typeof seedDirectory>>;
let adminToken = '';
let otherAdminToken = '';

async function http(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function login(username: string) {
  const response = await http('POST', '/local/auth/login', { body: { username, password: PASSWORD } });
  expect(response.status).toBe(200);
  return String(response.body.accessToken);
}

const clientToken = (clientId: string, secret: string) => clientCredentialsToken(base, clientId, secret);

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  const auth = await createLocalAuth({ db: env.db, tableName: env.tableName, keyFile });
  for (const person of [world.people.admin, world.people.otherAdmin]) {
    await auth.setPassword(`user:${person}`, PASSWORD);
  }
  server = createServer(
    createLocalRequestListener({ api: env.handler as ApiLambda, auth, webDir, webConfig: {} }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  adminToken = await login(world.people.admin);
  otherAdminToken = await login(world.people.otherAdmin);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const integrations = () => `/v1/offices/${world.home}/integrations`;

async function createClient(body: Record<string, unknown>) {
  const response = await http('POST', integrations(), { token: adminToken, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { integration: { clientId: string; version: number }; clientSecret: string };
}

describe('a partner system with its own machine client', () => {
  it('gets a token with its secret and reaches only its office and scopes; rotation and revocation end access', async () => {
    // Prepare: the admin creates a read-only client for the office.
    const { integration, clientSecret } = await createClient({
      name: 'SIPP Kejari Palopo',
      scopes: ['cases:read'],
    });
    expect(integration).toMatchObject({
      name: 'SIPP Kejari Palopo',
      ownerOfficeId: world.home,
      offices: [world.home],
      scopes: ['cases:read'],
      status: 'active',
      createdBy: world.people.admin,
    });
    expect(clientSecret.length).toBeGreaterThanOrEqual(32);

    // Act: the partner's token, then its calls.
    const granted = await clientToken(integration.clientId, clientSecret);
    expect(granted.status).toBe(200);
    expect(granted.body.scope).toBe('abdi/cases:read');
    const token = String(granted.body.access_token);

    // Assess: within its office and scope 200; another office 404; another scope 403.
    expect((await http('GET', `/v1/offices/${world.home}/cases`, { token })).status).toBe(200);
    expect((await http('GET', `/v1/offices/${world.other}/cases`, { token })).status).toBe(404);
    expect((await http('POST', `/v1/offices/${world.home}/cases`, { token, body: {} })).status).toBe(403);
    // Nor can it manage clients: that is an admin's.
    expect((await http('GET', integrations(), { token })).status).toBe(403);

    // Rotate: the old secret is refused at the token endpoint, the new one works.
    const rotated = await http('POST', `${integrations()}/${integration.clientId}/rotate`, {
      token: adminToken,
    });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    expect(rotated.body.integration.rotatedAt).toEqual(expect.any(String));
    expect(rotated.body.clientSecret).not.toBe(clientSecret);
    expect((await clientToken(integration.clientId, clientSecret)).status).toBe(401);
    const renewed = await clientToken(integration.clientId, String(rotated.body.clientSecret));
    expect(renewed.status).toBe(200);

    // Revoke: the token it holds is refused at once, and no new one can be had.
    const revoked = await http('POST', `${integrations()}/${integration.clientId}/revoke`, {
      token: adminToken,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect(
      (await http('GET', `/v1/offices/${world.home}/cases`, { token: String(renewed.body.access_token) }))
        .status,
    ).toBe(401);
    expect((await clientToken(integration.clientId, String(rotated.body.clientSecret))).status).toBe(401);
    // A revoked client gets no new secret; revoking again changes nothing.
    expect(
      (await http('POST', `${integrations()}/${integration.clientId}/rotate`, { token: adminToken })).status,
    ).toBe(409);
    const again = await http('POST', `${integrations()}/${integration.clientId}/revoke`, {
      token: adminToken,
    });
    expect(again.body.version).toBe(revoked.body.version);
  });

  it('a write scope reaches the write routes', async () => {
    const { integration, clientSecret } = await createClient({
      name: 'SIMPEG Pemda',
      scopes: ['cases:read', 'cases:write'],
    });
    const token = String((await clientToken(integration.clientId, clientSecret)).body.access_token);

    // An empty body passes the guard and fails validation: 400, not 403.
    expect((await http('POST', `/v1/offices/${world.home}/cases`, { token, body: {} })).status).toBe(400);
  });

  it('serves another office only if the admin administers it too', async () => {
    // Refused: the home admin does not administer the neighbouring office.
    const refused = await http('POST', integrations(), {
      token: adminToken,
      body: { name: 'Kejati Sulsel', scopes: ['cases:read'], offices: [world.home, world.other] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ rule: 'INT-OFFICES', path: 'offices.1' }),
    ]);

    // Allowed: an admin of both offices.
    const both = `admin-both-${uniqueSuffix()}`;
    await env.directory.putUser(
      { username: both, fullName: 'Admin of two', email: `${both}@example.invalid`, status: 'active' },
      [
        { role: 'admin', officeId: world.home },
        { role: 'admin', officeId: world.other },
      ],
    );
    const auth = await createLocalAuth({ db: env.db, tableName: env.tableName, keyFile });
    await auth.setPassword(`user:${both}`, PASSWORD);
    const created = await http('POST', integrations(), {
      token: await login(both),
      body: { name: 'Kejati Sulsel', scopes: ['cases:read'], offices: [world.home, world.other] },
    });
    expect(created.status).toBe(201);
    const { clientId } = created.body.integration;
    const token = String((await clientToken(clientId, created.body.clientSecret)).body.access_token);
    expect((await http('GET', `/v1/offices/${world.other}/cases`, { token })).status).toBe(200);
    // Listed in both offices; managed only from its own.
    const listed = await http('GET', `/v1/offices/${world.other}/integrations`, { token: otherAdminToken });
    expect(listed.body.items.map((i: { clientId: string }) => i.clientId)).toContain(clientId);
    expect(
      (
        await http('POST', `/v1/offices/${world.other}/integrations/${clientId}/revoke`, {
          token: otherAdminToken,
        })
      ).status,
    ).toBe(404);
  });

  it("is invisible to another office's admin", async () => {
    const { integration } = await createClient({ name: 'Only home', scopes: ['cases:read'] });
    const path = `${integrations()}/${integration.clientId}`;

    expect((await http('GET', path, { token: otherAdminToken })).status).toBe(404);
    expect((await http('POST', `${path}/rotate`, { token: otherAdminToken })).status).toBe(404);
    const mine = await http('GET', `/v1/offices/${world.other}/integrations`, { token: otherAdminToken });
    expect(mine.body.items.map((i: { clientId: string }) => i.clientId)).not.toContain(integration.clientId);
  });

  it('keeps no secret in plain text: not in the credential, the record, the audit log or a replay', async () => {
    const { integration, clientSecret } = await createClient({
      name: 'Secret keeper',
      scopes: ['cases:read'],
    });
    const replayKey = `k-${uniqueSuffix()}`;
    const rotated = await http('POST', `${integrations()}/${integration.clientId}/rotate`, {
      token: adminToken,
      headers: { 'idempotency-key': replayKey },
    });
    const replayed = await http('POST', `${integrations()}/${integration.clientId}/rotate`, {
      token: adminToken,
      headers: { 'idempotency-key': replayKey },
    });
    // A repeated rotation is a new rotation, never a stored answer with the old secret in it.
    expect(replayed.body.clientSecret).not.toBe(rotated.body.clientSecret);

    const partition = async (pk: string) =>
      (
        await env.db.send(
          new QueryCommand({
            TableName: env.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
          }),
        )
      ).Items ?? [];
    const stored = JSON.stringify([
      ...(await partition(`LOCALCRED#client:${integration.clientId}`)),
      ...(await partition(`CLIENT#${integration.clientId}`)),
      ...(await partition(`O#${world.home}#AUDIT#integration#${integration.clientId}`)),
    ]);
    for (const secret of [clientSecret, rotated.body.clientSecret, replayed.body.clientSecret]) {
      expect(stored).not.toContain(secret);
    }
    const audit = await partition(`O#${world.home}#AUDIT#integration#${integration.clientId}`);
    expect(audit.map((a) => a.action).sort()).toEqual([
      'integration.create',
      'integration.rotate',
      'integration.rotate',
    ]);
    const credential = await env.db.send(
      new GetCommand({
        TableName: env.tableName,
        Key: { pk: `LOCALCRED#client:${integration.clientId}`, sk: 'CREDENTIAL' },
      }),
    );
    expect(credential.Item).toMatchObject({
      hash: expect.any(String),
      salt: expect.any(String),
      scopes: ['cases:read'],
    });
  });

  it('a token of a client Abdi has no record of is refused (401), though signed by the issuer', async () => {
    const { privateJwk } = JSON.parse(readFileSync(keyFile, 'utf8'));
    const forged = await new SignJWT({
      client_id: `unknown-${uniqueSuffix()}`,
      token_use: 'access',
      scope: 'abdi/cases:read',
    })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(LOCAL_ISSUER)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(await importJWK(privateJwk, 'ES256'));

    expect((await http('GET', `/v1/offices/${world.home}/cases`, { token: forged })).status).toBe(401);
  });
});
