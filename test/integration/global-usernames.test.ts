import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { inviteMember } from '../../functions/actions/users/invite-member';
import type { IdentityProvider } from '../../functions/identity/identity-provider';
import { LocalIdentityProvider } from '../../functions/store/local-identity-provider';
import { createLocalAuth, type LocalAuth } from '../../infra/local/local-auth';
import { apiCaller, clientClaims, userClaims } from '../support/api';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';

/**
 * Issue 11, item 1: usernames are global. An admin of one office (`other`, "Makassar") invites the
 * username of a person of another (`home`, "Palopo"): nothing of that person's account changes, the
 * answer and the member list show only what the inviter typed, and the membership stays pending, granting
 * nothing, until the person accepts it. Driven through the API as the dashboard drives it; the set-password
 * link is redeemed by local mode's own auth, as `POST /local/auth/set-password` does.
 */
const env = testEnvironment();
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let auth: LocalAuth;

const invite = (officeId: string, claims: Record<string, unknown>, body: Record<string, unknown>) =>
  call('POST', `/v1/offices/${officeId}/users`, { claims, body });
const typed = (username: string) => ({
  username,
  email: 'typed.by.makassar@example.invalid',
  fullName: 'Typed By Makassar',
  roles: ['admin'],
});
const tokenOf = (setPasswordUrl: string) => new URL(setPasswordUrl, 'http://x').searchParams.get('token')!;
const answer = (username: string, officeId: string, verb: 'accept' | 'decline') =>
  call('POST', `/v1/me/invitations/${officeId}/${verb}`, { claims: userClaims(username) });

/** A person of `home` with the seed's profile (name and email the other office must never see). */
async function palopoPerson(role: 'admin' | 'officer' = 'officer') {
  const username = `palopo.${uniqueSuffix()}`;
  await env.directory.putUser(
    { username, fullName: `Secret Name ${username}`, email: `${username}@palopo.invalid`, status: 'active' },
    [{ role, officeId: world.home }],
  );
  return username;
}

/** Every key path of a JSON value, so two answers can be compared by shape. */
function shapeOf(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return [`${path}[]`, ...value.flatMap((v) => shapeOf(v, `${path}[]`))];
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .flatMap(([k, v]) => [`${path}.${k}`, ...shapeOf(v, `${path}.${k}`)])
      .sort();
  }
  return [];
}

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  auth = await createLocalAuth({
    db: env.db,
    tableName: env.tableName,
    keyFile: join(mkdtempSync(join(tmpdir(), 'abdi-key-')), 'key.json'),
  });
});

