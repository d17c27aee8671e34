import * as z from 'zod';
import { changeMemberAccess } from '../../actions/users/change-member-access';
import { disableMember } from '../../actions/users/disable-member';
import { inviteMember } from '../../actions/users/invite-member';
import { findMembers, readMember } from '../../actions/users/queries';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { defineRoute } from '../route';
import { ifMatchRoute, officePath, pagedRoute, recordRoute, versioned } from '../route-kit';
import { officeParams } from '../schemas/common';
import { pageQuery } from '../schemas/paging';
import { createUserBody, invitationSchema, memberSchema, updateUserBody, userParams } from '../schemas/users';

export const listUsers = pagedRoute({
  operationId: 'listUsers',
  path: '/v1/offices/{officeId}/users',
  summary: "The office's people and their roles",
  tags: ['users'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  query: pageQuery,
  items: 'people',
  item: memberSchema,
  list: () => 'users',
  read: ({ access: grant, deps }, page) => findMembers(deps, grant, page),
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
    return versioned({ user, invitation }, user.version, officePath(grant, 'users', user.username));
  },
});

export const getUser = recordRoute({
  operationId: 'getUser',
  method: 'GET',
  path: '/v1/offices/{officeId}/users/{username}',
  summary: 'One person of the office',
  tags: ['users'],
  access: access.office(staff.adminOnly),
  params: userParams,
  responses: { 200: { description: 'The person', schema: memberSchema } },
  run: ({ access: grant, params, deps }) => readMember(deps, grant, params.username),
});

export const updateUser = ifMatchRoute({
  operationId: 'updateUser',
  method: 'PATCH',
  path: '/v1/offices/{officeId}/users/{username}',
  summary: "Change a person's roles or work sites (If-Match required)",
  tags: ['users'],
  access: access.office(staff.adminOnly),
  params: userParams,
  body: updateUserBody,
  responses: { 200: { description: 'Updated', schema: memberSchema } },
  change: ({ access: grant, params, body, deps }, expected) =>
    changeMemberAccess(deps, grant, { ...body, username: params.username, expected }),
});

export const disableUser = ifMatchRoute({
  operationId: 'disableUser',
  method: 'DELETE',
  path: '/v1/offices/{officeId}/users/{username}',
  summary: "Disable a person's access to the office; the record is kept (If-Match required)",
  tags: ['users'],
  access: access.office(staff.adminOnly),
  params: userParams,
  responses: { 200: { description: 'Disabled', schema: memberSchema } },
  change: ({ access: grant, params, deps }, expected) =>
    disableMember(deps, grant, { username: params.username, expected }),
});
