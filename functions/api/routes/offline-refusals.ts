/**
 * Offline records refused on sync, kept for the PK (issue 20, ADR 0024). The field app posts what its
 * outbox could not deliver; the office's PKs and admins list and resolve them. A site supervisor posts
 * and lists only their own. Notes may name people: no route logs a body.
 */
import type * as z from 'zod';
import { keepRefusal, listRefusals, resolveRefusal } from '../../actions/offline-refusals/refusals';
import type { InOffice } from '../../identity/grant';
import { access } from '../access';
import { etag } from '../preconditions';
import { defineRoute } from '../route';
import { pagedRoute, recordRoute } from '../route-kit';
import { officeParams } from '../schemas/common';
import {
  createRefusalBody,
  listRefusalsQuery,
  offlineRefusalSchema,
  refusalParams,
  resolveRefusalBody,
} from '../schemas/offline-refusals';

/** Who sends them: the site supervisor's app, or a PK or an admin recording in the field themselves. */
const SENDERS = ['admin', 'officer', 'supervisor'] as const;
/** Who acts on them: the PK, who runs the case, and the office admin. */
const RESOLVERS = ['admin', 'officer'] as const;

export const listOfflineRefusals = pagedRoute({
  operationId: 'listOfflineRefusals',
  path: '/v1/offices/{officeId}/offline-refusals',
  summary: 'Offline records refused on sync: open ones first, newest first, or one status',
  description:
    "A PK or an admin reads the office's; a site supervisor reads only the ones their own app sent.",
  tags: ['offline-records'],
  access: access.office(SENDERS),
  params: officeParams,
  query: listRefusalsQuery,
  items: 'offline records',
  item: offlineRefusalSchema,
  list: ({ query }) => `offline-refusals?status=${query.status ?? ''}`,
  read: ({ query, access: grant, deps }, page) => listRefusals(deps, grant, { status: query.status, page }),
});

type CreateBody = z.infer<typeof createRefusalBody>;

export const createOfflineRefusal = defineRoute<unknown, unknown, CreateBody, InOffice>({
  operationId: 'createOfflineRefusal',
  method: 'POST',
  path: '/v1/offices/{officeId}/offline-refusals',
  summary: 'Keep an offline record the API refused on sync (a session or a photo), for the PK',
  description:
    "Sent by the field app when an outbox item is refused with any 4xx but 401 (the case closed or changed meanwhile, a cap reached), so nothing recorded offline is dropped without a trace. The case must be one of this office's (else 400 naming `caseId`), not one the sender can still see. Send the outbox item's own `Idempotency-Key`.",
  tags: ['offline-records'],
  access: access.office(SENDERS),
  params: officeParams,
  body: createRefusalBody,
  readAhead: (_params, officeId, keys, body) => {
    const caseId = body()?.caseId;
    return caseId ? [keys.case(officeId, caseId)] : [];
  },
  responses: { 201: { description: 'Kept, open', schema: offlineRefusalSchema } },
  async handle({ access: grant, body, deps }) {
    const kept = await keepRefusal(deps, grant, body);
    // No Location: a refusal is not read on its own; the office's list is where the PK meets it.
    return { status: 201, body: kept, headers: { etag: etag(kept.version) } };
  },
});

export const resolveOfflineRefusal = recordRoute({
  operationId: 'resolveOfflineRefusal',
  method: 'POST',
  path: '/v1/offices/{officeId}/offline-refusals/{refusalId}/resolve',
  summary: 'Resolve a refused offline record with a note (what the PK did about it)',
  description: 'Only an open one: a second resolve is 409. Another office’s record is 404.',
  tags: ['offline-records'],
  access: access.office(RESOLVERS),
  params: refusalParams,
  body: resolveRefusalBody,
  readAhead: (params, officeId, keys) => [keys.offlineRefusal(officeId, params.refusalId)],
  responses: { 200: { description: 'Resolved', schema: offlineRefusalSchema } },
  run: ({ access: grant, params, body, deps }) => resolveRefusal(deps, grant, params.refusalId, body.note),
});
