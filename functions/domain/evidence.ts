/**
 * Evidence (photos, signed attendance sheets, documents such as the berita acara): what may be uploaded,
 * when stored bytes count as the declared file, and the context checks that only ever warn.
 *
 * Pure: the verifier hands in what it measured (hash, size, type sniffed from the bytes, EXIF values)
 * and what it read (session, site, office zone); nothing here reads a clock, a file or the network.
 */
import { parseTime, toEpochDay, toLocalDateTime, type OfficeTimeZone } from './calendar';
import { Rule, resultOf, violation, type Result, type RuleId, type RuleViolation } from './rules';

export const EVIDENCE_KINDS = ['photo', 'attendance_sheet', 'document'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** The media types Abdi stores. HEIC is what iPhones take photos in; HEIF files sniff as either. */
export const EVIDENCE_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
] as const;
export type EvidenceContentType = (typeof EVIDENCE_CONTENT_TYPES)[number];

const IMAGE_TYPES: readonly EvidenceContentType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'];

/** A photo is an image; an attendance sheet or a document may be a scan (image) or a PDF. */
export const CONTENT_TYPES_BY_KIND: Readonly<Record<EvidenceKind, readonly EvidenceContentType[]>> = {
  photo: IMAGE_TYPES,
  attendance_sheet: EVIDENCE_CONTENT_TYPES,
  document: EVIDENCE_CONTENT_TYPES,
};

/**
 * Where a piece of evidence stands: `pending` (URL issued, bytes not yet checked), `verified`, `rejected`
 * (kept, never valid), `expired` (no upload came in time).
 */
