/**
 * Taking an upload in: from "an object was stored" to a verdict on its evidence record.
 *
 * The object is streamed once (evidence/measure.ts): hashed, counted, its type sniffed and, for an image,
 * its EXIF kept. The domain decides (`judgeBytes`): `verified`, or `rejected` with `too_large`,
 * `checksum_mismatch` or `type_mismatch`; context (the site's distance, the session's hours, identical
 * bytes already in the case) only adds warnings (`contextOfEvidence`). The verdict, its audit entry and,
 * for new bytes, the case's hash item are one write. Rejected objects stay in the bucket; nothing is
 * deleted.
 *
 * Idempotent: S3 delivers events at least once, so evidence already decided (EV-VERDICT) is left alone.
 * A write that lost a race (another delivery or the expiry sweep decided first, or identical bytes were
 * claimed in between) is read, decided and written again through `retryOnConflict`; the bytes are
 * measured once.
 *
 * No thumbnails here (add-thumbnail.ts): the expiry sweep takes late uploads in through this module and
 * must not carry the image codecs.
 */
import { awaitsVerdict, contextOfEvidence, judgeBytes, type RejectionReason } from '../../domain';
import { isDecodable } from '../../evidence/media-types';
import { measureObject, type Measured } from '../../evidence/measure';
import type { StoredObject } from '../../evidence/object-events';
import type { EvidenceRecord } from '../../store/evidence-store';
import { retryOnConflict } from '../../store/optimistic';
import { readEvidenceContext } from './evidence-context';
import { concluded, systemActor } from './verdict';
import type { EvidenceWorkerPorts, ThumbnailOutcome } from './worker-ports';

export type { StoredObject } from '../../evidence/object-events';

export type VerificationOutcome =
  | {
      readonly key: string;
      readonly status: 'verified' | 'rejected';
      readonly evidenceId: string;
      readonly reason?: RejectionReason;
      readonly thumbnail?: ThumbnailOutcome;
    }
  /** Already decided by an earlier delivery of the same event: nothing written but a missing thumbnail. */
  | {
      readonly key: string;
      readonly status: 'already-decided';
      readonly evidenceId: string;
      readonly thumbnail?: ThumbnailOutcome;
    }
  /** No upload request issued this key (or another bucket): nothing to mark, logged. */
  | { readonly key: string; readonly status: 'rejected'; readonly reason: 'unknown_key' };

/** The outcome, and for decided evidence its record (and the bytes, when kept) for a thumbnail. */
export interface TakenUpload {
  readonly outcome: VerificationOutcome;
  readonly record?: EvidenceRecord;
  readonly body?: Buffer;
}

export interface TakeUploadOptions {
  /** Keep a decodable image's bytes for its thumbnail (the expiry sweep makes none). */
  readonly keepBytesForThumbnail: boolean;
}

/** Decides the evidence a stored object was uploaded for, once; see the module comment. */
export async function takeUpload(
  ports: EvidenceWorkerPorts,
  object: StoredObject,
  options: TakeUploadOptions,
): Promise<TakenUpload> {
  const unknown = (why: string): TakenUpload => {
    ports.logger?.warn('Evidence object with no upload request', { key: object.key, why });
    return { outcome: { key: object.key, status: 'rejected', reason: 'unknown_key' } };
  };
  if (object.bucket !== ports.evidenceSettings.bucket) return unknown('another bucket');
  let measured: Promise<Measured> | undefined;
  return retryOnConflict(
    async () => {
      const found = await ports.evidence.byObjectKey(object.key);
      if ('missing' in found) return unknown(found.missing);
      const { record } = found;
      if (!awaitsVerdict(record.status)) return alreadyDecided(ports, record, object);
      measured ??= measureObject(ports.evidenceObjects, record, {
        versionId: object.versionId,
        keepBody: options.keepBytesForThumbnail && isDecodable(record.contentType),
      });
      return decide(ports, record, object, await measured);
    },
    { attempts: 3, onExhausted: () => new Error('Evidence kept changing while it was being verified.') },
  );
}

function alreadyDecided(
  ports: EvidenceWorkerPorts,
  record: EvidenceRecord,
  object: StoredObject,
): TakenUpload {
  if (object.versionId && record.objectVersionId && object.versionId !== record.objectVersionId) {
    // A second PUT with the same URL: the verdict (and every download) stays pinned to the first version.
    ports.logger?.warn('A later version of decided evidence was ignored', {
      key: object.key,
      evidenceId: record.id,
    });
  }
  return { outcome: { key: object.key, status: 'already-decided', evidenceId: record.id }, record };
}

async function decide(
  ports: EvidenceWorkerPorts,
  record: EvidenceRecord,
  object: StoredObject,
  measured: Measured,
): Promise<TakenUpload> {
  const verdict = judgeBytes(
    { sizeBytes: record.sizeBytes, sha256: record.sha256, contentType: record.contentType },
    measured,
    ports.evidenceSettings,
  );
  const now = ports.now();
  const checks = {
    storedBytes: measured.sizeBytes,
    sha256Matches: measured.sizeBytes === record.sizeBytes && measured.sha256 === record.sha256,
    detectedType: measured.detectedType ?? null,
  };
  const version = object.versionId ? { objectVersionId: object.versionId } : {};

  if (verdict.status === 'rejected') {
    const after = concluded(record, now, {
      status: 'rejected',
      rejectionReason: verdict.reason,
      checks,
      warnings: [],
      ...version,
    });
    await ports.evidence.decide(record, after, systemActor(now, 'evidence.reject', verdict.detail));
    ports.businessEvents?.evidenceDecided('rejected');
    ports.logger?.info('Evidence rejected', {
      officeId: record.officeId,
      evidenceId: record.id,
      reason: verdict.reason,
    });
    return {
      outcome: { key: object.key, status: 'rejected', evidenceId: record.id, reason: verdict.reason },
    };
  }

  const [context, firstWithBytes] = await Promise.all([
    readEvidenceContext(ports, record, measured.head),
    ports.evidence.hashOwner(record.officeId, record.caseId, record.sha256),
  ]);
  const found = contextOfEvidence({ evidenceId: record.id, ...context, firstWithBytes });
  const after = concluded(record, now, {
    status: 'verified',
    checks: { ...checks, ...found.checks },
    warnings: found.warnings,
    ...version,
  });
  await ports.evidence.decide(record, after, systemActor(now, 'evidence.verify'), {
    claimHash: firstWithBytes === undefined,
  });
  ports.businessEvents?.evidenceDecided('verified');
  ports.logger?.info('Evidence verified', {
    officeId: record.officeId,
    evidenceId: record.id,
    warnings: after.warnings.map((w) => w.rule),
  });
  return {
    outcome: { key: object.key, status: 'verified', evidenceId: record.id },
    record: after,
    ...(measured.body ? { body: measured.body } : {}),
  };
}
