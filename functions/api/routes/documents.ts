/**
 * Official documents (issue 14, ADR 0015). Issuing, previewing and finishing render PDFs, so they run
 * in the documents function (`runsIn: 'documents'`); reading, listing and verifying do not.
 */
import type * as z from 'zod';
import { setDocumentSettings } from '../../actions/offices/document-settings';
import { finishDocument, issueDocument, verificationUrl } from '../../actions/documents/issue-document';
import { previewDocument } from '../../actions/documents/preview-document';
import {
  getDocument,
  listDocuments,
  verifyDocument,
  type DocumentRecord,
} from '../../actions/documents/queries';
import { documentSpreadsheet, regionalReport, type DocumentFile } from '../../actions/documents/spreadsheets';
import type { InOffice, InRegion } from '../../identity/grant';
import { access, staff } from '../access';
import { presentOffice } from '../presenters';
import { defineRoute, type RouteDefinition } from '../route';
import { officePath, pagedRoute } from '../route-kit';
import { officeParams } from '../schemas/common';
import {
  documentListQuery,
  documentParams,
  documentSchema,
  documentSettingsSchema,
  documentVerificationSchema,
  issueDocumentBody,
  regionalReportQuery,
  verificationParams,
} from '../schemas/documents';
import { regionParams } from '../schemas/summary';
import { officeSchema } from '../schemas/identity';

type OfficeParams = z.infer<typeof officeParams>;
type DocumentParams = z.infer<typeof documentParams>;
type IssueBody = z.infer<typeof issueDocumentBody>;

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** People who issue documents: the PKs and the office's admins. */
const ISSUERS = staff.editors;
/** Who reads them: the office's staff, the jaksa, the Kanwil and partner systems reading cases. */
const READERS = ['admin', 'officer', 'prosecutor', 'regional', 'integration'] as const;

/** The case or site the body names, read by the guard with the caller's grants (ADR 0011). */
const readAheadSubject = (
  _params: OfficeParams,
  officeId: string,
  keys: Parameters<NonNullable<RouteDefinition['readAhead']>>[2],
  body: () => IssueBody | undefined,
) => {
  const parsed = body();
  if (parsed && 'caseId' in parsed) return [keys.case(officeId, parsed.caseId)];
  if (parsed && 'siteId' in parsed) return [keys.site(officeId, parsed.siteId)];
  return [];
};

/**
 * A document as the API shows it: without what is the store's own (its model, bucket key and version,
 * register scope) and with its verification link as a path on the dashboard's origin.
 */
const presentDocument = ({
  model: _model,
  objectKey: _key,
  versionId: _version,
  officeId: _office,
  sequenceScope: _scope,
  sequence: _sequence,
  renderer: _renderer,
  ...record
}: DocumentRecord & { downloadUrl?: string }) => ({
  ...record,
  verificationUrl: verificationUrl('', record.id),
});

export const putDocumentSettings = defineRoute<
  OfficeParams,
  unknown,
  z.infer<typeof documentSettingsSchema>,
  InOffice
