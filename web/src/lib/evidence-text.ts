/**
 * Evidence in the user's words: statuses, kinds, why something was rejected and what the context
 * checks found, from the API's codes and measured values (the API's own messages are English).
 */
import { m } from '../paraglide/messages.js';
import { formatBytes, type FileProblem } from './evidence';
import { formatDate, INTL_LOCALES, type AppLocale } from './format';
import type { Evidence, EvidenceKind, EvidenceStatus, EvidenceWarning } from './api-types';

const STATUS_LABELS: Readonly<Record<EvidenceStatus, () => string>> = {
  pending: m.evidence_status_pending,
  verified: m.evidence_status_verified,
  rejected: m.evidence_status_rejected,
  expired: m.evidence_status_expired,
};

export const evidenceStatusLabel = (status: EvidenceStatus): string => STATUS_LABELS[status]();

/** Badge colours (the same AA pairs as the case status badges). */
const STATUS_TONES = { pending: 'info', verified: 'ok', rejected: 'danger', expired: 'neutral' } as const;

export const evidenceStatusTone = (status: EvidenceStatus) => STATUS_TONES[status];

const KIND_LABELS: Readonly<Record<EvidenceKind, () => string>> = {
  photo: m.evidence_kind_photo,
  attendance_sheet: m.evidence_kind_attendance_sheet,
  document: m.evidence_kind_document,
};

export const evidenceKindLabel = (kind: EvidenceKind): string => KIND_LABELS[kind]();

const TYPE_NAMES: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/heic': 'HEIC',
  'image/heif': 'HEIF',
  'application/pdf': 'PDF',
  'application/x-msdownload': 'program Windows (EXE)',
  'application/x-dosexec': 'program Windows (EXE)',
  'application/x-elf': 'program (ELF)',
  'application/zip': 'ZIP',
};

/** `image/jpeg` → `JPEG`; unknown types as they are. */
export const typeName = (contentType: string) => TYPE_NAMES[contentType.toLowerCase()] ?? contentType;

/** Why the verifier refused the bytes (or that they never came), in one plain sentence. */
export function rejectionText(
  evidence: Pick<Evidence, 'status' | 'rejectionReason' | 'contentType' | 'checks'>,
) {
  if (evidence.status === 'expired') return m.evidence_reason_expired();
  switch (evidence.rejectionReason) {
    case 'checksum_mismatch':
      return m.evidence_reason_checksum_mismatch();
    case 'type_mismatch':
      return m.evidence_reason_type_mismatch({
        declared: typeName(evidence.contentType),
        detected: evidence.checks.detectedType
          ? typeName(evidence.checks.detectedType)
          : m.evidence_detected_unknown(),
      });
    case 'too_large':
      return m.evidence_reason_too_large();
    case 'unknown_key':
      return m.evidence_reason_unknown_key();
    case undefined:
      return evidence.status === 'rejected' ? m.evidence_reason_unknown() : null;
    default:
      return evidence.rejectionReason satisfies never;
  }
}

/** `2026-03-02T09:15` → "2 Mar 2026 09.15". */
export function localMoment(value: string, locale: AppLocale): string {
  const [date = '', time = ''] = value.split('T');
  return `${formatDate(date, locale)} ${locale === 'id' ? time.replace(':', '.') : time}`;
}

/** A context warning (never a rejection) in plain words, with the measured numbers where there are some. */
export function warningText(warning: EvidenceWarning, checks: Evidence['checks'], locale: AppLocale): string {
  const number = (value: number) => new Intl.NumberFormat(INTL_LOCALES[locale]).format(value);
  switch (warning.rule) {
    case 'EV-LOCATION': {
      const at = checks.location;
      if (!at) return m.evidence_warning_location_plain();
      const text = m.evidence_warning_location({
        distance: number(at.distanceMeters),
        radius: number(at.radiusMeters),
      });
      return at.accuracyMeters !== undefined
        ? `${text} ${m.evidence_gps_accuracy({ accuracy: number(at.accuracyMeters) })}`
        : text;
    }
    case 'EV-TIME': {
      const time = checks.time;
      if (!time) return m.evidence_warning_time_plain();
      return m.evidence_warning_time({
        when: localMoment(time.capturedAtLocal, locale),
        date: formatDate(time.session.date, locale),
        start: time.session.startTime,
        end: time.session.endTime,
      });
    }
    case 'EV-LOCATION-MISMATCH': {
      const declared = checks.declaredLocation;
      return declared
        ? m.evidence_warning_location_mismatch({
            distance: number(declared.distanceMeters),
            tolerance: number(declared.toleranceMeters),
          })
        : m.evidence_warning_location_mismatch_plain();
    }
    case 'EV-DUPLICATE':
      return m.evidence_warning_duplicate();
    default:
      return warning.message;
  }
}

/** A check the browser made on a chosen file, as the sentence shown beside the file input. */
export function fileProblemText(problem: FileProblem, locale: AppLocale): string {
  const size = (bytes: number) => formatBytes(bytes, INTL_LOCALES[locale]);
  switch (problem.problem) {
    case 'type':
      return m.evidence_error_type({
        type: problem.contentType === 'application/octet-stream' ? '?' : typeName(problem.contentType),
      });
    case 'kind':
      return m.evidence_error_kind();
    case 'empty':
      return m.evidence_error_empty();
    case 'size':
      return m.evidence_error_size({ size: size(problem.sizeBytes), max: size(problem.maxBytes) });
    default:
      return problem satisfies never;
  }
}
