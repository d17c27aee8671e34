import { caseTimeline } from '../../actions/audit/case-timeline';
import { access } from '../access';
import { pagedRoute } from '../route-kit';
import { auditEntrySchema } from '../schemas/audit';
import { caseIdParams } from '../schemas/cases';
import { pageQuery } from '../schemas/paging';

/**
 * Who may read a case's timeline: the office's staff, the jaksa who supervises the sentence and the
 * Kanwil. Not site supervisors (the timeline shows the decision and every correction) and not machine
 * clients.
 */
const TIMELINE_READERS = ['admin', 'officer', 'prosecutor', 'regional'] as const;

export const getCaseAudit = pagedRoute({
  operationId: 'getCaseAudit',
  path: '/v1/offices/{officeId}/cases/{caseId}/audit',
  summary: 'The case timeline: who changed what and when, field by field, newest first',
  tags: ['audit'],
  access: access.office(TIMELINE_READERS),
  params: caseIdParams,
  query: pageQuery,
  items: 'audit entries',
  item: auditEntrySchema,
  list: ({ params }) => `audit:case:${params.caseId}`,
  read: ({ deps, access: grant, params }, page) => caseTimeline(deps, grant, { caseId: params.caseId, page }),
});
