/**
 * Fresh download links for a subject's export (issue 17): the links an export answers with last 15
 * minutes, which a slow line or an interrupted hand-over easily outlasts. Within the export's retention
 * period an admin asks for new links to the same files instead of exporting everything again. Each ask
 * is an audited read (`client.export-link` in the client's trail, the one PutItem a read may add).
 */
import { officeToday } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { ExportFiles } from '../../store/export-files';
import type { SubjectExportRecord } from '../../store/subject-export-store';
import { loadClient } from '../clients/queries';
import type { Ports } from '../ports';
import { found } from '../refusal';
import type { ExportAnswer } from './export-client';

/** How long the download links live: long enough to save both files, short enough not to travel. */
export const LINK_SECONDS = 15 * 60;

/**
 * The answer for a stored export: its files' facts and two links signed now, for `LINK_SECONDS`. The
 * files go at `expiresAt` when known to the instant (a new export), else as their day begins.
 */
export async function answerWithLinks(
  files: ExportFiles,
  record: SubjectExportRecord,
  now: Date,
  expiresAt = new Date(`${record.expiresOn}T00:00:00Z`),
): Promise<ExportAnswer> {
  const name = `salinan-data-${record.id.slice(0, 8)}`;
  const link = (key: string, contentType: string, downloadName: string) =>
    files.presignDownload({ key, contentType, downloadName, expiresInSeconds: LINK_SECONDS });
  const [jsonUrl, pdfUrl] = await Promise.all([
    link(record.json.key, 'application/json', `${name}.json`),
    link(record.pdf.key, 'application/pdf', `${name}.pdf`),
  ]);
  return {
    id: record.id,
    clientId: record.clientId,
    ...(record.requestId ? { requestId: record.requestId } : {}),
    createdAt: record.createdAt,
    expiresAt: expiresAt.toISOString(),
    // Signed at or after `now`, so the links last at least this long.
    linksExpireAt: new Date(now.getTime() + LINK_SECONDS * 1000).toISOString(),
    json: { url: jsonUrl, sha256: record.json.sha256, sizeBytes: record.json.sizeBytes },
    pdf: {
      url: pdfUrl,
      sha256: record.pdf.sha256,
      sizeBytes: record.pdf.sizeBytes,
      pages: record.pdf.pages,
    },
  };
}

/**
 * New links to an export of the client. Refuses not-found for another office's or another client's
 * export, and for one whose files are past their retention period (the bucket has deleted them).
 */
export async function exportLinks(
  ports: Pick<Ports, 'clients' | 'subjectExports' | 'exportFiles' | 'now'>,
  grant: OfficeGrant,
  input: { readonly clientId: string; readonly exportId: string },
): Promise<ExportAnswer> {
  const files = ports.exportFiles;
  // Wiring, not the caller's fault: only the documents function holds the exports bucket.
  if (!files) throw new Error('export links are signed in the documents function');
  const client = await loadClient(ports, grant, input.clientId);
  const now = ports.now();
  const stored = await ports.subjectExports.get(grant.office.id, input.exportId);
  const record = found(
    stored && stored.clientId === client.id && stored.expiresOn > officeToday(grant.office, now)
      ? stored
      : undefined,
    'No such export of this client, or its files have been deleted.',
  );
  await ports.subjectExports.recordLinkRead(record, actorOf(grant, now));
  return answerWithLinks(files, record, now);
}
