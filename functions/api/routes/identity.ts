import * as z from 'zod';
import { visibleOffices } from '../../actions/identity/queries';
import { whoAmI } from '../../actions/identity/who-am-i';
import type { GuardResult, InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { defineRoute } from '../route';
import { officeParams } from '../schemas/common';
import { meSchema, officeSchema } from '../schemas/identity';

type SignedIn = Extract<GuardResult, { kind: 'signed-in' }>;

export const getMe = defineRoute<unknown, unknown, unknown, SignedIn>({
  operationId: 'getMe',
  method: 'GET',
  path: '/v1/me',
  summary: 'The signed-in person or machine client, with its roles and offices',
  tags: ['identity'],
  access: access.signedIn,
  responses: { 200: { description: 'The caller', schema: meSchema } },
  async handle({ access: { principal }, deps }) {
    const { roles, offices } = await whoAmI(deps, principal);
    const who =
      principal.kind === 'user'
        ? { kind: 'user', username: principal.username, fullName: principal.fullName }
        : { kind: 'client', clientId: principal.clientId, scopes: principal.scopes };
    return { status: 200, body: { ...who, roles, offices } };
  },
});

export const listOffices = defineRoute<unknown, unknown, unknown, SignedIn>({
  operationId: 'listOffices',
  method: 'GET',
  path: '/v1/offices',
  summary: 'The offices the caller may see',
  tags: ['identity'],
  access: access.signedIn,
  responses: { 200: { description: 'Offices', schema: z.object({ items: z.array(officeSchema) }) } },
  async handle({ access: { principal }, deps }) {
    const { offices } = await visibleOffices(deps, principal);
    return { status: 200, body: { items: offices } };
  },
});

export const getOffice = defineRoute<z.infer<typeof officeParams>, unknown, unknown, InOffice>({
  operationId: 'getOffice',
  method: 'GET',
  path: '/v1/offices/{officeId}',
  summary: 'One office',
  tags: ['identity'],
  access: access.office(staff.readers, 'cases:read'),
  params: officeParams,
  responses: { 200: { description: 'The office', schema: officeSchema } },
  // The guard already read the office to grant access: answering needs no use case and no read.
  async handle({ access: { office } }) {
    return { status: 200, body: office };
  },
});
