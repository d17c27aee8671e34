import { captureMoment, isOfficeTimeZone, photoPoint } from '../../domain';
import { readExif } from '../../evidence/exif';
import type { EvidenceRecord } from '../../store/evidence-store';
import type { EvidenceWorkerPorts } from './worker-ports';

/**
 * What the context checks of a piece of evidence are decided on (the domain's `contextOfEvidence`):
 * its session, the office's zone, EXIF from the first bytes and, for a photo with a position, the
 * session's site. A photo's position is its EXIF GPS first (EV-LOCATION); a location declared beside it
 * is compared with it (EV-LOCATION-MISMATCH), with or without a session. Nothing else when the evidence
 * names no session, or the session or office cannot be read: context only ever warns, so a missing
 * piece means no warning, never a refusal.
 */
export async function readEvidenceContext(
  ports: Pick<EvidenceWorkerPorts, 'evidence' | 'directory' | 'sites'>,
  record: EvidenceRecord,
  head: Buffer,
) {
  const declared = record.kind === 'photo' ? record.location : undefined;
  if (!record.sessionId && !declared) return {};
  const [session, office] = await Promise.all([
    record.sessionId
      ? ports.evidence.getSession(record.officeId, record.caseId, record.sessionId)
      : undefined,
    ports.directory.getOffice(record.officeId),
  ]);
  if (!office || !isOfficeTimeZone(office.timeZone)) return {};
  const zone = office.timeZone;
  const exif = record.contentType.startsWith('image/') ? await readExif(head, zone) : undefined;
  const point = photoPoint(record.kind, record.location, exif);
  const compared = declared ? { declared } : {};
  if (!session) return { point, ...compared };
  const site = point ? await ports.sites.get(record.officeId, session.siteId) : undefined;
  return {
    session,
    point,
    ...compared,
    ...(site ? { site: site.location } : {}),
    moment: captureMoment(exif, record.capturedAt, zone),
  };
}
