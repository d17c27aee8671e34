import { capacityViolations, occupancyByIsoWeekday, Rule, violation } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { Site } from '../../store/site-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';

/**
 * A request naming a site that is not this office's, or whose partner is not: a wrong reference rather
 * than a broken rule, so the violation names the field and no rule id (as the API always answered).
 */
const wrongSite = (message: string) =>
  refuse.invalid([{ path: 'siteId', message }], 'The request has invalid fields.');

/** The site a placement names and its partner, both of this office; refuses invalid otherwise. */
export async function loadSiteOfPlacement(
  ports: Pick<Ports, 'sites' | 'partners'>,
  grant: OfficeGrant,
  siteId: string,
) {
  const site = await ports.sites.get(grant.office.id, siteId);
  if (!site) throw wrongSite('No such site in this office.');
  const partner = await ports.partners.get(grant.office.id, site.partnerId);
  if (!partner) throw wrongSite("The site's partner is not a partner of this office.");
  return { site, partner };
}

/** No free place at the site on some of the weekdays: a conflict with its current state (PL-CAPACITY). */
export const siteFull = (site: Site, weekdays: readonly number[]) =>
  refuse.conflict(
    'The site has no free place on some of these weekdays.',
    capacityViolations(weekdays, {
      capacity: site.capacity,
      occupancyByWeekday: occupancyByIsoWeekday(site.occupancy),
    }),
  );

/**
 * Why the site refused a placement decided on an older read of it, from a fresh read: it was
 * deactivated (PL-SITE-ACTIVE), or its last places went to concurrent placements (PL-CAPACITY).
 */
export async function siteRefusal(
  ports: Pick<Ports, 'sites' | 'partners'>,
  grant: OfficeGrant,
  siteId: string,
  weekdays: readonly number[],
) {
  const { site } = await loadSiteOfPlacement(ports, grant, siteId);
  return site.active
    ? siteFull(site, weekdays)
    : refuse.conflict('The site was deactivated meanwhile.', [
        violation(Rule.PL_SITE_ACTIVE, 'siteId', 'The site is not active.'),
      ]);
}

/** What a placement or its end answers when the case or the site kept changing while it ran. */
export const PLACEMENT_RACE = 'The case or the site changed while this request ran; try again.';
