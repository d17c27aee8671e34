import type * as z from 'zod';
import { getClient as readClient, listClients as readClients } from '../../actions/clients/queries';
import { registerClient } from '../../actions/clients/register-client';
import { revealClientNik } from '../../actions/clients/reveal-client-nik';
import type { InOffice } from '../../identity/grant';
import { access } from '../access';
import { etag } from '../preconditions';
import { pageResponse, presentClient } from '../presenters';
import { defineRoute } from '../route';
import {
  clientIdParams,
  clientListQuery,
  clientReadQuery,
  clientSchema,
  createClientBody,
} from '../schemas/clients';
import { officeParams } from '../schemas/common';
import { pageOf } from '../schemas/paging';

/**
 * Who may read clients. Site supervisors are left out on purpose: they see a client only as a name on
 * a case placed at their site, never the NIK, address or phone (UU 27/2022: specific personal data).
 */
const CLIENT_READERS = ['admin', 'officer', 'prosecutor', 'regional', 'integration'] as const;
const CLIENT_WRITERS = ['admin', 'officer', 'integration'] as const;

export const createClient = defineRoute<
  z.infer<typeof officeParams>,
  unknown,
  z.infer<typeof createClientBody>,
  InOffice
>({
  operationId: 'createClient',
  method: 'POST',
  path: '/v1/offices/{officeId}/clients',
  summary: 'Register a client (Klien Pemasyarakatan, or Anak for a child)',
  tags: ['clients'],
  access: access.office(CLIENT_WRITERS, 'cases:write'),
  params: officeParams,
  body: createClientBody,
  responses: { 201: { description: 'Registered', schema: clientSchema } },
  async handle({ access: grant, body, deps }) {
    const client = await registerClient(deps, grant, body);
    return {
      status: 201,
      body: presentClient(client),
      headers: {
        etag: etag(client.version),
        location: `/v1/offices/${grant.office.id}/clients/${client.id}`,
      },
    };
  },
});

export const listClients = defineRoute<
  z.infer<typeof officeParams>,
  z.infer<typeof clientListQuery>,
  unknown,
  InOffice
>({
  operationId: 'listClients',
  method: 'GET',
  path: '/v1/offices/{officeId}/clients',
  summary: 'Clients of the office, by name (?q= name prefix); NIKs masked',
  tags: ['clients'],
  access: access.office(CLIENT_READERS, 'cases:read'),
  params: officeParams,
  query: clientListQuery,
  responses: { 200: { description: 'A page of clients', schema: pageOf(clientSchema) } },
  async handle({ access: grant, query, deps }) {
    const scope = { officeId: grant.office.id, list: `clients:${query.q ?? ''}` };
    return pageResponse(
      deps.cursors,
      scope,
      query,
      (page) => readClients(deps, grant, { namePrefix: query.q, page }),
      (client) => presentClient(client),
    );
  },
});

export const getClient = defineRoute<
  z.infer<typeof clientIdParams>,
  z.infer<typeof clientReadQuery>,
  unknown,
  InOffice
>({
  operationId: 'getClient',
  method: 'GET',
  path: '/v1/offices/{officeId}/clients/{clientId}',
  summary: 'One client; admins and officers may add ?reveal=nik&reason=… (audited)',
  tags: ['clients'],
  access: access.office(CLIENT_READERS, 'cases:read'),
  params: clientIdParams,
  query: clientReadQuery,
  responses: { 200: { description: 'The client', schema: clientSchema } },
  async handle({ access: grant, params, query, deps }) {
    const reveal = query.reveal === 'nik';
    const client = reveal
      ? await revealClientNik(deps, grant, { clientId: params.clientId, reason: query.reason ?? '' })
      : await readClient(deps, grant, params.clientId);
    return { status: 200, body: presentClient(client, reveal), headers: { etag: etag(client.version) } };
  },
});
