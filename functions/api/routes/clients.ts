import * as z from 'zod';
import { ageOn, checkNikMatchesClient, maskNik } from '../../domain';
import { principalId } from '../../identity/principal';
import { DuplicateNik, type ClientRecord } from '../../store/client-store';
import { access } from '../access';
import { officeToday } from '../office-context';
import { violationsProblem } from '../domain-errors';
import type { GuardResult } from '../guard';
import { etag } from '../preconditions';
import { problems } from '../problem';
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

type InOffice = Extract<GuardResult, { kind: 'office' }>;

/**
 * Who may read clients. Site supervisors are left out on purpose: they see a client only as a name on
 * a case placed at their site, never the NIK, address or phone (UU 27/2022: specific personal data).
 */
const CLIENT_READERS = ['admin', 'officer', 'prosecutor', 'regional', 'integration'] as const;
const CLIENT_WRITERS = ['admin', 'officer', 'integration'] as const;
/** Only these roles may ask for an unmasked NIK, and every such read is audited. */
const NIK_REVEALERS = new Set(['admin', 'officer']);

/** The response shape: NIK masked unless explicitly revealed, child status derived from today. */
export function presentClient(client: ClientRecord, today: string, reveal = false) {
  return {
    id: client.id,
    fullName: client.fullName,
    nik: reveal ? client.nik : maskNik(client.nik),
    nikMasked: !reveal,
    birthDate: client.birthDate,
    sex: client.sex,
    isChild: ageOn(client.birthDate, today) < 18,
    address: client.address,
    ...(client.phone ? { phone: client.phone } : {}),
    ...(client.guardian ? { guardian: client.guardian } : {}),
    version: client.version,
    createdAt: client.createdAt,
  };
}

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
    const now = deps.now();
    const today = officeToday(grant.office, now);
    const nik = checkNikMatchesClient(body.nik, body, today);
    if (!nik.ok) throw violationsProblem(nik.violations);
    if (body.birthDate > today) {
      throw problems.invalidInput([{ path: 'birthDate', message: 'The birth date is in the future.' }]);
    }
    if (ageOn(body.birthDate, today) < 18 && !body.guardian) {
      throw problems.invalidInput([
        { path: 'guardian', message: 'A child needs a guardian (wali) on record.' },
      ]);
    }
    try {
      const client = await deps.clients.create(grant.office.id, body, {
        actor: principalId(grant.principal),
        at: now,
      });
      return {
        status: 201,
        body: presentClient(client, today),
        headers: {
          etag: etag(client.version),
          location: `/v1/offices/${grant.office.id}/clients/${client.id}`,
        },
      };
    } catch (error) {
      if (error instanceof DuplicateNik) {
        throw problems.conflict('A client with this NIK is already registered in this office.', [
          { path: 'nik', message: 'Already registered.' },
        ]);
      }
      throw error;
    }
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
    const page = await deps.clients.list(grant.office.id, {
      limit: query.limit,
      startKey: await deps.cursors.decode(scope, query.cursor),
      namePrefix: query.q,
    });
    const today = officeToday(grant.office, deps.now());
    return {
      status: 200,
      body: {
        items: page.items.map((c) => presentClient(c, today)),
        nextCursor: await deps.cursors.encode(scope, page.lastKey),
      },
    };
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
    const client = await deps.clients.get(grant.office.id, params.clientId);
    if (!client) throw problems.notFound('No such client in this office.');
    const reveal = query.reveal === 'nik';
    if (reveal && !grant.roles.some((role) => NIK_REVEALERS.has(role))) {
      throw problems.forbidden('Only admins and officers may see a full NIK.');
    }
    const now = deps.now();
    if (reveal) {
      await deps.clients.recordNikReveal(grant.office.id, client.id, {
        actor: principalId(grant.principal),
        at: now,
        reason: query.reason ?? '',
      });
    }
    return {
      status: 200,
      body: presentClient(client, officeToday(grant.office, now), reveal),
      headers: { etag: etag(client.version) },
    };
  },
});
