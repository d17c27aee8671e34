import type * as z from 'zod';
import { validateEvidenceRequest } from '../../domain';
import { newEvidenceKey } from '../../evidence/verifier';
import { principalId } from '../../identity/principal';
import { newId } from '../../store/audit';
import type { EvidenceRecord } from '../../store/evidence-store';
import { access, staff } from '../access';
import { violationsProblem } from '../domain-errors';
import type { GuardResult, OfficeAccess } from '../guard';
import { problems } from '../problem';
import { defineRoute, type ApiDependencies } from '../route';
import { caseIdParams } from '../schemas/cases';
import {
  createEvidenceBody,
  evidenceDetailSchema,
  evidenceIdParams,
  evidenceListQuery,
  evidenceSchema,
  uploadTicketSchema,
} from '../schemas/evidence';
import { pageOf } from '../schemas/paging';
import { loadVisibleCase } from './cases';

type InOffice = Extract<GuardResult, { kind: 'office' }>;

/**
 * Who uploads: the PK, the office admin, the site supervisor (for sessions at their own sites), and
 * partner systems holding `evidence:write`. Prosecutors and the Kanwil only read.
 */
const EVIDENCE_UPLOADERS = ['admin', 'officer', 'supervisor', 'integration'] as const;

/** An upload URL lives 15 minutes: long enough for 20 MB on a poor connection, short enough to leak little. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** A download URL lives 5 minutes. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;
/** A thumbnail URL too: the gallery asks the list again rather than keep URLs. */
export const THUMBNAIL_URL_SECONDS = 5 * 60;

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};

/**
 * The API's view: never the object key, the S3 version, the raw location, the internal version or the
 * thumbnail's key (a short-lived URL to it is added by the read routes).
 */
export function presentEvidence(record: EvidenceRecord) {
  return {
    id: record.id,
    caseId: record.caseId,
    kind: record.kind,
    ...(record.sessionId ? { sessionId: record.sessionId } : {}),
    fileName: record.fileName,
    contentType: record.contentType,
    sizeBytes: record.sizeBytes,
    sha256: record.sha256,
    ...(record.capturedAt ? { capturedAt: record.capturedAt } : {}),
    status: record.status,
    ...(record.rejectionReason ? { rejectionReason: record.rejectionReason } : {}),
    checks: record.checks,
    warnings: record.warnings,
    uploadedBy: record.uploadedBy,
    createdAt: record.createdAt,
    ...(record.decidedAt ? { decidedAt: record.decidedAt } : {}),
  };
}

/**
 * The thumbnail of verified image evidence: a presigned GET of at most 5 minutes, signed locally (no AWS
 * call, so a page of 100 costs 100 signatures and nothing else), or `thumbnail: 'unavailable'` when there
 * can be none (HEIC, an image the codec cannot read). Nothing while it is not made yet, or not an image.
 */
async function thumbnailOf(deps: ApiDependencies, record: EvidenceRecord) {
  if (record.status !== 'verified') return {};
  if (record.thumbnailKey) {
    return {
      thumbnailUrl: await deps.evidenceObjects.presignDownload({
        key: record.thumbnailKey,
        contentType: 'image/jpeg',
        downloadName: `thumbnail-${record.id}.jpg`,
        expiresInSeconds: THUMBNAIL_URL_SECONDS,
      }),
    };
  }
  return record.thumbnail === 'unavailable' ? { thumbnail: 'unavailable' as const } : {};
}

/** A site supervisor sees only the evidence of sessions at their own sites; everyone else all of it. */
const visibleTo = (grant: OfficeAccess, record: EvidenceRecord) =>
  !grant.siteIds || (record.siteId !== undefined && grant.siteIds.includes(record.siteId));

