import type * as z from 'zod';
import { issueWarning, type CaseRecord } from '../../actions/warnings/issue-warning';
import { warningsOfCase } from '../../actions/warnings/queries';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { defineRoute } from '../route';
import { caseListRoute } from '../route-kit';
import { caseIdParams } from '../schemas/cases';
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

/** A warning or referral as written, with the case as the write left it. */
export const withCaseState = (status: 200 | 201, record: object, after: CaseRecord) => ({
  status,
  body: { ...record, case: caseState(after) },
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
    return withCaseState(201, issued.warning, issued.case);
  },
});

export const listWarnings = caseListRoute('warnings', {
  operationId: 'listWarnings',
  summary: 'Warnings of a case, newest first',
  access: access.office(staff.readers, 'cases:read'),
  item: warningSchema,
  read: warningsOfCase,
});
