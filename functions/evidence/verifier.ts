/**
 * The evidence verifier: from "an object was stored" to a verdict on the evidence record.
 *
 * It streams the object once, hashing every byte (SHA-256) and counting them, and keeps the first bytes
 * to sniff the real type (magic numbers, `file-type`) and to read EXIF (`exifr`). The domain decides
 * (`judgeBytes`): `verified`, or `rejected` with `too_large`, `checksum_mismatch` or `type_mismatch`.
 * Context checks (distance to the session's site, EXIF time against the session, identical bytes already
 * in the case) only add warnings. The verdict, its audit entry and, for new bytes, the case's hash item
 * are one transaction. Rejected objects stay in the bucket, marked rejected; nothing is deleted.
 *
 * Verified images then get a thumbnail (thumbnails.ts), from the bytes already in memory, stored under
 * `thumbnails/` and recorded on the evidence. That happens after the verdict is committed and can only
 * ever add to it: a thumbnail that cannot be made is recorded `unavailable` (HEIC, undecodable bytes),
 * one that failed for another reason (S3, a codec that did not load) is logged and tried again when the
 * event comes again. Neither rejects nor fails the evidence.
 *
 * Idempotent: S3 delivers events at least once, so an already decided record is left alone (apart from
 * a thumbnail it still lacks).
 */
import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from '@aws-lambda-powertools/logger';
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import {
  checkCaptureTime,
  checkLocation,
  duplicateWarning,
  exifMoment,
  isOfficeTimeZone,
  judgeBytes,
  toLocalDateTime,
  type EvidenceWarning,
  type LocalMoment,
  type OfficeTimeZone,
  type RejectionReason,
} from '../domain';
import type { DirectoryStore } from '../store/directory-store';
import type { EvidenceObjects } from '../store/evidence-objects';
import {
  HashClaimed,
  StaleEvidence,
  type EvidenceChecks,
  type EvidenceRecord,
  type EvidenceStore,
} from '../store/evidence-store';
import type { SiteStore } from '../store/site-store';
import { isDecodable } from './codecs';
import { isThumbnailKey, thumbnailKey } from './thumbnail-key';
import { isImageType, makeThumbnail, THUMBNAIL_CONTENT_TYPE, ThumbnailUnavailable } from './thumbnails';

/** Who the audit trail names for the verifier's and the expiry job's decisions. */
export const VERIFIER_ACTOR = 'system:evidence-verifier';

/** Bytes kept from the start of an object: enough for every magic number file-type knows. */
const SNIFF_BYTES = 4100;
/** Bytes kept for EXIF: JPEG's APP1 is within the first 64 KB; HEIC's Exif item is usually early too. */
const EXIF_BYTES = 1024 * 1024;