describe('USER-GLOBAL-USERNAME: inviting a username another office has', () => {
  it("cannot take over the account: the link sets no password and the person's own still works", async () => {
    const victim = await palopoPerson('admin');
    await auth.setPassword(`user:${victim}`, 'palopo-original-pw');

    const response = await invite(world.other, world.claims.otherAdmin, typed(victim));
    const redeemed = await auth.redeemInvitation(
      tokenOf(response.body.invitation.setPasswordUrl),
      'makassar-took-it',
    );

    expect(response.status).toBe(201);
    expect(redeemed).toBeUndefined();
    expect(await auth.login(victim, 'makassar-took-it')).toBeUndefined();
    expect(await auth.login(victim, 'palopo-original-pw')).toBeDefined();
  });

  it('answers exactly as for a new person: same status, same shape, only what the inviter typed', async () => {
    const existing = await palopoPerson();
    const fresh = `new.${uniqueSuffix()}`;

    const forExisting = await invite(world.other, world.claims.otherAdmin, typed(existing));
    const forNew = await invite(world.other, world.claims.otherAdmin, typed(fresh));

    expect(forExisting.status).toBe(forNew.status);
    expect(forExisting.headers.etag).toBe(forNew.headers.etag);
    expect(shapeOf(forExisting.body)).toEqual(shapeOf(forNew.body));
    const { username: _a, ...userOfExisting } = forExisting.body.user;
    const { username: _b, ...userOfNew } = forNew.body.user;
    expect(userOfExisting).toEqual(userOfNew);
    expect(userOfExisting).toMatchObject({
      fullName: 'Typed By Makassar',
      email: 'typed.by.makassar@example.invalid',
      status: 'pending',
    });
    expect(JSON.stringify(forExisting.body)).not.toMatch(/Secret Name|palopo\.invalid/);
  });

  it("keeps the other office's profile out of the inviting office's member list and member record", async () => {
    const existing = await palopoPerson();
    await invite(world.other, world.claims.otherAdmin, typed(existing));

    const list = await call('GET', `/v1/offices/${world.other}/users?limit=100`, {
      claims: world.claims.otherAdmin,
    });
    const one = await call('GET', `/v1/offices/${world.other}/users/${existing}`, {
      claims: world.claims.otherAdmin,
    });

    const row = list.body.items.find((u: { username: string }) => u.username === existing);
    expect(row).toMatchObject({ fullName: 'Typed By Makassar', status: 'pending' });
    expect(one.body).toEqual(row);
    expect(JSON.stringify(list.body)).not.toMatch(/Secret Name|palopo\.invalid/);
  });

  it('gives a person invited by one office who has no password yet to nobody else: only the first link works', async () => {
    const person = `twice.${uniqueSuffix()}`;
    const first = await invite(world.home, world.claims.admin, { ...typed(person), roles: ['officer'] });
    const second = await invite(world.other, world.claims.otherAdmin, typed(person));

    expect(second.status).toBe(201);
    expect(await auth.redeemInvitation(tokenOf(second.body.invitation.setPasswordUrl), 'other-pw-1234')).toBe(
      undefined,
    );
    expect(await auth.redeemInvitation(tokenOf(first.body.invitation.setPasswordUrl), 'own-pw-12345')).toBe(
      person,
    );
    expect(await auth.login(person, 'own-pw-12345')).toBeDefined();
  });

  it('defense in depth: a set-password link never replaces a password an account already has', async () => {
    const person = await palopoPerson();
    await auth.setPassword(`user:${person}`, 'first-password-1');
    // A real link, as an older release would have issued for an existing account.
    const link = await new LocalIdentityProvider(env.db, env.tableName, () => new Date()).invite({
      username: person,
    });

    expect(await auth.redeemInvitation(tokenOf(link.setPasswordUrl!), 'replaced-password')).toBeUndefined();
    expect(await auth.login(person, 'first-password-1')).toBeDefined();
  });

  it('in the cloud, an existing person gets no Cognito invitation and the inviter the same answer', async () => {
    const invited: string[] = [];
    const cognito: IdentityProvider = {
      invite: async (user) => {
        invited.push(user.username);
        return { delivery: 'email' };
      },
      syncGroups: async () => {},
      setEnabled: async () => {},
    };
    const ports = { ...env.deps, identityProvider: cognito, invitationDelivery: 'email' as const };
    const office = (await env.directory.getOffice(world.other))!;
    const principal = (await env.directory.resolvePrincipal({
      kind: 'user',
      username: world.people.otherAdmin,
    }))!;
    const grant = { principal, office, roles: ['admin' as const] };
    const existing = await palopoPerson();
    const fresh = `cloud.${uniqueSuffix()}`;

    const a = await inviteMember(ports, grant, { ...typed(existing), roles: ['officer'] });
    const b = await inviteMember(ports, grant, { ...typed(fresh), roles: ['officer'] });

    expect(invited).toEqual([fresh]);
    expect(a.invitation).toEqual(b.invitation);
    expect({ ...a.user, username: '' }).toEqual({ ...b.user, username: '' });
  });
});

