/**
 * Data subjects' requests and exports (issue 17, UU 27/2022; ADR 0021). The office's admins log and
 * answer requests; its PKs (officers) may read the log, as they are often the ones a client asks. The
 * export renders a PDF, so it runs in the documents function (`runsIn: 'documents'`, ADR 0015).
 * Requester names and request details are personal data: no route logs them.
 */
import type * as z from 'zod';
import { exportClient } from '../../actions/data-requests/export-client';
import { exportLinks } from '../../actions/data-requests/export-links';
import { answerRequest, getRequest, listRequests, logRequest } from '../../actions/data-requests/requests';
import type { Ports } from '../../actions/ports';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { defineRoute } from '../route';
import { officePath, pagedRoute, recordRoute } from '../route-kit';
import { officeParams } from '../schemas/common';
import {
  answerRequestBody,
  clientExportParams,
  createExportBody,
  createRequestBody,
  exportLinkParams,
  listRequestsQuery,
  requestParams,
  subjectExportSchema,
  subjectRequestSchema,
} from '../schemas/data-requests';

const READERS = ['admin', 'officer'] as const;

const readAheadRequest = (params: { requestId: string }, officeId: string, keys: Ports['recordKeys']) => [
  keys.dataRequest(officeId, params.requestId),
];

export const listDataRequests = pagedRoute({
  operationId: 'listDataRequests',
  path: '/v1/offices/{officeId}/data-requests',
  summary: "The office's log of data subjects' requests: open ones first by deadline, or one status",
  tags: ['data-requests'],
  access: access.office(READERS),
  params: officeParams,
  query: listRequestsQuery,
  items: 'requests',
  item: subjectRequestSchema,
  list: ({ query }) => `data-requests?status=${query.status ?? ''}`,
  read: ({ query, access: grant, deps }, page) => listRequests(deps, grant, { status: query.status, page }),
});

export const createDataRequest = recordRoute({
  operationId: 'createDataRequest',
  method: 'POST',
  path: '/v1/offices/{officeId}/data-requests',
  summary: "Log a data subject's request (access, correction, erasure, restriction) with its deadline",
  description:
    'The deadline is 3×24 hours after `receivedAt` (PDP-REQUEST-DEADLINE); a receipt in the future is refused naming `receivedAt`, a client of another office naming `clientId`.',
  tags: ['data-requests'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  body: createRequestBody,
  readAhead: (_params, officeId, keys, body) => {
    const clientId = body()?.clientId;
    return clientId ? [keys.client(officeId, clientId)] : [];
  },
  responses: { 201: { description: 'Logged', schema: subjectRequestSchema } },
  run: ({ access: grant, body, deps }) => logRequest(deps, grant, body),
  location: (request, grant) => officePath(grant, 'data-requests', request.id),
});

export const getDataRequest = recordRoute({
  operationId: 'getDataRequest',
  method: 'GET',
  path: '/v1/offices/{officeId}/data-requests/{requestId}',
  summary: 'One request with its deadline, hours left and whether it is overdue',
  tags: ['data-requests'],
  access: access.office(READERS),
  params: requestParams,
  readAhead: readAheadRequest,
  responses: { 200: { description: 'The request', schema: subjectRequestSchema } },
  run: ({ access: grant, params, deps }) => getRequest(deps, grant, params.requestId),
});

export const answerDataRequest = recordRoute({
  operationId: 'answerDataRequest',
  method: 'POST',
  path: '/v1/offices/{officeId}/data-requests/{requestId}/answer',
  summary: 'Answer a request, or refuse it with a reason',
  description:
    'Only an open request (PDP-REQUEST-ANSWER-ONCE, 409 otherwise); a refusal names its `reason` (PDP-REQUEST-REFUSAL). An answer after the deadline is recorded and flagged `overdue`, never refused.',
  tags: ['data-requests'],
  access: access.office(staff.adminOnly),
  params: requestParams,
  body: answerRequestBody,
  readAhead: readAheadRequest,
  responses: { 200: { description: 'Answered', schema: subjectRequestSchema } },
  run: ({ access: grant, params, body, deps }) => answerRequest(deps, grant, params.requestId, body),
});

type ExportParams = z.infer<typeof clientExportParams>;
type ExportBody = z.infer<typeof createExportBody>;

export const createClientExport = defineRoute<ExportParams, unknown, ExportBody, InOffice>({
  operationId: 'createClientExport',
  method: 'POST',
  path: '/v1/offices/{officeId}/clients/{clientId}/exports',
  summary: 'Export everything held about a client (JSON and a readable PDF), audited as one action',
  description:
    "The client record (NIK in full: it is the subject's own data), the lawful basis, every case with its sessions, placements, warnings, referrals and payments, the evidence list with SHA-256, the documents issued, and the audit trails of the client and each case (NIK reveals included). Stored for the retention schedule's `exports` period; answered with 15-minute links to both files. With `requestId`, the open access request is answered by it in the same transaction. Send an `Idempotency-Key`.",
  tags: ['data-requests'],
  access: access.office(staff.adminOnly),
  runsIn: 'documents',
  params: clientExportParams,
  body: createExportBody,
  readAhead: (params, officeId, keys, body) => {
    const requestId = body()?.requestId;
    return [
      keys.client(officeId, params.clientId),
      ...(requestId ? [keys.dataRequest(officeId, requestId)] : []),
    ];
  },
  responses: { 201: { description: 'The export and its links', schema: subjectExportSchema } },
  async handle({ access: grant, params, body, deps }) {
    const made = await exportClient(deps, grant, { clientId: params.clientId, ...body });
    // No Location: an export is not read back through the API, only through its links.
    return { status: 201, body: made };
  },
});

type LinkParams = z.infer<typeof exportLinkParams>;

/**
 * The links of an export last 15 minutes; within its retention period an admin gets new ones to the same
 * files here, an audited read, rather than exporting everything again.
 */
export const getClientExportLinks = defineRoute<LinkParams, unknown, unknown, InOffice>({
  operationId: 'getClientExportLinks',
  method: 'GET',
  path: '/v1/offices/{officeId}/clients/{clientId}/exports/{exportId}',
  summary: "New 15-minute links to an export's files (audited as a read of the whole dossier)",
  description:
    "While the export's files are kept (the retention schedule's `exports` period); 404 for another client's export or one whose files are gone. Each call leaves a `client.export-link` entry in the client's trail.",
  tags: ['data-requests'],
  access: access.office(staff.adminOnly),
  runsIn: 'documents',
  params: exportLinkParams,
  readAhead: (params, officeId, keys) => [
    keys.client(officeId, params.clientId),
    keys.subjectExport(officeId, params.exportId),
  ],
  responses: { 200: { description: 'The export and new links', schema: subjectExportSchema } },
  async handle({ access: grant, params, deps }) {
    return { status: 200, body: await exportLinks(deps, grant, params) };
  },
});
