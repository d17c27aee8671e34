/**
 * Evidence in the browser: what may be uploaded (the server's own lists and limit, from the domain),
 * checked before any request, and how a file is shown (picture, size, percent sent). Pure;
 * unit-tested in test/unit/web/evidence.test.ts. The server stays authoritative: these checks only
 * spare a round trip. The upload itself is `evidence-flow.ts`.
 */
import {
  CONTENT_TYPES_BY_KIND,
  DEFAULT_MAX_UPLOAD_BYTES,
  EVIDENCE_CONTENT_TYPES,
  EVIDENCE_KINDS,
} from '../../../functions/domain/evidence';
import type { FieldError } from './api';
import type { Evidence, EvidenceKind } from './api-types';

export { DEFAULT_MAX_UPLOAD_BYTES, EVIDENCE_CONTENT_TYPES, EVIDENCE_KINDS };

const BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heic',
  pdf: 'application/pdf',
};

const ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/heif': 'image/heic',
  'image/heic-sequence': 'image/heic',
  'image/heif-sequence': 'image/heic',
};

/**
 * The media type to declare for a chosen file: the browser's, with common aliases named as the API
 * names them (HEIF → HEIC), or from the extension when the browser gives none (HEIC on Windows and
 * Linux). The verifier sniffs the real type from the bytes, so a lie here is caught there.
 */
export function declaredType(file: { readonly name: string; readonly type: string }): string {
  const type = file.type.trim().toLowerCase();
  if (type) return ALIASES[type] ?? type;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return (extension && BY_EXTENSION[extension]) || 'application/octet-stream';
}

export const isImageType = (contentType: string) => contentType.startsWith('image/');

/** Whether a browser can show the bytes as an `<img>` (HEIC it mostly cannot). */
export const isPreviewable = (contentType: string) =>
  ['image/jpeg', 'image/png', 'image/webp'].includes(contentType);

/** The types the file picker offers for a kind: MIME types plus extensions for HEIC. */
export function acceptFor(kind: EvidenceKind | null): string {
  const types = kind ? CONTENT_TYPES_BY_KIND[kind] : EVIDENCE_CONTENT_TYPES;
  return [...types, ...(types.includes('image/heic') ? ['image/heif', '.heic', '.heif'] : [])].join(',');
}

/** Why a chosen file cannot be sent, before any request: the same rules as the API (EV-TYPE, EV-SIZE). */
export type FileProblem =
  | { readonly problem: 'type'; readonly contentType: string }
  | { readonly problem: 'kind'; readonly kind: EvidenceKind }
  | { readonly problem: 'empty' }
  | { readonly problem: 'size'; readonly maxBytes: number; readonly sizeBytes: number };

export function checkFile(
  file: { readonly name: string; readonly type: string; readonly size: number },
  kind: EvidenceKind,
  maxBytes: number,
): FileProblem[] {
  const problems: FileProblem[] = [];
  const contentType = declaredType(file);
  if (!(EVIDENCE_CONTENT_TYPES as readonly string[]).includes(contentType)) {
    problems.push({ problem: 'type', contentType });
  } else if (!(CONTENT_TYPES_BY_KIND[kind] as readonly string[]).includes(contentType)) {
    problems.push({ problem: 'kind', kind });
  }
  if (file.size < 1) problems.push({ problem: 'empty' });
  else if (file.size > maxBytes) problems.push({ problem: 'size', maxBytes, sizeBytes: file.size });
  return problems;
}

/** The limit in force: the deployment's from `config.json` when it names a sensible one, else 20 MB. */
export function uploadLimit(configured: number | undefined): number {
  return configured !== undefined && Number.isInteger(configured) && configured > 0
    ? configured
    : DEFAULT_MAX_UPLOAD_BYTES;
}

/**
 * The upload form has one file input, but the API reports on the declared parts of it (`contentType`,
 * `sizeBytes`, `fileName`, `sha256`): those errors belong next to the file.
 */
export function fileFieldErrors(errors: readonly FieldError[]): FieldError[] {
  const fileParts = /^(body\.)?(contentType|sizeBytes|fileName|sha256)(\.|$)/;
  return errors.map((e) => (fileParts.test(e.path) ? { ...e, path: 'file' } : e));
}

/** What a gallery tile shows: the thumbnail, the verified image itself (fetched on demand), or an icon. */
export function tilePicture(evidence: Evidence): 'thumbnail' | 'download' | 'icon' {
  if (evidence.thumbnailUrl) return 'thumbnail';
  if (evidence.status === 'verified' && isPreviewable(evidence.contentType)) return 'download';
  return 'icon';
}

/** `1,5 MB`, `820 KB`, `900 B`: sizes for people, in their locale. */
export function formatBytes(bytes: number, intlLocale: string): string {
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(intlLocale, { maximumFractionDigits: digits }).format(value);
  if (bytes >= 1024 * 1024) return `${number(bytes / (1024 * 1024), 1)} MB`;
  if (bytes >= 1024) return `${number(bytes / 1024, 0)} KB`;
  return `${number(bytes, 0)} B`;
}

/** Percent of an upload sent, 0–100, whole. */
export function uploadPercent(loaded: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.floor((loaded / total) * 100)));
}
