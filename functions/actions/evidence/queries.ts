/**
 * What the evidence reads share: who may see a piece, the short-lived URL of its thumbnail, and the
 * audit entry every read leaves.
 */
import { isOffered } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { EvidenceRecord } from '../../store/evidence-store';
import type { Ports } from '../ports';

export type { EvidenceRecord } from '../../store/evidence-store';

/** An upload URL lives 15 minutes: long enough for 20 MB on a poor connection, short enough to leak little. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** A download URL lives 5 minutes. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;
/** A thumbnail URL too: the gallery asks the list again rather than keep URLs. */
export const THUMBNAIL_URL_SECONDS = 5 * 60;

/** A piece of evidence as read: the record and, for verified images, its thumbnail or why there is none. */
export interface EvidenceView {
  readonly record: EvidenceRecord;
  readonly rendition: { readonly thumbnailUrl?: string; readonly thumbnail?: 'unavailable' };
}

/** A site supervisor sees only the evidence of sessions at their own sites; everyone else all of it. */
export const canSeeEvidence = (grant: Pick<OfficeGrant, 'siteIds'>, record: Pick<EvidenceRecord, 'siteId'>) =>
  !grant.siteIds || (record.siteId !== undefined && grant.siteIds.includes(record.siteId));

/**
 * The thumbnail of verified image evidence (EV-DOWNLOAD): a presigned GET of at most 5 minutes, signed
 * locally (no AWS call, so a page of 100 costs 100 signatures and nothing else), or
 * `thumbnail: 'unavailable'` when there can be none (HEIC, an image the codec cannot read). Nothing
 * while it is not made yet, or not an image.
 */
export async function viewOf(
  ports: Pick<Ports, 'evidenceObjects'>,
  record: EvidenceRecord,
): Promise<EvidenceView> {
  if (!isOffered(record.status)) return { record, rendition: {} };
  if (record.thumbnailKey) {
    const thumbnailUrl = await ports.evidenceObjects.presignDownload({
      key: record.thumbnailKey,
      contentType: 'image/jpeg',
      downloadName: `thumbnail-${record.id}.jpg`,
      expiresInSeconds: THUMBNAIL_URL_SECONDS,
    });
    return { record, rendition: { thumbnailUrl } };
  }
  return { record, rendition: record.thumbnail === 'unavailable' ? { thumbnail: 'unavailable' } : {} };
}

/** Audits a read by the caller: every look at evidence, or at a case's list of it, leaves an entry. */
export const auditRead = (
  ports: Pick<Ports, 'evidence'>,
  grant: OfficeGrant,
  subject: { type: 'evidence' | 'case-evidence'; id: string },
  action: string,
  at: Date,
) => ports.evidence.recordRead(grant.office.id, subject, { ...actorOf(grant, at), action });
