/**
 * The thumbnail of verified image evidence (evidence/thumbnails.ts makes it), stored under
 * `thumbnails/` and recorded on the evidence. It happens after the verdict is committed and can only
 * ever add to it: a thumbnail that cannot be made is recorded `unavailable` (HEIC, undecodable bytes);
 * one that failed for another reason (S3, a codec that did not load) is logged and tried again when the
 * event comes again. Neither rejects nor fails the evidence.
 */
import { performance } from 'node:perf_hooks';
import { isImageType } from '../../evidence/media-types';
import { readObject } from '../../evidence/measure';
import { makeThumbnail, THUMBNAIL_CONTENT_TYPE, ThumbnailUnavailable } from '../../evidence/thumbnails';
import type { EvidenceRecord } from '../../store/evidence-store';
import type { EvidenceWorkerPorts, ThumbnailOutcome } from './worker-ports';

/** Verified image evidence with neither a thumbnail nor the record that it cannot have one. */
export const lacksThumbnail = (record: EvidenceRecord): boolean =>
  record.status === 'verified' &&
  isImageType(record.checks.detectedType ?? record.contentType) &&
  !record.thumbnailKey &&
  !record.thumbnail;

/**
 * Makes, stores and records the thumbnail of verified image evidence, from its bytes (read again from
 * the verified version when not at hand). Never throws: a thumbnail must not fail the evidence. Logs
 * ids and reasons only.
 */
export async function addThumbnail(
  ports: EvidenceWorkerPorts,
  record: EvidenceRecord,
  bytes: Buffer | undefined,
): Promise<ThumbnailOutcome> {
  const started = performance.now();
  try {
    const stored = await storeThumbnail(ports, record, bytes);
    await ports.evidence.recordThumbnail(record, stored);
    if (stored === 'unavailable') return 'unavailable';
    ports.logger?.info('Thumbnail stored', {
      evidenceId: record.id,
      bytes: stored.bytes,
      ms: Math.round(performance.now() - started),
    });
    return 'created';
  } catch (error) {
    // Error names only: messages of S3 and the codecs are not checked for what they might quote.
    ports.logger?.warn('Thumbnail failed; the next delivery of the event tries again', {
      evidenceId: record.id,
      error: error instanceof Error ? error.name : typeof error,
    });
    return 'failed';
  }
}

/** Makes and stores the thumbnail, or says (and logs) that there can be none. */
async function storeThumbnail(
  ports: EvidenceWorkerPorts,
  record: EvidenceRecord,
  bytes: Buffer | undefined,
): Promise<{ key: string; bytes: number } | 'unavailable'> {
  let image;
  try {
    image = await makeThumbnail(
      bytes ?? (await readObject(ports.evidenceObjects, record)),
      record.checks.detectedType ?? record.contentType,
    );
  } catch (error) {
    if (!(error instanceof ThumbnailUnavailable)) throw error;
    // HEIC is expected (out of scope); bytes that will not decode are worth a look.
    const log = error.reason === 'unsupported_type' ? ports.logger?.info : ports.logger?.warn;
    log?.call(ports.logger, 'Verified evidence gets no thumbnail', {
      evidenceId: record.id,
      reason: error.reason,
    });
    return 'unavailable';
  }
  const key = await ports.evidenceObjects.putThumbnail({
    of: record,
    bytes: image.bytes,
    contentType: THUMBNAIL_CONTENT_TYPE,
  });
  return { key, bytes: image.bytes.byteLength };
}
