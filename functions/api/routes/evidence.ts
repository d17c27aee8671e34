import type * as z from 'zod';
import { listCaseEvidence } from '../../actions/evidence/list-case-evidence';
import type { EvidenceRecord, EvidenceView } from '../../actions/evidence/queries';
import { readEvidence } from '../../actions/evidence/read-evidence';
import { requestEvidenceUpload } from '../../actions/evidence/request-evidence-upload';
import type { InOffice } from '../../identity/grant';
import { access, staff } from '../access';
import { defineRoute } from '../route';
import { officePath, pagedRoute, readAheadCase } from '../route-kit';
import { caseIdParams } from '../schemas/cases';
import {
  createEvidenceBody,
  evidenceDetailSchema,
  evidenceIdParams,
  evidenceListQuery,
  evidenceSchema,
  uploadTicketSchema,
} from '../schemas/evidence';

/**
 * Who uploads: the PK, the office admin, the site supervisor (for sessions at their own sites), and
 * partner systems holding `evidence:write`. Prosecutors and the Kanwil only read.
 */
const EVIDENCE_UPLOADERS = ['admin', 'officer', 'supervisor', 'integration'] as const;

/** What the API shows of a record, in this order; the optional ones only when set. */
const SHOWN = [
  'id',
  'caseId',
  'kind',
  'sessionId',
  'fileName',
  'contentType',
  'sizeBytes',
  'sha256',
  'capturedAt',
  'recordedOffline',
  'status',
  'rejectionReason',
  'checks',
  'warnings',
  'uploadedBy',
  'createdAt',
  'decidedAt',
] as const satisfies readonly (keyof EvidenceRecord)[];
type PresentedEvidence = Pick<EvidenceRecord, (typeof SHOWN)[number]>;

/**
 * The API's view: never the object key, the S3 version, the raw location, the internal version or the
 * thumbnail's key (a short-lived URL to it is added by the read routes).
 */
export function presentEvidence(record: EvidenceRecord): PresentedEvidence {
  const shown = SHOWN.flatMap((key) => (record[key] !== undefined ? [[key, record[key]]] : []));
  return Object.fromEntries(shown) as PresentedEvidence;
}

/** A piece of evidence as read: the record's view and its thumbnail (or why there is none). */
const presentView = (view: EvidenceView) => ({ ...presentEvidence(view.record), ...view.rendition });

export const createEvidence = defineRoute<
  z.infer<typeof caseIdParams>,
  unknown,
  z.infer<typeof createEvidenceBody>,
  InOffice
>({
  operationId: 'createEvidence',
  method: 'POST',
  path: '/v1/offices/{officeId}/cases/{caseId}/evidence',
  summary:
    'Request an evidence upload: a presigned S3 PUT (15 minutes); the bytes are verified when they arrive',
  tags: ['evidence'],
  access: access.office(EVIDENCE_UPLOADERS, 'evidence:write'),
  params: caseIdParams,
  // The case, and the session the evidence is of when the body names one.
  readAhead: (p, officeId, keys, body) => {
    const sessionId = body()?.sessionId;
    return [...readAheadCase(p, officeId, keys), ...(sessionId ? [keys.session(officeId, sessionId)] : [])];
  },
  body: createEvidenceBody,
  responses: {
    201: {
      description: 'Pending: PUT the file to upload.url with upload.headers',
      schema: uploadTicketSchema,
    },
  },
  async handle({ access: grant, params, body, deps }) {
    const { record, upload } = await requestEvidenceUpload(deps, grant, { ...body, caseId: params.caseId });
    const location = officePath(grant, 'cases', record.caseId, 'evidence', record.id);
    return { status: 201, body: { id: record.id, status: 'pending', upload }, headers: { location } };
  },
});

export const listEvidence = pagedRoute({
  operationId: 'listEvidence',
  path: '/v1/offices/{officeId}/cases/{caseId}/evidence',
  summary: 'Evidence of a case, newest first, by session and status (each read is audited)',
  tags: ['evidence'],
  access: access.office(staff.readers, 'cases:read'),
  params: caseIdParams,
  readAhead: readAheadCase,
  query: evidenceListQuery,
  items: 'evidence',
  item: evidenceSchema,
  list: ({ params, query }) => `evidence:${params.caseId}:${query.status ?? ''}:${query.sessionId ?? ''}`,
  read: ({ params, query: { cursor: _cursor, ...filter }, access: grant, deps }, page) =>
    listCaseEvidence(deps, grant, { ...filter, caseId: params.caseId, ...page }),
  present: presentView,
});

export const getEvidence = defineRoute<z.infer<typeof evidenceIdParams>, unknown, unknown, InOffice>({
  operationId: 'getEvidence',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases/{caseId}/evidence/{evidenceId}',
  summary: 'One piece of evidence with its checks; verified evidence with a 5-minute download URL (audited)',
  tags: ['evidence'],
  access: access.office(staff.readers, 'cases:read'),
  params: evidenceIdParams,
  readAhead: (p, officeId, keys) => [
    keys.case(officeId, p.caseId),
    keys.evidence(officeId, p.caseId, p.evidenceId),
  ],
  responses: { 200: { description: 'The evidence', schema: evidenceDetailSchema } },
  async handle({ access: grant, params, deps }) {
    const read = await readEvidence(deps, grant, params);
    return {
      status: 200,
      body: { ...presentView(read), ...(read.download ? { download: read.download } : {}) },
    };
  },
});
