import { sitePartnerViolations } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { Site, SiteFilter, SiteInput } from '../../store/site-store';
import type { Ports } from '../ports';
import { found, refuse } from '../refusal';

export type { Site, SiteFilter, SiteInput };

/** Whether a grant may see a site: a supervisor (pengawas lapangan) sees only their own sites. */
export const canSeeSite = (grant: Pick<OfficeGrant, 'siteIds'>, siteId: string) =>
  !grant.siteIds || grant.siteIds.includes(siteId);

/**
 * One work site with its occupancy per weekday, or not-found: a site of another office, or for a
 * supervisor any site not theirs, is as invisible as one that does not exist.
 */
export async function readSite(
  ports: Pick<Ports, 'sites'>,
  grant: OfficeGrant,
  siteId: string,
): Promise<Site> {
  const site = canSeeSite(grant, siteId) ? await ports.sites.get(grant.office.id, siteId) : undefined;
  return found(site, 'No such site in this office.');
}

/** A page of the office's sites by name (a supervisor: their own only), filtered by partner and active. */
export async function findSites(
  ports: Pick<Ports, 'sites'>,
  grant: OfficeGrant,
  page: SiteFilter & { limit: number; startKey?: Record<string, unknown> },
) {
  return grant.siteIds
    ? ports.sites.listAmong(grant.office.id, grant.siteIds, page)
    : ports.sites.list(grant.office.id, page);
}

/** SITE-PARTNER, refused as invalid input: the site's partner is not one of this office's. */
export const unknownPartner = () =>
  refuse.invalid(sitePartnerViolations(false), 'The site must belong to a partner of this office.');

/** Refuses (SITE-PARTNER) unless `partnerId` is a partner of the grant's office. */
export async function requirePartner(ports: Pick<Ports, 'partners'>, grant: OfficeGrant, partnerId: string) {
  if (!(await ports.partners.get(grant.office.id, partnerId))) throw unknownPartner();
}
