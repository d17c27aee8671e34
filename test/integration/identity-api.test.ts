import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, clientClaims, userClaims } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';

const env = testEnvironment();
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
});

describe('GET /health', () => {
  it('answers without a token and without touching the store', async () => {
    const response = await call('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
    expect(response.headers['strict-transport-security']).toContain('max-age=');
  });
});

describe('GET /v1/me', () => {
  it('returns the officer with the role and office from the server records', async () => {
    const response = await call('GET', '/v1/me', { claims: world.claims.officer });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      kind: 'user',
      username: world.people.officer,
      fullName: `Name of ${world.people.officer}`,
      roles: [{ role: 'officer', officeId: world.home }],
      offices: [{ id: world.home, name: `Bapas ${world.home}`, timeZone: 'Asia/Makassar' }],
    });
  });

  it('expands a regional (Kanwil) grant to every office of the region', async () => {
    const response = await call('GET', '/v1/me', { claims: world.claims.regional });

    expect(response.status).toBe(200);
    const officeIds = response.body.offices.map((o: { id: string }) => o.id).sort();
    expect(officeIds).toEqual([world.home, world.other].sort());
    expect(response.body.roles).toHaveLength(2);
    // Each names the region, for the region routes (`/v1/regions/{regionId}/summary`).
    expect(response.body.roles.map((r: { regionId?: string }) => r.regionId)).toEqual([
      world.regionId,
      world.regionId,
    ]);
  });

  it('keeps only the scopes the server granted a machine client', async () => {
    const response = await call('GET', '/v1/me', { claims: world.claims.integration });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ kind: 'client', clientId: world.clientId, scopes: ['cases:read'] });
  });

  it('refuses a request without verified claims with 401 problem+json', async () => {
    const response = await call('GET', '/v1/me');

    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body).toMatchObject({ status: 401, title: 'Unauthenticated' });
  });

  it('refuses a valid token for a person Abdi does not know', async () => {
    const response = await call('GET', '/v1/me', { claims: userClaims(`ghost-${uniqueSuffix()}`) });
    expect(response.status).toBe(401);
  });

  it('refuses an id token (only access tokens are accepted)', async () => {
    const response = await call('GET', '/v1/me', { claims: { ...world.claims.officer, token_use: 'id' } });
    expect(response.status).toBe(401);
  });
});

describe('GET /v1/offices/{officeId}', () => {
  it('returns the own office', async () => {
    const response = await call('GET', `/v1/offices/${world.home}`, { claims: world.claims.admin });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: world.home, class: 'II', regionId: world.regionId });
  });

  it("answers 404 for another office's record, exactly as for one that does not exist", async () => {
    const other = await call('GET', `/v1/offices/${world.other}`, { claims: world.claims.admin });
    const missing = await call('GET', `/v1/offices/nowhere-${uniqueSuffix()}`, {
      claims: world.claims.admin,
    });

    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.body).toEqual(missing.body);
  });

  it('lets a machine client with cases:read read, and refuses one without it', async () => {
    const withScope = await call('GET', `/v1/offices/${world.home}`, { claims: world.claims.integration });
    const withoutScope = await call('GET', `/v1/offices/${world.home}`, {
      claims: clientClaims(world.clientId, ['evidence:write']),
    });

    expect(withScope.status).toBe(200);
    expect(withoutScope.status).toBe(403);
    expect(withoutScope.body.detail).toContain('cases:read');
  });
});

describe('unknown routes and bad paths', () => {
  it('answers 404 problem+json for an unknown route', async () => {
    const response = await call('GET', '/v1/nothing-here', { claims: world.claims.admin });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
  });
});