describe('USER-PENDING-MEMBERSHIP: an invitation grants nothing until the person accepts it', () => {
  it('the guard ignores a pending membership; accepting it opens the office from the next request', async () => {
    const person = await palopoPerson();
    await invite(world.other, world.claims.otherAdmin, { ...typed(person), roles: ['officer'] });

    const whilePending = await call('GET', `/v1/offices/${world.other}`, { claims: userClaims(person) });
    const casesWhilePending = await call('GET', `/v1/offices/${world.other}/cases`, {
      claims: userClaims(person),
    });
    const me = await call('GET', '/v1/me', { claims: userClaims(person) });
    const accepted = await answer(person, world.other, 'accept');
    const afterwards = await call('GET', `/v1/offices/${world.other}`, { claims: userClaims(person) });
    const meAfter = await call('GET', '/v1/me', { claims: userClaims(person) });

    expect(whilePending.status).toBe(404);
    expect(casesWhilePending.status).toBe(404);
    expect(me.body.roles).toEqual([{ role: 'officer', officeId: world.home }]);
    expect(me.body.offices.map((o: { id: string }) => o.id)).toEqual([world.home]);
    expect(me.body.invitations).toEqual([
      expect.objectContaining({
        officeId: world.other,
        officeName: `Bapas ${world.other}`,
        roles: ['officer'],
      }),
    ]);
    expect(accepted.status).toBe(200);
    expect(afterwards.status).toBe(200);
    expect(meAfter.body.roles).toContainEqual({ role: 'officer', officeId: world.other });
    expect(meAfter.body.invitations).toEqual([]);
  });

  it('a declined invitation grants nothing, the office sees it declined, and it cannot be accepted later', async () => {
    const person = await palopoPerson();
    await invite(world.other, world.claims.otherAdmin, { ...typed(person), roles: ['officer'] });

    const declined = await answer(person, world.other, 'decline');
    const office = await call('GET', `/v1/offices/${world.other}`, { claims: userClaims(person) });
    const row = await call('GET', `/v1/offices/${world.other}/users/${person}`, {
      claims: world.claims.otherAdmin,
    });
    const lateAccept = await answer(person, world.other, 'accept');

    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('declined');
    expect(office.status).toBe(404);
    expect(row.body.status).toBe('declined');
    expect(lateAccept.status).toBe(409);
    expect(lateAccept.body.errors[0].rule).toBe('USER-PENDING-MEMBERSHIP');
  });

  it('a withdrawn invitation cannot be accepted, and withdrawing it leaves the person their own office', async () => {
    const person = await palopoPerson();
    await invite(world.other, world.claims.otherAdmin, { ...typed(person), roles: ['officer'] });

    const withdrawn = await call('DELETE', `/v1/offices/${world.other}/users/${person}`, {
      claims: world.claims.otherAdmin,
      headers: { 'if-match': '"1"' },
    });
    const accept = await answer(person, world.other, 'accept');
    const own = await call('GET', `/v1/offices/${world.home}`, { claims: userClaims(person) });

    expect(withdrawn.status).toBe(200);
    expect(accept.status).toBe(409);
    expect(own.status).toBe(200);
  });

  it('answers 404 without an invitation (another office, a machine client) and 409 for an office already joined', async () => {
    const person = await palopoPerson();

    const none = await answer(person, world.other, 'accept');
    const own = await answer(person, world.home, 'accept');
    const client = await call('POST', `/v1/me/invitations/${world.home}/accept`, {
      claims: clientClaims(world.clientId, ['cases:read']),
    });
    const stranger = await call('POST', `/v1/me/invitations/${world.home}/accept`, {
      claims: userClaims(`ghost-${uniqueSuffix()}`),
    });

    expect(none.status).toBe(404);
    expect(own.status).toBe(409);
    expect(client.status).toBe(404);
    expect(stranger.status).toBe(401);
  });

  it('audits the invitation and the answer in the inviting office, the answer by the person', async () => {
    const accepting = await palopoPerson();
    const declining = await palopoPerson();
    for (const person of [accepting, declining]) {
      await invite(world.other, world.claims.otherAdmin, { ...typed(person), roles: ['officer'] });
    }
    await answer(accepting, world.other, 'accept');
    await answer(declining, world.other, 'decline');

    const trail = async (person: string) => {
      const result = await env.db.send(
        new QueryCommand({
          TableName: env.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `O#${world.other}#AUDIT#user#${person}` },
        }),
      );
      return (result.Items ?? []).map((i) => ({ action: i.action, actor: i.actor, changes: i.changes }));
    };

    expect(await trail(accepting)).toEqual([
      expect.objectContaining({ action: 'user.invite', actor: world.people.otherAdmin }),
      {
        action: 'user.accept',
        actor: accepting,
        changes: [{ field: 'status', before: 'pending', after: 'active' }],
      },
    ]);
    expect((await trail(declining)).map((e) => `${e.action} ${e.actor}`)).toEqual([
      `user.invite ${world.people.otherAdmin}`,
      `user.decline ${declining}`,
    ]);
  });
});
