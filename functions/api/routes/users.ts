import * as z from 'zod';
import { MemberExists, StaleVersion, type OfficeMember } from '../../store/user-store';
import { actorOf } from '../office-context';
import { access, staff } from '../access';
import type { GuardResult } from '../guard';
import { etag, expectedVersion } from '../preconditions';
import { problems } from '../problem';
import { defineRoute, type RouteContext } from '../route';
import { officeParams } from '../schemas/common';
import { pageOf, pageQuery } from '../schemas/paging';
import { createUserBody, invitationSchema, memberSchema, updateUserBody, userParams } from '../schemas/users';

type InOffice = Extract<GuardResult, { kind: 'office' }>;
type UserParams = z.infer<typeof userParams>;

/** Loads the member or answers 404; people of other offices are as invisible as nobody. */
async function loadMember(context: RouteContext<UserParams, unknown, unknown, InOffice>) {
  const found = await context.deps.users.get(context.access.office.id, context.params.username);
  if (!found.member) throw problems.notFound('No such user in this office.');
  return { member: found.member, rolesElsewhere: found.rolesElsewhere };
}

const withEtag = (member: OfficeMember) => ({
  status: 200,
  body: member,
  headers: { etag: etag(member.version) },
});

export const listUsers = defineRoute<
  z.infer<typeof officeParams>,
  z.infer<typeof pageQuery>,
  unknown,
  InOffice
>({
  operationId: 'listUsers',
  method: 'GET',
  path: '/v1/offices/{officeId}/users',
  summary: "The office's people and their roles",
  tags: ['users'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  query: pageQuery,
  responses: { 200: { description: 'A page of people', schema: pageOf(memberSchema) } },
  async handle({ access: { office }, query, deps }) {
    const scope = { officeId: office.id, list: 'users' };
    const startKey = await deps.cursors.decode(scope, query.cursor);
    const page = await deps.users.list(office.id, { limit: query.limit, startKey });
    return {
      status: 200,
      body: { items: page.items, nextCursor: await deps.cursors.encode(scope, page.lastKey) },
    };
  },
});

export const createUser = defineRoute<
  z.infer<typeof officeParams>,
  unknown,
  z.infer<typeof createUserBody>,
  InOffice
>({
  operationId: 'createUser',
  method: 'POST',
  path: '/v1/offices/{officeId}/users',
  summary: 'Invite a person to the office with one or more roles',
  tags: ['users'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  body: createUserBody,
  responses: {
    201: {
      description: 'Invited',
      schema: z.object({ user: memberSchema, invitation: invitationSchema }),
    },
  },
  async handle({ access: grant, body, deps }) {
    const officeId = grant.office.id;
    const existing = await deps.users.get(officeId, body.username);
    if (existing.member) {
      throw problems.conflict('This username is already a member of the office.', [
        { path: 'username', message: 'Already a member of this office.' },
      ]);
    }
    // The sign-in account first: if the Abdi write then fails, a retry finds the account and goes on.
    const invitation = await deps.identityProvider.invite(body);
    let user: OfficeMember;
    try {
      user = await deps.users.create(
        officeId,
        { ...body, siteIds: body.roles.includes('supervisor') ? (body.siteIds ?? []) : [] },
        actorOf(grant, deps.now()),
      );
    } catch (error) {
      if (error instanceof MemberExists)
        throw problems.conflict('This username is already a member of the office.');
      throw error;
    }
    await deps.identityProvider.syncGroups(body.username, [
      ...new Set([...existing.rolesElsewhere, ...body.roles]),
    ]);
    return {
      status: 201,
      body: { user, invitation },
      headers: { etag: etag(user.version), location: `/v1/offices/${officeId}/users/${user.username}` },
    };
  },
});

export const getUser = defineRoute<UserParams, unknown, unknown, InOffice>({
  operationId: 'getUser',
  method: 'GET',
  path: '/v1/offices/{officeId}/users/{username}',
  summary: 'One person of the office',
  tags: ['users'],
  access: access.office(staff.adminOnly),
  params: userParams,
  responses: { 200: { description: 'The person', schema: memberSchema } },
  async handle(context) {
    return withEtag((await loadMember(context)).member);
  },
});

export const updateUser = defineRoute<UserParams, unknown, z.infer<typeof updateUserBody>, InOffice>({
  operationId: 'updateUser',
  method: 'PATCH',
  path: '/v1/offices/{officeId}/users/{username}',
  summary: "Change a person's roles or work sites (If-Match required)",
  tags: ['users'],
  access: access.office(staff.adminOnly),
  params: userParams,
  body: updateUserBody,
  responses: { 200: { description: 'Updated', schema: memberSchema } },
  async handle(context) {
    const { access: grant, body, deps, headers } = context;
    const expected = expectedVersion(headers);
    const { member, rolesElsewhere } = await loadMember(context);
    const roles = body.roles ?? member.roles;
    const siteIds = roles.includes('supervisor') ? (body.siteIds ?? member.siteIds) : [];
    if (roles.includes('supervisor') && siteIds.length === 0) {
      throw problems.invalidInput([
        { path: 'siteIds', message: 'A supervisor needs at least one work site.' },
      ]);
    }
    const updated = await updateOrStale(() =>
      deps.users.update(grant.office.id, member, { roles, siteIds }, expected, {
        ...actorOf(grant, deps.now()),
        action: 'user.update',
      }),
    );
    await deps.identityProvider.syncGroups(member.username, [...new Set([...rolesElsewhere, ...roles])]);
    return withEtag(updated);
  },
});

export const disableUser = defineRoute<UserParams, unknown, unknown, InOffice>({
  operationId: 'disableUser',
  method: 'DELETE',
  path: '/v1/offices/{officeId}/users/{username}',
  summary: "Disable a person's access to the office; the record is kept (If-Match required)",
  tags: ['users'],
  access: access.office(staff.adminOnly),
  params: userParams,
  responses: { 200: { description: 'Disabled', schema: memberSchema } },
  async handle(context) {
    const { access: grant, deps, headers } = context;
    const expected = expectedVersion(headers);
    const { member, rolesElsewhere } = await loadMember(context);
    if (grant.principal.kind === 'user' && grant.principal.username === member.username) {
      throw problems.conflict('You cannot disable your own account.');
    }
    if (member.status === 'disabled') return withEtag(member);
    // Only when no other office still grants a role does the sign-in account itself go.
    const stillElsewhere = rolesElsewhere.length > 0;
    const updated = await updateOrStale(() =>
      deps.users.update(
        grant.office.id,
        member,
        { status: 'disabled' },
        expected,
        { ...actorOf(grant, deps.now()), action: 'user.disable' },
        { disableProfile: !stillElsewhere },
      ),
    );
    if (stillElsewhere) await deps.identityProvider.syncGroups(member.username, [...new Set(rolesElsewhere)]);
    else await deps.identityProvider.setEnabled(member.username, false);
    return withEtag(updated);
  },
});

async function updateOrStale(write: () => Promise<OfficeMember>): Promise<OfficeMember> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof StaleVersion) throw problems.preconditionFailed();
    throw error;
  }
}
