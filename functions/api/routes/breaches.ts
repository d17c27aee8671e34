import type * as z from 'zod';
import { affectedClients } from '../../actions/breaches/affected-clients';
import { closeBreach, recordBreachNotice } from '../../actions/breaches/change-breach';
import { openBreach } from '../../actions/breaches/open-breach';
import { findBreaches, readBreach } from '../../actions/breaches/queries';
import type { Ports } from '../../actions/ports';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { defineRoute } from '../route';
import { officePath, pagedRoute, recordRoute } from '../route-kit';
import {
  affectedClientsQuery,
  affectedClientsSchema,
  breachNoticeBody,
  breachParams,
  breachSchema,
  breachSummarySchema,
  closeBreachBody,
  createBreachBody,
  listBreachesQuery,
} from '../schemas/breaches';
import { officeParams } from '../schemas/common';

/**
 * The breach register (UU 27/2022 Pasal 46, ADR 0022). An office's admins run it; the Kanwil reads it.
 * A breach is visible in every office it names and in no other (404).
 */
const READERS = ['admin', 'regional'] as const;

/** The office's copy (proof that the breach names it) and the breach, in the guard's one read. */
const readAheadBreach = (params: { breachId: string }, officeId: string, keys: Ports['recordKeys']) => [
  keys.breachCopy(officeId, params.breachId),
  keys.breach(params.breachId),
];

export const listBreaches = pagedRoute({
  operationId: 'listBreaches',
  path: '/v1/offices/{officeId}/breaches',
  summary: 'The breaches that name this office, open ones first, each with its 3×24-hour clock',
  tags: ['breaches'],
  access: access.office(READERS),
  params: officeParams,
  query: listBreachesQuery,
  items: 'breaches',
  item: breachSummarySchema,
  list: ({ query }) => `breaches?status=${query.status ?? ''}`,
  read: ({ query, access: grant, deps }, page) =>
    findBreaches(deps, grant, { ...page, status: query.status }),
});

export const createBreach = recordRoute({
  operationId: 'createBreach',
  method: 'POST',
  path: '/v1/offices/{officeId}/breaches',
  summary:
    'Open a breach (kegagalan pelindungan data pribadi) naming the offices and record types it touched',
  description:
    'Every office named gets the breach in its register and on its admins’ home page at once; an office the deployment does not have is refused, naming `officeIds.<i>`.',
  tags: ['breaches'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  body: createBreachBody,
  readAhead: (_params, officeId, keys, body) =>
    (body()?.officeIds ?? []).filter((id) => id !== officeId).map(keys.office),
  responses: { 201: { description: 'Opened', schema: breachSchema } },
  run: ({ access: grant, body, deps }) => openBreach(deps, grant, body),
  location: (breach, grant) => officePath(grant, 'breaches', breach.id),
});

export const getBreach = recordRoute({
  operationId: 'getBreach',
  method: 'GET',
  path: '/v1/offices/{officeId}/breaches/{breachId}',
  summary: 'One breach: its report, clock, notices and closing',
  tags: ['breaches'],
  access: access.office(READERS),
  params: breachParams,
  readAhead: readAheadBreach,
  responses: { 200: { description: 'The breach', schema: breachSchema } },
  run: ({ access: grant, params, deps }) => readBreach(deps, grant, params.breachId),
});

export const createBreachNotice = recordRoute({
  operationId: 'createBreachNotice',
  method: 'POST',
  path: '/v1/offices/{officeId}/breaches/{breachId}/notices',
  summary: 'Record the written notice to the data subjects or to the authority',
  description:
    'A notice sent after the deadline is recorded and flagged `late`, never refused. One per audience; once both are recorded the clock stops.',
  tags: ['breaches'],
  access: access.office(staff.adminOnly),
  params: breachParams,
  body: breachNoticeBody,
  readAhead: readAheadBreach,
  responses: { 200: { description: 'Recorded', schema: breachSchema } },
  run: ({ access: grant, params, body, deps }) => recordBreachNotice(deps, grant, params.breachId, body),
});

export const closeBreachRoute = recordRoute({
  operationId: 'closeBreach',
  method: 'POST',
  path: '/v1/offices/{officeId}/breaches/{breachId}/close',
  summary: 'Close a breach with a summary and its evidence, once both notices are recorded',
  tags: ['breaches'],
  access: access.office(staff.adminOnly),
  params: breachParams,
  body: closeBreachBody,
  readAhead: readAheadBreach,
  responses: { 200: { description: 'Closed', schema: breachSchema } },
  run: ({ access: grant, params, body, deps }) => closeBreach(deps, grant, params.breachId, body),
});

type AffectedParams = z.infer<typeof breachParams>;
type AffectedQuery = z.output<typeof affectedClientsQuery>;

export const listBreachAffectedClients = defineRoute<AffectedParams, AffectedQuery, unknown, InOffice>({
  operationId: 'listBreachAffectedClients',
  method: 'GET',
  path: '/v1/offices/{officeId}/breaches/{breachId}/affected-clients',
  summary: "The clients the office's audit log shows touched inside the breach's exposure window",
  description:
    'Read from the audit entries about clients and cases (a case counts as its client) between the exposure’s ends, only the suspect’s with `suspectOnly=true`. Each client once a page; a client may show again on a later page. Reads that leave no audit entry cannot be found this way.',
  tags: ['breaches'],
  access: access.office(READERS),
  params: breachParams,
  query: affectedClientsQuery,
  readAhead: readAheadBreach,
  responses: { 200: { description: 'A page of affected clients', schema: affectedClientsSchema } },
  async handle({ access: grant, params, query, deps }) {
    const suspectOnly = query.suspectOnly ?? false;
    const scope = { officeId: grant.office.id, list: `breach-clients:${params.breachId}:${suspectOnly}` };
    const startKey = await deps.cursors.decode(scope, query.cursor);
    const page = await affectedClients(deps, grant, {
      breachId: params.breachId,
      suspectOnly,
      limit: query.limit,
      startKey,
    });
    return {
      status: 200,
      body: {
        window: page.window,
        items: page.items,
        nextCursor: await deps.cursors.encode(scope, page.lastKey),
      },
    };
  },
});