/** One stored object, whichever way its event came (S3 notification, EventBridge, s3rver). */
export interface StoredObject {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/**
 * What became of a verified image's thumbnail: `created` (stored and recorded), `unavailable` (there
 * can be none, recorded so), `failed` (logged; the next delivery of the event tries again).
 */
export type ThumbnailOutcome = 'created' | 'unavailable' | 'failed';

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

/** Powertools' logger, or anything with its `info` and `warn`. */
export type VerifierLogger = Pick<Logger, 'info' | 'warn'>;

export interface VerifierDependencies {
  readonly evidence: EvidenceStore;
  readonly objects: EvidenceObjects;
  readonly sites: SiteStore;
  readonly directory: DirectoryStore;
  /** The evidence bucket; events of any other bucket are ignored. */
  readonly bucket: string;
  readonly maxUploadBytes: number;
  readonly now: () => Date;
  readonly logger?: VerifierLogger;
}

const KEY_PATTERN = /^evidence\/([a-z0-9][a-z0-9-]{1,62})\/([0-9A-Z]{26})\/([0-9A-Z]{26})-([0-9a-f]{32})$/;

/**
 * The object key for a new piece of evidence: office, case and evidence ids (opaque ULIDs) and 128
 * random bits, so a key can be neither guessed nor read for a name, NIK or file name.
 */
export function newEvidenceKey(officeId: string, caseId: string, evidenceId: string): string {
  return `evidence/${officeId}/${caseId}/${evidenceId}-${randomBytes(16).toString('hex')}`;
}

/** The record an object key belongs to, or undefined for a key that Abdi never issues. */
export function parseEvidenceKey(key: string) {
  const m = KEY_PATTERN.exec(key);
  return m ? { officeId: m[1]!, caseId: m[2]!, evidenceId: m[3]! } : undefined;
}

/**
 * The objects an event reports as created: S3 notification records (`Records[].s3`, also what s3rver
 * emits) or an EventBridge `Object Created` event (how the cloud stack delivers them). Keys in S3
 * notifications are URL-encoded with `+` for spaces.
 */
export function objectsOfEvent(event: unknown): StoredObject[] {
  const e = event as {
    Records?: {
      eventName?: string;
      s3?: { bucket?: { name?: string }; object?: { key?: string; versionId?: string } };
    }[];
    source?: string;
    'detail-type'?: string;
    detail?: { bucket?: { name?: string }; object?: { key?: string; 'version-id'?: string } };
  };
  if (Array.isArray(e?.Records)) {
    return e.Records.filter((r) => (r.eventName ?? '').startsWith('ObjectCreated') && r.s3?.object?.key).map(
      (r) => ({
        bucket: String(r.s3?.bucket?.name),
        key: decodeKey(String(r.s3?.object?.key)),
        ...(r.s3?.object?.versionId ? { versionId: r.s3.object.versionId } : {}),
      }),
    );
  }
  if (e?.source === 'aws.s3' && e['detail-type'] === 'Object Created' && e.detail?.object?.key) {
    return [
      {
        bucket: String(e.detail.bucket?.name),
        key: decodeKey(e.detail.object.key),
        ...(e.detail.object['version-id'] ? { versionId: e.detail.object['version-id'] } : {}),
      },
    ];
  }
  return [];
}

/** Verified image evidence with neither a thumbnail nor the record that it cannot have one. */
function lacksThumbnail(record: EvidenceRecord): boolean {
  return (
    record.status === 'verified' &&
    isImageType(record.checks.detectedType ?? record.contentType) &&
    !record.thumbnailKey &&
    !record.thumbnail
  );
}

function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

/** What one pass over the bytes measured. */
interface Measured {
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly detectedType: string | undefined;
  readonly head: Buffer;
  /** All the bytes, kept when a thumbnail may be made of them (a JPEG, PNG or WebP upload). */
  readonly body?: Buffer;
}

export interface VerifyOptions {
  /**
   * Make the thumbnail of a verified image. The expiry sweep, which verifies uploads whose event was
   * lost, passes false: its role cannot write objects, and a later event adds the thumbnail.
   * @default true
   */
  readonly thumbnail?: boolean;
}

export class EvidenceVerifier {
  constructor(private readonly deps: VerifierDependencies) {}

  /**
   * Verifies every object an event reports, one after the other. Thumbnails are the verifier's own
   * writes: locally s3rver reports them too (the cloud's rule never does), and they are skipped quietly.
   */
  async handleEvent(event: unknown): Promise<VerificationOutcome[]> {
    const outcomes: VerificationOutcome[] = [];
    for (const object of objectsOfEvent(event)) {
      if (object.bucket === this.deps.bucket && isThumbnailKey(object.key)) continue;
      outcomes.push(await this.verify(object));
    }
    return outcomes;
  }

