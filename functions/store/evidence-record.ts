/**
 * The evidence record as the store keeps it, and the few shapes its operations take. Types only: the
 * vocabulary (kinds, statuses, reasons) is the domain's.
 */
import type {
  DeclaredLocationCheck,
  EvidenceContentType,
  EvidenceKind,
  EvidenceStatus,
  EvidenceWarning,
  LocationCheck,
  RejectionReason,
  TimeCheck,
} from '../domain';

/** What the verifier found; kept on the record so a reader sees why it was accepted or not. */
export interface EvidenceChecks {
  /** Bytes actually stored (up to one past the declared size when larger). */
  readonly storedBytes?: number;
  readonly sha256Matches?: boolean;
  /** Media type sniffed from the bytes' magic numbers. */
  readonly detectedType?: string | null;
  readonly location?: LocationCheck;
  /** A photo's declared location against its EXIF GPS position (EV-LOCATION-MISMATCH). */
  readonly declaredLocation?: DeclaredLocationCheck;
  readonly time?: TimeCheck;
  /** The evidence of this case that first had identical bytes. */
  readonly duplicateOf?: string;
}

/**
 * One piece of evidence. Created `pending` when the upload URL is issued; the verifier moves it to
 * `verified` or `rejected` from the stored bytes, the expiry job to `expired` when no bytes came.
 */
export interface EvidenceRecord {
  readonly id: string;
  readonly officeId: string;
  readonly caseId: string;
  readonly kind: EvidenceKind;
  readonly sessionId?: string;
  /** The session's site, copied at request time: what a site supervisor's visibility is decided on. */
  readonly siteId?: string;
  /** As the uploader named it; never part of the object key or of a URL. */
  readonly fileName: string;
  readonly contentType: EvidenceContentType;
  readonly sizeBytes: number;
  /** Declared SHA-256, lower-case hex. */
  readonly sha256: string;
  readonly capturedAt?: string;
  readonly location?: { readonly lat: number; readonly lng: number; readonly accuracyMeters?: number };
  /**
   * Taken without signal and uploaded later (ADR 0024): `capturedAt` and `location` are the device's at
   * the capture, and EV-TIME still compares the capture time (EXIF first) with the session.
   */
  readonly recordedOffline?: true;
  readonly status: EvidenceStatus;
  readonly rejectionReason?: RejectionReason;
  readonly checks: EvidenceChecks;
  readonly warnings: readonly EvidenceWarning[];
  /** `evidence/<officeId>/<caseId>/<id>-<random>`: unguessable, no personal data. Never returned by the API. */
  readonly objectKey: string;
  /** The S3 version the verdict is about (versioned buckets); downloads are pinned to it. */
  readonly objectVersionId?: string;
  /**
   * `thumbnails/<officeId>/<caseId>/<id>.jpg`: the gallery's small JPEG of verified image evidence, set
   * by the verifier after the verdict. Never returned by the API (a short-lived URL is).
   */
  readonly thumbnailKey?: string;
  /** Verified image evidence that cannot have a thumbnail (HEIC, or bytes the codec cannot read). */
  readonly thumbnail?: 'unavailable';
  readonly uploadedBy: string;
  /** When the upload URL stops working. */
  readonly uploadUrlExpiresAt: string;
  readonly decidedAt?: string;
  readonly decidedBy?: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * A new upload request: what the caller declared and where it belongs. The store gives it its id, its
 * object key and its first version, and files it `pending`.
 */
export type UploadRequest = Pick<
  EvidenceRecord,
  | 'officeId'
  | 'caseId'
  | 'kind'
  | 'sessionId'
  | 'siteId'
  | 'fileName'
  | 'contentType'
  | 'sizeBytes'
  | 'sha256'
  | 'capturedAt'
  | 'location'
  | 'recordedOffline'
  | 'uploadedBy'
> & {
  /** How long the upload URL lives, from the request. */
  readonly uploadUrlSeconds: number;
};

export interface EvidenceListFilter {
  readonly status?: EvidenceStatus;
  readonly sessionId?: string;
  /** A site supervisor's sites: only evidence of sessions at these sites. */
  readonly siteIds?: readonly string[];
}

/** A page of a listing; `startKey`/`lastKey` are opaque to everyone but the store. */
export interface EvidencePageRequest {
  readonly limit: number;
  readonly startKey?: Record<string, unknown>;
}

export interface EvidencePage {
  readonly items: EvidenceRecord[];
  readonly lastKey?: Record<string, unknown>;
}

/** The few session fields evidence checks need. */
export interface SessionForEvidence {
  readonly id: string;
  readonly caseId: string;
  readonly siteId: string;
  readonly date: string;
  readonly startTime: string;
  readonly endTime: string;
}