export const EVIDENCE_STATUSES = ['pending', 'verified', 'rejected', 'expired'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/**
 * EV-VERDICT: the statuses that may still receive a verdict from stored bytes. An expired upload whose
 * bytes arrive late is still judged; verified and rejected are final.
 */
export const AWAITING_VERDICT = ['pending', 'expired'] as const satisfies readonly EvidenceStatus[];

/** EV-VERDICT: whether evidence in this status still takes a verdict (else it is final). */
export const awaitsVerdict = (status: EvidenceStatus): boolean =>
  (AWAITING_VERDICT as readonly EvidenceStatus[]).includes(status);

/**
 * EV-DOWNLOAD: only verified bytes are offered (a download, a thumbnail); pending ones are unchecked,
 * rejected ones are kept for the audit only.
 */
export const isOffered = (status: EvidenceStatus): boolean => status === 'verified';

/**
 * EV-EXPIRY: the instant before which a still-pending upload request is expired (its bytes never came).
 * Time is passed in; the deployment sets the minutes (at least the upload URL's lifetime).
 */
export const pendingExpiryCutoff = (now: Date, pendingExpiryMinutes: number): string =>
  new Date(now.getTime() - pendingExpiryMinutes * 60_000).toISOString();

/**
 * EV-SESSION: the session an upload names belongs to the case, and a site supervisor (whose grant lists
 * sites) names one at one of their sites; they may not upload without a session.
 * `session` is what the store found for the id (undefined: none of this case).
 */
export const checkEvidenceSession = (input: {
  readonly sessionId?: string;
  readonly session?: { readonly siteId: string };
  readonly supervisorSiteIds?: readonly string[];
}): RuleViolation[] => {
  const refuse = (message: string) => [violation(Rule.EV_SESSION, 'sessionId', message)];
  if (!input.sessionId) {
    return input.supervisorSiteIds
      ? refuse('A site supervisor attaches evidence to a session at their work site.')
      : [];
  }
  if (!input.session) return refuse('No such session in this case.');
  if (input.supervisorSiteIds && !input.supervisorSiteIds.includes(input.session.siteId)) {
    return refuse('Not a session at one of your work sites.');
  }
  return [];
};

/** Deployment default for the largest upload: 20 MB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Minutes before a session's start and after its end within which a photo still counts as taken at it. */
export const CAPTURE_TOLERANCE_MINUTES = 30;

export const isEvidenceContentType = (value: string): value is EvidenceContentType =>
  (EVIDENCE_CONTENT_TYPES as readonly string[]).includes(value);

export interface EvidenceRequest {
  readonly kind: EvidenceKind;
  readonly contentType: string;
  readonly sizeBytes: number;
}

/**
 * Checks an upload request before any URL is issued. Rules: EV-TYPE (an allowed type, and one that
 * fits the kind), EV-SIZE (1 byte up to the deployment's limit).
 */
export const validateEvidenceRequest = (
  input: EvidenceRequest,
  limits: { readonly maxUploadBytes: number },
): Result<{ contentType: EvidenceContentType }> => {
  const v: RuleViolation[] = [];
  const contentType = input.contentType.toLowerCase();
  if (!isEvidenceContentType(contentType)) {
    v.push(
      violation(
        Rule.EV_TYPE,
        'contentType',
        `Upload JPEG, PNG, WebP, HEIC or PDF, not ${input.contentType}.`,
      ),
    );
  } else if (!CONTENT_TYPES_BY_KIND[input.kind].includes(contentType)) {
    v.push(
      violation(Rule.EV_TYPE, 'contentType', `A ${input.kind} must be an image (JPEG, PNG, WebP, HEIC).`),
    );
  }
  if (!Number.isInteger(input.sizeBytes) || input.sizeBytes < 1) {
    v.push(violation(Rule.EV_SIZE, 'sizeBytes', 'The size is a whole number of bytes, at least 1.'));
  } else if (input.sizeBytes > limits.maxUploadBytes) {
    v.push(
      violation(
        Rule.EV_SIZE,
        'sizeBytes',
        `Files are limited to ${formatBytes(limits.maxUploadBytes)}; this one has ${formatBytes(input.sizeBytes)}.`,
      ),
    );
  }
  return resultOf(v, () => ({ contentType: contentType as EvidenceContentType }));
};

/** Why stored bytes were not accepted. `unknown_key`: an object no upload request issued. */
export const REJECTION_REASONS = ['checksum_mismatch', 'type_mismatch', 'too_large', 'unknown_key'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface DeclaredFile {
  readonly sizeBytes: number;
  /** Lower-case hex. */
  readonly sha256: string;
  readonly contentType: EvidenceContentType;
}

export interface MeasuredFile {
  /** Bytes read; when the object was larger than declared, reading stops one byte past the declared size. */
  readonly sizeBytes: number;
  /** Lower-case hex of what was read; meaningless when the size already disagrees. */
  readonly sha256: string;
  /** The media type sniffed from the first bytes (magic numbers), or undefined when unrecognised. */
  readonly detectedType: string | undefined;
}

export type BytesVerdict =
  | { readonly status: 'verified' }
  | {
      readonly status: 'rejected';
      readonly reason: RejectionReason;
      readonly rule: RuleId;
      readonly detail: string;
    };

/**
 * Decides whether stored bytes are the file that was declared, in this order:
 * EV-SIZE (more bytes than declared or allowed → too_large), EV-CHECKSUM (fewer bytes, or another hash →
 * checksum_mismatch), EV-TYPE (the bytes are not of the declared type → type_mismatch).
 */
export const judgeBytes = (
  declared: DeclaredFile,
  measured: MeasuredFile,
  limits: { readonly maxUploadBytes: number },
): BytesVerdict => {
  if (measured.sizeBytes > declared.sizeBytes || measured.sizeBytes > limits.maxUploadBytes) {
    return {
      status: 'rejected',
      reason: 'too_large',
      rule: Rule.EV_SIZE,
      detail: `More than the ${declared.sizeBytes} bytes declared.`,
    };
  }
  if (measured.sizeBytes !== declared.sizeBytes || measured.sha256 !== declared.sha256.toLowerCase()) {
    return {
      status: 'rejected',
      reason: 'checksum_mismatch',
      rule: Rule.EV_CHECKSUM,
      detail:
        measured.sizeBytes !== declared.sizeBytes
          ? `${measured.sizeBytes} bytes stored, ${declared.sizeBytes} declared.`
          : 'The SHA-256 of the stored bytes differs from the one declared.',
    };
  }
  if (!sameMediaType(declared.contentType, measured.detectedType)) {
    return {
      status: 'rejected',
      reason: 'type_mismatch',
      rule: Rule.EV_TYPE,
      detail: `Declared ${declared.contentType}, but the bytes are ${measured.detectedType ?? 'of no allowed type'}.`,
    };
  }
  return { status: 'verified' };
};

/** Whether the sniffed type is the declared one; HEIC and HEIF (one container, two brands) count as one. */
export const sameMediaType = (declared: EvidenceContentType, detected: string | undefined): boolean => {
  if (detected === undefined) return false;
  const normal = (t: string) => (t === 'image/heif' || t === 'image/heic-sequence' ? 'image/heic' : t);
  return normal(detected.toLowerCase()) === normal(declared);
};

/** A context check that did not hold: recorded on the evidence, never a reason to reject it. */
export interface EvidenceWarning {
  readonly rule: 'EV-LOCATION' | 'EV-LOCATION-MISMATCH' | 'EV-TIME' | 'EV-DUPLICATE';
  readonly message: string;
}

export interface GeoPoint {
  readonly lat: number;
  readonly lng: number;
}

const EARTH_RADIUS_METERS = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine, mean Earth radius); ample for a site radius of metres. */
export const distanceMeters = (a: GeoPoint, b: GeoPoint): number => {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
};

export interface LocationCheck {
  readonly source: 'declared' | 'exif';
  readonly distanceMeters: number;
  readonly radiusMeters: number;
  readonly accuracyMeters?: number;
  readonly insideRadius: boolean;
}

/**
 * EV-LOCATION: where a photo was taken against its session's site. Inside means within the site's
 * radius; the reported GPS accuracy is recorded beside it for the officer to weigh, not added to it.
 */
export const checkLocation = (
  photo: GeoPoint & { readonly accuracyMeters?: number; readonly source: 'declared' | 'exif' },
  site: GeoPoint & { readonly radiusMeters: number },
): { check: LocationCheck; warning?: EvidenceWarning } => {
  const distance = Math.round(distanceMeters(photo, site));
  const check: LocationCheck = {
    source: photo.source,
    distanceMeters: distance,
    radiusMeters: site.radiusMeters,
    ...(photo.accuracyMeters !== undefined ? { accuracyMeters: photo.accuracyMeters } : {}),
    insideRadius: distance <= site.radiusMeters,
  };
  if (check.insideRadius) return { check };
  const accuracy = photo.accuracyMeters !== undefined ? ` (GPS accuracy ±${photo.accuracyMeters} m)` : '';
  return {
    check,
    warning: {
      rule: Rule.EV_LOCATION,
      message: `Taken ${distance} m from the site, outside its ${site.radiusMeters} m radius${accuracy}.`,
    },
  };
};

/** An office-local wall-clock moment. */
export interface LocalMoment {
  readonly date: string;
  readonly time: string;
}

const EXIF_DATE_TIME = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;
const EXIF_OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/**
 * The office-local moment of an EXIF `DateTimeOriginal` (`2026:03:02 09:15:30`). EXIF stores the
 * camera's wall clock without a zone; with `OffsetTimeOriginal` (`+08:00`) it is converted into the
 * office's zone, without it the camera is assumed to run on office time. Undefined when unparseable.
 */
export const exifMoment = (
  dateTimeOriginal: string,
  offsetTimeOriginal: string | undefined,
  zone: OfficeTimeZone,
): LocalMoment | undefined => {
  const m = EXIF_DATE_TIME.exec(dateTimeOriginal.trim());
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const time = `${m[4]}:${m[5]}`;
  if (parseTime(time) === undefined) return undefined;
  try {
    toEpochDay(date);
  } catch {
    return undefined;
  }
  const offset = offsetTimeOriginal ? EXIF_OFFSET.exec(offsetTimeOriginal.trim()) : null;
  if (!offset) return { date, time };
  const offsetMinutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
  const utcMs = (toEpochDay(date) * 1440 + (parseTime(time) ?? 0) - offsetMinutes) * 60_000;
  return toLocalDateTime(utcMs, zone);
};

export interface TimeCheck {
  readonly source: 'exif' | 'declared';
  /** Office-local `YYYY-MM-DDTHH:mm`. */
  readonly capturedAtLocal: string;
  readonly session: { readonly date: string; readonly startTime: string; readonly endTime: string };
  readonly withinSession: boolean;
  /** Minutes before the start or after the end, beyond the tolerance; 0 when within. */
  readonly minutesOutside: number;
}

/**
 * EV-TIME: when a photo was taken against its session's local date and hours, with
 * `CAPTURE_TOLERANCE_MINUTES` either side (people photograph the sign-in and the clean-up).
 */
export const checkCaptureTime = (
  captured: LocalMoment & { readonly source: 'exif' | 'declared' },
  session: { readonly date: string; readonly startTime: string; readonly endTime: string },
  toleranceMinutes = CAPTURE_TOLERANCE_MINUTES,
): { check: TimeCheck; warning?: EvidenceWarning } => {
  const at = (date: string, time: string) => toEpochDay(date) * 1440 + (parseTime(time) ?? 0);
  const moment = at(captured.date, captured.time);
  const start = at(session.date, session.startTime) - toleranceMinutes;
  const end = at(session.date, session.endTime) + toleranceMinutes;
  const minutesOutside = moment < start ? start - moment : moment > end ? moment - end : 0;
  const check: TimeCheck = {
    source: captured.source,
    capturedAtLocal: `${captured.date}T${captured.time}`,
    session: { date: session.date, startTime: session.startTime, endTime: session.endTime },
    withinSession: minutesOutside === 0,
    minutesOutside,
  };
  if (check.withinSession) return { check };
  const label = captured.source === 'exif' ? 'The camera says it was taken' : 'Declared as taken';
  return {
    check,
    warning: {
      rule: Rule.EV_TIME,
      message: `${label} ${captured.date} ${captured.time}, outside the session ${session.date} ${session.startTime}–${session.endTime} (±${toleranceMinutes} min).`,
    },
  };
};

/** EV-DUPLICATE: the same bytes were already verified for this case as another piece of evidence. */
export const duplicateWarning = (firstEvidenceId: string): EvidenceWarning => ({
  rule: Rule.EV_DUPLICATE,
  message: `The same file (identical SHA-256) was already uploaded for this case as evidence ${firstEvidenceId}.`,
});

/** `20 MB`, `512 KB`, `900 bytes`: for messages. */
export const formatBytes = (bytes: number): string => {
  const MB = 1024 * 1024;
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
};
