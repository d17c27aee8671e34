/**
 * The daftar hadir of a work site for a month (issue 14): the site's scheduled and fulfilled slots
 * there (ADR 0014), one row each, with the clients' names from their cases. One Query of the office's
 * slots over the month (gsi1, by date), one BatchGet of their cases, the partner and the issuer's name.
 */
import { buildAttendanceSheet, monthPeriod, type OfficialDocument } from '../../domain/documents';
import type { Site } from '../../store/site-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { officerOf } from './case-sources';
import type { DocumentFrame } from './document-frame';

export type SiteSourcePorts = Pick<Ports, 'slots' | 'cases' | 'partners' | 'users'>;

/** Where an attendance row's QR code leads: the case on the dashboard, its session form for that day. */
export const sessionFormUrl = (publicUrl: string, officeId: string, caseId: string, date: string) =>
  `${publicUrl}/o/${encodeURIComponent(officeId)}/cases/${encodeURIComponent(caseId)}?sesi=${date}`;

export async function attendanceSheet(
  ports: SiteSourcePorts,
  officeId: string,
  site: Site,
  input: { readonly month: string; readonly issuer: string },
  frame: DocumentFrame,
): Promise<{ model: OfficialDocument; period: string }> {
  const period = monthPeriod(input.month);
  const [slots, partner, officer] = await Promise.all([
    ports.slots.ofOfficeRange(officeId, period.from, period.to),
    ports.partners.get(officeId, site.partnerId),
    officerOf(ports, officeId, input.issuer),
  ]);
  if (!partner) throw refuse.notFound("The site's partner is no longer recorded.");
  const atSite = slots.filter((slot) => slot.siteId === site.id);
  const cases = new Map(
    (await ports.cases.getMany(officeId, [...new Set(atSite.map((slot) => slot.caseId))])).map((c) => [
      c.id,
      c,
    ]),
  );
  const model = buildAttendanceSheet({
    ...frame.numbered,
    letterhead: frame.settings.letterhead,
    officer,
    site: { id: site.id, name: site.name, address: site.address, partnerName: partner.name },
    from: period.from,
    until: period.to,
    // A sheet for children only is titled pelayanan masyarakat; a site with adults is kerja sosial.
    sentenceKind:
      cases.size > 0 && [...cases.values()].every((c) => c.sentence.kind === 'pelayanan_masyarakat')
        ? 'pelayanan_masyarakat'
        : 'kerja_sosial',
    slots: atSite.flatMap((slot) => {
      const record = cases.get(slot.caseId);
      return record
        ? [
            {
              ...slot,
              clientName: record.clientName,
              recordUrl: sessionFormUrl(frame.publicUrl, officeId, slot.caseId, slot.date),
            },
          ]
        : [];
    }),
  });
  return { model, period: input.month };
}
