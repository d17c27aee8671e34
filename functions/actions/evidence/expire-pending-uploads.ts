/**
 * The scheduled sweep of uploads that never arrived (EV-EXPIRY). An upload URL lives 15 minutes; a
 * record still `pending` after the deployment's expiry time (default 60 minutes) is marked `expired`,
 * in one write with its audit entry.
 *
 * Before expiring, the sweep looks for the object: if the bytes are there, the ObjectCreated event was
 * lost (or the verifier failed), and the upload is taken in now instead (without a thumbnail: this job
 * cannot write objects, and does not carry the codecs; the object's own event, when it comes, adds it).
 * No table scan: each office's pending uploads are one Query on the sparse `due` index.
 */
import { pendingExpiryCutoff } from '../../domain';
import type { EvidenceRecord } from '../../store/evidence-store';
import { retryOnConflict } from '../../store/optimistic';
import { takeUpload } from './take-upload';
import { concluded, systemActor } from './verdict';
import type { EvidenceWorkerPorts } from './worker-ports';

export interface ExpiryReport {
  readonly expired: number;
  /** Pending records whose bytes were found after all, and verified (or rejected) now. */
  readonly verifiedLate: number;
}

/** At most this many records per run, so one run stays well inside its timeout; the next run continues. */
const MAX_PER_RUN = 500;

export async function expirePendingUploads(ports: EvidenceWorkerPorts): Promise<ExpiryReport> {
  const now = ports.now();
  const cutoff = pendingExpiryCutoff(now, ports.evidenceSettings.pendingExpiryMinutes);
  let expired = 0;
  let verifiedLate = 0;
  let seen = 0;
  for (const officeId of await ports.evidence.officeIds()) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await ports.evidence.pendingBefore(officeId, cutoff, { limit: 100, startKey });
      for (const record of page.items) {
        seen += 1;
        if (await ports.evidenceObjects.exists(record.objectKey)) {
          const object = { bucket: ports.evidenceSettings.bucket, key: record.objectKey };
          await takeUpload(ports, object, { keepBytesForThumbnail: false });
          verifiedLate += 1;
        } else if (await expire(ports, record, now)) {
          expired += 1;
        }
      }
      startKey = page.lastKey;
    } while (startKey && seen < MAX_PER_RUN);
  }
  if (expired + verifiedLate > 0) ports.logger?.info('Pending evidence swept', { expired, verifiedLate });
  return { expired, verifiedLate };
}

/**
 * Expires one pending upload. When the write loses its race, the record is read again: the verifier
 * has usually decided it in the meantime, and then there is nothing to expire.
 * @returns whether it was expired
 */
async function expire(ports: EvidenceWorkerPorts, listed: EvidenceRecord, now: Date): Promise<boolean> {
  let current: EvidenceRecord | undefined = listed;
  return retryOnConflict(
    async () => {
      current ??= await ports.evidence.get(listed.officeId, listed.caseId, listed.id);
      const record = current;
      current = undefined;
      if (!record || record.status !== 'pending') return false;
      await ports.evidence.decide(
        record,
        concluded(record, now, { status: 'expired' }),
        systemActor(
          now,
          'evidence.expire',
          `No upload within ${ports.evidenceSettings.pendingExpiryMinutes} minutes of the request.`,
        ),
      );
      return true;
    },
    {
      attempts: 3,
      onExhausted: () => new Error('Pending evidence kept changing while it was being expired.'),
    },
  );
}
