import type * as z from 'zod';
import { caseTimeline } from '../../actions/audit/case-timeline';
import type { InOffice } from '../../identity/grant';
import { access } from '../access';
import { pageResponse } from '../presenters';
import { defineRoute } from '../route';
import { auditEntrySchema } from '../schemas/audit';
import { caseIdParams } from '../schemas/cases';
import { pageOf, pageQuery } from '../schemas/paging';

/**
 * Who may read a case's timeline: the office's staff, the jaksa who supervises the sentence and the
 * Kanwil. Not site supervisors (the timeline shows the decision and every correction) and not machine
 * clients.
 */
const TIMELINE_READERS = ['admin', 'officer', 'prosecutor', 'regional'] as const;

export const getCaseAudit = defineRoute<
  z.infer<typeof caseIdParams>,
  z.infer<typeof pageQuery>,
  unknown,
  InOffice
>({
  operationId: 'getCaseAudit',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases/{caseId}/audit',
  summary: 'The case timeline: who changed what and when, field by field, newest first',
  tags: ['audit'],
  access: access.office(TIMELINE_READERS),
  params: caseIdParams,
  query: pageQuery,
  responses: { 200: { description: 'A page of audit entries', schema: pageOf(auditEntrySchema) } },
  async handle({ access: grant, params, query, deps }) {
    const scope = { officeId: grant.office.id, list: `audit:case:${params.caseId}` };
    return pageResponse(deps.cursors, scope, query, (page) =>
      caseTimeline(deps, grant, { caseId: params.caseId, page }),
    );
  },
});
