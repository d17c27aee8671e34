import type * as z from 'zod';
import { issueWarning, type CaseRecord } from '../../actions/warnings/issue-warning';
import { warningsOfCase, type PageRequest } from '../../actions/warnings/queries';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { pageResponse } from '../presenters';
import { defineRoute } from '../route';
import { caseIdParams } from '../schemas/cases';
import { pageOf, pageQuery } from '../schemas/paging';
import { createdWarningSchema, createWarningBody, warningSchema } from '../schemas/warnings';

type CaseParams = z.infer<typeof caseIdParams>;

/** People (and systems with `cases:write`) who record non-compliance. */
const WARNING_WRITERS = ['admin', 'officer', 'integration'] as const;

/** The case as the write left it: enough for a client to refresh its badge and ETag. */
export const caseState = (record: CaseRecord) => ({
  id: record.id,
  status: record.status,
  version: record.version,
  openWarnings: record.openWarnings,
});

export const createWarning = defineRoute<CaseParams, unknown, z.infer<typeof createWarningBody>, InOffice>({
  operationId: 'createWarning',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases/{caseId}/warnings',
  summary: 'Warn the client (teguran) for unexcused absences or misconduct; an active case becomes warned',
  tags: ['warnings'],
  access: access.office(WARNING_WRITERS, 'cases:write'),
  params: caseIdParams,
  body: createWarningBody,
  responses: { 201: { description: 'The warning, and the case after it', schema: createdWarningSchema } },
  async handle({ access: grant, params, body, deps }) {
    const issued = await issueWarning(deps, grant, params.caseId, body);
    return { status: 201, body: { ...issued.warning, case: caseState(issued.case) } };
  },
});

export const listWarnings = defineRoute<CaseParams, z.infer<typeof pageQuery>, unknown, InOffice>({
  operationId: 'listWarnings',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases/{caseId}/warnings',
  summary: 'Warnings of a case, newest first',
  tags: ['warnings'],
  access: access.office(staff.readers, 'cases:read'),
  params: caseIdParams,
  query: pageQuery,
  responses: { 200: { description: 'A page of warnings', schema: pageOf(warningSchema) } },
  async handle({ access: grant, params, query, deps }) {
    const scope = { officeId: grant.office.id, list: `warnings:${params.caseId}` };
    const read = (page: PageRequest) => warningsOfCase(deps, grant, params.caseId, page);
    return pageResponse(deps.cursors, scope, query, read);
  },
});
