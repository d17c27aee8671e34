import type * as z from 'zod';
import { correctCase } from '../../actions/cases/correct-case';
import { getCase as readCase, listCases as readCases, type CaseView } from '../../actions/cases/queries';
import { registerCase } from '../../actions/cases/register-case';
import { transitionCase as moveCase } from '../../actions/cases/transition-case';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { etag, expectedVersion } from '../preconditions';
import { pageResponse, presentCase } from '../presenters';
import { defineRoute } from '../route';
import {
  caseIdParams,
  caseListQuery,
  caseSchema,
  createCaseBody,
  transitionBody,
  updateCaseBody,
} from '../schemas/cases';
import { officeParams } from '../schemas/common';
import { pageOf } from '../schemas/paging';

type CaseParams = z.infer<typeof caseIdParams>;

const CASE_WRITERS = ['admin', 'officer', 'integration'] as const;

/** A case response with its version as the ETag. */
const caseResponse = (
  view: CaseView,
  grant: InOffice,
  status = 200,
  headers: Record<string, string> = {},
) => ({
  status,
  body: presentCase(view, grant),
  headers: { etag: etag(view.version), ...headers },
});

export const createCase = defineRoute<
  z.infer<typeof officeParams>,
  unknown,
  z.infer<typeof createCaseBody>,
  InOffice
>({
  operationId: 'createCase',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases',
  summary: 'Register a court decision (putusan) imposing kerja sosial or pelayanan masyarakat',
  tags: ['cases'],
  access: access.office(CASE_WRITERS, 'cases:write'),
  params: officeParams,
  body: createCaseBody,
  responses: { 201: { description: 'Registered, status received', schema: caseSchema } },
  async handle({ access: grant, body, deps }) {
    const view = await registerCase(deps, grant, body);
    return caseResponse(view, grant, 201, { location: `/v1/offices/${grant.office.id}/cases/${view.id}` });
  },
});

export const listCases = defineRoute<
  z.infer<typeof officeParams>,
  z.infer<typeof caseListQuery>,
  unknown,
  InOffice
>({
  operationId: 'listCases',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases',
  summary: 'Cases by deadline; open cases unless ?status= says otherwise',
  tags: ['cases'],
  access: access.office(staff.readers, 'cases:read'),
  params: officeParams,
  query: caseListQuery,
  responses: { 200: { description: 'A page of cases', schema: pageOf(caseSchema) } },
  async handle({ access: grant, query, deps }) {
    const { limit, cursor, ...filter } = query;
    // The cursor is bound to the list the caller reads: for a supervisor, their site (their only one
    // unless they named one; the use case refuses any other).
    const siteId = filter.siteId ?? grant.siteIds?.join(',');
    const scope = { officeId: grant.office.id, list: `cases:${JSON.stringify({ ...filter, siteId })}` };
    return pageResponse(
      deps.cursors,
      scope,
      { limit, cursor },
      (page) => readCases(deps, grant, { filter, page }),
      (view) => presentCase(view, grant),
    );
  },
});

export const getCase = defineRoute<CaseParams, unknown, unknown, InOffice>({
  operationId: 'getCase',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases/{caseId}',
  summary: 'One case with its progress',
  tags: ['cases'],
  access: access.office(staff.readers, 'cases:read'),
  params: caseIdParams,
  responses: { 200: { description: 'The case', schema: caseSchema } },
  async handle({ access: grant, params, deps }) {
    return caseResponse(await readCase(deps, grant, params.caseId), grant);
  },
});

export const updateCase = defineRoute<CaseParams, unknown, z.infer<typeof updateCaseBody>, InOffice>({
  operationId: 'updateCase',
  method: 'PATCH',
  path: '/v1/offices/{officeId}/cases/{caseId}',
  summary: 'Correct a case (If-Match required); the decision and sentence only before placement',
  tags: ['cases'],
  access: access.office(CASE_WRITERS, 'cases:write'),
  params: caseIdParams,
  body: updateCaseBody,
  responses: { 200: { description: 'Updated', schema: caseSchema } },
  async handle({ access: grant, params, body, headers, deps }) {
    const correction = { caseId: params.caseId, expectedVersion: expectedVersion(headers), changes: body };
    return caseResponse(await correctCase(deps, grant, correction), grant);
  },
});

export const transitionCase = defineRoute<CaseParams, unknown, z.infer<typeof transitionBody>, InOffice>({
  operationId: 'transitionCase',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases/{caseId}/transitions',
  summary: 'Move a case along its lifecycle, with a reason; it lands in the case timeline',
  tags: ['cases'],
  access: access.office(CASE_WRITERS, 'cases:write'),
  params: caseIdParams,
  body: transitionBody,
  responses: { 200: { description: 'The case in its new status', schema: caseSchema } },
  async handle({ access: grant, params, body, deps }) {
    return caseResponse(await moveCase(deps, grant, { caseId: params.caseId, ...body }), grant);
  },
});
