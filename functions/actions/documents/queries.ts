import type { OfficeGrant } from '../../identity/grant';
import type { DocumentRecord, DocumentSubject, DocumentVerification } from '../../store/document-store';
import type { Page, PageRequest } from '../cases/queries';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { refuse } from '../refusal';

export type { DocumentRecord, DocumentVerification } from '../../store/document-store';

/** How long a download link works: long enough for a slow line to start it, short enough not to travel. */
export const DOWNLOAD_LINK_SECONDS = 15 * 60;

/**
 * A page of the office's documents, newest first, or of one case's or one site's. Refuses not-found
 * for a case or site the caller may not see.
 */
export async function listDocuments(
  ports: Pick<Ports, 'documents' | 'cases' | 'sites'>,
  grant: OfficeGrant,
  filter: { readonly caseId?: string; readonly siteId?: string },
  page: PageRequest,
): Promise<Page<DocumentRecord>> {
  const officeId = grant.office.id;
  let subject: DocumentSubject | undefined;
  if (filter.caseId) subject = { type: 'case', id: (await loadVisibleCase(ports, grant, filter.caseId)).id };
  else if (filter.siteId) {
    if (!(await ports.sites.get(officeId, filter.siteId)))
      throw refuse.notFound('No such site in this office.');
    subject = { type: 'site', id: filter.siteId };
  }
  return ports.documents.list(officeId, subject, page);
}

/**
 * One document, with a link to its stored file once it is stored: a presigned GET of the stored
 * version, so the bytes are the ones issued, never a re-render.
 */
export async function getDocument(
  ports: Pick<Ports, 'documents' | 'documentFiles'>,
  grant: OfficeGrant,
  documentId: string,
): Promise<DocumentRecord & { readonly downloadUrl?: string }> {
  const record = await ports.documents.get(grant.office.id, documentId);
  if (!record) throw refuse.notFound('No such document in this office.');
  const { model: _model, ...shown } = record;
  if (record.status === 'issuing') return shown;
  const downloadUrl = await ports.documentFiles.presignDownload({
    key: record.objectKey,
    ...(record.versionId ? { versionId: record.versionId } : {}),
    // The number, not the client: the name travels in the URL and the access logs.
    downloadName: `${record.number}.pdf`,
    disposition: 'inline',
    expiresInSeconds: DOWNLOAD_LINK_SECONDS,
  });
  return { ...shown, downloadUrl };
}

/** The public verification record of a document (no sign-in): number, status, hashes, initials. */
export async function verifyDocument(
  ports: Pick<Ports, 'documents'>,
  documentId: string,
): Promise<DocumentVerification> {
  const found = await ports.documents.verification(documentId);
  if (!found) throw refuse.notFound('No document with this link was issued by Abdi.');
  return found;
}