>({
  operationId: 'putDocumentSettings',
  method: 'PUT',
  path: '/v1/offices/{officeId}/document-settings',
  summary: "Set the office's letterhead, the head who signs and the document number register",
  description:
    'Documents already issued keep the letterhead and number they were issued with; the register counts on. Refused with DOC-SETTINGS or DOC-NUMBER-PATTERN naming the field.',
  tags: ['documents'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  body: documentSettingsSchema,
  responses: { 200: { description: 'The office with its new settings', schema: officeSchema } },
  async handle({ access: grant, body, deps }) {
    return { status: 200, body: presentOffice(await setDocumentSettings(deps, grant, body)) };
  },
});

export const issueDocumentRoute = defineRoute<OfficeParams, unknown, IssueBody, InOffice>({
  operationId: 'issueDocument',
  method: 'POST',
  path: '/v1/offices/{officeId}/documents',
  summary: 'Issue an official document: numbered from the register, stored under Object Lock',
  description:
    'Builds the document from the records as they are now, takes the next number from the office register, stores the PDF (SHA-256 recorded) and writes it on the case timeline. A completion record is refused while hours remain (LC-COMPLETE-HOURS). With `replaces`, the earlier document becomes `replaced`; its file stays. Send an `Idempotency-Key`: a retry returns the same document. A document answered `issuing` (its file not yet stored) is completed by `…/finish`.',
  tags: ['documents'],
  access: access.office(ISSUERS),
  runsIn: 'documents',
  params: officeParams,
  body: issueDocumentBody,
  readAhead: readAheadSubject,
  responses: { 201: { description: 'The issued document', schema: documentSchema } },
  async handle({ access: grant, body, deps }) {
    const issued = await issueDocument(deps, grant, body);
    return {
      status: 201,
      body: presentDocument(issued),
      headers: { location: officePath(grant, 'documents', issued.id) },
    };
  },
});

export const previewDocumentRoute = defineRoute<OfficeParams, unknown, IssueBody, InOffice>({
  operationId: 'previewDocument',
  method: 'POST',
  path: '/v1/offices/{officeId}/documents/preview',
  summary: 'Preview a document as a PDF, marked DRAF, without a number and without storing it',
  tags: ['documents'],
  access: access.office(ISSUERS),
  runsIn: 'documents',
  // The answer is a file: nothing to replay, and a preview changes nothing.
  replayable: false,
  params: officeParams,
  body: issueDocumentBody,
  readAhead: readAheadSubject,
  responses: { 200: { description: 'The draft PDF', file: { contentTypes: [PDF] } } },
  async handle({ access: grant, body, deps }) {
    return { status: 200, body: await previewDocument(deps, grant, body) };
  },
});

export const finishDocumentRoute = defineRoute<DocumentParams, unknown, unknown, InOffice>({
  operationId: 'finishDocument',
  method: 'POST',
  path: '/v1/offices/{officeId}/documents/{documentId}/finish',
  summary: 'Store the file of a document whose issue stopped after it was numbered',
  description:
    'The same model renders the same bytes, so the file is the one the first attempt would have stored. An issued document is answered as it is.',
  tags: ['documents'],
  access: access.office(ISSUERS),
  runsIn: 'documents',
  params: documentParams,
  responses: { 200: { description: 'The document', schema: documentSchema } },
  async handle({ access: grant, params, deps }) {
    return { status: 200, body: presentDocument(await finishDocument(deps, grant, params.documentId)) };
  },
});

export const listDocumentsRoute = pagedRoute<OfficeParams, z.infer<typeof documentListQuery>, DocumentRecord>(
  {
    operationId: 'listDocuments',
    path: '/v1/offices/{officeId}/documents',
    summary: "The office's issued documents, newest first, or one case's or one site's",
    tags: ['documents'],
    access: access.office(READERS, 'cases:read'),
    params: officeParams,
    query: documentListQuery,
    items: 'documents',
    item: documentSchema,
    list: ({ query }) => `documents:${query.caseId ?? ''}:${query.siteId ?? ''}`,
    read: ({ access: grant, query, deps }, page) => listDocuments(deps, grant, query, page),
    present: presentDocument,
  },
);

export const getDocumentRoute = defineRoute<DocumentParams, unknown, unknown, InOffice>({
  operationId: 'getDocument',
  method: 'GET',
  path: '/v1/offices/{officeId}/documents/{documentId}',
  summary: 'One document, with a 15-minute link to its stored file (the bytes issued)',
  tags: ['documents'],
  access: access.office(READERS, 'cases:read'),
  params: documentParams,
  responses: { 200: { description: 'The document', schema: documentSchema } },
  async handle({ access: grant, params, deps }) {
    return { status: 200, body: presentDocument(await getDocument(deps, grant, params.documentId)) };
  },
});

export const verifyDocumentRoute = defineRoute<z.infer<typeof verificationParams>, unknown, unknown>({
  operationId: 'verifyDocument',
  method: 'GET',
  path: '/v1/verify/{documentId}',
  summary: "Check a document's number, status and hashes (public: what its QR code opens)",
  description:
    'No sign-in. Shows only the number, kind, issue date, office, status, the content fingerprint printed on the paper, the stored file SHA-256 and the client initials.',
  tags: ['documents'],
  access: access.public,
  params: verificationParams,
  responses: { 200: { description: 'The verification record', schema: documentVerificationSchema } },
  async handle({ params, deps }) {
    const { id: _id, ...shown } = await verifyDocument(deps, params.documentId);
    return { status: 200, body: shown };
  },
});

/** A file to save under `fileName` (ASCII: the number or the region, never a person's name). */
const fileAnswer = (file: DocumentFile, contentType: string) => ({
  status: 200,
  body: file.bytes,
  headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${file.fileName}"` },
});

export const getDocumentSpreadsheet = defineRoute<DocumentParams, unknown, unknown, InOffice>({
  operationId: 'getDocumentSpreadsheet',
  method: 'GET',
  path: '/v1/offices/{officeId}/documents/{documentId}/spreadsheet',
  summary: "An issued monthly report as XLSX: its figures, tables and charts, under the PDF's number",
  tags: ['documents'],
  access: access.office(READERS, 'cases:read'),
  runsIn: 'documents',
  params: documentParams,
  responses: { 200: { description: 'The workbook', file: { contentTypes: [XLSX] } } },
  async handle({ access: grant, params, deps }) {
    return fileAnswer(await documentSpreadsheet(deps, grant, params.documentId), XLSX);
  },
});

export const getRegionalReport = defineRoute<
  z.infer<typeof regionParams>,
  z.infer<typeof regionalReportQuery>,
  unknown,
  InRegion
>({
  operationId: 'getRegionalReport',
  method: 'GET',
  path: '/v1/regions/{regionId}/report',
  summary: "The Kanwil's monthly roll-up of its offices (Rekapitulasi Wilayah) as PDF or XLSX, with charts",
  description:
    "From the regional summary: each office's cases by status, hours and sessions in the month, open warnings, due and off track, and the region's totals. Not entered in a register: a Kanwil numbers its letters in its own agenda.",
  tags: ['documents'],
  access: access.region,
  runsIn: 'documents',
  params: regionParams,
  query: regionalReportQuery,
  responses: { 200: { description: 'The roll-up', file: { contentTypes: [PDF, XLSX] } } },
  async handle({ access: grant, query, deps }) {
    const file = await regionalReport(deps, grant, query);
    return fileAnswer(file, query.format === 'xlsx' ? XLSX : PDF);
  },
});