  async verify(object: StoredObject, options: VerifyOptions = {}): Promise<VerificationOutcome> {
    const thumbnails = options.thumbnail ?? true;
    const unknown = (why: string): VerificationOutcome => {
      this.deps.logger?.warn('Evidence object with no upload request', { key: object.key, why });
      return { key: object.key, status: 'rejected', reason: 'unknown_key' };
    };
    if (object.bucket !== this.deps.bucket) return unknown('another bucket');
    const address = parseEvidenceKey(object.key);
    if (!address) return unknown('not an evidence key');

    for (let attempt = 1; ; attempt += 1) {
      const record = await this.deps.evidence.get(address.officeId, address.caseId, address.evidenceId);
      if (!record || record.objectKey !== object.key) return unknown('no such evidence record');
      if (record.status === 'verified' || record.status === 'rejected') {
        if (object.versionId && record.objectVersionId && object.versionId !== record.objectVersionId) {
          // A second PUT with the same URL: the verdict (and every download) stays pinned to the first version.
          this.deps.logger?.warn('A later version of decided evidence was ignored', {
            key: object.key,
            evidenceId: record.id,
          });
        }
        // A verified image redelivered without its thumbnail: make it now, from the verified version.
        const thumbnail =
          thumbnails && lacksThumbnail(record) ? await this.thumbnail(record, undefined) : undefined;
        return {
          key: object.key,
          status: 'already-decided',
          evidenceId: record.id,
          ...(thumbnail ? { thumbnail } : {}),
        };
      }
      try {
        return await this.decide(record, object, thumbnails);
      } catch (error) {
        // Another run decided first (a duplicate event, the expiry job): read again and report that.
        if (error instanceof StaleEvidence && attempt < 3) continue;
        throw error;
      }
    }
  }

  private async decide(
    record: EvidenceRecord,
    object: StoredObject,
    thumbnails: boolean,
  ): Promise<VerificationOutcome> {
    const measured = await this.measure(record, object.versionId);
    const verdict = judgeBytes(
      { sizeBytes: record.sizeBytes, sha256: record.sha256, contentType: record.contentType },
      measured,
      { maxUploadBytes: this.deps.maxUploadBytes },
    );
    const now = this.deps.now();
    const checks: EvidenceChecks = {
      storedBytes: measured.sizeBytes,
      sha256Matches: measured.sizeBytes === record.sizeBytes && measured.sha256 === record.sha256,
      detectedType: measured.detectedType ?? null,
    };
    const base: EvidenceRecord = {
      ...record,
      checks,
      ...(object.versionId ? { objectVersionId: object.versionId } : {}),
      decidedAt: now.toISOString(),
      decidedBy: VERIFIER_ACTOR,
      version: record.version + 1,
      updatedAt: now.toISOString(),
    };
    const actor = { actor: VERIFIER_ACTOR, at: now };

    if (verdict.status === 'rejected') {
      const after: EvidenceRecord = {
        ...base,
        status: 'rejected',
        rejectionReason: verdict.reason,
        warnings: [],
      };
      await this.deps.evidence.decide(record, after, {
        ...actor,
        action: 'evidence.reject',
        reason: verdict.detail,
      });
      this.deps.logger?.info('Evidence rejected', { evidenceId: record.id, reason: verdict.reason });
      return { key: object.key, status: 'rejected', evidenceId: record.id, reason: verdict.reason };
    }

    const context = await this.contextChecks(record, measured);
    for (let attempt = 1; ; attempt += 1) {
      const owner = await this.deps.evidence.hashOwner(record.officeId, record.caseId, record.sha256);
      const duplicateOf = owner !== undefined && owner !== record.id ? owner : undefined;
      const after: EvidenceRecord = {
        ...base,
        status: 'verified',
        checks: { ...checks, ...context.checks, ...(duplicateOf ? { duplicateOf } : {}) },
        warnings: [...context.warnings, ...(duplicateOf ? [duplicateWarning(duplicateOf)] : [])],
      };
      try {
        await this.deps.evidence.decide(
          record,
          after,
          { ...actor, action: 'evidence.verify' },
          { claimHash: owner === undefined },
        );
        this.deps.logger?.info('Evidence verified', {
          evidenceId: record.id,
          warnings: after.warnings.map((w) => w.rule),
        });
        const thumbnail =
          thumbnails && lacksThumbnail(after) ? await this.thumbnail(after, measured.body) : undefined;
        return {
          key: object.key,
          status: 'verified',
          evidenceId: record.id,
          ...(thumbnail ? { thumbnail } : {}),
        };
      } catch (error) {
        // Identical bytes were verified for the case in between: decide again, now as a duplicate.
        if (error instanceof HashClaimed && attempt < 3) continue;
        throw error;
      }
    }
  }

