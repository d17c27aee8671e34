import type * as z from 'zod';
import { getClient as readClient, listClients as readClients } from '../../actions/clients/queries';
import { correctClient as correct } from '../../actions/clients/correct-client';
import { registerClient } from '../../actions/clients/register-client';
import { revealClientNik } from '../../actions/clients/reveal-client-nik';
import { access } from '../access';
import { presentClient } from '../presenters';
import { ifMatchRoute, officePath, pagedRoute, readAheadOf, recordRoute } from '../route-kit';
import {
  clientIdParams,
  clientListQuery,
  clientReadQuery,
  clientSchema,
  correctClientBody,
  createClientBody,
} from '../schemas/clients';
import { officeParams } from '../schemas/common';

/**
 * Who may read clients. Site supervisors are left out on purpose: they see a client only as a name on
 * a case placed at their site, never the NIK, address or phone (UU 27/2022: specific personal data).
 * Of the others, only admins and officers see the birth date and may reveal the NIK; the rest see its
 * last 4 digits and the birth year (CL-NIK-MASK, decided in actions/clients/queries.ts).
 */
const CLIENT_READERS = ['admin', 'officer', 'prosecutor', 'regional', 'integration'] as const;
const CLIENT_WRITERS = ['admin', 'officer', 'integration'] as const;

export const createClient = recordRoute({
  operationId: 'createClient',
  method: 'POST',
  path: '/v1/offices/{officeId}/clients',
  summary: 'Register a client (Klien Pemasyarakatan, or Anak for a child)',
  tags: ['clients'],
  access: access.office(CLIENT_WRITERS, 'cases:write'),
  params: officeParams,
  body: createClientBody,
  responses: { 201: { description: 'Registered', schema: clientSchema } },
  run: ({ access: grant, body, deps }) => registerClient(deps, grant, body),
  present: (client) => presentClient(client),
  location: (client, grant) => officePath(grant, 'clients', client.id),
});

export const listClients = pagedRoute({
  operationId: 'listClients',
  path: '/v1/offices/{officeId}/clients',
  summary: 'Clients of the office, by name (?q= name prefix); NIKs masked',
  tags: ['clients'],
  access: access.office(CLIENT_READERS, 'cases:read'),
  params: officeParams,
  query: clientListQuery,
  items: 'clients',
  item: clientSchema,
  list: ({ query }) => `clients:${query.q ?? ''}`,
  read: ({ query, access: grant, deps }, page) => readClients(deps, grant, { namePrefix: query.q, page }),
  present: (client) => presentClient(client),
});

/** Asking for the NIK in clear (`?reveal=nik`) is a separate, audited use case. */
const revealing = (query: z.infer<typeof clientReadQuery>) => query.reveal === 'nik';

export const getClient = recordRoute({
  operationId: 'getClient',
  method: 'GET',
  path: '/v1/offices/{officeId}/clients/{clientId}',
  summary: 'One client; admins and officers may add ?reveal=nik&reason=… (audited)',
  tags: ['clients'],
  access: access.office(CLIENT_READERS, 'cases:read'),
  params: clientIdParams,
  readAhead: readAheadOf('client', 'clientId'),
  query: clientReadQuery,
  responses: { 200: { description: 'The client', schema: clientSchema } },
  run: ({ access: grant, params, query, deps }) =>
    revealing(query)
      ? revealClientNik(deps, grant, { clientId: params.clientId, reason: query.reason ?? '' })
      : readClient(deps, grant, params.clientId),
  present: (client) => presentClient(client),
});

/**
 * Corrections (UU 27/2022 Pasal 30) are an office's act on its own records: admins and PKs, never a
 * partner system. The reason lands in the client's audit trail, which a subject's export shows.
 */
export const correctClient = ifMatchRoute({
  operationId: 'correctClient',
  method: 'PATCH',
  path: '/v1/offices/{officeId}/clients/{clientId}',
  summary: "Correct a client's data (If-Match required), with the reason; the NIK is masked in the audit",
  tags: ['clients'],
  access: access.office(['admin', 'officer'], 'cases:write'),
  params: clientIdParams,
  readAhead: readAheadOf('client', 'clientId'),
  body: correctClientBody,
  responses: { 200: { description: 'Corrected', schema: clientSchema } },
  change: ({ access: grant, params, body, deps }, expected) => {
    const { reason, ...changes } = body;
    return correct(deps, grant, { clientId: params.clientId, expectedVersion: expected, changes, reason });
  },
  present: (client) => presentClient(client),
});
