/**
 * Asking the API for an upload URL: the `POST …/evidence` body from the chosen file and what is known
 * of it, and when a URL received earlier is too old to start a PUT with.
 */
import type { GeoFix } from './evidence-location';
import { declaredType } from './evidence';
import type { CreateEvidenceBody, EvidenceKind, EvidenceUploadTicket } from './api-types';

export interface UploadRequest {
  readonly file: File;
  readonly kind: EvidenceKind;
  readonly sessionId?: string | undefined;
  /** ISO instant the photo was taken, if known. */
  readonly capturedAt?: string | undefined;
  /** Where the device is, asked for while the file is hashed; resolves undefined when unknown. */
  readonly locate?: (() => Promise<GeoFix | undefined>) | undefined;
}

/** The request body for an upload URL; optional parts are left out rather than sent empty. */
export function evidenceBody(
  request: UploadRequest,
  sha256: string,
  location: GeoFix | null | undefined,
): CreateEvidenceBody {
  return {
    fileName: request.file.name || 'foto.jpg',
    contentType: declaredType(request.file),
    sizeBytes: request.file.size,
    sha256,
    kind: request.kind,
    ...(request.sessionId ? { sessionId: request.sessionId } : {}),
    ...(request.capturedAt ? { capturedAt: request.capturedAt } : {}),
    ...(location
      ? {
          location: {
            lat: location.lat,
            lng: location.lng,
            ...(location.accuracyMeters !== undefined ? { accuracyMeters: location.accuracyMeters } : {}),
          },
        }
      : {}),
  };
}

/** An upload URL this close to its expiry is not worth starting a PUT with: ask for a new one. */
export const TICKET_MARGIN_MS = 30_000;
/** The longest an upload URL lives (the API's 15 minutes). */
export const TICKET_MAX_MS = 15 * 60_000;

/**
 * Whether an upload URL received at `receivedAt` (the device's clock) is too close to its end at `now`.
 * Its lifetime is read from `expiresAt` against the moment it arrived, so a device clock that is off
 * by minutes neither keeps a dead URL nor discards every fresh one; an implausible lifetime counts as
 * the API's 15 minutes.
 */
export function ticketExpired(
  ticket: EvidenceUploadTicket,
  receivedAt: number,
  now: number,
  marginMs = TICKET_MARGIN_MS,
): boolean {
  const lifetime = Date.parse(ticket.upload.expiresAt) - receivedAt;
  const usable =
    Number.isFinite(lifetime) && lifetime > marginMs ? Math.min(lifetime, TICKET_MAX_MS) : TICKET_MAX_MS;
  return now >= receivedAt + usable - marginMs;
}