/** The session named in an upload request: of this case, and for a supervisor at one of their sites. */
async function sessionFor(deps: ApiDependencies, grant: OfficeAccess, caseId: string, sessionId?: string) {
  const invalid = (message: string) => problems.invalidInput([{ path: 'sessionId', message }]);
  if (!sessionId) {
    if (grant.siteIds) throw invalid('A site supervisor attaches evidence to a session at their work site.');
    return undefined;
  }
  const session = sessionId.startsWith(`${caseId}-`)
    ? await deps.evidence.getSession(grant.office.id, caseId, sessionId)
    : undefined;
  if (!session) throw invalid('No such session in this case.');
  if (grant.siteIds && !grant.siteIds.includes(session.siteId)) {
    throw invalid('Not a session at one of your work sites.');
  }
  return session;
}

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
  body: createEvidenceBody,
  responses: {
    201: {
      description: 'Pending: PUT the file to upload.url with upload.headers',
      schema: uploadTicketSchema,
    },
  },
  async handle({ access: grant, params, body, deps }) {
    const visible = await loadVisibleCase(deps, grant, params.caseId);
    // Refused here, before any URL exists: a type or size the deployment does not take.
    const checked = validateEvidenceRequest(body, deps.evidenceSettings);
    if (!checked.ok) throw violationsProblem(checked.violations, 'This file cannot be uploaded as evidence.');
    const session = await sessionFor(deps, grant, visible.id, body.sessionId);

    const now = deps.now();
    const id = newId(now);
    const sha256 = body.sha256.toLowerCase();
    const contentType = checked.value.contentType;
    const record: EvidenceRecord = {
      id,
      officeId: grant.office.id,
      caseId: visible.id,
      kind: body.kind,
      ...(session ? { sessionId: session.id, siteId: session.siteId } : {}),
      fileName: body.fileName,
      contentType,
      sizeBytes: body.sizeBytes,
      sha256,
      ...(body.capturedAt ? { capturedAt: new Date(body.capturedAt).toISOString() } : {}),
      ...(body.location ? { location: body.location } : {}),
      status: 'pending',
      checks: {},
      warnings: [],
      objectKey: newEvidenceKey(grant.office.id, visible.id, id),
      uploadedBy: principalId(grant.principal),
      uploadUrlExpiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    // The record first: whenever bytes arrive, the verifier finds what they must match.
    await deps.evidence.create(record, { actor: record.uploadedBy, at: now });
    const upload = await deps.evidenceObjects.presignUpload({
      key: record.objectKey,
      contentType,
      sizeBytes: record.sizeBytes,
      sha256Base64: Buffer.from(sha256, 'hex').toString('base64'),
      expiresInSeconds: UPLOAD_URL_SECONDS,
    });
    return {
      status: 201,
      body: { id, status: 'pending', upload: { ...upload, expiresAt: record.uploadUrlExpiresAt } },
      headers: { location: `/v1/offices/${grant.office.id}/cases/${visible.id}/evidence/${id}` },
    };
  },
});

export const listEvidence = defineRoute<
  z.infer<typeof caseIdParams>,
  z.infer<typeof evidenceListQuery>,
  unknown,
  InOffice
>({
  operationId: 'listEvidence',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases/{caseId}/evidence',
  summary: 'Evidence of a case, newest first, by session and status (each read is audited)',
  tags: ['evidence'],
  access: access.office(staff.readers, 'cases:read'),
  params: caseIdParams,
  query: evidenceListQuery,
  responses: { 200: { description: 'A page of evidence', schema: pageOf(evidenceSchema) } },
  async handle({ access: grant, params, query, deps }) {
    const visible = await loadVisibleCase(deps, grant, params.caseId);
    const { limit, cursor, ...filter } = query;
    const scope = {
      officeId: grant.office.id,
      list: `evidence:${visible.id}:${filter.status ?? ''}:${filter.sessionId ?? ''}`,
    };
    const page = await deps.evidence.list(
      grant.office.id,
      visible.id,
      { ...filter, ...(grant.siteIds ? { siteIds: grant.siteIds } : {}) },
      { limit, startKey: await deps.cursors.decode(scope, cursor) },
    );
    await deps.evidence.recordRead(
      grant.office.id,
      { type: 'case-evidence', id: visible.id },
      { actor: principalId(grant.principal), at: deps.now(), action: 'evidence.list' },
    );
    return {
      status: 200,
      body: {
        items: await Promise.all(
          page.items.map(async (record) => ({
            ...presentEvidence(record),
            ...(await thumbnailOf(deps, record)),
          })),
        ),
        nextCursor: await deps.cursors.encode(scope, page.lastKey),
      },
    };
  },
});

export const getEvidence = defineRoute<z.infer<typeof evidenceIdParams>, unknown, unknown, InOffice>({
  operationId: 'getEvidence',
  method: 'GET',
  path: '/v1/offices/{officeId}/cases/{caseId}/evidence/{evidenceId}',
  summary: 'One piece of evidence with its checks; verified evidence with a 5-minute download URL (audited)',
  tags: ['evidence'],
  access: access.office(staff.readers, 'cases:read'),
  params: evidenceIdParams,
  responses: { 200: { description: 'The evidence', schema: evidenceDetailSchema } },
  async handle({ access: grant, params, deps }) {
    const visible = await loadVisibleCase(deps, grant, params.caseId);
    const record = await deps.evidence.get(grant.office.id, visible.id, params.evidenceId);
    if (!record || !visibleTo(grant, record)) throw problems.notFound('No such evidence in this case.');
    const now = deps.now();
    // Only verified bytes are offered: pending ones are unchecked, rejected ones are kept for the audit only.
    const download =
      record.status === 'verified'
        ? {
            url: await deps.evidenceObjects.presignDownload({
              key: record.objectKey,
              versionId: record.objectVersionId,
              contentType: record.contentType,
              downloadName: `${record.kind}-${record.id}.${EXTENSIONS[record.contentType] ?? 'bin'}`,
              expiresInSeconds: DOWNLOAD_URL_SECONDS,
            }),
            expiresAt: new Date(now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
          }
        : undefined;
    await deps.evidence.recordRead(
      grant.office.id,
      { type: 'evidence', id: record.id },
      {
        actor: principalId(grant.principal),
        at: now,
        action: download ? 'evidence.download-url' : 'evidence.read',
      },
    );
    return {
      status: 200,
      body: {
        ...presentEvidence(record),
        ...(await thumbnailOf(deps, record)),
        ...(download ? { download } : {}),
      },
    };
  },
});
