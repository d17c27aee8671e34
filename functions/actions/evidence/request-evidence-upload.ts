import { checkEvidenceSession, validateEvidenceRequest, type EvidenceKind } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import { actorOf } from '../../identity/grant';
import type { EvidenceRecord } from '../../store/evidence-store';
import type { UploadTarget } from '../../store/evidence-objects';
import { loadVisibleCase } from '../cases/visible-case';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { UPLOAD_URL_SECONDS } from './queries';

export interface EvidenceUploadInput {
  readonly caseId: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  /** Hex, either case. */
  readonly sha256: string;
  readonly kind: EvidenceKind;
  readonly sessionId?: string;
  /** An ISO-8601 instant with offset. */
  readonly capturedAt?: string;
  readonly location?: { readonly lat: number; readonly lng: number; readonly accuracyMeters?: number };
  /** Taken without signal and sent later by the field app (ADR 0024). */
  readonly recordedOffline?: boolean;
}

export interface EvidenceUpload {
  readonly record: EvidenceRecord;
  readonly upload: UploadTarget & { readonly expiresAt: string };
}

/**
 * Requests an evidence upload: a `pending` record and a presigned PUT for exactly the declared bytes.
 * The record comes first, so that whenever bytes arrive the verifier finds what they must match.
 * @throws Refusal not-found (no such case for the caller); invalid (EV-TYPE, EV-SIZE: refused before
 *   any URL exists; EV-SESSION: a session not of this case, or a supervisor's not at their site)
 */
export async function requestEvidenceUpload(
  ports: Ports,
  grant: OfficeGrant,
  input: EvidenceUploadInput,
): Promise<EvidenceUpload> {
  const visible = await loadVisibleCase(ports, grant, input.caseId);
  const checked = validateEvidenceRequest(input, ports.evidenceSettings);
  if (!checked.ok) throw refuse.invalid(checked.violations, 'This file cannot be uploaded as evidence.');
  const session = input.sessionId
    ? await ports.evidence.getSession(grant.office.id, visible.id, input.sessionId)
    : undefined;
  const sessionViolations = checkEvidenceSession({
    sessionId: input.sessionId,
    session,
    supervisorSiteIds: grant.siteIds,
  });
  if (sessionViolations.length > 0) throw refuse.invalid(sessionViolations);

  const now = ports.now();
  const sha256 = input.sha256.toLowerCase();
  const record = await ports.evidence.requestUpload(
    {
      officeId: grant.office.id,
      caseId: visible.id,
      kind: input.kind,
      ...(session ? { sessionId: session.id, siteId: session.siteId } : {}),
      fileName: input.fileName,
      contentType: checked.value.contentType,
      sizeBytes: input.sizeBytes,
      sha256,
      ...(input.capturedAt ? { capturedAt: new Date(input.capturedAt).toISOString() } : {}),
      ...(input.location ? { location: input.location } : {}),
      ...(input.recordedOffline ? { recordedOffline: true as const } : {}),
      uploadedBy: actorOf(grant, now).actor,
      uploadUrlSeconds: UPLOAD_URL_SECONDS,
    },
    actorOf(grant, now),
  );
  const upload = await ports.evidenceObjects.presignUpload({
    key: record.objectKey,
    contentType: record.contentType,
    sizeBytes: record.sizeBytes,
    sha256Base64: Buffer.from(sha256, 'hex').toString('base64'),
    expiresInSeconds: UPLOAD_URL_SECONDS,
  });
  return { record, upload: { ...upload, expiresAt: record.uploadUrlExpiresAt } };
}