  /**
   * The thumbnail of verified image evidence, from its bytes (read again when not at hand), stored and
   * recorded. Never throws: a thumbnail must not fail the evidence. Logs ids and reasons only.
   */
  private async thumbnail(record: EvidenceRecord, bytes: Buffer | undefined): Promise<ThumbnailOutcome> {
    const started = performance.now();
    try {
      const stored = await this.storeThumbnail(record, bytes);
      await this.deps.evidence.recordThumbnail(record, stored);
      if (stored === 'unavailable') return 'unavailable';
      this.deps.logger?.info('Thumbnail stored', {
        evidenceId: record.id,
        bytes: stored.bytes,
        ms: Math.round(performance.now() - started),
      });
      return 'created';
    } catch (error) {
      // Error names only: messages of S3 and the codecs are not checked for what they might quote.
      this.deps.logger?.warn('Thumbnail failed; the next delivery of the event tries again', {
        evidenceId: record.id,
        error: error instanceof Error ? error.name : typeof error,
      });
      return 'failed';
    }
  }

  /** Makes and stores the thumbnail, or says (and logs) that there can be none. */
  private async storeThumbnail(
    record: EvidenceRecord,
    bytes: Buffer | undefined,
  ): Promise<{ key: string; bytes: number } | 'unavailable'> {
    let image;
    try {
      image = await makeThumbnail(
        bytes ?? (await this.readAll(record)),
        record.checks.detectedType ?? record.contentType,
      );
    } catch (error) {
      if (!(error instanceof ThumbnailUnavailable)) throw error;
      // HEIC is expected (out of scope); bytes that will not decode are worth a look.
      const log = error.reason === 'unsupported_type' ? this.deps.logger?.info : this.deps.logger?.warn;
      log?.call(this.deps.logger, 'Verified evidence gets no thumbnail', {
        evidenceId: record.id,
        reason: error.reason,
      });
      return 'unavailable';
    }
    const key = thumbnailKey(record.officeId, record.caseId, record.id);
    await this.deps.objects.putThumbnail({ key, bytes: image.bytes, contentType: THUMBNAIL_CONTENT_TYPE });
    return { key, bytes: image.bytes.byteLength };
  }

