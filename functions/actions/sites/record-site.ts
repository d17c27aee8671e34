import { actorOf, type OfficeGrant } from '../../identity/grant';
import { PartnerMissing, SiteExists, type Site, type SiteInput } from '../../store/site-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { requirePartner, unknownPartner } from './queries';

/**
 * Records a work site of one of the office's partners, every weekday unoccupied. Refuses: invalid
 * (SITE-PARTNER: the partner is not the office's, checked again inside the write).
 */
export async function recordSite(
  ports: Pick<Ports, 'partners' | 'sites' | 'now'>,
  grant: OfficeGrant,
  input: SiteInput,
): Promise<Site> {
  await requirePartner(ports, grant, input.partnerId);
  const now = ports.now();
  try {
    return await ports.sites.create(grant.office.id, ports.sites.newId(now), input, actorOf(grant, now));
  } catch (error) {
    if (error instanceof PartnerMissing) throw unknownPartner();
    if (error instanceof SiteExists) throw refuse.conflict('A site with this id already exists.');
    throw error;
  }
}
