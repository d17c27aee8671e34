import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, userClaims } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { patch } from '../support/requests';

const env = testEnvironment();
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
const users = () => `/v1/offices/${world.home}/users`;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
});

const newPerson = (overrides: Record<string, unknown> = {}) => ({
  username: `pk.${uniqueSuffix()}`,
  email: 'new.pk@example.invalid',
  fullName: 'Nur Aisyah',
  roles: ['officer'],
  ...overrides,
});

describe('inviting people (POST /users)', () => {
  it('creates a pending member with a one-time set-password link in local mode; the roles apply once the person accepts', async () => {
    const person = newPerson();

    const created = await call('POST', users(), { claims: world.claims.admin, body: person });

    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body.user).toMatchObject({
      username: person.username,
      fullName: person.fullName,
      email: person.email,
      roles: ['officer'],
      status: 'pending',
    });
    expect(created.body.invitation).toMatchObject({ delivery: 'link' });
    expect(created.body.invitation.setPasswordUrl).toMatch(/^\/set-password\?token=[\w-]{20,}$/);
    const before = await call('GET', '/v1/me', { claims: userClaims(person.username) });
    expect(before.body.roles).toEqual([]);
    expect(before.body.invitations).toEqual([
      expect.objectContaining({
        officeId: world.home,
        officeName: `Bapas ${world.home}`,
        roles: ['officer'],
      }),
    ]);

    const accepted = await call('POST', `/v1/me/invitations/${world.home}/accept`, {
      claims: userClaims(person.username),
    });
    const after = await call('GET', '/v1/me', { claims: userClaims(person.username) });

    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({
      officeId: world.home,
      status: 'active',
      roles: ['officer'],
      siteIds: [],
    });
    expect(after.body.roles).toEqual([{ role: 'officer', officeId: world.home }]);
    expect(after.body.invitations).toEqual([]);
  });

  it('names each invalid field in problem+json', async () => {
    const response = await call('POST', users(), {
      claims: world.claims.admin,
      body: { username: 'X', email: 'not-an-email', fullName: '', roles: ['regional'] },
    });

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    const paths = response.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['email', 'fullName', 'roles.0', 'username']);
  });

  it('requires work sites for a supervisor', async () => {
    const response = await call('POST', users(), {
      claims: world.claims.admin,
      body: newPerson({ roles: ['supervisor'] }),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: 'siteIds', message: 'A supervisor needs at least one work site.' },
    ]);
  });

  it('refuses a second membership of the same person in the same office with 409', async () => {
    const person = newPerson();
    await call('POST', users(), { claims: world.claims.admin, body: person });
    const again = await call('POST', users(), { claims: world.claims.admin, body: person });
    expect(again.status).toBe(409);
  });

  it('is for admins only: an officer gets 403, another office 404', async () => {
    const officer = await call('POST', users(), { claims: world.claims.officer, body: newPerson() });
    const stranger = await call('POST', users(), { claims: world.claims.otherAdmin, body: newPerson() });
    expect(officer.status).toBe(403);
    expect(stranger.status).toBe(404);
  });

  it('takes role and office from the path and records, never from the body', async () => {
    const response = await call('POST', users(), {
      claims: world.claims.admin,
      body: { ...newPerson(), officeId: world.other },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toMatch(/unrecognized key/i);
  });
});

