import { caseTimeline } from '../../actions/audit/case-timeline';
import { clientTrail } from '../../actions/audit/client-trail';
import { listNikReveals as readNikReveals } from '../../actions/audit/list-nik-reveals';
import { access, staff } from '../access';
import { pagedRoute, readAheadCase, readAheadOf } from '../route-kit';
import { auditEntrySchema, nikRevealSchema } from '../schemas/audit';
import { caseIdParams } from '../schemas/cases';
import { clientIdParams } from '../schemas/clients';
import { officeParams } from '../schemas/common';
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
  readAhead: readAheadCase,
  query: pageQuery,
  items: 'audit entries',
  item: auditEntrySchema,
  list: ({ params }) => `audit:case:${params.caseId}`,
  read: ({ deps, access: grant, params }, page) => caseTimeline(deps, grant, { caseId: params.caseId, page }),
});

/**
 * The office's NIK reveals, for its admins to review: who read which client's full NIK, when and why.
 * Only admins: the list itself names clients and the reasons given for reading their NIK.
 */
export const listNikReveals = pagedRoute({
  operationId: 'listNikReveals',
  path: '/v1/offices/{officeId}/audit/nik-reveals',
  summary: "Who revealed which client's NIK, when and why, newest first",
  tags: ['audit'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  query: pageQuery,
  items: 'NIK reveals',
  item: nikRevealSchema,
  list: () => 'audit:nik-reveals',
  read: ({ deps, access: grant }, page) => readNikReveals(deps, grant, { page }),
});

/**
 * A client's own trail (corrections and their reasons, NIK reveals, exports): what a subject may ask to
 * see (UU 27/2022 Pasal 32), so the office's admins and PKs read it; not partner systems.
 */
export const getClientAudit = pagedRoute({
  operationId: 'getClientAudit',
  path: '/v1/offices/{officeId}/clients/{clientId}/audit',
  summary: "A client's audit trail: corrections with their reasons, NIK reveals, exports; newest first",
  tags: ['audit'],
  access: access.office(['admin', 'officer']),
  params: clientIdParams,
  readAhead: readAheadOf('client', 'clientId'),
  query: pageQuery,
  items: 'audit entries',
  item: auditEntrySchema,
  list: ({ params }) => `audit:client:${params.clientId}`,
  read: ({ deps, access: grant, params }, page) =>
    clientTrail(deps, grant, { clientId: params.clientId, page }),
});
