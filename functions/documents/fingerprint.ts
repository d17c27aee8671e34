/**
 * A document's content fingerprint: the SHA-256 of its model in a canonical JSON form (keys sorted).
 *
 * A PDF cannot print its own file hash (the hash would change the file), so the paper carries this one,
 * shortened; the verification page shows it next to the stored file's SHA-256. Rendering is
 * deterministic (render-pdf.ts), so one model gives one file: the fingerprint on the paper and the file
 * hash on the page vouch for each other. ADR 0015.
 */
import { createHash } from 'node:crypto';
import type { OfficialDocument } from '../domain/documents';

/** JSON with object keys in sorted order, so the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The SHA-256 (hex) of the document's canonical content. */
export const contentFingerprint = (document: OfficialDocument): string =>
  createHash('sha256').update(canonicalJson(document)).digest('hex');

/** The first 16 hex digits in groups of four, as printed beside the QR code: `1a2b 3c4d 5e6f 7a8b`. */
export const shortFingerprint = (fingerprint: string): string =>
  (fingerprint.slice(0, 16).match(/.{4}/g) ?? []).join(' ');

/** The SHA-256 (hex) of a file's bytes, as stored with the object and shown on the verification page. */
export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