describe('listing, changing and disabling people', () => {
  it('lists the office members in pages with a signed cursor', async () => {
    const first = await call('GET', `${users()}?limit=2`, { claims: world.claims.admin });

    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call('GET', `${users()}?limit=2&cursor=${first.body.nextCursor}`, {
      claims: world.claims.admin,
    });
    expect(second.status).toBe(200);
    const names = [...first.body.items, ...second.body.items].map((u: { username: string }) => u.username);
    expect(new Set(names).size).toBe(names.length);
  });

  it("lists people only: the office's machine client is not a member", async () => {
    const all = await call('GET', `${users()}?limit=100`, { claims: world.claims.admin });
    const roles = all.body.items.flatMap((u: { roles: string[] }) => u.roles);
    expect(roles).not.toContain('integration');
    expect(all.body.items.every((u: { username?: string }) => typeof u.username === 'string')).toBe(true);
  });

  it('refuses an edited cursor and a cursor from another office with 400', async () => {
    const first = await call('GET', `${users()}?limit=1`, { claims: world.claims.admin });
    const [payload, signature] = first.body.nextCursor.split('.');
    const edited = `${payload.slice(0, -2)}AA.${signature}`;

    const tampered = await call('GET', `${users()}?cursor=${edited}`, { claims: world.claims.admin });
    const elsewhere = await call('GET', `/v1/offices/${world.other}/users?cursor=${first.body.nextCursor}`, {
      claims: world.claims.otherAdmin,
    });

    expect(tampered.status).toBe(400);
    expect(tampered.body.errors[0].path).toBe('query.cursor');
    expect(elsewhere.status).toBe(400);
  });

  it('refuses a limit over 100', async () => {
    const response = await call('GET', `${users()}?limit=101`, { claims: world.claims.admin });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('query.limit');
  });

  it('changes roles with If-Match: 428 without, 412 when stale, 200 with the current ETag', async () => {
    const person = newPerson();
    await call('POST', users(), { claims: world.claims.admin, body: person });
    const url = `${users()}/${person.username}`;

    const missing = await patch(call, url, world.claims.admin, { roles: ['prosecutor'] });
    const stale = await patch(call, url, world.claims.admin, { roles: ['prosecutor'] }, 7);
    const fresh = await patch(
      call,
      url,
      world.claims.admin,
      { roles: ['officer', 'supervisor'], siteIds: [world.siteId] },
      1,
    );

    expect(missing.status).toBe(428);
    expect(stale.status).toBe(412);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.etag).toBe('"2"');
    expect(fresh.body).toMatchObject({ roles: ['officer', 'supervisor'], siteIds: [world.siteId] });
  });

  it('disables a member, keeps the record, and the person loses access at once', async () => {
    const person = newPerson();
    await call('POST', users(), { claims: world.claims.admin, body: person });
    const url = `${users()}/${person.username}`;

    const disabled = await call('DELETE', url, {
      claims: world.claims.admin,
      headers: { 'if-match': '"1"' },
    });
    const kept = await call('GET', url, { claims: world.claims.admin });
    const me = await call('GET', '/v1/me', { claims: userClaims(person.username) });

    expect(disabled.status).toBe(200);
    expect(kept.body.status).toBe('disabled');
    expect(me.status).toBe(401);
  });

  it('does not let an admin disable their own account', async () => {
    const self = await call('GET', `${users()}/${world.people.admin}`, { claims: world.claims.admin });
    const response = await call('DELETE', `${users()}/${world.people.admin}`, {
      claims: world.claims.admin,
      headers: { 'if-match': self.headers.etag! },
    });
    expect(response.status).toBe(409);
  });

  it('answers 404 for a person of another office', async () => {
    const response = await call('GET', `${users()}/${world.people.otherAdmin}`, {
      claims: world.claims.admin,
    });
    expect(response.status).toBe(404);
  });
});

describe('Idempotency-Key on POST', () => {
  it('replays the first response to a retry and writes nothing more', async () => {
    const person = newPerson();
    const key = `key-${uniqueSuffix()}`;
    const send = (body: unknown) =>
      call('POST', users(), { claims: world.claims.admin, body, headers: { 'idempotency-key': key } });

    const first = await send(person);
    const retry = await send(person);

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const audit = await env.db.send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `O#${world.home}#AUDIT#user#${person.username}` },
      }),
    );
    expect(audit.Items).toHaveLength(1);
  });

  it('refuses the same key with a different body (422)', async () => {
    const key = `key-${uniqueSuffix()}`;
    const send = (body: unknown) =>
      call('POST', users(), { claims: world.claims.admin, body, headers: { 'idempotency-key': key } });

    expect((await send(newPerson())).status).toBe(201);
    const reused = await send(newPerson());

    expect(reused.status).toBe(422);
    expect(reused.body.errors[0].path).toBe('headers.idempotency-key');
  });

  it('does not let one caller replay the response stored for another', async () => {
    const key = `key-${uniqueSuffix()}`;
    const person = newPerson();
    await call('POST', users(), {
      claims: world.claims.admin,
      body: person,
      headers: { 'idempotency-key': key },
    });
    const otherCaller = await call('POST', `/v1/offices/${world.other}/users`, {
      claims: world.claims.otherAdmin,
      body: person,
      headers: { 'idempotency-key': key },
    });
    expect(otherCaller.status).toBe(201);
    expect(otherCaller.body.user.username).toBe(person.username);
  });
});
