/**
 * The verifier's work on one S3 event: every object it reports is taken in (take-upload.ts), one after
 * the other, and verified images get their thumbnail (add-thumbnail.ts), from the bytes already in
 * memory, or from the verified version when the event is a redelivery of decided evidence.
 */
import { objectsOfEvent } from '../../evidence/object-events';
import { isThumbnailKey } from '../../evidence/thumbnail-key';
import { addThumbnail, lacksThumbnail } from './add-thumbnail';
import { takeUpload, type VerificationOutcome } from './take-upload';
import type { EvidenceWorkerPorts } from './worker-ports';

export type { VerificationOutcome } from './take-upload';

/**
 * Verifies every object an event reports. Thumbnails are the verifier's own writes: locally s3rver
 * reports them too (the cloud's rule never does), and they are skipped quietly.
 */
export async function verifyStoredObjects(
  ports: EvidenceWorkerPorts,
  event: unknown,
): Promise<VerificationOutcome[]> {
  const outcomes: VerificationOutcome[] = [];
  for (const object of objectsOfEvent(event)) {
    if (object.bucket === ports.evidenceSettings.bucket && isThumbnailKey(object.key)) continue;
    const taken = await takeUpload(ports, object, { keepBytesForThumbnail: true });
    const thumbnail =
      taken.record && lacksThumbnail(taken.record)
        ? await addThumbnail(ports, taken.record, taken.body)
        : undefined;
    outcomes.push(thumbnail ? { ...taken.outcome, thumbnail } : taken.outcome);
  }
  return outcomes;
}