  /** The whole verified version of an object, bounded by its declared size. */
  private async readAll(record: EvidenceRecord): Promise<Buffer> {
    const stream = await this.deps.objects.open(record.objectKey, record.objectVersionId);
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of stream) {
        const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        chunks.push(bytes.subarray(0, Math.max(0, record.sizeBytes - size)));
        size += bytes.length;
        if (size >= record.sizeBytes) break;
      }
    } finally {
      stream.destroy?.();
    }
    return Buffer.concat(chunks);
  }

  /**
   * One pass over the object: SHA-256 and byte count of everything up to one byte past the declared
   * size (more proves it too large; reading on would only cost time), and the first bytes kept; for a
   * JPEG, PNG or WebP upload all of them (at most the deployment's upload limit), for its thumbnail.
   */
  private async measure(record: EvidenceRecord, versionId: string | undefined): Promise<Measured> {
    const stream = await this.deps.objects.open(record.objectKey, versionId);
    const hash = createHash('sha256');
    const keepAll = isDecodable(record.contentType);
    const bodyChunks: Buffer[] = [];
    const keep = record.contentType.startsWith('image/') ? EXIF_BYTES : SNIFF_BYTES;
    const headChunks: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    const limit = record.sizeBytes + 1;
    try {
      for await (const chunk of stream) {
        const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        const take = bytes.subarray(0, Math.max(0, limit - size));
        hash.update(take);
        size += take.length;
        if (keepAll) bodyChunks.push(take);
        if (headLength < keep) {
          const part = take.subarray(0, keep - headLength);
          headChunks.push(Buffer.from(part));
          headLength += part.length;
        }
        if (size >= limit) break;
      }
    } finally {
      stream.destroy?.();
    }
    const head = Buffer.concat(headChunks);
    const detected = await fileTypeFromBuffer(head);
    return {
      sizeBytes: size,
      sha256: hash.digest('hex'),
      detectedType: detected?.mime,
      head,
      ...(keepAll ? { body: Buffer.concat(bodyChunks) } : {}),
    };
  }

  /** Warnings only: where and when a photo was taken against its session, from the request or EXIF. */
  private async contextChecks(
    record: EvidenceRecord,
    measured: Measured,
  ): Promise<{ checks: Pick<EvidenceChecks, 'location' | 'time'>; warnings: EvidenceWarning[] }> {
    const warnings: EvidenceWarning[] = [];
    const checks: { location?: EvidenceChecks['location']; time?: EvidenceChecks['time'] } = {};
    if (!record.sessionId) return { checks, warnings };
    const [session, office] = await Promise.all([
      this.deps.evidence.getSession(record.officeId, record.caseId, record.sessionId),
      this.deps.directory.getOffice(record.officeId),
    ]);
    if (!session || !office || !isOfficeTimeZone(office.timeZone)) return { checks, warnings };
    const zone: OfficeTimeZone = office.timeZone;
    const exif = record.contentType.startsWith('image/') ? await readExif(measured.head) : undefined;

    if (record.kind === 'photo') {
      const point = record.location
        ? { ...record.location, source: 'declared' as const }
        : exif?.latitude !== undefined && exif.longitude !== undefined
          ? { lat: exif.latitude, lng: exif.longitude, source: 'exif' as const }
          : undefined;
      const site = point ? await this.deps.sites.get(record.officeId, session.siteId) : undefined;
      if (point && site) {
        const result = checkLocation(point, site.location);
        checks.location = result.check;
        if (result.warning) warnings.push(result.warning);
      }
    }

    const captured: (LocalMoment & { source: 'exif' | 'declared' }) | undefined = exif?.moment
      ? { ...exif.moment, source: 'exif' }
      : record.capturedAt
        ? { ...toLocalDateTime(record.capturedAt, zone), source: 'declared' }
        : undefined;
    if (captured) {
      const result = checkCaptureTime(captured, session);
      checks.time = result.check;
      if (result.warning) warnings.push(result.warning);
    }
    return { checks, warnings };

    async function readExif(head: Buffer) {
      try {
        const tags = (await exifr.parse(head, {
          pick: [
            'DateTimeOriginal',
            'OffsetTimeOriginal',
            'GPSLatitude',
            'GPSLongitude',
            'GPSLatitudeRef',
            'GPSLongitudeRef',
          ],
          reviveValues: false,
        })) as Record<string, unknown> | undefined;
        if (!tags) return undefined;
        const lat =
          typeof tags.latitude === 'number' && Number.isFinite(tags.latitude) ? tags.latitude : undefined;
        const lng =
          typeof tags.longitude === 'number' && Number.isFinite(tags.longitude) ? tags.longitude : undefined;
        const moment =
          typeof tags.DateTimeOriginal === 'string'
            ? exifMoment(
                tags.DateTimeOriginal,
                typeof tags.OffsetTimeOriginal === 'string' ? tags.OffsetTimeOriginal : undefined,
                zone,
              )
            : undefined;
        return { latitude: lat, longitude: lng, moment };
      } catch {
        // EXIF is a hint; a file without readable EXIF is still evidence.
        return undefined;
      }
    }
  }
}
