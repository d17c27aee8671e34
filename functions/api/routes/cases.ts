import type * as z from 'zod';
import { correctCase } from '../../actions/cases/correct-case';
import { getCase as readCase, listCases as readCases, type CaseView } from '../../actions/cases/queries';
import { registerCase } from '../../actions/cases/register-case';
import { transitionCase as moveCase } from '../../actions/cases/transition-case';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { presentCase } from '../presenters';
import { ifMatchRoute, officePath, pagedRoute, readAheadCase, recordRoute } from '../route-kit';
import {
  caseIdParams,
  caseListQuery,
  caseSchema,
  createCaseBody,
  transitionBody,
  updateCaseBody,
} from '../schemas/cases';
import { officeParams } from '../schemas/common';

const CASE_WRITERS = ['admin', 'officer', 'integration'] as const;

/** A case as this caller may see it (a supervisor sees less); the answer carries its version as ETag. */
const forCaller = (view: CaseView, { access: grant }: { readonly access: InOffice }) =>
  presentCase(view, grant);

/** What a case list is filtered by: its query without the paging. */
const filterOf = ({ limit: _limit, cursor: _cursor, ...filter }: z.infer<typeof caseListQuery>) => filter;

export const createCase = recordRoute({
  operationId: 'createCase',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases',
  summary:
    'Register a court order imposing kerja sosial or pelayanan masyarakat: a putusan of any level, a diversion agreement or a fine conversion; what the judge weighs is flagged, not refused',
  tags: ['cases'],
  access: access.office(CASE_WRITERS, 'cases:write'),
  params: officeParams,
  // The client the case is of, named by the body.
  readAhead: (_p, officeId, keys, body) => {
    const clientId = body()?.clientId;
    return clientId ? [keys.client(officeId, clientId)] : [];
  },
  body: createCaseBody,
  responses: { 201: { description: 'Registered, status received', schema: caseSchema } },
  run: ({ access: grant, body, deps }) => registerCase(deps, grant, body),
  present: forCaller,
  location: (view, grant) => officePath(grant, 'cases', view.id),
});

export const listCases = pagedRoute({
  operationId: 'listCases',
  path: '/v1/offices/{officeId}/cases',
  summary: 'Cases by deadline; open cases unless ?status= says otherwise',
  tags: ['cases'],
  access: access.office(staff.readers, 'cases:read'),
  params: officeParams,
  query: caseListQuery,
  items: 'cases',
  item: caseSchema,
  // The cursor is bound to the list the caller reads: for a supervisor, their site (their only one
  // unless they named one; the use case refuses any other).
  list: ({ query, access: grant }) => {
    const filter = filterOf(query);
    return `cases:${JSON.stringify({ ...filter, siteId: filter.siteId ?? grant.siteIds?.join(',') })}`;
  },
  read: ({ query, access: grant, deps }, page) => readCases(deps, grant, { filter: filterOf(query), page }),
  present: presentCase,
});

export const getCase = recordRoute({
  operationId: 'getCase',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases/{caseId}',
  summary: 'One case with its progress',
  tags: ['cases'],
  access: access.office(staff.readers, 'cases:read'),
  params: caseIdParams,
  readAhead: readAheadCase,
  responses: { 200: { description: 'The case', schema: caseSchema } },
  run: ({ access: grant, params, deps }) => readCase(deps, grant, params.caseId),
  present: forCaller,
});

export const updateCase = ifMatchRoute({
  operationId: 'updateCase',
  method: 'PATCH',
  path: '/v1/offices/{officeId}/cases/{caseId}',
  summary: 'Correct a case (If-Match required); the decision and sentence only before placement',
  tags: ['cases'],
  access: access.office(CASE_WRITERS, 'cases:write'),
  params: caseIdParams,
  readAhead: readAheadCase,
  body: updateCaseBody,
  responses: { 200: { description: 'Updated', schema: caseSchema } },
  change: ({ access: grant, params, body, deps }, expected) =>
    correctCase(deps, grant, { caseId: params.caseId, expectedVersion: expected, changes: body }),
  present: forCaller,
});

export const transitionCase = recordRoute({
  operationId: 'transitionCase',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases/{caseId}/transitions',
  summary: 'Move a case along its lifecycle, with a reason; it lands in the case timeline',
  tags: ['cases'],
  access: access.office(CASE_WRITERS, 'cases:write'),
  params: caseIdParams,
  readAhead: readAheadCase,
  body: transitionBody,
  responses: { 200: { description: 'The case in its new status', schema: caseSchema } },
  run: ({ access: grant, params, body, deps }) => moveCase(deps, grant, { caseId: params.caseId, ...body }),
  present: forCaller,
});
