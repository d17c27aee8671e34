/**
 * Official documents (issue 14, ADR 0015) as the dashboard uses them: the API calls (a draft preview as
 * a PDF Blob, issue, list, read, finish, the XLSX of a monthly report, the public verification record),
 * the names of kinds and statuses; with the few rules the screens share (./document-rules). The API
 * decides; these only ask.
 */
import { m } from '../paraglide/messages.js';
import type { ApiClient, ApiFile } from './api';
import type {
  DocumentKind,
  DocumentStatus,
  DocumentVerification,
  IssueDocumentBody,
  OfficialDocument,
  Page,
} from './api-types';
import { labelsOf } from './labels';
import { officeApi } from './office-data';

export { isReportMonth, needsSettings, printedFingerprint, reissueBody, sameHash } from './document-rules';

export const documentKindLabel = labelsOf({
  completion_record: m.doc_kind_completion_record,
  referral_report: m.doc_kind_referral_report,
  progress_report: m.doc_kind_progress_report,
  placement_letter: m.doc_kind_placement_letter,
  attendance_sheet: m.doc_kind_attendance_sheet,
  monthly_report: m.doc_kind_monthly_report,
  regional_rollup: m.doc_kind_regional_rollup,
} satisfies Record<DocumentKind, () => string>);

/** "Pratinjau laporan perkembangan": the kind's name inside a sentence. */
export const previewLabel = (kind: DocumentKind): string =>
  m.doc_preview_kind({ kind: documentKindLabel(kind).toLowerCase() });

export const documentStatusLabel = labelsOf({
  issuing: m.doc_status_issuing,
  issued: m.doc_status_issued,
  replaced: m.doc_status_replaced,
} satisfies Record<DocumentStatus, () => string>);

/** The badge tone of a status: in force, replaced (history), or stopped halfway (needs a hand). */
export const DOCUMENT_STATUS_TONE = {
  issuing: 'warn',
  issued: 'ok',
  replaced: 'neutral',
} as const satisfies Record<DocumentStatus, string>;

/** Which documents list to read: one case's, one site's, or the whole office register. */
export type DocumentFilter = { readonly caseId: string } | { readonly siteId: string } | null;

const documentsPath = (officeId: string, rest = '') => officeApi(officeId, `/documents${rest}`);
const one = (officeId: string, documentId: string, rest = '') =>
  documentsPath(officeId, `/${encodeURIComponent(documentId)}${rest}`);

/** The draft PDF (marked DRAF, no number, nothing stored). */
export async function previewDocument(
  api: ApiClient,
  officeId: string,
  body: IssueDocumentBody,
): Promise<Blob> {
  return (await api.file('POST', documentsPath(officeId, '/preview'), body)).blob;
}

/** Issues the document; the same `idempotencyKey` on a retry answers the same document. */
export function issueDocument(
  api: ApiClient,
  officeId: string,
  body: IssueDocumentBody,
  idempotencyKey: string,
): Promise<OfficialDocument> {
  return api.post<OfficialDocument>(documentsPath(officeId), body, { idempotencyKey });
}

/** One page of documents, newest first; `query` is `limit=…&cursor=…` (CursorPages). */
export function listDocuments(
  api: ApiClient,
  officeId: string,
  filter: DocumentFilter,
  query: string,
): Promise<Page<OfficialDocument>> {
  const by = filter
    ? 'caseId' in filter
      ? `caseId=${encodeURIComponent(filter.caseId)}&`
      : `siteId=${encodeURIComponent(filter.siteId)}&`
    : '';
  return api.get<Page<OfficialDocument>>(`${documentsPath(officeId)}?${by}${query}`);
}

/** One document, with a 15-minute `downloadUrl` of its stored file when it is stored. */
export function getDocument(api: ApiClient, officeId: string, documentId: string): Promise<OfficialDocument> {
  return api.get<OfficialDocument>(one(officeId, documentId));
}

/** Stores the file of a document left `issuing`; an issued one is answered as it is. */
export function finishDocument(
  api: ApiClient,
  officeId: string,
  documentId: string,
): Promise<OfficialDocument> {
  return api.post<OfficialDocument>(one(officeId, documentId, '/finish'), undefined, {
    idempotencyKey: true,
  });
}

/** An issued monthly report's figures as XLSX, named by the server after its number. */
export function documentSpreadsheet(api: ApiClient, officeId: string, documentId: string): Promise<ApiFile> {
  return api.file('GET', one(officeId, documentId, '/spreadsheet'));
}

/** The public record a document's QR code opens: no sign-in, nothing personal beyond initials. */
export function verifyDocument(api: ApiClient, documentId: string): Promise<DocumentVerification> {
  return api.get<DocumentVerification>(`/v1/verify/${encodeURIComponent(documentId)}`, { auth: false });
}
