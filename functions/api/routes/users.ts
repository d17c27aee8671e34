import * as z from 'zod';
import { changeMemberAccess } from '../../actions/users/change-member-access';
import { disableMember } from '../../actions/users/disable-member';
import { inviteMember } from '../../actions/users/invite-member';
import { findMembers, readMember, type OfficeMember } from '../../actions/users/queries';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { etag, expectedVersion } from '../preconditions';
import { defineRoute } from '../route';
import { officeParams } from '../schemas/common';
import { pageOf, pageQuery } from '../schemas/paging';
import { createUserBody, invitationSchema, memberSchema, updateUserBody, userParams } from '../schemas/users';

type UserParams = z.infer<typeof userParams>;

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
  async handle({ access: grant, query, deps }) {
    const scope = { officeId: grant.office.id, list: 'users' };
    const startKey = await deps.cursors.decode(scope, query.cursor);
    const page = await findMembers(deps, grant, { limit: query.limit, startKey });
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
    const { user, invitation } = await inviteMember(deps, grant, body);
    return {
      status: 201,
      body: { user, invitation },
      headers: {
        etag: etag(user.version),
        location: `/v1/offices/${grant.office.id}/users/${user.username}`,
      },
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
  async handle({ access: grant, params, deps }) {
    return withEtag(await readMember(deps, grant, params.username));
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
  async handle({ access: grant, params, body, deps, headers }) {
    const expected = expectedVersion(headers);
    return withEtag(await changeMemberAccess(deps, grant, { ...body, username: params.username, expected }));
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
  async handle({ access: grant, params, deps, headers }) {
    const expected = expectedVersion(headers);
    return withEtag(await disableMember(deps, grant, { username: params.username, expected }));
  },
});
