import * as z from 'zod';
import { visibleOffices } from '../../actions/identity/queries';
import { answerInvitation } from '../../actions/identity/answer-invitation';
import { whoAmI } from '../../actions/identity/who-am-i';
import type { GuardResult, InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { presentOffice } from '../presenters';
import { defineRoute } from '../route';
import { officeParams } from '../schemas/common';
import { answeredInvitationSchema, meSchema, officeSchema } from '../schemas/identity';

type SignedIn = Extract<GuardResult, { kind: 'signed-in' }>;

export const getMe = defineRoute<unknown, unknown, unknown, SignedIn>({
  operationId: 'getMe',
  method: 'GET',
  path: '/v1/me',
  summary: "The signed-in person or machine client, with its roles, offices and offices' invitations",
  tags: ['identity'],
  access: access.signedIn,
  responses: { 200: { description: 'The caller', schema: meSchema } },
  async handle({ access: { principal }, deps }) {
    const { roles, offices, invitations } = await whoAmI(deps, principal);
    const who =
      principal.kind === 'user'
        ? { kind: 'user', username: principal.username, fullName: principal.fullName }
        : { kind: 'client', clientId: principal.clientId, scopes: principal.scopes };
    return { status: 200, body: { ...who, roles, offices, invitations } };
  },
});

/** Accepting or declining an office's invitation: the same route but for its verb. */
const answerRoute = (answer: 'accept' | 'decline') =>
  defineRoute<z.infer<typeof officeParams>, unknown, unknown, SignedIn>({
    operationId: answer === 'accept' ? 'acceptInvitation' : 'declineInvitation',
    method: 'POST',
    path: `/v1/me/invitations/{officeId}/${answer}`,
    summary:
      answer === 'accept'
        ? "Accept an office's invitation: its roles apply from the next request on"
        : "Decline an office's invitation: it grants nothing, and the office sees it declined",
    tags: ['identity'],
    access: access.signedIn,
    params: officeParams,
    responses: { 200: { description: 'The answered invitation', schema: answeredInvitationSchema } },
    async handle({ access: { principal }, params, deps }) {
      const body = await answerInvitation(deps, principal, { officeId: params.officeId, answer });
      return { status: 200, body };
    },
  });

export const acceptInvitation = answerRoute('accept');
export const declineInvitation = answerRoute('decline');

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
    return { status: 200, body: { items: offices.map(presentOffice) } };
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
    return { status: 200, body: presentOffice(office) };
  },
});
