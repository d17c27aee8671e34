import { isOffered } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { auditRead, canSeeEvidence, DOWNLOAD_URL_SECONDS, viewOf, type EvidenceView } from './queries';

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};

export interface EvidenceRead extends EvidenceView {
  /** Verified evidence only (EV-DOWNLOAD): a presigned GET of the verified version. */
  readonly download?: { readonly url: string; readonly expiresAt: string };
}

/**
 * One piece of evidence with its checks and, when verified, a 5-minute download URL pinned to the
 * verified version. Audited: as a download when a URL was handed out, else as a read.
 * @throws Refusal not-found (no such case or evidence for the caller)
 */
export async function readEvidence(
  ports: Ports,
  grant: OfficeGrant,
  input: { readonly caseId: string; readonly evidenceId: string },
): Promise<EvidenceRead> {
  const visible = await loadVisibleCase(ports, grant, input.caseId);
  const record = await ports.evidence.get(grant.office.id, visible.id, input.evidenceId);
  if (!record || !canSeeEvidence(grant, record)) throw refuse.notFound('No such evidence in this case.');
  const now = ports.now();
  const download = isOffered(record.status)
    ? {
        url: await ports.evidenceObjects.presignDownload({
          key: record.objectKey,
          versionId: record.objectVersionId,
          contentType: record.contentType,
          downloadName: `${record.kind}-${record.id}.${EXTENSIONS[record.contentType] ?? 'bin'}`,
          expiresInSeconds: DOWNLOAD_URL_SECONDS,
        }),
        expiresAt: new Date(now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
      }
    : undefined;
  const action = download ? 'evidence.download-url' : 'evidence.read';
  await auditRead(ports, grant, { type: 'evidence', id: record.id }, action, now);
  return { ...(await viewOf(ports, record)), ...(download ? { download } : {}) };
}
